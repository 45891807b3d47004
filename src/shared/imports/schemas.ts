import { z } from 'zod'
import { msg, optionalText } from '../validation/fields'

/** About 7.5 MB of workbook: far above a unit's list of a few thousand rows. */
export const MAX_IMPORT_BASE64 = 10_000_000

export const importMsg = {
  file: 'Chọn tệp Excel (.xlsx)',
  unreadable: 'Không đọc được tệp: hãy lưu lại dưới dạng Excel (.xlsx) và thử lại',
  noHeader: (headers: string) => `Không tìm thấy dòng tiêu đề. Hãy dùng tệp mẫu (các cột: ${headers})`,
  missingColumns: (labels: string) =>
    `Tệp thiếu cột: ${labels}. Chọn cột tương ứng trong tệp hoặc một giá trị chung cho mọi dòng.`,
  badColumn: 'Cột đã chọn không có trong dòng tiêu đề của tệp',
  empty: 'Tệp không có dòng dữ liệu nào',
  tooMany: (max: number) => `Tệp có quá ${max.toLocaleString('vi-VN')} dòng: hãy chia nhỏ`,
  hasErrors: (n: number) =>
    `Còn ${n} dòng có lỗi: chưa nhập dòng nào. Sửa tệp theo danh sách lỗi rồi thử lại.`,
  changed: 'Dữ liệu đã thay đổi từ lúc xem trước: hãy xem lại danh sách lỗi',
}

const columnKey = z.string().regex(/^[A-Za-z0-9]{1,40}$/, { error: msg.invalid })

/**
 * The clerk's answer to a header the import did not recognise: which column of the file holds a
 * field (by its number, A = 1), or one value for every row when the file has no such column.
 */
export const ImportMapping = z.object({
  columns: z.record(columnKey, z.number().int().min(1).max(500)).default({}),
  defaults: z.record(columnKey, z.string().trim().min(1).max(100)).default({}),
})
export type ImportMapping = z.input<typeof ImportMapping>

/** An .xlsx file sent by the renderer, base64 so it crosses IPC and HTTP JSON alike. */
export const ImportFileInput = z.object({
  fileName: optionalText(255),
  base64: z
    .string({ error: importMsg.file })
    .min(1, { error: importMsg.file })
    .max(MAX_IMPORT_BASE64, { error: 'Tệp quá lớn (tối đa khoảng 7 MB)' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: msg.invalid }),
  mapping: ImportMapping.optional(),
})
export type ImportFileInput = z.input<typeof ImportFileInput>

/** One row of the file as read, with every problem found in it (empty when the row is good). */
export interface ImportRowDto {
  /** Row number in the sheet, as Excel shows it. */
  row: number
  /** Column key → the value as read, for display. */
  values: Record<string, string>
  errors: string[]
}

/** What the header row held, as recognised without the clerk's mapping. */
export interface ImportHeaderReport {
  /** Columns of the list the file's header row does not name (each may be mapped or given a default). */
  missing: Array<{ key: string; label: string; required: boolean; choices: string[] }>
  /** Headers of the file that name no column of the list: what a missing column can be mapped to. */
  unrecognised: Array<{ column: number; header: string }>
  /** Every required column is found, mapped or given a default: the rows were read. */
  complete: boolean
}

export interface ImportPreview {
  /** Column key → Vietnamese header, in file order. */
  columns: Array<{ key: string; label: string }>
  header: ImportHeaderReport
  rows: ImportRowDto[]
  total: number
  errorRows: number
}

export interface ImportResult {
  imported: number
}
