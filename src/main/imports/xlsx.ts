import type ExcelJS from 'exceljs'
import type { FileDownload } from '@shared/audit/schemas'
import { importMsg } from '@shared/imports/schemas'
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

/**
 * Reads the first sheet whose header row holds every required column (searched in the first 15
 * rows of each sheet). Empty rows are skipped. Refuses a file that is not a workbook, has no
 * such header, no data or more than `maxRows` rows, with a Vietnamese message.
 */
export async function readImportSheet(
  base64: string,
  columns: ImportColumn[],
  maxRows: number,
): Promise<SheetRow[]> {
  const book = new (await loadExcel()).Workbook()
  try {
    await book.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  } catch {
    throw AppError.validation({ base64: importMsg.unreadable }, importMsg.unreadable)
  }
  const wanted = columns.map((c) => ({ column: c, keys: [c.label, ...(c.aliases ?? [])].map(headerKey) }))
  for (const sheet of book.worksheets) {
    for (let r = 1; r <= Math.min(15, sheet.rowCount); r++) {
      const header = sheet.getRow(r)
      const positions = new Map<string, number>()
      header.eachCell((cell, col) => {
        const key = headerKey(cellText(cell.value, 'text'))
        const hit = wanted.find((w) => w.keys.includes(key))
        if (hit && !positions.has(hit.column.key)) positions.set(hit.column.key, col)
      })
      if (!columns.every((c) => !c.required || positions.has(c.key))) continue
      const rows: SheetRow[] = []
      for (let n = r + 1; n <= sheet.rowCount; n++) {
        const row = sheet.getRow(n)
        const cells: Record<string, string> = {}
        let any = false
        for (const c of columns) {
          const col = positions.get(c.key)
          const text = col ? cellText(row.getCell(col).value, c.kind) : ''
          cells[c.key] = text
          if (text && c.key !== 'no') any = true
        }
        if (!any) continue
        if (rows.length >= maxRows)
          throw AppError.validation({ base64: importMsg.tooMany(maxRows) }, importMsg.tooMany(maxRows))
        rows.push({ row: n, cells })
      }
      if (!rows.length) throw AppError.validation({ base64: importMsg.empty }, importMsg.empty)
      return rows
    }
  }
  const names = columns
    .filter((c) => c.required)
    .map((c) => c.label)
    .join(', ')
  throw AppError.validation({ base64: importMsg.noHeader(names) }, importMsg.noHeader(names))
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
