import ExcelJS from 'exceljs'

export type CellInput = string | number | Date | null

/**
 * A workbook as a unit would send it: optional lines above the header, the header, then rows
 * (values exactly as typed: strings, numbers, dates). Returned as base64, as the renderer sends it.
 */
export async function workbookBase64(
  headers: string[],
  rows: CellInput[][],
  options: { above?: string[]; sheet?: string } = {},
): Promise<string> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(options.sheet ?? 'Danh sách')
  for (const line of options.above ?? []) sheet.addRow([line])
  sheet.addRow(headers)
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer()).toString('base64')
}

export const STAFF_HEADERS = [
  'STT',
  'Họ và tên *',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD *',
  'Điện thoại',
  'Chức vụ',
  'Loại cán bộ *',
  'Đơn vị *',
  'Ghi chú',
]

/** One staff row in STAFF_HEADERS order. */
export function staffRow(
  no: number,
  fullName: string,
  idNumber: CellInput,
  unit: string,
  extra: { dateOfBirth?: CellInput; gender?: string; category?: string; phone?: string } = {},
): CellInput[] {
  return [
    no,
    fullName,
    extra.dateOfBirth ?? '12/04/1985',
    extra.gender ?? 'Nam',
    idNumber,
    extra.phone ?? '',
    'Chuyên viên',
    extra.category ?? 'Công chức',
    unit,
    '',
  ]
}
