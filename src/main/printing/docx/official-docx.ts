import type * as Docx from 'docx'
import type { Content, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { OfficialDocumentOptions } from '../official-document'
import {
  MARGINS,
  formatDocumentNumber,
  formatPlaceDate,
  officialDocument,
  shortRuleWidth,
} from '../official-document'
import { lineWidth } from '../measure'
import type { Block, BlockContext, ParagraphBlock, TableBlock } from './blocks'
import { blocksOf, drawnRule } from './blocks'
import type { DocxModule } from './write'
import { FONT, twips, writeBlocks } from './write'

/** A4 in points, portrait. */
const A4 = { width: 595.28, height: 841.89 }
/**
 * Tinos' ascender − descender per em (1825 + 443 over 2048): pdfkit's line height, which
 * pdfmake multiplies by `lineHeight`. Times New Roman and Liberation Serif share these metrics.
 */
const LINE_FACTOR = (1825 + 443) / 2048
/** The header's cells: pdfmake's default table padding. */
const HEADER_PADDING = { left: 4, right: 4, top: 2, bottom: 2 }

const text = (t: string, style: Omit<ContentText, 'text'>): Content => ({
  text: t,
  alignment: 'center',
  ...style,
})

/**
 * The two-column header as a borderless table, as the PDF lays it out: the issuing body with the
 * short rule under its name, the national name with the motto ruled exactly as wide as it is, then
 * `Số:` under the issuer and the place and date under the motto.
 */
function headerTable(options: OfficialDocumentOptions, contentWidth: number, ctx: BlockContext): TableBlock {
  const { agency, number, date } = options
  const left = contentWidth * 0.4
  const right = contentWidth - left
  const agencyName = agency.agencyName.toUpperCase()
  const cell = (width: number, nodes: Content[]) => ({
    blocks: nodes.flatMap((n) => blocksOf(n, { ...ctx, width })),
    span: 1,
    fill: null,
  })
  const issuer = cell(left, [
    text(agency.parentBodyName.toUpperCase(), { fontSize: 13 }),
    text(agencyName, { fontSize: 13, bold: true }),
  ])
  issuer.blocks.push(
    drawnRule(shortRuleWidth(agencyName, 13), 1, 0.75, [0, 1, 0, 3], { ...ctx, width: left }),
  )
  const nation = cell(right, [
    text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { fontSize: 12.5, bold: true }),
    text('Độc lập - Tự do - Hạnh phúc', { fontSize: 13.5, bold: true }),
  ])
  const motto = nation.blocks[1] as ParagraphBlock
  // The rule is the motto's width; a point to spare each side, or Word may wrap the motto.
  const mottoInset =
    (right - lineWidth('Độc lập - Tự do - Hạnh phúc'.split(' '), { fontSize: 13.5, bold: true })) / 2 - 1
  Object.assign(motto, {
    left: mottoInset,
    right: mottoInset,
    rule: { side: 'bottom', width: 0.75, space: 1 },
  })
  const numberLine = number ? formatDocumentNumber(number.value, number.typeCode, agency.agencySymbol) : ''
  const place = cell(right, [
    text(formatPlaceDate(agency.placeName, date), { fontSize: 13.5, italics: true }),
  ])
  // As pdfmake's borderless layout: the outer cells have no padding on the outer side; the
  // table reaches into the left margin as the PDF's does.
  const first = { left: 0, right: HEADER_PADDING.right }
  const last = { left: HEADER_PADDING.left, right: 0 }
  return {
    kind: 'table',
    before: 0,
    widths: [left + HEADER_PADDING.right, right + HEADER_PADDING.left],
    rows: [
      [
        { ...issuer, padding: first },
        { ...nation, padding: last },
      ],
      [
        { ...cell(left, [text(numberLine, { fontSize: 13 })]), padding: first },
        { ...place, padding: last },
      ],
    ],
    headerRows: 0,
    cantSplit: true,
    rule: 0,
    padding: HEADER_PADDING,
    indent: -HEADER_PADDING.left,
  }
}

/**
 * The page header: the page number centred in the top margin as the PDF prints it (from page 2:
 * page 1 has its own, numberless header), and on a draft DỰ THẢO at the right of every page.
 * The PDF turns DỰ THẢO across the page behind the text; Word's floating text (a VML text box
 * or a frame) is not drawn by LibreOffice in a header, so the Word file marks each page's top.
 * docx 9.5 has no turned text either: its Textbox writes `w:pict` straight into the paragraph,
 * outside a run (LibreOffice drops it even in the body), and it has no WordArt or DrawingML shape.
 */
function pageHeader(d: DocxModule, doc: TDocumentDefinitions, contentWidth: number, numbered: boolean) {
  const number = (doc.header as (page: number) => ContentText)(2)
  const size = (number.fontSize as number | undefined) ?? 13
  const mark = (doc.watermark as { text: string } | undefined)?.text
  const run = (options: Docx.IRunOptions) => new d.TextRun({ size: size * 2, font: FONT, ...options })
  return new d.Header({
    children: [
      new d.Paragraph({
        tabStops: [
          { type: d.TabStopType.CENTER, position: twips(contentWidth / 2) },
          { type: d.TabStopType.RIGHT, position: twips(contentWidth) },
        ],
        spacing: {
          before: 0,
          after: 0,
          line: twips(size * LINE_FACTOR * 1.15),
          lineRule: d.LineRuleType.EXACT,
        },
        children: [
          run({ children: [new d.Tab(), ...(numbered ? [d.PageNumber.CURRENT] : [])] }),
          ...(mark ? [run({ children: [new d.Tab(), mark], bold: true, color: '808080' })] : []),
        ],
      }),
    ],
  })
}

/** How far below the page's top edge the PDF prints its page number. */
const headerDistance = (doc: TDocumentDefinitions) =>
  ((doc.header as (page: number) => ContentText)(2).margin as number[])[1]!

/**
 * A printout as a Word file in the same Nghị định 30/2020 format as its PDF: A4 and its margins,
 * Times New Roman, the header table, the title, the content translated from the very nodes the PDF
 * is laid out from, page numbers from page 2 (a different first page), a draft's watermark.
 */
export async function renderDocx(options: OfficialDocumentOptions): Promise<Buffer> {
  const d: DocxModule = await import('docx')
  const doc = officialDocument(options)
  const page = options.landscape ? { width: A4.height, height: A4.width } : A4
  const contentWidth = page.width - MARGINS[0] - MARGINS[2]
  const defaults = doc.defaultStyle as { fontSize: number; lineHeight: number }
  const ctx: BlockContext = {
    style: {
      fontSize: defaults.fontSize,
      bold: false,
      italics: false,
      alignment: 'left',
      lineHeight: defaults.lineHeight,
    },
    width: contentWidth,
    lineFactor: LINE_FACTOR,
  }
  // The first node is the PDF's header, drawn here as Word draws it; the rest is translated.
  const [, ...rest] = doc.content as Content[]
  const blocks: Block[] = [headerTable(options, contentWidth, ctx), ...rest.flatMap((c) => blocksOf(c, ctx))]
  // The header's bottom margin (12 pt) goes before what follows it.
  const next = blocks[1]
  if (next?.kind === 'paragraph') next.before += 12
  const file = new d.Document({
    creator: 'Sổ Phòng Dịch',
    title: (doc.info?.title as string | undefined) ?? '',
    styles: { default: { document: { run: { font: FONT, size: defaults.fontSize * 2, color: '000000' } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: {
              width: twips(A4.width),
              height: twips(A4.height),
              orientation: options.landscape ? d.PageOrientation.LANDSCAPE : d.PageOrientation.PORTRAIT,
            },
            margin: {
              left: twips(MARGINS[0]),
              top: twips(MARGINS[1]),
              right: twips(MARGINS[2]),
              bottom: twips(MARGINS[3]),
              header: twips(headerDistance(doc)),
              footer: twips(MARGINS[3] / 2),
            },
          },
        },
        headers: {
          first: pageHeader(d, doc, contentWidth, false),
          default: pageHeader(d, doc, contentWidth, true),
        },
        children: writeBlocks(d, blocks),
      },
    ],
  })
  return d.Packer.toBuffer(file)
}
