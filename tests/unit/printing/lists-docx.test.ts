import { beforeAll, describe, expect, it } from 'vitest'
import type { FileDownload } from '@shared/audit/schemas'
import { tempApp } from '../helpers/temp-app'
import { SCREENED } from '../helpers/health'
import { MM, compareRenderings, docxToPdf } from '../helpers/docx-compare'

/** A settable clock for the main process. */
function clock(start: string) {
  let now = Date.parse(start)
  return { now: () => now, set: (iso: string) => (now = Date.parse(iso)) }
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi']
const GIVEN = ['Văn An', 'Thị Bình', 'Minh Châu', 'Thu Hằng', 'Quốc Dũng', 'Ngọc Lan', 'Hữu Tài', 'Thị Hoa']
const nameOf = (i: number) => `${FAMILY[i % FAMILY.length]} ${GIVEN[(i * 3) % GIVEN.length]}`
const at = (minutes: number) =>
  `2026-11-23T${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00+07:00`

/** A busy desk day: 36 visitors (a table over two landscape pages), two refused at the gate. */
async function dayList() {
  const time = clock(at(0))
  const app = await tempApp(undefined, time.now)
  app.sessions.idleMinutes = 1_000_000
  const vp = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id
  const cc = (
    await app.ok('units:create', { code: 'CC', name: 'Phòng Hành chính tư pháp', kindCode: 'department' })
  ).id
  for (let i = 0; i < 36; i++) {
    time.set(at(i * 12))
    const refused = i % 17 === 5
    const visit = await app.ok('visits:checkIn', {
      visitor: {
        fullName: nameOf(i),
        idType: 'cccd',
        idNumber: `0920990${String(10000 + i)}`,
        dateOfBirth: `19${60 + i}-0${(i % 9) + 1}-15`,
        gender: i % 2 ? 'female' : 'male',
        phone: `0912 345 ${String(100 + i)}`,
        address: `Số ${i + 1} đường 30/4, phường Xuân Khánh, quận Ninh Kiều`,
        organisation: i % 3 ? 'Công ty Luật Đông Á' : null,
      },
      hostUnitId: i % 2 ? vp : cc,
      purpose: 'Nộp hồ sơ công chứng',
      health: refused ? { ...SCREENED, temperature: 38.2 } : SCREENED,
      ...(refused ? { confirmRefusal: true } : {}),
    })
    if (!refused && i % 4 === 0) {
      time.set(at(i * 12 + 9))
      await app.ok('visits:checkOut', { id: visit.id })
    }
  }
  time.set('2026-11-23T17:00:00+07:00')
  const q = { from: '2026-11-23', to: '2026-11-23' }
  return { pdf: await app.ok('visits:dayListPdf', q), docx: await app.ok('visits:dayListDocx', q), app }
}

const FIGURES = {
  staffTotal: 20,
  atOffice: 15,
  workingFromHome: 3,
  onLeave: 2,
  f0: 0,
  f1: 1,
  f2: 2,
  dose1: 20,
  dose2: 18,
  booster: 5,
  reporterName: 'Trần Thị Bình',
}

/** 24 units: most report (some late, with measures and difficulties), three do not; an ad-hoc report. */
async function daySummary() {
  const time = clock('2026-11-16T08:00:00+07:00')
  const app = await tempApp(undefined, time.now)
  app.sessions.idleMinutes = 1_000_000
  for (let i = 0; i < 24; i++) {
    const unit = await app.ok('units:create', {
      code: `DV${i}`,
      name: i ? `Phòng công chứng số ${i}` : 'Văn phòng Sở',
      kindCode: 'department',
    })
    if (i % 8 === 7) continue
    time.set(
      i % 5 === 4
        ? '2026-11-16T15:40:00+07:00'
        : `2026-11-16T${String(8 + (i % 6)).padStart(2, '0')}:15:00+07:00`,
    )
    await app.ok('dailyReports:submit', {
      unitId: unit.id,
      ...FIGURES,
      f0: i % 6 === 0 ? 1 : 0,
      measures: i % 3 ? 'Đo thân nhiệt, khai báo y tế tại cổng; phun khử khuẩn phòng làm việc' : null,
      issues: i % 4 === 1 ? 'Thiếu khẩu trang y tế và nước rửa tay' : null,
    })
  }
  time.set('2026-11-16T16:30:00+07:00')
  await app.ok('dailyReports:submitAdhoc', {
    unitId: 1,
    subject: 'Phát hiện F1',
    content: 'Một công chức là F1, đã cách ly tại nhà',
    f1: 1,
    reporterName: 'Trần Thị Bình',
  })
  const q = { date: '2026-11-16' }
  return {
    pdf: await app.ok('dailyReports:summaryPdf', q),
    docx: await app.ok('dailyReports:summaryDocx', q),
    app,
  }
}

/** A round with 40 registrations from two units: the consolidated list over two landscape pages. */
async function vaccineList() {
  const app = await tempApp()
  const units = [
    (await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })).id,
    (await app.ok('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })).id,
  ]
  const round = (
    await app.ok('vaccineRounds:save', { name: 'Đợt 1', openedOn: '2021-07-01', deadline: '2099-12-31' })
  ).id
  for (let i = 0; i < 40; i++) {
    const staff = await app.ok('staff:create', {
      unitId: units[i % 2]!,
      fullName: nameOf(i),
      idNumber: `0011990${String(10000 + i)}`,
      dateOfBirth: `19${60 + i}-04-12`,
      gender: i % 2 ? 'female' : 'male',
      category: 'cong_chuc',
    })
    await app.ok('vaccinations:create', {
      roundId: round,
      staffId: staff.id,
      dose: 1,
      vaccineId: (i % 3) + 1,
      priorityGroupId: (i % 9) + 1,
    })
  }
  const q = { roundId: round }
  return {
    pdf: await app.ok('vaccinations:exportPdf', q),
    docx: await app.ok('vaccinations:exportDocx', q),
    app,
  }
}

const LISTS = {
  'visitor day list': dayList,
  'day summary (daily reports)': daySummary,
  'vaccine registration list': vaccineList,
}

describe('lists in Word (.docx), compared with their PDFs through LibreOffice', () => {
  const built = {} as Record<
    keyof typeof LISTS,
    { pdf: FileDownload; docx: FileDownload; word: Buffer; audit: string[] }
  >

  beforeAll(async () => {
    const files = await Promise.all(
      Object.values(LISTS).map(async (make) => {
        const { pdf, docx, app } = await make()
        const trail = await app.ok('audit:list', { pageSize: 5 })
        return { pdf, docx, audit: trail.items.map((l) => l.route) }
      }),
    )
    // One LibreOffice run for the three files.
    const printed = docxToPdf(files.map((f) => f.docx))
    Object.keys(LISTS).forEach(
      (name, i) => (built[name as keyof typeof LISTS] = { ...files[i]!, word: printed[i]! }),
    )
  }, 180_000)

  for (const name of Object.keys(LISTS) as Array<keyof typeof LISTS>)
    it(`${name}: same pages, same words in the same order, margins within 1 mm; the export is audited`, () => {
      const { pdf, docx, word, audit } = built[name]
      expect(docx.fileName).toBe(pdf.fileName.replace(/\.pdf$/, '.docx'))
      const c = compareRenderings(pdf, word)
      // The table runs onto a second page, its header row repeated there.
      expect(c.pdf.pages).toBeGreaterThanOrEqual(2)
      expect(c.word.pages).toBe(c.pdf.pages)
      expect(c.word.words).toEqual(c.pdf.words)
      expect(c.word.lines).toEqual(c.pdf.lines)
      expect(c.word.numbers).toEqual(c.pdf.numbers)
      expect(c.leftGap).toBeLessThanOrEqual(MM)
      expect(c.topGap).toBeLessThanOrEqual(MM)
      expect(audit[0]).toMatch(/Docx$/)
    })
})
