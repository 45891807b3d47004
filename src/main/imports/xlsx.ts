import type ExcelJS from 'exceljs'
import type { FileDownload } from '@shared/audit/schemas'
import type { z } from 'zod'
import { importMsg } from '@shared/imports/schemas'
import type { ImportHeaderReport, ImportMapping } from '@shared/imports/schemas'
import { searchKey } from '@shared/text/search-key'
import { AppError } from '../core/errors'
import { loadExcel } from '../core/excel'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export interface ImportColumn {
  key: string
  /** The header in the template; a file's header matches it ignoring case, marks, `*` and `(…)`. */
  label: string
  required?: boolean
  /** Other headers people write for the same column. */
  aliases?: string[]
  /** `id`: a number cell of 10–11 digits is an ID number whose leading zeros Excel dropped. */
  kind?: 'text' | 'date' | 'id'
  width?: number
  /** Shown under the header in the template. */
  hint?: string
  /** The values one may give every row of a file that lacks this column. */
  choices?: string[]
}

export interface SheetRow {
  row: number
  /** Column key → text as read (dates as yyyy-mm-dd when the cell held a date). */
  cells: Record<string, string>
}

const headerKey = (text: string) =>
  searchKey(text.replace(/\(.*?\)/g, '').replace(/[*:]/g, ''))
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

const pad = (n: number) => String(n).padStart(2, '0')

/** Excel stores a date as days since 1899-12-30; exceljs hands back a UTC Date for date cells. */
function isoOfDate(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** The plain value of a cell, whatever exceljs wrapped it in (rich text, formula, hyperlink). */
function plain(value: ExcelJS.CellValue): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date || typeof value !== 'object') return value
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('result' in value) return plain(value.result as ExcelJS.CellValue)
  if ('text' in value) return String(value.text)
  if ('error' in value) return null
  return null
}

/** A number typed into a text column: no exponent, no trailing ".0". */
function numberText(n: number): string {
  return Number.isInteger(n) ? BigInt(n).toString() : String(n)
}

function cellText(value: ExcelJS.CellValue, kind: ImportColumn['kind']): string {
  const v = plain(value)
  if (v === null) return ''
  if (v instanceof Date) return isoOfDate(v)
  if (typeof v === 'number') {
    // A date column formatted as a number still holds Excel's day count.
    if (kind === 'date' && v > 1 && v < 80_000)
      return isoOfDate(new Date(Date.UTC(1899, 11, 30) + v * 86_400_000))
    const digits = numberText(v)
    // Every CCCD starts with a province code 001–096, so the lost zeros are known.
    if (kind === 'id' && /^\d{10,11}$/.test(digits)) return digits.padStart(12, '0')
    return digits
  }
  return String(v).normalize('NFC').replace(/\s+/g, ' ').trim()
}

/**
 * A date as people write it: dd/mm/yyyy (also d/m/yyyy, with - or .) or yyyy-mm-dd. Null for
 * anything else or a day that does not exist (31/02/1990).
 */
export function parseDayText(text: string): string | null {
  const t = text.trim()
  let y: number, m: number, d: number
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])]
  else {
    match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
    if (!match) return null
    ;[y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])]
  }
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return isoOfDate(date)
}

/** dd/mm/yyyy of a yyyy-mm-dd day. */
export const dayText = (iso: string | null): string =>
  iso ? `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : ''

interface HeaderCandidate {
  sheet: ExcelJS.Worksheet
  row: number
  /** Column key → column number, as recognised from the headers. */
  found: Map<string, number>
  unrecognised: Array<{ column: number; header: string }>
}

/** The row of the first 15 naming most columns of the list (the first such row on a tie). */
function headerOf(sheet: ExcelJS.Worksheet, columns: ImportColumn[]): HeaderCandidate | null {
  const wanted = columns.map((c) => ({ column: c, keys: [c.label, ...(c.aliases ?? [])].map(headerKey) }))
  let best: HeaderCandidate | null = null
  for (let r = 1; r <= Math.min(15, sheet.rowCount); r++) {
    const found = new Map<string, number>()
    const unrecognised: HeaderCandidate['unrecognised'] = []
    sheet.getRow(r).eachCell((cell, col) => {
      const header = cellText(cell.value, 'text')
      const hit = wanted.find((w) => w.keys.includes(headerKey(header)))
      if (hit && !found.has(hit.column.key)) found.set(hit.column.key, col)
      else if (header) unrecognised.push({ column: col, header })
    })
    if (found.size && found.size > (best?.found.size ?? 0)) best = { sheet, row: r, found, unrecognised }
  }
  return best
}

const allRequired = (columns: ImportColumn[], has: (key: string) => boolean) =>
  columns.every((c) => !c.required || has(c.key))

/** The lines under a list: place and date, the signers' titles (not a row: it has no ID number). */
const SIGNATURE =
  /\bngay\b.*\bthang\b.*\bnam\b|nguoi lap|thu truong|ky ten|ghi ro ho ten|xac nhan cua|ky, ghi ro/

/** No ID number, no name (a required cell holds only signature text) and signature text in the row. */
function isSignatureLine(texts: string[], cells: Record<string, string>, columns: ImportColumn[]): boolean {
  if (columns.some((c) => c.kind === 'id' && cells[c.key])) return false
  const keyTexts = columns.filter((c) => c.required && cells[c.key]).map((c) => searchKey(cells[c.key]))
  if (keyTexts.some((t) => !SIGNATURE.test(t))) return false
  return SIGNATURE.test(searchKey(texts.join(' ')))
}

export interface ImportSheet {
  rows: SheetRow[]
  header: ImportHeaderReport
}

/**
 * Reads the sheet whose header row (searched in the first 15 rows) names most columns of the
 * list, preferring one that names every required column. The clerk's mapping places a column the
 * header did not name; a default fills a column the file lacks. Until every required column is
 * placed, no row is read (`header.complete` is false). The list ends at the first empty row after
 * data or at the signature lines under it. Refuses a file that is not a workbook, names no
 * column, has no data or more than `maxRows` rows, with a Vietnamese message.
 */
export async function readImportSheet(
  base64: string,
  columns: ImportColumn[],
  maxRows: number,
  mapping: z.output<typeof ImportMapping> = { columns: {}, defaults: {} },
): Promise<ImportSheet> {
  const book = new (await loadExcel()).Workbook()
  try {
    await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  } catch {
    throw AppError.validation({ base64: importMsg.unreadable }, importMsg.unreadable)
  }
  const candidates = book.worksheets.map((s) => headerOf(s, columns)).filter((c) => c !== null)
  const chosen =
    candidates.find((c) => allRequired(columns, (key) => c.found.has(key))) ??
    candidates.sort((a, b) => b.found.size - a.found.size)[0]
  if (!chosen) {
    const names = columns
      .filter((c) => c.required)
      .map((c) => c.label)
      .join(', ')
    throw AppError.validation({ base64: importMsg.noHeader(names) }, importMsg.noHeader(names))
  }
  const known = columns.map((c) => c.key)
  const positions = new Map(chosen.found)
  for (const [key, col] of Object.entries(mapping.columns)) {
    if (!known.includes(key)) continue
    if (!chosen.unrecognised.some((u) => u.column === col) && chosen.found.get(key) !== col)
      throw AppError.validation({ base64: importMsg.badColumn }, importMsg.badColumn)
    positions.set(key, col)
  }
  const defaults = new Map(
    columns
      .filter((c) => !positions.has(c.key) && mapping.defaults[c.key])
      .map((c) => [c.key, mapping.defaults[c.key]!]),
  )
  const header: ImportHeaderReport = {
    missing: columns
      .filter((c) => c.key !== 'no' && !chosen.found.has(c.key))
      .map((c) => ({ key: c.key, label: c.label, required: !!c.required, choices: c.choices ?? [] })),
    unrecognised: chosen.unrecognised,
    complete: allRequired(columns, (key) => positions.has(key) || defaults.has(key)),
  }
  if (!header.complete) return { rows: [], header }

  const { sheet } = chosen
  const rows: SheetRow[] = []
  for (let n = chosen.row + 1; n <= sheet.rowCount; n++) {
    const row = sheet.getRow(n)
    const texts: string[] = []
    row.eachCell((cell) => {
      const text = cellText(cell.value, 'text')
      if (text) texts.push(text)
    })
    if (!texts.length) {
      if (rows.length) break
      continue
    }
    const cells: Record<string, string> = {}
    let any = false
    for (const c of columns) {
      const col = positions.get(c.key)
      const text = col ? cellText(row.getCell(col).value, c.kind) : (defaults.get(c.key) ?? '')
      cells[c.key] = text
      if (text && col && c.key !== 'no') any = true
    }
    if (isSignatureLine(texts, cells, columns)) break
    if (!any) continue
    if (rows.length >= maxRows)
      throw AppError.validation({ base64: importMsg.tooMany(maxRows) }, importMsg.tooMany(maxRows))
    rows.push({ row: n, cells })
  }
  if (!rows.length) throw AppError.validation({ base64: importMsg.empty }, importMsg.empty)
  return { rows, header }
}

/** Refuses a file whose required columns are neither found, mapped nor given a default. */
export function requireComplete(sheet: ImportSheet): SheetRow[] {
  if (sheet.header.complete) return sheet.rows
  const labels = sheet.header.missing
    .filter((c) => c.required)
    .map((c) => c.label)
    .join(', ')
  throw AppError.validation({ base64: importMsg.missingColumns(labels) }, importMsg.missingColumns(labels))
}

export interface TemplateList {
  sheet: string
  headers: string[]
  rows: string[][]
}

/**
 * A template workbook: a title, the header row (required columns marked *), text format on every
 * column so ID numbers keep their leading zeros, a guide sheet saying how to fill each column,
 * and lists of allowed values on their own sheets.
 */
export async function templateFile(
  fileName: string,
  sheetName: string,
  title: string,
  columns: ImportColumn[],
  lists: TemplateList[],
): Promise<FileDownload> {
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Sổ Phòng Dịch'
  const sheet = book.addWorksheet(sheetName)
  sheet.addRow([title]).font = { bold: true, size: 13 }
  sheet.addRow([
    'Cột có dấu * là bắt buộc; ngày ghi dd/mm/yyyy; xem cách ghi từng cột ở trang "Hướng dẫn".',
  ]).font = {
    italic: true,
  }
  const header = sheet.addRow(columns.map((c) => (c.required ? `${c.label} *` : c.label)))
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' }
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
    cell.border = { bottom: { style: 'thin' } }
  })
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1)
    column.width = c.width ?? 16
    column.numFmt = '@'
  })
  sheet.views = [{ state: 'frozen', ySplit: header.number }]
  const guide: TemplateList = {
    sheet: 'Hướng dẫn',
    headers: ['Cột', 'Bắt buộc', 'Cách ghi'],
    rows: columns.map((c) => [c.label, c.required ? 'Có' : '', c.hint ?? '']),
  }
  for (const list of [guide, ...lists]) {
    const s = book.addWorksheet(list.sheet)
    s.addRow(list.headers).font = { bold: true }
    list.rows.forEach((r) => s.addRow(r))
    list.headers.forEach((_, i) => (s.getColumn(i + 1).width = i === list.headers.length - 1 ? 60 : 22))
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  return { fileName, mimeType: XLSX_MIME, base64: buffer.toString('base64') }
}
