import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FileDownload } from '@shared/audit/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { MM, compareRenderings, docxToPdf } from '../helpers/docx-compare'

const ITEM_NOTE =
  'Đơn vị đã ban hành văn bản triển khai, lưu đầy đủ hồ sơ theo quy định của Kế hoạch số 1023/KH-STP.'

/** Minutes of a notary office with every section filled, on three pages; a draft or finalised. */
async function minutes(app: TempApp, finalise: boolean) {
  const unit = await app.ok('units:create', {
    code: `VPCC-${finalise ? 'A' : 'B'}`,
    name: 'Văn phòng công chứng Nguyễn Thị Bích Liên',
    kindCode: 'notary_office',
  })
  const draft = await app.ok('inspections:create', {
    unitId: unit.id,
    kind: 'inspection',
    unannounced: true,
    date: '2021-11-15',
    startTime: '08:30',
    endTime: '10:30',
    location: 'Trụ sở Văn phòng công chứng, số 12 đường 30/4, quận Ninh Kiều',
    team: [
      { role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' },
      { role: 'member', fullName: 'Nguyễn Thị Thu Hằng', title: 'Chánh Văn phòng' },
      { role: 'secretary', fullName: 'Lê Thị Hoa', title: 'Chuyên viên' },
    ],
    representatives: [{ fullName: 'Nguyễn Thị Bích Liên', title: 'Trưởng Văn phòng' }],
  })
  await app.ok('inspections:update', {
    ...draft,
    items: draft.items.map((x, i) => ({
      id: x.id,
      result: i === 8 ? ('fail' as const) : ('pass' as const),
      severity: i === 8 ? ('fix' as const) : null,
      note: i % 2 ? ITEM_NOTE : null,
    })),
    strengths: 'Đơn vị triển khai kịp thời các văn bản chỉ đạo; bố trí khu vực đo thân nhiệt tại cổng.',
    shortcomings: 'Chưa tổ chức test nhanh theo mẫu gộp hằng tuần.',
    violations: [
      {
        offenderKind: 'person',
        offender: 'Ông Phạm Văn Tài, nhân viên bảo vệ',
        description: 'Không đeo khẩu trang khi tiếp khách',
        handling: 'Nhắc nhở',
        handlingState: 'decided',
      },
    ],
    recommendations: [
      {
        content: 'Tổ chức test nhanh theo mẫu gộp hằng tuần',
        ownerName: 'Văn phòng công chứng',
        dueDate: '2021-12-15',
      },
    ],
    conclusion: 'Đơn vị cơ bản thực hiện tốt công tác phòng, chống dịch COVID-19.',
  })
  if (finalise) {
    // A photo: the appendix on a page of its own, the picture scaled as the PDF scales it.
    await app.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      caption: 'Tủ thuốc tại phòng tiếp dân',
      fileName: 'tu-thuoc.png',
      base64: readFileSync(resolve(__dirname, '../../../docs/images/unit-picker.png')).toString('base64'),
    })
    await app.ok('inspections:finalise', { id: draft.id })
  }
  return draft.id
}

async function planWithReport(app: TempApp) {
  const unit = await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  const plan = await app.ok('plans:create', {
    number: 1023,
    symbol: 'KH-STP',
    issuedOn: '2021-11-01',
    title: 'kiểm tra công tác phòng, chống dịch COVID-19',
    kind: 'inspection',
    periodFrom: '2021-11-01',
    unitIds: [unit.id],
    targets: [{ label: '100% phòng thuộc Sở', kindCode: 'department', percent: 100 }],
    team: [{ role: 'head', fullName: 'Trần Văn Minh' }],
  })
  const draft = await app.ok('inspections:create', {
    planId: plan.id,
    unitId: unit.id,
    kind: 'inspection',
    date: '2021-11-20',
    startTime: '14:00',
    team: [{ role: 'head', fullName: 'Trần Văn Minh' }],
  })
  await app.ok('inspections:update', {
    ...draft,
    items: draft.items.map((x) => ({ id: x.id, result: 'pass' as const })),
    recommendations: [{ content: 'Cập nhật lịch trực', ownerName: 'Văn phòng Sở', dueDate: '2021-12-01' }],
  })
  await app.ok('inspections:finalise', { id: draft.id })
  return plan.id
}

interface Pair {
  pdf: FileDownload
  docx: FileDownload
  word?: Buffer
}

describe('minutes and plan report in Word (.docx), compared with their PDFs through LibreOffice', () => {
  const pairs: Record<'final' | 'draft' | 'report', Pair> = {} as never

  beforeAll(async () => {
    const app = await tempApp()
    const final = await minutes(app, true)
    const draft = await minutes(app, false)
    const plan = await planWithReport(app)
    pairs.final = {
      pdf: await app.ok('inspections:minutesPdf', { id: final }),
      docx: await app.ok('inspections:minutesDocx', { id: final }),
    }
    pairs.draft = {
      pdf: await app.ok('inspections:minutesPdf', { id: draft }),
      docx: await app.ok('inspections:minutesDocx', { id: draft }),
    }
    pairs.report = {
      pdf: await app.ok('plans:reportPdf', { id: plan }),
      docx: await app.ok('plans:reportDocx', { id: plan }),
    }
    // One LibreOffice run for the three files.
    const printed = docxToPdf(Object.values(pairs).map((p) => p.docx))
    Object.values(pairs).forEach((p, i) => (p.word = printed[i]))
  }, 120_000)

  for (const [name, label] of [
    ['final', 'finalised minutes'],
    ['draft', 'draft minutes'],
    ['report', 'plan report'],
  ] as const)
    it(`${label}: same pages, same words in the same order, margins within 1 mm`, () => {
      const { docx, pdf, word } = pairs[name]
      expect(docx.fileName).toBe(pdf.fileName.replace(/\.pdf$/, '.docx'))
      expect(docx.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      const c = compareRenderings(pdf, word!)
      expect(c.word.pages).toBe(c.pdf.pages)
      expect(c.word.words).toEqual(c.pdf.words)
      expect(c.word.lines).toEqual(c.pdf.lines)
      expect(c.word.numbers).toEqual(c.pdf.numbers)
      expect(c.word.numbers).toEqual(c.word.numbers.map((_, i) => (i ? String(i + 1) : '')))
      expect(c.leftGap).toBeLessThanOrEqual(MM)
      expect(c.topGap).toBeLessThanOrEqual(MM)
    })

  it('a draft keeps DỰ THẢO on every page and the blank number; finalised minutes are numbered, without it', () => {
    const draft = compareRenderings(pairs.draft.pdf, pairs.draft.word!)
    const final = compareRenderings(pairs.final.pdf, pairs.final.word!)
    // The PDF's turned watermark reads back as its letters' outlines; every page has it.
    expect(draft.pdf.marks.every(Boolean)).toBe(true)
    expect(draft.word.marks).toEqual(Array(draft.word.pages).fill('DỰ THẢO'))
    expect(draft.word.words.join(' ')).toMatch(/Số: \/BB-STP/)
    expect(final.pdf.marks.every((m) => !m)).toBe(true)
    expect(final.word.marks).toEqual(Array(final.word.pages).fill(''))
    expect(final.word.words.join(' ')).toContain('Số: 01/BB-STP')
  })
})
