import { z } from 'zod'
import { msg, optionalText } from '../validation/fields'

/** About 7.5 MB of workbook: far above a unit's list of a few thousand rows. */
export const MAX_IMPORT_BASE64 = 10_000_000

export const importMsg = {
  file: 'Chọn tệp Excel (.xlsx)',
  unreadable: 'Không đọc được tệp: hãy lưu lại dưới dạng Excel (.xlsx) và thử lại',
  noHeader: (headers: string) => `Không tìm thấy dòng tiêu đề. Hãy dùng tệp mẫu (các cột: ${headers})`,
  empty: 'Tệp không có dòng dữ liệu nào',
  tooMany: (max: number) => `Tệp có quá ${max.toLocaleString('vi-VN')} dòng: hãy chia nhỏ`,
  hasErrors: (n: number) =>
    `Còn ${n} dòng có lỗi: chưa nhập dòng nào. Sửa tệp theo danh sách lỗi rồi thử lại.`,
  changed: 'Dữ liệu đã thay đổi từ lúc xem trước: hãy xem lại danh sách lỗi',
}

/** An .xlsx file sent by the renderer, base64 so it crosses IPC and HTTP JSON alike. */
export const ImportFileInput = z.object({
  fileName: optionalText(255),
  base64: z
    .string({ error: importMsg.file })
    .min(1, { error: importMsg.file })
    .max(MAX_IMPORT_BASE64, { error: 'Tệp quá lớn (tối đa khoảng 7 MB)' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: msg.invalid }),
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

export interface ImportPreview {
  /** Column key → Vietnamese header, in file order. */
  columns: Array<{ key: string; label: string }>
  rows: ImportRowDto[]
  total: number
  errorRows: number
}

export interface ImportResult {
  imported: number
}
