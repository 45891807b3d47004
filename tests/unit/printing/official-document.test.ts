import { describe, expect, it } from 'vitest'
import { DEFAULT_AGENCY_SETTINGS } from '@shared/settings/schemas'
import {
  formatDocumentNumber,
  formatPlaceDate,
  officialDocument,
  paragraph,
  signatureBlocks,
} from '@main/printing/official-document'
import { renderPdf } from '@main/printing/pdf'
import { inspectPdf, wordsOfPage } from '../helpers/pdf'

const VIETNAMESE = 'ăâđêôơư ĂÂĐÊÔƠƯ àảãáạ ằẳẵắặ ầẩẫấậ ềểễếệ ồổỗốộ ờởỡớợ ừửữứự ỳỷỹýỵ Nguyễn Thị Bích Liên'

describe('official numbers and dates', () => {
  it('pads numbers under 10 and days under 10, and months 1–2 only', () => {
    expect(formatDocumentNumber(5, 'BB', 'STP')).toBe('Số: 05/BB-STP')
    expect(formatDocumentNumber(12, 'BB', 'STP')).toBe('Số: 12/BB-STP')
    expect(formatPlaceDate('Cần Thơ', new Date('2021-02-07T03:00:00Z'))).toBe(
      'Cần Thơ, ngày 07 tháng 02 năm 2021',
    )
    expect(formatPlaceDate('Cần Thơ', new Date('2021-05-17T03:00:00Z'))).toBe(
      'Cần Thơ, ngày 17 tháng 5 năm 2021',
    )
    // 20:00 UTC on 31/12 is already 1 January in Vietnam.
    expect(formatPlaceDate('Cần Thơ', new Date('2021-12-31T20:00:00Z'))).toBe(
      'Cần Thơ, ngày 01 tháng 01 năm 2022',
    )
  })
})

describe('a document in the official format', () => {
  it('is A4 with the header, Vietnamese intact, the decree margins, and page numbers from page 2', async () => {
    const body = Array.from({ length: 40 }, (_, i) =>
      paragraph(`${i + 1}. Kiểm tra công tác phòng, chống dịch COVID-19 tại cơ quan: ${VIETNAMESE}.`),
    )
    const pdf = inspectPdf(
      await renderPdf(
        officialDocument({
          agency: DEFAULT_AGENCY_SETTINGS,
          number: { value: 5, typeCode: 'BB', agencySymbol: 'STP' } as never,
          date: new Date('2021-02-07T03:00:00Z'),
          title: 'BIÊN BẢN',
          subject: 'Kiểm tra công tác phòng, chống dịch COVID-19',
          content: [
            ...body,
            paragraph('<img src=x onerror=alert(1)>'),
            signatureBlocks([{ post: 'Trưởng đoàn', name: 'Nguyễn Văn An' }]),
          ],
          watermark: 'DỰ THẢO',
        }),
      ),
    )
    expect([pdf.width, pdf.height]).toEqual([595.28, 841.89])
    expect(pdf.pages).toBeGreaterThanOrEqual(2)
    const all = pdf.text()
    for (const expected of [
      'UBND THÀNH PHỐ CẦN THƠ',
      'SỞ TƯ PHÁP',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Số: 05/BB-STP',
      'Cần Thơ, ngày 07 tháng 02 năm 2021',
      'BIÊN BẢN',
      'Nguyễn Thị Bích Liên',
      '<img src=x onerror=alert(1)>',
      'TRƯỞNG ĐOÀN',
    ])
      expect(all).toContain(expected)
    // The diagonal "DỰ THẢO" comes out letter by letter; its Ự is the only one in this document.
    expect(pdf.bbox).toContain('Ự')
    expect(all.replace(/\s+/g, ' ')).toContain(VIETNAMESE)
    // "Số:" and the date line share a line.
    expect(all.split('\n').find((l) => l.includes('Số: 05/BB-STP'))).toContain('ngày 07 tháng 02 năm 2021')
    expect(pdf.fonts).toMatch(/Tinos/)
    expect(pdf.fonts).toMatch(/yes\s+yes/)

    // Page 1: no number at the top; page 2: "2" centred in the top margin.
    const page1 = wordsOfPage(pdf.bbox, 1)
    expect(page1.filter((w) => w.yMin < 57 && w.yMax - w.yMin < 20).map((w) => w.text)).toEqual([])
    const top2 = wordsOfPage(pdf.bbox, 2).filter((w) => w.yMin < 57 && w.yMax - w.yMin < 20)
    expect(top2.map((w) => w.text)).toEqual(['2'])
    expect(Math.abs((top2[0]!.xMin + top2[0]!.xMax) / 2 - (85 + (595.28 - 43)) / 2)).toBeLessThan(3)
    // Margins measured from the text: left 30 mm, right 15 mm, top 20 mm (±1 mm ≈ 2.8 pt).
    // Body words only: the watermark's letters are large and run across the margins on purpose.
    const body2 = wordsOfPage(pdf.bbox, 2).filter((w) => w.yMin >= 57 && w.yMax - w.yMin < 20)
    expect(Math.min(...body2.map((w) => w.xMin))).toBeGreaterThanOrEqual(85 - 2.8)
    expect(Math.min(...body2.map((w) => w.xMin))).toBeLessThanOrEqual(85 + 36 + 2.8)
    expect(Math.max(...body2.map((w) => w.xMax))).toBeLessThanOrEqual(595.28 - 43 + 2.8)
    expect(Math.min(...page1.filter((w) => w.yMax - w.yMin < 20).map((w) => w.yMin))).toBeGreaterThanOrEqual(
      57 - 2.8,
    )
  })

  it('turns for wide lists (landscape A4)', async () => {
    const pdf = inspectPdf(
      await renderPdf(
        officialDocument({
          agency: DEFAULT_AGENCY_SETTINGS,
          date: new Date(),
          title: 'DANH SÁCH',
          landscape: true,
          content: [paragraph('Nội dung')],
        }),
      ),
    )
    expect([pdf.width, pdf.height]).toEqual([841.89, 595.28])
  })
})

const build = (options: Partial<Parameters<typeof officialDocument>[0]>) =>
  renderPdf(
    officialDocument({
      agency: DEFAULT_AGENCY_SETTINGS,
      date: new Date('2021-11-15T03:00:00Z'),
      title: 'BÁO CÁO',
      content: [],
      ...options,
    }),
  ).then(inspectPdf)

/** The lines of a centred heading as pdftotext -layout prints them, from `first` on, `count` of them. */
const headingLines = (text: string, first: string, count: number) => {
  const lines = text.split('\n').map((l) => l.trim())
  const at = lines.findIndex((l) => l.startsWith(first))
  return lines.slice(at, at + count)
}

describe('text in the official format', () => {
  it('never breaks or spreads a document number, wherever the line ends', async () => {
    // One paragraph per offset: with each "và" more, the number meets the line end elsewhere.
    const sentences = Array.from(
      { length: 40 },
      (_, k) =>
        `${k + 1}. ${'và '.repeat(k)}theo Kế hoạch số 1023/KH-STP, Nghị định số 30/2020/NĐ-CP ngày 08/4/2020.`,
    )
    const pdf = await build({ content: sentences.map((s) => paragraph(s)) })
    // The running text, without the page numbers in the top margins.
    const text = pdf.plain
      .split('\n')
      .filter((line) => !/^\s*\d+\s*$/.test(line))
      .join(' ')
      .replace(/\s+/g, ' ')
    for (const s of sentences) expect(text).toContain(s)
    const words = Array.from({ length: pdf.pages }, (_, i) => wordsOfPage(pdf.bbox, i + 1)).flat()
    expect(words.filter((w) => /^(1023\/|KH-|30\/2020\/|NĐ-)$/.test(w.text))).toEqual([])
    // No character added to the text layer, and the font has every glyph it uses.
    expect(pdf.plain).not.toMatch(/[\u2060\u2011\u00a0]/)
  })

  it('breaks a long title between its phrases and a subject evenly, so no word sits alone on a line', async () => {
    const title = [
      'DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG',
      'ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19',
    ]
    const subject = 'Kiểm tra công tác phòng, chống dịch COVID-19 tại Văn phòng công chứng 24h'
    // Filled line by line, landscape: "… ĐĂNG KÝ TIÊM VẮC XIN PHÒNG" / "COVID-19".
    const wide = (await build({ title, landscape: true })).text(1)
    expect(headingLines(wide, 'DANH SÁCH', 2)).toEqual(title)
    // Portrait, the first phrase is too wide for a line: it breaks after a comma, not in "NGƯỜI LAO ĐỘNG".
    const narrow = (await build({ title, subject })).text(1)
    expect(headingLines(narrow, 'DANH SÁCH', 2)).toEqual([
      'DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC,',
      'NGƯỜI LAO ĐỘNG ĐĂNG KÝ TIÊM VẮC XIN PHÒNG COVID-19',
    ])
    // Filled line by line, the subject left "24h" alone on its second line.
    const lines = headingLines(narrow, 'Kiểm tra', 2)
    expect(lines.join(' ')).toBe(subject)
    for (const line of lines) expect(line.split(' ').length).toBeGreaterThanOrEqual(4)
  })

  it('prints a dotted line for the name under a signature title when no name is known', async () => {
    const pdf = await build({
      content: [
        signatureBlocks([{ post: 'Người lập biểu' }, { post: 'Thủ trưởng đơn vị', name: 'Lê Văn Tám' }]),
      ],
    })
    const lines = pdf.text(1).split('\n')
    const posts = lines.findIndex((l) => l.includes('NGƯỜI LẬP BIỂU'))
    expect(lines[posts]).toContain('THỦ TRƯỞNG ĐƠN VỊ')
    const names = lines.slice(posts + 1).find((l) => l.trim())!
    expect(names).toMatch(/^\s*\.{40}\s+Lê Văn Tám\s*$/)
  })
})
