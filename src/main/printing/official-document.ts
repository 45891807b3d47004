import type { Alignment, Content, ContentTable, ContentText, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { AgencySettings } from '@shared/settings/schemas'
import { vietnamClock } from '@shared/text/dates'
import { balancedLines } from './balance'
import { FONT_FAMILY } from './fonts'

/** Nghị định 30/2020/NĐ-CP margins: top and bottom 20 mm, left 30 mm, right 15 mm (in points). */
export const MARGINS: [number, number, number, number] = [85, 57, 43, 57]
const A4 = { width: 595.28, height: 841.89 }
const BODY_SIZE = 13
/** Title and subject: bold 14 pt. */
const TITLE_STYLE = { bold: true, fontSize: 14 }

/**
 * `Số: 05/BB-STP`: numbers under 10 get a leading zero. A document not numbered yet (a draft)
 * keeps the blank the office fills in by hand: `Số:      /BB-STP`.
 */
export function formatDocumentNumber(value: number | null, typeCode: string, agencySymbol: string): string {
  const number = value === null ? '\u00a0'.repeat(6) : String(value).padStart(2, '0')
  return `Số: ${number}/${typeCode}-${agencySymbol}`
}

/** `Cần Thơ, ngày 07 tháng 02 năm 2021`: days under 10 and months 1–2 with a leading zero. */
export function formatPlaceDate(placeName: string, date: Date): string {
  const c = vietnamClock(date)
  const month = Number(c.month)
  return `${placeName}, ngày ${c.day} tháng ${month <= 2 ? c.month : String(month)} năm ${c.year}`
}

/** A rule under a line of text: a one-cell table whose bottom border is exactly as wide as the text. */
function underlined(text: Content): Content {
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 'auto',
        table: { body: [[text]] },
        layout: {
          hLineWidth: (i: number) => (i === 1 ? 0.75 : 0),
          vLineWidth: () => 0,
          paddingLeft: () => 0,
          paddingRight: () => 0,
          paddingTop: () => 0,
          paddingBottom: () => 1,
        },
      },
      { width: '*', text: '' },
    ],
  }
}

/** The width of a short rule under a text: about 40 % of its width (the decree: a third to a half). */
export const shortRuleWidth = (text: string, fontSize: number) =>
  Math.max(30, [...text].length * fontSize * 0.62 * 0.4)

/** A short centred rule under a text. */
function shortRule(text: string, fontSize: number): Content {
  const width = shortRuleWidth(text, fontSize)
  return {
    columns: [
      { width: '*', text: '' },
      { width, canvas: [{ type: 'line', x1: 0, y1: 1, x2: width, y2: 1, lineWidth: 0.75 }] },
      { width: '*', text: '' },
    ],
    margin: [0, 1, 0, 3],
  }
}

export interface OfficialHeader {
  agency: AgencySettings
  /** Omitted for lists without a number. */
  number?: { value: number | null; typeCode: string } | null
  date: Date
}

/** The two-column header: issuing body on the left, national name and motto on the right. */
export function officialHeader({ agency, number, date }: OfficialHeader, contentWidth: number): Content {
  const left = contentWidth * 0.4
  const agencyName = agency.agencyName.toUpperCase()
  return {
    table: {
      widths: [left, contentWidth - left],
      body: [
        [
          {
            stack: [
              { text: agency.parentBodyName.toUpperCase(), fontSize: 13 },
              { text: agencyName, fontSize: 13, bold: true },
              shortRule(agencyName, 13),
            ],
            alignment: 'center',
          },
          {
            stack: [
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', fontSize: 12.5, bold: true },
              underlined({ text: 'Độc lập - Tự do - Hạnh phúc', fontSize: 13.5, bold: true }),
            ],
            alignment: 'center',
          },
        ],
        [
          {
            text: number ? formatDocumentNumber(number.value, number.typeCode, agency.agencySymbol) : '',
            fontSize: 13,
            alignment: 'center',
          },
          {
            text: formatPlaceDate(agency.placeName, date),
            italics: true,
            fontSize: 13.5,
            alignment: 'center',
          },
        ],
      ],
    },
    layout: 'noBorders',
    margin: [-4, 0, -4, 12],
  }
}

export interface OfficialDocumentOptions extends OfficialHeader {
  /** A string, or its phrases: lines break between phrases where they can (balance.ts). */
  title: string | string[]
  subject?: string | string[]
  content: Content[]
  landscape?: boolean
  /** `DỰ THẢO` on drafts. */
  watermark?: string
}

/**
 * A complete document in the official format: A4, the decree's margins, Tinos 13 pt, the
 * header, the title, page numbers centred in the top margin from page 2 (none on page 1).
 * Every value goes in as a plain text node: nothing in user data is interpreted.
 */
export function officialDocument(options: OfficialDocumentOptions): TDocumentDefinitions {
  const pageWidth = options.landscape ? A4.height : A4.width
  const contentWidth = pageWidth - MARGINS[0] - MARGINS[2]
  const heading = (text: string | string[]) =>
    balancedLines(typeof text === 'string' ? [text] : text, contentWidth, TITLE_STYLE).join('\n')
  const title = heading(options.title)
  const subject = options.subject ? heading(options.subject) : null
  const flat = (text: string) => text.replace(/\n/g, ' ')
  return {
    pageSize: 'A4',
    pageOrientation: options.landscape ? 'landscape' : 'portrait',
    pageMargins: MARGINS,
    defaultStyle: { font: FONT_FAMILY, fontSize: BODY_SIZE, lineHeight: 1.15, color: '#000000' },
    header: (currentPage: number) =>
      currentPage === 1
        ? null
        : {
            text: String(currentPage),
            alignment: 'center',
            fontSize: 13,
            margin: [MARGINS[0], 28, MARGINS[2], 0],
          },
    watermark: options.watermark
      ? { text: options.watermark, color: '#000000', opacity: 0.12, bold: true, angle: -45 }
      : undefined,
    info: { title: subject ? `${flat(title)} — ${flat(subject)}` : flat(title) },
    content: [
      officialHeader(options, contentWidth),
      { text: title, ...TITLE_STYLE, alignment: 'center', margin: [0, 6, 0, 0] },
      ...(subject
        ? [
            { text: subject, ...TITLE_STYLE, alignment: 'center' as const },
            shortRule(flat(subject).slice(0, 40), 14),
          ]
        : []),
      { text: '', margin: [0, 0, 0, 8] },
      ...options.content,
    ],
  }
}

/**
 * `1023/KH-STP`, `30/2020/NĐ-CP` (a number, a slash, then the type and issuer's capitals) with
 * the punctuation around it, up to the spaces on either side, and the space after it.
 */
const DOCUMENT_NUMBER = /\S*?\d+(?:\/\d+)*\/\p{Lu}[\p{Lu}\p{N}]*(?:-[\p{Lu}\p{N}]+)*\S*\s*/gu

/**
 * Text with every document number made one unbreakable run. Unicode line breaking allows a
 * break after "/" and "-" before a letter, and pdfmake's justification spreads a line's slack
 * between all its pieces, so "1023/KH-STP" printed as "1023/ KH- STP" even when not broken. A
 * `noWrap` run is a single piece: no break, no gap, and no extra character in the text layer.
 * It takes in the punctuation that touches the number ("(01/BB-STP);"), which would otherwise
 * be a piece of its own, and the space after it.
 */
export function keepNumbersWhole(text: string): string | Array<string | ContentText> {
  const runs: Array<string | ContentText> = []
  let last = 0
  for (const match of text.matchAll(DOCUMENT_NUMBER)) {
    if (match.index > last) runs.push(text.slice(last, match.index))
    runs.push({ text: match[0], noWrap: true })
    last = match.index + match[0].length
  }
  if (!runs.length) return text
  if (last < text.length) runs.push(text.slice(last))
  return runs
}

/** A body paragraph: justified, first line indented 1.27 cm, 6 pt after, document numbers whole. */
export function paragraph(text: string): Content {
  return { text: keepNumbersWhole(text), alignment: 'justify', leadingIndent: 36, margin: [0, 0, 0, 6] }
}

/**
 * Text as a sentence: one full stop at its end. One already there (or "!", "?", "…") stays; a
 * trailing comma, semicolon or colon becomes the full stop.
 */
export function sentence(text: string): string {
  const trimmed = text.trim()
  if (!trimmed || /[.!?…]$/.test(trimmed)) return trimmed
  return `${trimmed.replace(/[,;:]$/, '')}.`
}

/**
 * A list table: header row repeated on every page, thin rules, 11 pt. `align` sets the body
 * cells' alignment per column (counts go right, as figures are read down a column).
 */
export function listTable(
  headers: string[],
  rows: string[][],
  widths: Array<number | string>,
  align: Alignment[] = [],
): ContentTable {
  return {
    table: {
      headerRows: 1,
      widths,
      dontBreakRows: true,
      body: [
        headers.map((h) => ({ text: h, bold: true, alignment: 'center' as const })),
        ...rows.map((r) => r.map((cell, c) => ({ text: cell, alignment: align[c] ?? 'left' }))),
      ],
    },
    layout: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
    fontSize: 11,
    lineHeight: 1.05,
  }
}

/** Where no name is known, the line the signer writes their name on. */
export const NAME_LINE = '.'.repeat(40)

export interface SignatureBlock {
  post: string
  /** Without one, a dotted name line (a block with no post either stays empty: a spacer). */
  name?: string | null
  note?: string | null
}

/** One signature: post in capitals, bold; the note in italics; room to sign; the name in bold. */
export function signatureBlock(b: SignatureBlock): Content {
  if (!b.post && !b.name && !b.note) return { text: '' }
  return {
    stack: [
      ...(b.post ? [{ text: b.post.toUpperCase(), bold: true }] : []),
      ...(b.note ? [{ text: b.note, italics: true, fontSize: 12 }] : []),
      b.name
        ? { text: b.name, bold: true, margin: [0, 60, 0, 0] as [number, number, number, number] }
        : { text: NAME_LINE, margin: [0, 60, 0, 0] as [number, number, number, number] },
    ],
    alignment: 'center',
  }
}

/** The two signatures of a list: the compiler and the head, named from the agency settings. */
export function listSignatures(agency: AgencySettings): Content {
  return signatureBlocks([
    { post: 'Người lập biểu', name: agency.compilerName },
    { post: 'Thủ trưởng đơn vị', name: agency.headName },
  ])
}

/** Signature blocks side by side, kept together on one page. */
export function signatureBlocks(blocks: SignatureBlock[]): Content {
  return {
    columns: blocks.map((b) => ({ width: '*', stack: [signatureBlock(b)] })),
    margin: [0, 18, 0, 0],
    unbreakable: true,
  }
}

/** `Nơi nhận:` (12 pt bold italic) and its list (11 pt), at the foot of a document. */
export function recipients(lines: string[]): Content {
  return {
    stack: [
      { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
      ...lines.map((line) => ({ text: line, fontSize: 11, lineHeight: 1 })),
    ],
    margin: [0, 18, 0, 0],
    unbreakable: true,
  }
}
