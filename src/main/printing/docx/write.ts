import type * as Docx from 'docx'
import type { Alignment } from 'pdfmake/interfaces'
import type { Block, ParagraphBlock, RunBlock, TableBlock } from './blocks'
import { spacer } from './blocks'

export type DocxModule = typeof Docx

/** Word measures in twentieths of a point (twips); font sizes in half points; rules in eighths. */
export const twips = (pt: number) => Math.round(pt * 20)
const halfPoints = (pt: number) => Math.round(pt * 2)
const eighths = (pt: number) => Math.max(2, Math.round(pt * 8))
/** Images are sized in pixels at 96 per inch. */
const pixels = (pt: number) => Math.round((pt * 96) / 72)

export const FONT = 'Times New Roman'

function alignmentOf(d: DocxModule, a: Alignment) {
  return (
    { left: d.AlignmentType.LEFT, center: d.AlignmentType.CENTER, right: d.AlignmentType.RIGHT }[
      a as 'left'
    ] ?? d.AlignmentType.JUSTIFIED
  )
}

/** A run; the line breaks inside a text become Word line breaks. */
function runs(d: DocxModule, run: RunBlock): Docx.ParagraphChild[] {
  if ('image' in run)
    return [
      new d.ImageRun({
        type: run.image.type,
        data: run.image.data,
        transformation: { width: pixels(run.width), height: pixels(run.height) },
      }),
    ]
  return run.text.split('\n').map(
    (text, i) =>
      new d.TextRun({
        text,
        bold: run.bold,
        italics: run.italics,
        size: halfPoints(run.size),
        font: FONT,
        ...(i ? { break: 1 } : {}),
      }),
  )
}

export function paragraph(d: DocxModule, p: ParagraphBlock): Docx.Paragraph {
  const image = p.runs.some((r) => 'image' in r)
  return new d.Paragraph({
    alignment: alignmentOf(d, p.alignment),
    spacing: {
      before: twips(p.before),
      after: twips(p.after),
      // An image line is as tall as the image; text lines are spaced exactly as pdfmake spaces them.
      ...(image ? {} : { line: twips(p.line), lineRule: d.LineRuleType.EXACT }),
    },
    indent: { left: twips(p.left), right: twips(p.right), firstLine: twips(p.firstLine) },
    keepNext: p.keepNext,
    // pdfmake breaks a paragraph wherever the page ends: no widow or orphan control.
    keepLines: p.keepNext,
    widowControl: false,
    pageBreakBefore: p.pageBreakBefore,
    ...(p.rule
      ? {
          border: {
            [p.rule.side]: {
              style: d.BorderStyle.SINGLE,
              size: eighths(p.rule.width),
              space: p.rule.space,
              color: '000000',
            },
          },
        }
      : {}),
    children: p.runs.flatMap((r) => runs(d, r)),
  })
}

function table(d: DocxModule, t: TableBlock): Docx.Table {
  const line = t.rule
    ? { style: d.BorderStyle.SINGLE, size: eighths(t.rule), color: '000000' }
    : { style: d.BorderStyle.NONE, size: 0, color: 'FFFFFF' }
  const total = t.widths.reduce((a, b) => a + b, 0)
  let column = 0
  return new d.Table({
    layout: d.TableLayoutType.FIXED,
    width: { size: twips(total), type: d.WidthType.DXA },
    columnWidths: t.widths.map(twips),
    margins: {
      marginUnitType: d.WidthType.DXA,
      left: twips(t.padding.left),
      right: twips(t.padding.right),
      top: twips(t.padding.top),
      bottom: twips(t.padding.bottom),
    },
    borders: {
      top: line,
      bottom: line,
      left: line,
      right: line,
      insideHorizontal: line,
      insideVertical: line,
    },
    rows: t.rows.map((cells, r) => {
      column = 0
      return new d.TableRow({
        tableHeader: r < t.headerRows,
        cantSplit: t.cantSplit,
        children: cells.map((cell) => {
          const width = t.widths.slice(column, column + cell.span).reduce((a, b) => a + b, 0)
          column += cell.span
          const blocks = writeBlocks(d, cell.blocks)
          return new d.TableCell({
            width: { size: twips(width), type: d.WidthType.DXA },
            ...(cell.padding
              ? {
                  margins: {
                    marginUnitType: d.WidthType.DXA,
                    left: twips(cell.padding.left),
                    right: twips(cell.padding.right),
                    top: twips(t.padding.top),
                    bottom: twips(t.padding.bottom),
                  },
                }
              : {}),
            columnSpan: cell.span,
            ...(cell.fill
              ? { shading: { fill: cell.fill.replace('#', ''), type: d.ShadingType.CLEAR } }
              : {}),
            // A cell holds at least one paragraph; a table ends with one, so two never touch.
            children: blocks.length ? blocks : [new d.Paragraph({})],
          })
        }),
      })
    }),
  })
}

/**
 * Room above a table (a signature row's top margin) becomes room below what precedes it: Word
 * keeps space before at the top of a page, pdfmake drops an unbreakable block's top margin when
 * it moves the block to a new page, and room below a page's last paragraph is simply lost. Two
 * tables never touch (Word would join them): a paragraph as tall as the room goes between.
 */
function settleRoomAboveTables(blocks: Block[]): Block[] {
  const settled: Block[] = []
  for (const b of blocks) {
    const previous = settled.at(-1)
    if (b.kind === 'table' && previous?.kind === 'paragraph') previous.after += b.before
    else if (b.kind === 'table' && (b.before || previous?.kind === 'table')) settled.push(spacer(b.before))
    settled.push(b)
  }
  return settled
}

export function writeBlocks(d: DocxModule, blocks: Block[]): Array<Docx.Paragraph | Docx.Table> {
  return settleRoomAboveTables(blocks).map((b) => (b.kind === 'paragraph' ? paragraph(d, b) : table(d, b)))
}
