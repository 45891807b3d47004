import type { ServiceContext } from '../core/context'
import type { EntityManager } from 'typeorm'
import type { z } from 'zod'
import type { FileDownload } from '@shared/audit/schemas'
import type {
  ImportHeaderReport,
  ImportMapping,
  ImportPreview,
  ImportResult,
  ImportRowDto,
} from '@shared/imports/schemas'
import { importMsg } from '@shared/imports/schemas'
import { STAFF_CATEGORIES, StaffInput, staffCategoryLabels, staffGenderLabels } from '@shared/staff/schemas'
import type { StaffCategory, StaffExportQuery } from '@shared/staff/schemas'
import type { AgencySettings } from '@shared/settings/schemas'
import { searchKey } from '@shared/text/search-key'
import { vietnamDay } from '@shared/text/dates'
import { AppError } from '../core/errors'
import type { ImportColumn, SheetRow } from '../imports/xlsx'
import {
  XLSX_MIME,
  dayText,
  parseDayText,
  readImportSheet,
  requireComplete,
  templateFile,
} from '../imports/xlsx'
import { allStaff, insertStaffMany } from './service'
import { loadExcel } from '../core/excel'

/** A department's whole staff fits many times over; a larger file is a mistake. */
export const MAX_STAFF_IMPORT_ROWS = 20_000

export const STAFF_COLUMNS: ImportColumn[] = [
  { key: 'no', label: 'STT', width: 6, hint: 'Số thứ tự (không bắt buộc)' },
  {
    key: 'fullName',
    label: 'Họ và tên',
    required: true,
    aliases: ['Họ tên'],
    width: 26,
    hint: 'Ví dụ: Nguyễn Văn An',
  },
  {
    key: 'dateOfBirth',
    label: 'Ngày sinh',
    kind: 'date',
    width: 12,
    hint: 'dd/mm/yyyy, ví dụ 12/04/1985',
  },
  {
    key: 'gender',
    label: 'Giới tính',
    aliases: ['Phái', 'Nam/Nữ', 'Nam, nữ'],
    width: 9,
    hint: 'Nam hoặc Nữ',
    choices: ['Nam', 'Nữ'],
  },
  {
    key: 'idNumber',
    label: 'Số CCCD',
    required: true,
    aliases: ['Số CCCD/CMND', 'CCCD', 'CCCD/CMND', 'Số định danh cá nhân', 'Số CMND/CCCD'],
    kind: 'id',
    width: 16,
    hint: '12 chữ số (CMND cũ: 9 chữ số); ghi dạng văn bản để giữ số 0 ở đầu',
  },
  {
    key: 'phone',
    label: 'Điện thoại',
    aliases: ['Số điện thoại', 'SĐT'],
    width: 13,
    hint: 'Ví dụ: 0912 345 678',
  },
  {
    key: 'position',
    label: 'Chức vụ',
    aliases: ['Chức vụ, chức danh', 'Chức danh'],
    width: 22,
    hint: 'Ví dụ: Chuyên viên',
  },
  {
    key: 'category',
    label: 'Loại cán bộ',
    required: true,
    aliases: ['Phân loại', 'Đối tượng'],
    width: 16,
    hint: 'Công chức, Viên chức, Người lao động hoặc Hợp đồng',
    choices: STAFF_CATEGORIES.map((c) => staffCategoryLabels[c]),
  },
  {
    key: 'unit',
    label: 'Đơn vị',
    required: true,
    aliases: ['Mã đơn vị', 'Tên đơn vị'],
    width: 24,
    hint: 'Mã đơn vị (ví dụ VP) hoặc đúng tên đơn vị, xem trang "Đơn vị"',
  },
  { key: 'note', label: 'Ghi chú', width: 24 },
]

const LABEL = Object.fromEntries(STAFF_COLUMNS.map((c) => [c.key, c.label]))

type StaffFields = z.output<typeof StaffInput>

interface UnitLookup {
  byCode: Map<string, number>
  byName: Map<string, number>
}

async function activeUnits(m: EntityManager): Promise<Array<{ id: number; code: string; name: string }>> {
  return (await m.query(`SELECT id, code, name FROM units WHERE active = 1 ORDER BY sort_key, id`)) as Array<{
    id: number
    code: string
    name: string
  }>
}

async function unitLookup(m: EntityManager): Promise<UnitLookup> {
  const byCode = new Map<string, number>()
  const byName = new Map<string, number>()
  for (const u of await activeUnits(m)) {
    byCode.set(u.code.toUpperCase(), u.id)
    byName.set(searchKey(u.name), u.id)
  }
  return { byCode, byName }
}

const CATEGORY_BY_KEY = new Map<string, StaffCategory>(
  STAFF_CATEGORIES.flatMap((c) => [
    [searchKey(staffCategoryLabels[c]), c],
    [c.replace(/_/g, ' '), c],
  ]),
)

const GENDER_BY_KEY = new Map<string, 'male' | 'female'>([
  ['nam', 'male'],
  ['nu', 'female'],
])

export interface CheckedStaffRow {
  dto: ImportRowDto
  input: StaffFields | null
}

/** Every problem of every row: bad values, unknown units, duplicates in the file and in the store. */
export async function checkStaffRows(m: EntityManager, rows: SheetRow[]): Promise<CheckedStaffRow[]> {
  const units = await unitLookup(m)
  const held = new Map<string, string>()
  for (const r of (await m.query(
    `SELECT s.id_number, s.full_name, u.name AS unit_name FROM staff s JOIN units u ON u.id = s.unit_id
     WHERE s.active = 1`,
  )) as Array<{ id_number: string; full_name: string; unit_name: string }>)
    held.set(r.id_number, `${r.full_name} (${r.unit_name})`)

  const checked: CheckedStaffRow[] = rows.map(({ row, cells }) => {
    const errors: string[] = []
    const unitText = cells.unit ?? ''
    const unitId = unitText
      ? (units.byCode.get(unitText.toUpperCase()) ?? units.byName.get(searchKey(unitText)) ?? null)
      : null
    if (unitText && unitId === null)
      errors.push(`Đơn vị: không có đơn vị đang hoạt động mã hoặc tên “${unitText}”`)
    const categoryText = cells.category ?? ''
    const category = CATEGORY_BY_KEY.get(searchKey(categoryText))
    if (categoryText && !category)
      errors.push(
        `Loại cán bộ: “${categoryText}” không hợp lệ (Công chức, Viên chức, Người lao động, Hợp đồng)`,
      )
    const genderText = cells.gender ?? ''
    const gender = genderText ? (GENDER_BY_KEY.get(searchKey(genderText)) ?? null) : null
    if (genderText && !gender) errors.push(`Giới tính: “${genderText}” không hợp lệ (ghi Nam hoặc Nữ)`)
    const birthText = cells.dateOfBirth ?? ''
    const dateOfBirth = birthText ? parseDayText(birthText) : null
    if (birthText && !dateOfBirth) errors.push(`Ngày sinh: “${birthText}” không hợp lệ (ghi dd/mm/yyyy)`)

    const parsed = StaffInput.safeParse({
      unitId: unitId ?? (unitText ? 0 : undefined),
      fullName: cells.fullName,
      dateOfBirth,
      gender,
      idNumber: cells.idNumber,
      phone: cells.phone,
      position: cells.position,
      category: category ?? (categoryText ? 'x' : undefined),
      note: cells.note,
    })
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0])
        // Unit and category were reported above with the value the file holds.
        if ((key === 'unitId' && unitText) || (key === 'category' && categoryText)) continue
        if (key === 'dateOfBirth' && birthText && !dateOfBirth) continue
        errors.push(`${LABEL[key === 'unitId' ? 'unit' : key] ?? key}: ${issue.message}`)
      }
    }
    const input = parsed.success ? parsed.data : null
    const values = { ...cells, dateOfBirth: dateOfBirth ? dayText(dateOfBirth) : birthText }
    return { dto: { row, values, errors }, input }
  })
  // Second pass: the ID number against the store and against the other rows of the file.
  const rowsOf = new Map<string, number[]>()
  for (const c of checked)
    if (c.input) rowsOf.set(c.input.idNumber, [...(rowsOf.get(c.input.idNumber) ?? []), c.dto.row])
  for (const c of checked) {
    if (!c.input) continue
    const holder = held.get(c.input.idNumber)
    if (holder) c.dto.errors.push(`Số CCCD: đã có trong danh sách cán bộ đang công tác — ${holder}`)
    const others = rowsOf.get(c.input.idNumber)!.filter((r) => r !== c.dto.row)
    if (others.length) c.dto.errors.push(`Số CCCD: trùng với dòng ${others.join(', ')} trong tệp`)
    if (c.dto.errors.length) c.input = null
  }
  return checked
}

function preview(checked: CheckedStaffRow[], header: ImportHeaderReport): ImportPreview {
  return {
    columns: STAFF_COLUMNS.filter((c) => c.key !== 'no').map((c) => ({ key: c.key, label: c.label })),
    header,
    rows: checked.map((c) => c.dto),
    total: checked.length,
    errorRows: checked.filter((c) => c.dto.errors.length).length,
  }
}

/** Reads and checks the file; writes nothing. */
export async function previewStaffImport(
  m: EntityManager,
  base64: string,
  mapping?: z.output<typeof ImportMapping>,
): Promise<ImportPreview> {
  const sheet = await readImportSheet(base64, STAFF_COLUMNS, MAX_STAFF_IMPORT_ROWS, mapping)
  return preview(await checkStaffRows(m, sheet.rows), sheet.header)
}

/**
 * Checks the file again (the store may have changed since the preview) and, only if every row
 * is good, inserts them all; the router's transaction makes it all or nothing.
 */
export async function confirmStaffImport(
  ctx: ServiceContext,
  base64: string,
  fileName: string | null,
  mapping?: z.output<typeof ImportMapping>,
): Promise<ImportResult> {
  const rows = requireComplete(await readImportSheet(base64, STAFF_COLUMNS, MAX_STAFF_IMPORT_ROWS, mapping))
  const checked = await checkStaffRows(ctx.m, rows)
  const bad = checked.filter((c) => c.dto.errors.length).length
  if (bad) throw AppError.validation({ base64: importMsg.hasErrors(bad) }, importMsg.hasErrors(bad))
  const stamp = ctx.now.toISOString()
  const inputs = checked.map((c) => c.input!)
  insertStaffMany(ctx.m, inputs, stamp, ctx.userId).forEach((id, i) =>
    ctx.audit.change('staff', id, null, { id, ...inputs[i], active: true }),
  )
  ctx.audit.note('staff', null, `Nhập ${checked.length} cán bộ từ tệp ${fileName ?? 'Excel'}`)
  return { imported: checked.length }
}

export async function staffTemplate(m: EntityManager): Promise<FileDownload> {
  const units = await activeUnits(m)
  return templateFile(
    'mau-danh-sach-can-bo.xlsx',
    'Danh sách cán bộ',
    'DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG',
    STAFF_COLUMNS,
    [
      { sheet: 'Đơn vị', headers: ['Mã đơn vị', 'Tên đơn vị'], rows: units.map((u) => [u.code, u.name]) },
      {
        sheet: 'Loại cán bộ',
        headers: ['Loại cán bộ'],
        rows: STAFF_CATEGORIES.map((c) => [staffCategoryLabels[c]]),
      },
    ],
  )
}

/** The list as a workbook in the template's columns, so it can be filled in and sent back. */
export async function staffXlsx(
  m: EntityManager,
  q: z.output<typeof StaffExportQuery>,
  agency: AgencySettings,
  now: Date,
): Promise<FileDownload> {
  const staff = await allStaff(m, q)
  const units = (await m.query(`SELECT id, code FROM units`)) as Array<{ id: number; code: string }>
  const codes = new Map(units.map((u) => [u.id, u.code]))
  const book = new (await loadExcel()).Workbook()
  book.creator = 'Sổ Phòng Dịch'
  const sheet = book.addWorksheet('Danh sách cán bộ', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  sheet.addRow([agency.agencyName.toUpperCase()]).font = { bold: true }
  sheet.addRow([
    `DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG (ngày ${dayText(vietnamDay(now))})`,
  ]).font = {
    bold: true,
    size: 13,
  }
  const columns = [
    ...STAFF_COLUMNS,
    { key: 'unitName', label: 'Tên đơn vị', width: 28 },
    { key: 'status', label: 'Trạng thái', width: 12 },
  ]
  const header = sheet.addRow(columns.map((c) => c.label))
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' }
  columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.width ?? 16
  })
  sheet.getColumn(3).numFmt = 'dd/mm/yyyy'
  sheet.getColumn(5).numFmt = '@'
  staff.forEach((s, i) =>
    sheet.addRow([
      i + 1,
      s.fullName,
      s.dateOfBirth ? new Date(`${s.dateOfBirth}T00:00:00Z`) : null,
      s.gender ? staffGenderLabels[s.gender] : '',
      s.idNumber,
      s.phone ?? '',
      s.position ?? '',
      staffCategoryLabels[s.category],
      codes.get(s.unitId) ?? '',
      s.note ?? '',
      s.unitName,
      s.active ? 'Đang công tác' : 'Đã nghỉ',
    ]),
  )
  sheet.views = [{ state: 'frozen', ySplit: header.number }]
  sheet.autoFilter = {
    from: { row: header.number, column: 1 },
    to: { row: header.number, column: columns.length },
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer())
  return {
    fileName: `danh-sach-can-bo-${vietnamDay(now)}.xlsx`,
    mimeType: XLSX_MIME,
    base64: buffer.toString('base64'),
  }
}
