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
import { STAFF_CATEGORIES, StaffInput, staffCategoryLabels } from '@shared/staff/schemas'
import type { StaffCategory } from '@shared/staff/schemas'
import { searchKey } from '@shared/text/search-key'
import { AppError } from '../core/errors'
import type { ImportColumn, SheetRow } from '../imports/xlsx'
import { dayText, parseDayText, readImportSheet, requireComplete, templateFile } from '../imports/xlsx'
import { insertStaffMany } from './service'
import { activeHolders } from './queries'
import { unitOptions } from '../units/service'

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

async function unitLookup(m: EntityManager): Promise<UnitLookup> {
  const byCode = new Map<string, number>()
  const byName = new Map<string, number>()
  for (const u of await unitOptions(m, { includeInactive: false })) {
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
  const held = await activeHolders(m)

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
    if (holder)
      c.dto.errors.push(
        `Số CCCD: đã có trong danh sách cán bộ đang công tác — ${holder.fullName} (${holder.unitName})`,
      )
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
  const ids = await insertStaffMany(ctx.m, inputs, stamp, ctx.userId)
  ids.forEach((id, i) => ctx.audit.change('staff', id, null, { id, ...inputs[i], active: true }))
  ctx.audit.note('staff', null, `Nhập ${checked.length} cán bộ từ tệp ${fileName ?? 'Excel'}`)
  return { imported: checked.length }
}

export async function staffTemplate(m: EntityManager): Promise<FileDownload> {
  const units = await unitOptions(m, { includeInactive: false })
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
