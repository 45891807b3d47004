import type { Alignment, Content, CustomTableLayout, Margins } from 'pdfmake/interfaces'
import { imageOfDataUrl } from './image'
import type { DocxImage } from './image'

/**
 * A printout's content (the pdfmake nodes the PDF is laid out from) as Word's building blocks:
 * paragraphs and tables. One content, two renderings: the Word file says what the PDF says, in
 * the same order, with the same styles, indents, spacing and column widths. Lengths in points.
 */

export interface TextRunBlock {
  text: string
  bold: boolean
  italics: boolean
  size: number
}

export interface ImageRunBlock {
  image: DocxImage
  width: number
  height: number
}

export type RunBlock = TextRunBlock | ImageRunBlock

export interface ParagraphBlock {
  kind: 'paragraph'
  runs: RunBlock[]
  alignment: Alignment
  before: number
  after: number
  left: number
  right: number
  firstLine: number
  /** Distance between baselines, as pdfmake spaces this paragraph's lines. */
  line: number
  keepNext: boolean
  pageBreakBefore: boolean
  /** A rule above or under the paragraph's text, `space` points from it. */
  rule?: { side: 'top' | 'bottom'; width: number; space: number }
}

export interface CellBlock {
  blocks: Block[]
  span: number
  fill: string | null
  /** The cell's own left and right padding, instead of the table's. */
  padding?: { left: number; right: number }
}

export interface TableBlock {
  kind: 'table'
  /** pdfmake's top margin: room above the table, dropped when the table starts a page. */
  before: number
  /** Each column's whole width: content, padding and its share of the rules. */
  widths: number[]
  rows: CellBlock[][]
  headerRows: number
  cantSplit: boolean
  /** Width of the rules between cells (0: none). */
  rule: number
  padding: { left: number; right: number; top: number; bottom: number }
  /** Where the table starts, from the left margin (the header reaches into it). */
  indent?: number
}

export type Block = ParagraphBlock | TableBlock

interface Style {
  fontSize: number
  bold: boolean
  italics: boolean
  alignment: Alignment
  lineHeight: number
}

interface Context {
  style: Style
  /** Width available to the node. */
  width: number
  /** How far pdfmake's line pitch is above the font size (ascender − descender, per em). */
  lineFactor: number
}

type Node = Record<string, unknown>

const marginsOf = (margin: Margins | undefined): [number, number, number, number] => {
  if (margin === undefined) return [0, 0, 0, 0]
  if (typeof margin === 'number') return [margin, margin, margin, margin]
  if (margin.length === 2) return [margin[0], margin[1], margin[0], margin[1]]
  return [...margin]
}

/** Style properties pdfmake hands down from a node to what it holds. */
function inherit(style: Style, node: Node): Style {
  return {
    fontSize: (node.fontSize as number | undefined) ?? style.fontSize,
    bold: (node.bold as boolean | undefined) ?? style.bold,
    italics: (node.italics as boolean | undefined) ?? style.italics,
    alignment: (node.alignment as Alignment | undefined) ?? style.alignment,
    lineHeight: (node.lineHeight as number | undefined) ?? style.lineHeight,
  }
}

/** The runs of a text node (a string, or runs of their own styles, nested). */
function runsOf(text: unknown, style: Style): TextRunBlock[] {
  if (typeof text === 'string' || typeof text === 'number')
    return [{ text: String(text), bold: style.bold, italics: style.italics, size: style.fontSize }]
  if (Array.isArray(text)) return text.flatMap((part) => runsOf(part, style))
  const node = text as Node
  return runsOf(node.text, inherit(style, node))
}

function textParagraph(node: Node, ctx: Context): ParagraphBlock {
  const style = inherit(ctx.style, node)
  const runs = runsOf(node.text, style)
  const [left, top, right, bottom] = marginsOf(node.margin as Margins | undefined)
  const size = Math.max(style.fontSize, ...runs.map((r) => r.size))
  return {
    kind: 'paragraph',
    runs,
    alignment: style.alignment,
    before: top,
    after: bottom,
    left,
    right,
    firstLine: (node.leadingIndent as number | undefined) ?? 0,
    line: size * ctx.lineFactor * style.lineHeight,
    keepNext: false,
    pageBreakBefore: node.pageBreak === 'before',
  }
}

/** pdfmake's `fit`: the image scaled, up or down, to the largest size the box holds, keeping its proportions. */
function imageParagraph(node: Node, ctx: Context): ParagraphBlock {
  const image = imageOfDataUrl(node.image as string)
  const fit = node.fit as [number, number] | undefined
  const scale = fit
    ? Math.min(fit[0] / image.width, fit[1] / image.height)
    : Math.min(1, ctx.width / image.width)
  const [left, top, right, bottom] = marginsOf(node.margin as Margins | undefined)
  return {
    kind: 'paragraph',
    runs: [{ image, width: image.width * scale, height: image.height * scale }],
    alignment: (node.alignment as Alignment | undefined) ?? ctx.style.alignment,
    before: top,
    after: bottom,
    left,
    right,
    firstLine: 0,
    line: 0,
    keepNext: false,
    pageBreakBefore: node.pageBreak === 'before',
  }
}

/** An empty paragraph `height` points tall: a margin between two tables, which Word would join. */
export function spacer(height: number): ParagraphBlock {
  return {
    kind: 'paragraph',
    runs: [],
    alignment: 'left',
    before: 0,
    after: 0,
    left: 0,
    right: 0,
    firstLine: 0,
    line: Math.max(height, 0.05),
    keepNext: true,
    pageBreakBefore: false,
  }
}

/** pdfmake's column widths: numbers as given, `*` (and `auto`) share what is left equally. */
function columnWidths(widths: Array<number | string>, available: number): number[] {
  const fixed = widths.reduce<number>((sum, w) => sum + (typeof w === 'number' ? w : 0), 0)
  const stars = widths.filter((w) => typeof w !== 'number').length
  const star = stars ? Math.max(0, available - fixed) / stars : 0
  return widths.map((w) => (typeof w === 'number' ? w : star))
}

const NO_BORDERS = { rule: 0, padding: { left: 4, right: 4, top: 2, bottom: 2 } }

function layoutOf(layout: unknown): Pick<TableBlock, 'rule' | 'padding'> {
  if (layout === 'noBorders') return NO_BORDERS
  if (!layout || typeof layout !== 'object') return { ...NO_BORDERS, rule: 1 }
  const l = layout as CustomTableLayout
  const at = (f: ((i: number, node: never) => number) | undefined, fallback: number) =>
    f ? f(1, undefined as never) : fallback
  return {
    rule: Math.max(at(l.hLineWidth as never, 1), at(l.vLineWidth as never, 1)),
    padding: {
      left: at(l.paddingLeft as never, 4),
      right: at(l.paddingRight as never, 4),
      top: at(l.paddingTop as never, 2),
      bottom: at(l.paddingBottom as never, 2),
    },
  }
}

/** A table: its rows' cells translated at their columns' widths; `headerRows` repeat on each page. */
function table(node: Node, ctx: Context): Block[] {
  const style = inherit(ctx.style, node)
  const spec = node.table as { body: Node[][]; widths?: Array<number | string>; headerRows?: number }
  const { rule, padding } = layoutOf(node.layout)
  const columns = spec.body[0]!.length
  // A Word cell's text is as wide as the cell less its padding (the rules are drawn over the
  // edges): exactly pdfmake's column width, so every cell's lines break where the PDF's do.
  const pad = padding.left + padding.right
  const inner = columnWidths(
    spec.widths ?? Array(columns).fill('*'),
    ctx.width - columns * (pad + rule) - rule,
  )
  const widths = inner.map((w) => w + pad)
  const rows = spec.body.map((row) => {
    const cells: CellBlock[] = []
    for (let c = 0; c < row.length;) {
      const cell = (typeof row[c] === 'object' ? row[c] : { text: row[c] }) as Node
      const span = (cell.colSpan as number | undefined) ?? 1
      const width = widths.slice(c, c + span).reduce((a, b) => a + b, 0) - pad
      cells.push({
        blocks: blocksOf(cell, { ...ctx, style, width }),
        span,
        fill: (cell.fillColor as string | undefined) ?? null,
      })
      c += span
    }
    return cells
  })
  const [, top, , bottom] = marginsOf(node.margin as Margins | undefined)
  return [
    {
      kind: 'table',
      before: top,
      widths,
      rows,
      headerRows: spec.headerRows ?? 0,
      cantSplit: !!(node.table as Node).dontBreakRows || !!node.unbreakable,
      rule,
      padding,
    },
    ...(bottom ? [spacer(bottom)] : []),
  ]
}

/**
 * A short line drawn centred between two empty columns (the rule under a subject or an issuer's
 * name). pdfmake gives the empty columns a line's height and draws the line `y1` below their top:
 * in Word, a paragraph as tall, ruled along its top.
 */
export function drawnRule(
  width: number,
  y1: number,
  lineWidth: number,
  margin: Margins,
  ctx: Context,
): ParagraphBlock {
  const [, top, , bottom] = marginsOf(margin)
  const inset = Math.max(0, (ctx.width - width) / 2)
  const height = ctx.style.fontSize * ctx.lineFactor * ctx.style.lineHeight
  return {
    ...spacer(height - y1 - lineWidth / 2),
    keepNext: false,
    before: top + y1 - lineWidth / 2,
    after: bottom,
    left: inset,
    right: inset,
    rule: { side: 'top', width: lineWidth, space: 0 },
  }
}

function canvasRule(node: Node, ctx: Context): ParagraphBlock | null {
  const drawn = (node.columns as Node[]).find((c) => 'canvas' in c)
  if (!drawn) return null
  const line = (drawn.canvas as Array<{ y1: number; lineWidth?: number }>)[0]!
  return drawnRule(drawn.width as number, line.y1, line.lineWidth ?? 1, node.margin as Margins, ctx)
}

/** Columns side by side (signature blocks): a table without rules or padding, one row. */
function columns(node: Node, ctx: Context): Block[] {
  const rule = canvasRule(node, ctx)
  if (rule) return [rule]
  const style = inherit(ctx.style, node)
  const cols = node.columns as Node[]
  const widths = columnWidths(
    cols.map((c) => (typeof c.width === 'number' ? c.width : '*')),
    ctx.width,
  )
  const [, top, , bottom] = marginsOf(node.margin as Margins | undefined)
  const cells = cols.map((c, i) => ({
    blocks: blocksOf(c, { ...ctx, style, width: widths[i]! }),
    span: 1,
    fill: null,
  }))
  return [
    {
      kind: 'table',
      before: top,
      widths,
      rows: [cells],
      headerRows: 0,
      cantSplit: true,
      rule: 0,
      padding: { left: 0, right: 0, top: 0, bottom: 0 },
    },
    ...(bottom ? [spacer(bottom)] : []),
  ]
}

/** A stack's margin goes on its first and last paragraphs; unbreakable keeps its paragraphs together. */
function stack(node: Node, ctx: Context): Block[] {
  const style = inherit(ctx.style, node)
  const blocks = (node.stack as Content[]).flatMap((c) => blocksOf(c, { ...ctx, style }))
  const [, top, , bottom] = marginsOf(node.margin as Margins | undefined)
  const first = blocks[0]
  const last = blocks.at(-1)
  if (top && first) first.before += top
  if (bottom) {
    if (last?.kind === 'paragraph') last.after += bottom
    else blocks.push(spacer(bottom))
  }
  if (node.unbreakable) blocks.slice(0, -1).forEach((b) => b.kind === 'paragraph' && (b.keepNext = true))
  if (node.pageBreak === 'before' && blocks[0]?.kind === 'paragraph') blocks[0].pageBreakBefore = true
  return blocks
}

/** Every content node of a printout as Word blocks; a kind of node no printout uses is refused. */
export function blocksOf(content: Content | Node, ctx: Context): Block[] {
  if (typeof content === 'string' || Array.isArray(content)) return blocksOf({ text: content }, ctx)
  const node = content as unknown as Node
  if ('stack' in node) return stack(node, ctx)
  if ('columns' in node) return columns(node, ctx)
  if ('table' in node) return table(node, ctx)
  if ('image' in node) return [imageParagraph(node, ctx)]
  if ('text' in node) return [textParagraph(node, ctx)]
  throw new Error(`Word export: no translation for the content node ${Object.keys(node).join(', ')}`)
}

export type { Context as BlockContext, Style as BlockStyle }
