import { z } from 'zod'
import {
  id,
  msg,
  optionalPhone,
  optionalText,
  paging,
  requiredText,
  searchText,
  text,
} from '../validation/fields'
import { vietnamDay } from '../text/dates'

export const STAFF_CATEGORIES = ['cong_chuc', 'vien_chuc', 'nguoi_lao_dong', 'hop_dong'] as const
export type StaffCategory = (typeof STAFF_CATEGORIES)[number]

export const staffCategoryLabels: Record<StaffCategory, string> = {
  cong_chuc: 'Công chức',
  vien_chuc: 'Viên chức',
  nguoi_lao_dong: 'Người lao động',
  hop_dong: 'Hợp đồng',
}

export const STAFF_GENDERS = ['male', 'female'] as const
export type StaffGender = (typeof STAFF_GENDERS)[number]
export const staffGenderLabels: Record<StaffGender, string> = { male: 'Nam', female: 'Nữ' }

export const staffMsg = {
  idNumber: 'Số CCCD gồm 12 chữ số (hoặc CMND cũ 9 chữ số)',
  idTaken: (who: string, unit: string) => `Số CCCD này đã thuộc cán bộ ${who} (${unit}) đang công tác`,
  birthDate: 'Ngày sinh không hợp lệ',
  birthFuture: 'Ngày sinh không thể ở tương lai',
  birthTooOld: 'Ngày sinh quá xa (trước năm 1930) — có thể đã nhập nhầm',
  category: 'Chọn loại cán bộ trong danh sách',
  unit: 'Chọn đơn vị',
  unitUnknown: 'Đơn vị này không tồn tại hoặc đã ngừng hoạt động',
  notFound: 'Không tìm thấy cán bộ',
  moveSameUnit: 'Cán bộ đang ở đơn vị này',
  moveDate: 'Ngày chuyển không hợp lệ',
  moveFuture: 'Ngày chuyển không thể ở tương lai',
  moveBeforeLast: 'Ngày chuyển không thể trước lần chuyển gần nhất',
  moveInactive: 'Cán bộ đã nghỉ: kích hoạt lại trước khi chuyển đơn vị',
  anonymised: 'Thông tin cá nhân của cán bộ này đã được xoá theo thời hạn lưu trữ: không sửa được',
}

/** Vietnam's calendar day today, so "not in the future" means the same at 06:00 as at 23:00. */
export const todayInVietnam = (): string => vietnamDay(new Date())

/** CCCD: 12 digits; an old CMND: 9. Spaces and dots people type are dropped. */
export const staffIdNumber = text({ error: msg.required })
  .transform((v) => v.replace(/[\s.]/g, ''))
  .pipe(
    z
      .string()
      .min(1, { error: msg.required })
      .refine((v) => /^(?:\d{9}|\d{12})$/.test(v), { error: staffMsg.idNumber }),
  )

export const birthDate = text({ error: staffMsg.birthDate })
  .nullish()
  .transform((v) => (v ? v : null))
  .pipe(
    z.iso
      .date({ error: staffMsg.birthDate })
      .refine((v) => v >= '1930-01-01', { error: staffMsg.birthTooOld })
      .refine((v) => v <= todayInVietnam(), { error: staffMsg.birthFuture })
      .nullable(),
  )

const staffFields = {
  fullName: requiredText(120),
  dateOfBirth: birthDate,
  gender: z
    .enum(STAFF_GENDERS, { error: msg.invalid })
    .nullish()
    .transform((v) => v ?? null),
  idNumber: staffIdNumber,
  phone: optionalPhone,
  position: optionalText(120),
  category: z.enum(STAFF_CATEGORIES, { error: staffMsg.category }),
  note: optionalText(1000, { multiline: true }),
}

export const StaffInput = z.object({
  unitId: z.number({ error: staffMsg.unit }).int({ error: staffMsg.unit }).positive({ error: staffMsg.unit }),
  ...staffFields,
})
export type StaffInput = z.input<typeof StaffInput>

/** The unit changes through a move (with its date and history), never through an edit. */
export const StaffUpdateInput = z.object({
  id,
  ...staffFields,
  active: z.boolean({ error: msg.invalid }),
})
export type StaffUpdateInput = z.input<typeof StaffUpdateInput>

export const StaffMoveInput = z.object({
  id,
  unitId: z.number({ error: staffMsg.unit }).int({ error: staffMsg.unit }).positive({ error: staffMsg.unit }),
  movedOn: z.iso
    .date({ error: staffMsg.moveDate })
    .refine((v) => v <= todayInVietnam(), { error: staffMsg.moveFuture }),
  reason: optionalText(300),
})
export type StaffMoveInput = z.input<typeof StaffMoveInput>

export const StaffIdInput = z.object({ id })

export const STAFF_SORTS = ['name', 'unit', 'updatedAt'] as const

export const StaffListQuery = z.object({
  q: searchText,
  unitId: id.nullish(),
  category: z.enum(STAFF_CATEGORIES, { error: msg.invalid }).nullish(),
  active: z.enum(['active', 'inactive', 'all'], { error: msg.invalid }).default('active'),
  sort: z.enum(STAFF_SORTS, { error: msg.invalid }).default('name'),
  order: z.enum(['asc', 'desc'], { error: msg.invalid }).default('asc'),
  ...paging,
})
export type StaffListQuery = z.input<typeof StaffListQuery>

export const StaffExportQuery = StaffListQuery.omit({ page: true, pageSize: true, sort: true, order: true })
export type StaffExportQuery = z.input<typeof StaffExportQuery>

export interface StaffDto {
  id: number
  unitId: number
  unitName: string
  fullName: string
  dateOfBirth: string | null
  gender: StaffGender | null
  idNumber: string
  phone: string | null
  position: string | null
  category: StaffCategory
  active: boolean
  note: string | null
  /** Left longer ago than the retention setting: name, ID number, birth date, phone erased. */
  anonymised: boolean
  createdAt: string
  updatedAt: string
}

export interface StaffMoveDto {
  id: number
  fromUnitId: number | null
  fromUnitName: string | null
  toUnitId: number
  toUnitName: string
  movedOn: string
  reason: string | null
}

export interface StaffDetail extends StaffDto {
  history: StaffMoveDto[]
}
