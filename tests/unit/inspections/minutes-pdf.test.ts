import { describe, expect, it } from 'vitest'
import type { RouteInput } from '@shared/contract'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { inspectPdf, wordsOfPage } from '../helpers/pdf'
import { DEFAULT_AGENCY_SETTINGS } from '@shared/settings/schemas'
import { NAME_LINE, officialDocument, paragraph } from '@main/printing/official-document'
import { inSentence } from '@main/inspections/minutes'
import { renderPdf } from '@main/printing/pdf'

const MM = 72 / 25.4
const A4 = { width: 595.28, height: 841.89 }
/** Nghị định 30/2020: top 20 mm, bottom 20 mm, left 30 mm, right 15 mm. */
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM }
const VIETNAMESE = 'Đã kiểm tra sổ theo dõi: ăâđêôơư ĂÂĐÊÔƠƯ ằẳẵắặ ầẩẫấậ ềểễếệ ồổỗốộ ờởỡớợ ừửữứự ỳỷỹýỵ'
/** Each Vietnamese vowel with each of the five tone marks (huyền, sắc, hỏi, ngã, nặng), a word per vowel. */
const TONED_LETTERS = [...'aăâeêioôơuưy']
  .map((v) =>
    ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'].map((t) => (v + t).normalize('NFC')).join(''),
  )
  .join(' ')
/** The plain vowels too, in both cases, and đ. */
const ALL_LETTERS = `aăâeêioôơuưy ${TONED_LETTERS} đ ${TONED_LETTERS.toUpperCase()} AĂÂEÊIOÔƠUƯY Đ`
const SENTENCES = [
  'Tủ thuốc có đủ thuốc hạ sốt, khẩu trang y tế và nước rửa tay.',
  'Đơn vị đã ghi sổ theo dõi khách đến liên hệ công tác.',
  'Người lao động khai báo y tế hằng ngày trước giờ làm việc.',
  'Ủy ban nhân dân phường kiểm tra đột xuất vào buổi chiều.',
  'Kết quả xét nghiệm nhanh kháng nguyên: âm tính; mẫu gộp 3–5% số người.',
  'Chưa đạt (mức độ: cần khắc phục). Thời hạn: 15/12/2021 — Giám đốc Sở.',
]

interface Variant {
  unitName?: string
  unannounced?: boolean
  /** Fields of the update that differ from the usual minutes. */
  change?: Partial<RouteInput<'inspections:update'>>
}

async function minutes(app: TempApp, finalise: boolean, variant: Variant = {}) {
  const unit = await app.ok('units:create', {
    code: 'VPCC-NTBL',
    name: variant.unitName ?? 'Văn phòng công chứng Nguyễn Thị Bích Liên',
    kindCode: 'notary_office',
  })
  const draft = await app.ok('inspections:create', {
    unitId: unit.id,
    kind: 'inspection',
    unannounced: variant.unannounced ?? true,
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
  const input: RouteInput<'inspections:update'> = {
    ...draft,
    items: draft.items.map((x, i) => ({
      id: x.id,
      result: i === 8 ? 'fail' : 'pass',
      severity: i === 8 ? 'fix' : null,
      note:
        i === 0
          ? VIETNAMESE
          : i % 2
            ? 'Đơn vị đã ban hành văn bản triển khai, lưu đầy đủ hồ sơ theo quy định.'
            : null,
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
    ...variant.change,
  }
  const saved = await app.ok('inspections:update', input)
  const printed = finalise ? await app.ok('inspections:finalise', { id: saved.id }) : saved
  const file = await app.ok('inspections:minutesPdf', { id: saved.id })
  return { inspection: printed, file, pdf: inspectPdf(Buffer.from(file.base64, 'base64')) }
}

/** Words of the running text: the page number in the top margin and the watermark's big letters left out. */
const bodyWords = (bbox: string, page: number) =>
  wordsOfPage(bbox, page).filter((w) => w.yMin >= MARGIN.top - 3 && w.yMax - w.yMin < 20)

describe('printed minutes (biên bản)', () => {
  it('follow the official format: A4, header, number, date line, Mẫu 1.9 order, every item, signatures', async () => {
    const app = await tempApp()
    const { inspection, file, pdf } = await minutes(app, true)
    expect(file.fileName).toBe('bien-ban-1-2021.pdf')
    // The running text without the page numbers that the page breaks put in it.
    const text = pdf.plain
      .split('\n')
      .filter((line) => !/^\s*\d+\s*$/.test(line))
      .join(' ')
      .replace(/\s+/g, ' ')
    expect(Math.abs(pdf.width - A4.width)).toBeLessThan(0.5)
    expect(Math.abs(pdf.height - A4.height)).toBeLessThan(0.5)
    expect(pdf.pages).toBeGreaterThanOrEqual(2)
    for (const expected of [
      'UBND THÀNH PHỐ CẦN THƠ',
      'SỞ TƯ PHÁP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 01/BB-STP',
      'Cần Thơ, ngày 15 tháng 11 năm 2021',
      'BIÊN BẢN',
      'Kiểm tra đột xuất công tác phòng, chống dịch COVID-19 tại Văn phòng công chứng Nguyễn Thị Bích Liên',
      '1. Thời gian bắt đầu: 08 giờ 30 phút, ngày 15 tháng 11 năm 2021.',
      '2. Địa điểm:',
      '3. Thành phần tham dự:',
      'Trưởng đoàn: Trần Văn Minh, Phó Giám đốc Sở',
      'Nguyễn Thị Bích Liên, Trưởng Văn phòng',
      '4. Chủ trì: Trần Văn Minh, Trưởng đoàn.',
      '5. Thư ký: Lê Thị Hoa.',
      '6. Nội dung:',
      'Kết quả: Chưa đạt (mức độ: cần khắc phục)',
      'Tỷ lệ nội dung đạt: 92,9% (13/14 nội dung áp dụng).',
      'Ông Phạm Văn Tài, nhân viên bảo vệ (cá nhân): Không đeo khẩu trang khi tiếp khách.',
      'Tổ chức test nhanh theo mẫu gộp hằng tuần. Đơn vị thực hiện: Văn phòng công chứng. Thời hạn: 15/12/2021.',
      'Biên bản kết thúc vào hồi 10 giờ 30 phút cùng ngày, đã được đọc lại cho các thành viên cùng nghe, thống nhất và ký tên.',
      'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA',
      'TRƯỞNG ĐOÀN',
      'THƯ KÝ',
      'Nơi nhận:',
      '- Lưu: VT, Hồ sơ.',
    ])
      expect(text).toContain(expected)
    for (const item of inspection.items) expect(text).toContain(item.text)
    // Mẫu 1.9 order.
    const order = [
      '1. Thời gian bắt đầu',
      '2. Địa điểm',
      '3. Thành phần',
      '4. Chủ trì',
      '5. Thư ký',
      '6. Nội dung',
      'Ưu điểm',
    ]
    const at = order.map((s) => text.indexOf(s))
    expect([...at].sort((a, b) => a - b)).toEqual(at)
    // "Số:" and the date line share a line.
    expect(
      pdf
        .text(1)
        .split('\n')
        .find((l) => l.includes('Số: 01/BB-STP')),
    ).toContain('ngày 15 tháng 11 năm 2021')
    // Vietnamese round-trips exactly: Tinos embedded, no glyph lost.
    expect(text).toContain(VIETNAMESE)
    expect(pdf.fonts).toMatch(/Tinos/)
    expect(pdf.fonts).not.toMatch(/Helvetica|Times-Roman/)
    // A finalised one carries no watermark.
    expect(pdf.bbox).not.toContain('Ự')
  })

  it('keeps the decree margins within 1 mm, measured from where the text stands', async () => {
    const app = await tempApp()
    const { pdf } = await minutes(app, true)
    const pages = Array.from({ length: pdf.pages }, (_, i) => bodyWords(pdf.bbox, i + 1))
    const all = pages.flat()
    // Left: lines that do not start a paragraph begin at the margin; nothing starts before it.
    expect(Math.abs(Math.min(...all.map((w) => w.xMin)) - MARGIN.left)).toBeLessThanOrEqual(MM)
    // Right: justified lines end at the margin; nothing runs past it.
    expect(Math.abs(Math.max(...all.map((w) => w.xMax)) - (A4.width - MARGIN.right))).toBeLessThanOrEqual(MM)
    // Top: the first line of each page starts at the margin (glyph tops sit just under the line top).
    for (const words of pages)
      expect(Math.abs(Math.min(...words.map((w) => w.yMin)) - MARGIN.top)).toBeLessThanOrEqual(MM)
    // Bottom: a full page's last line ends above the margin, less than a line and a paragraph gap from it.
    const page1Bottom = Math.max(...pages[0]!.map((w) => w.yMax))
    expect(page1Bottom).toBeLessThanOrEqual(A4.height - MARGIN.bottom + MM)
    expect(page1Bottom).toBeGreaterThan(A4.height - MARGIN.bottom - 13 * 1.15 - 6 - MM)
  })

  it('numbers pages from page 2, centred in the top margin; page 1 has none', async () => {
    const app = await tempApp()
    const { pdf } = await minutes(app, true)
    const inTopMargin = (page: number) =>
      wordsOfPage(pdf.bbox, page).filter((w) => w.yMax < MARGIN.top && w.yMax - w.yMin < 20)
    expect(inTopMargin(1)).toEqual([])
    const number = inTopMargin(2)
    expect(number.map((w) => w.text)).toEqual(['2'])
    const centre = (MARGIN.left + A4.width - MARGIN.right) / 2
    expect(Math.abs((number[0]!.xMin + number[0]!.xMax) / 2 - centre)).toBeLessThanOrEqual(MM)
  })

  it('prints a draft with a DỰ THẢO watermark and a blank number', async () => {
    const app = await tempApp()
    const { file, pdf } = await minutes(app, false)
    expect(file.fileName).toMatch(/^du-thao-bien-ban-\d+\.pdf$/)
    expect(pdf.bbox).toContain('Ự')
    expect(pdf.text(1)).toMatch(/Số:\s+\/BB-STP/)
  })

  it('prints the plan report with per-unit results, targets and recommendations', async () => {
    const app = await tempApp()
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
    const file = await app.ok('plans:reportPdf', { id: plan.id })
    const pdf = inspectPdf(Buffer.from(file.base64, 'base64'))
    const text = pdf.plain.replace(/\s+/g, ' ')
    for (const expected of [
      'BÁO CÁO',
      'Kết quả kiểm tra theo Kế hoạch số 1023/KH-STP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Văn phòng Sở',
      '01/BB-STP',
      '100%',
      'Cập nhật lịch trực',
      'Chưa thực hiện',
      'TRƯỞNG ĐOÀN',
    ])
      expect(text).toContain(expected)
    expect([pdf.width, pdf.height]).toEqual([A4.width, A4.height])
  })

  it('builds documents one after another and side by side, each with its own exact text layer', async () => {
    // Every document opens its own font objects over tables decoded once (parsed-fonts.ts). A
    // glyph remembers the code points of its first use, and the text layer is made of them: a
    // document whose accented letters meet "u" only as part of "ú" must not cost a later one its "u"s.
    const doc = (n: number, lines: string[]) =>
      officialDocument({
        agency: DEFAULT_AGENCY_SETTINGS,
        date: new Date('2021-11-15T03:00:00Z'),
        title: 'BIÊN BẢN',
        subject: `Văn bản số ${n}`,
        // Regular, bold, italic, bold italic in turn.
        content: lines.map((line, i) => ({
          stack: [paragraph(line)],
          bold: i % 2 === 1,
          italics: i % 4 >= 2,
        })),
      })
    const expected = new Map<number, string[]>([
      [1, [TONED_LETTERS, TONED_LETTERS.toUpperCase(), TONED_LETTERS, TONED_LETTERS.toUpperCase()]],
      ...SENTENCES.map((_, k): [number, string[]] => [
        k + 2,
        SENTENCES.map((__, i) => SENTENCES[(k + i) % SENTENCES.length]!).concat(ALL_LETTERS),
      ]),
    ])
    const build = (n: number) => renderPdf(doc(n, expected.get(n)!))
    const built = new Map<number, Buffer>()
    for (const n of [1, 2, 3]) built.set(n, await build(n))
    const side = [4, 5, 6, 7]
    for (const [i, bytes] of (await Promise.all(side.map(build))).entries()) built.set(side[i]!, bytes)
    expect(built.size).toBe(expected.size)
    for (const [n, bytes] of built) {
      const pdf = inspectPdf(bytes)
      const text = pdf.plain.replace(/\s+/g, ' ')
      expect(text).toContain(`Văn bản số ${n}`)
      for (const line of expected.get(n)!) expect(text).toContain(line)
      expect(pdf.fonts.match(/Tinos-[A-Za-z]+/g)?.sort()).toEqual([
        'Tinos-Bold',
        'Tinos-BoldItalic',
        'Tinos-Italic',
        'Tinos-Regular',
      ])
    }
  })

  it('makes the same bytes of a document whatever was built before it or beside it', async () => {
    const doc = (n: number) => ({
      ...officialDocument({
        agency: DEFAULT_AGENCY_SETTINGS,
        date: new Date('2021-11-15T03:00:00Z'),
        title: 'BIÊN BẢN',
        content: [
          paragraph(SENTENCES[n % SENTENCES.length]!),
          { text: ALL_LETTERS, bold: true, italics: true },
        ],
      }),
      info: { title: `Văn bản số ${n}`, creationDate: new Date('2021-11-15T03:00:00Z') },
    })
    const first = await renderPdf(doc(0))
    for (const n of [1, 2, 3]) await renderPdf(doc(n))
    const [, again] = await Promise.all([renderPdf(doc(4)), renderPdf(doc(0)), renderPdf(doc(5))])
    expect(again!.equals(first)).toBe(true)
  })
})

/** The running text on one line: page numbers left out, white space collapsed. */
const running = (pdf: ReturnType<typeof inspectPdf>) =>
  pdf.plain
    .split('\n')
    .filter((line) => !/^\s*\d+\s*$/.test(line))
    .join(' ')
    .replace(/\s+/g, ' ')

/** The signature part: after the closing words, before the recipients. */
const signaturePart = (text: string) => text.slice(text.indexOf('./.') + 3, text.indexOf('Nơi nhận:'))

describe('the wording and signatures of the minutes', () => {
  it('gives a signature to every team member and every representative who attended, side by side', async () => {
    const app = await tempApp()
    const { pdf } = await minutes(app, true, {
      change: {
        team: [
          { role: 'secretary', fullName: 'Lê Thị Hoa', title: 'Chuyên viên' },
          { role: 'member', fullName: 'Nguyễn Thị Thu Hằng', title: 'Chánh Văn phòng' },
          { role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' },
          { role: 'deputy', fullName: 'Phạm Thị Lan', title: 'Phó Chánh Thanh tra' },
        ],
        representatives: [
          { fullName: 'Nguyễn Thị Bích Liên', title: 'Trưởng Văn phòng' },
          { fullName: 'Võ Minh Tâm', title: 'Công chứng viên' },
        ],
      },
    })
    const signatures = signaturePart(running(pdf))
    expect(signatures).toBe(
      ' ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA ĐẠI DIỆN ĐOÀN KIỂM TRA TRƯỞNG VĂN PHÒNG TRƯỞNG ĐOÀN' +
        ' Nguyễn Thị Bích Liên Trần Văn Minh CÔNG CHỨNG VIÊN PHÓ TRƯỞNG ĐOÀN Võ Minh Tâm Phạm Thị Lan' +
        ' THÀNH VIÊN Nguyễn Thị Thu Hằng THƯ KÝ Lê Thị Hoa ',
    )
    // Each pair of names stands on one line: the blocks of a row line up.
    const layout = signaturePart(pdf.text()).split('\n')
    const lineOf = (name: string) => layout.findLast((l) => l.includes(name)) ?? ''
    expect(lineOf('Nguyễn Thị Bích Liên')).toContain('Trần Văn Minh')
    expect(lineOf('Võ Minh Tâm')).toContain('Phạm Thị Lan')
  })

  it('leaves a unit without a recorded representative a block and a line to write the name on', async () => {
    const app = await tempApp()
    const { pdf } = await minutes(app, true, { change: { representatives: [] } })
    const signatures = signaturePart(running(pdf))
    expect(signatures).toContain(
      'ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA ĐẠI DIỆN ĐOÀN KIỂM TRA NGƯỜI ĐẠI DIỆN TRƯỞNG ĐOÀN',
    )
    expect(signatures).toContain(`${NAME_LINE} Trần Văn Minh`)
  })

  it('closes with the number of copies made: two by default, what the editor sets, never fewer than two', async () => {
    const two = await minutes(await tempApp(), true)
    expect(two.inspection.copies).toBe(2)
    expect(running(two.pdf)).toContain(
      'thống nhất và ký tên. Biên bản được lập thành 02 bản, có giá trị pháp lý như nhau, mỗi bên giữ 01 bản./.',
    )
    const app = await tempApp()
    const three = await minutes(app, false, { change: { copies: 3 } })
    expect((await app.ok('inspections:get', { id: three.inspection.id })).copies).toBe(3)
    expect(running(three.pdf)).toContain(
      'Biên bản được lập thành 03 bản, có giá trị pháp lý như nhau, đơn vị được kiểm tra giữ 01 bản, Đoàn kiểm tra giữ 02 bản./.',
    )
    const current = await app.ok('inspections:get', { id: three.inspection.id })
    const { copies: _copies, ...rest } = current
    for (const copies of [1, 2.5, 21])
      expect(await app.call('inspections:update', { ...rest, copies })).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'validation',
          fieldErrors: { copies: 'Số bản biên bản từ 2 đến 20' },
        }),
      })
    expect((await app.ok('inspections:get', { id: three.inspection.id })).copies).toBe(3)
  })

  it('sets the full stop right after a bold result, and ends every note with exactly one', async () => {
    const app = await tempApp()
    const { pdf } = await minutes(app, true, { change: {} })
    // Justification spread a line's slack between the bold result and its own full stop: the
    // reader saw "Đạt ." — pdftotext then reads the full stop as a word of its own.
    const words = Array.from({ length: pdf.pages }, (_, i) => wordsOfPage(pdf.bbox, i + 1)).flat()
    expect(words.filter((w) => w.text === '.')).toEqual([])
    expect(pdf.text()).not.toMatch(/(Đạt|phục\)) \./)
    const text = running(pdf)
    expect(text).toContain('Kết quả: Đạt. Đã kiểm tra sổ theo dõi:')
    // A note typed without a full stop gets one; one typed with it keeps just that one.
    expect(text).toContain(`${VIETNAMESE}. 2. Việc tuyên truyền`)
    expect(text).toContain(
      'Kết quả: Đạt. Đơn vị đã ban hành văn bản triển khai, lưu đầy đủ hồ sơ theo quy định. 3.',
    )
    expect(text.replace(/\.\/\./g, '')).not.toMatch(/\.\s*\./)
  })

  it('breaks the subject between its phrases, so no short word sits alone on its second line', async () => {
    // Filled line by line, the subject left "24h" alone on the second line.
    const app = await tempApp()
    const { pdf } = await minutes(app, true, { unitName: 'Văn phòng công chứng 24h', unannounced: false })
    const page = pdf.text(1).split('\n')
    const title = page.findIndex((l) => l.trim() === 'BIÊN BẢN')
    expect(page.slice(title + 1, title + 3).map((l) => l.trim())).toEqual([
      'Kiểm tra công tác phòng, chống dịch COVID-19',
      'tại Văn phòng công chứng 24h',
    ])
  })
})

/** A plan with one finalised inspection and its recommendations, its report read back, on a set clock. */
async function planReport(
  title: string,
  recommendations: RouteInput<'inspections:update'>['recommendations'],
) {
  const app = await tempApp(undefined, () => Date.parse('2021-12-06T09:00:00+07:00'))
  const unit = await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' })
  const plan = await app.ok('plans:create', {
    number: 1023,
    symbol: 'KH-STP',
    issuedOn: '2021-11-01',
    title,
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
    recommendations,
  })
  const final = await app.ok('inspections:finalise', { id: draft.id })
  return { app, plan, final }
}

const reportOf = async (app: TempApp, id: number) =>
  inspectPdf(Buffer.from((await app.ok('plans:reportPdf', { id })).base64, 'base64'))

describe('the plan report', () => {
  it('keeps the plan number whole in the justified opening, and sets the title in lower case inside it', async () => {
    const { app, plan } = await planReport('Kiểm tra công tác phòng, chống dịch COVID-19 tại các đơn vị', [])
    const pdf = await reportOf(app, plan.id)
    // Justification spread the line's slack after "/" and "-": "1023/ KH- STP".
    const words = wordsOfPage(pdf.bbox, 1).map((w) => w.text)
    expect(words).toContain('1023/KH-STP')
    expect(words.filter((w) => /^(\d+\/|KH-)$/.test(w))).toEqual([])
    expect(pdf.plain.replace(/\s+/g, ' ')).toContain(
      'Thực hiện Kế hoạch số 1023/KH-STP ngày 01/11/2021 về kiểm tra công tác phòng, chống dịch COVID-19 tại các đơn vị,',
    )
  })

  it('says so of a recommendation past its due date and not done, and heads the coverage column by what it is', async () => {
    const { app, plan, final } = await planReport('kiểm tra công tác phòng, chống dịch COVID-19', [
      { content: 'Cập nhật lịch trực', ownerName: 'Văn phòng Sở', dueDate: '2021-12-01' },
      { content: 'Bổ sung tủ thuốc', ownerName: 'Văn phòng Sở', dueDate: '2021-12-31' },
      { content: 'Dán quy định đeo khẩu trang', ownerName: 'Văn phòng Sở', dueDate: '2021-11-30' },
    ])
    await app.ok('recommendations:follow', {
      id: final.recommendations[2]!.id,
      status: 'done',
      statusDate: '2021-12-02',
      evidence: 'Đã dán',
    })
    const pdf = await reportOf(app, plan.id)
    const text = pdf.plain.replace(/\s+/g, ' ')
    expect(text).toContain('Cập nhật lịch trực Văn phòng Sở 01/12/2021 Chưa thực hiện, quá hạn 5 ngày')
    expect(text).toContain('Bổ sung tủ thuốc Văn phòng Sở 31/12/2021 Chưa thực hiện ')
    expect(text).toContain('Dán quy định đeo khẩu trang Văn phòng Sở 30/11/2021 Đã khắc phục (02/12/2021) ')
    expect(text.match(/quá hạn/g)).toHaveLength(1)
    // The coverage column was headed "Đạt", as if it counted units that passed.
    expect(text).toContain('Đã kiểm tra Tỷ lệ thực hiện')
    expect(wordsOfPage(pdf.bbox, 1).filter((w) => w.text === 'Đạt')).toEqual([])
  })

  it('lowers only a plain first letter when a title goes inside a sentence', () => {
    expect(inSentence('Kiểm tra công tác phòng, chống dịch')).toBe('kiểm tra công tác phòng, chống dịch')
    expect(inSentence('Ủy quyền kiểm tra')).toBe('ủy quyền kiểm tra')
    expect(inSentence('UBND thành phố chỉ đạo kiểm tra')).toBe('UBND thành phố chỉ đạo kiểm tra')
    expect(inSentence('COVID-19 tại nơi làm việc')).toBe('COVID-19 tại nơi làm việc')
    expect(inSentence('Covid-19 tại nơi làm việc')).toBe('Covid-19 tại nơi làm việc')
    expect(inSentence('Sở Tư pháp kiểm tra các phòng')).toBe('Sở Tư pháp kiểm tra các phòng')
  })
})
