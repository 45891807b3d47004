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
