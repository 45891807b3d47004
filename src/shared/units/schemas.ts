import { z } from 'zod'
import {
  id,
  msg,
  optionalEmail,
  optionalPhone,
  optionalText,
  paging,
  requiredText,
  searchText,
  text,
} from '../validation/fields'

export const unitMsg = {
  codeFormat: 'Mã chỉ gồm chữ không dấu, số và dấu gạch ngang (ví dụ VPCC-NTBL)',
  codeTaken: 'Mã đơn vị này đã có',
  kindUnknown: 'Chọn loại đơn vị trong danh sách',
  parentUnknown: 'Đơn vị cấp trên không tồn tại',
  parentInactive: 'Đơn vị cấp trên đã ngừng hoạt động',
  parentCycle: 'Không thể chọn chính đơn vị này hoặc đơn vị cấp dưới của nó làm đơn vị cấp trên',
  hasActiveChildren: 'Còn đơn vị cấp dưới đang hoạt động: hãy chuyển hoặc ngừng hoạt động chúng trước',
  notFound: 'Không tìm thấy đơn vị',
  kindCodeTaken: 'Mã loại đơn vị này đã có',
}

const unitCode = z
  .string({ error: msg.required })
  .trim()
  .min(1, { error: msg.required })
  .max(20, { error: msg.tooLong(20) })
  .transform((v) => v.toUpperCase())
  .refine((v) => /^[A-Z0-9]+(?:-[A-Z0-9]+)*$/.test(v), { error: unitMsg.codeFormat })

/** Create and edit share one form; `id` is added for edits. */
export const UnitInput = z.object({
  code: unitCode,
  name: requiredText(200),
  kindCode: text({ error: unitMsg.kindUnknown }).min(1, { error: unitMsg.kindUnknown }).max(40),
  parentId: id.nullish().transform((v) => v ?? null),
  address: optionalText(300),
  headName: optionalText(120),
  headTitle: optionalText(120),
  phone: optionalPhone,
  email: optionalEmail,
  note: optionalText(1000, { multiline: true }),
})
export type UnitInput = z.input<typeof UnitInput>

export const UnitUpdateInput = UnitInput.extend({ id })
export type UnitUpdateInput = z.input<typeof UnitUpdateInput>

export const UnitIdInput = z.object({ id })

export const UnitSetActiveInput = z.object({ id, active: z.boolean({ error: msg.invalid }) })

export const UNIT_SORTS = ['name', 'code', 'kind', 'updatedAt'] as const

export const UnitListQuery = z.object({
  q: searchText,
  kindCode: text().max(40).nullish(),
  active: z.enum(['active', 'inactive', 'all']).default('active'),
  sort: z.enum(UNIT_SORTS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  ...paging,
})
export type UnitListQuery = z.input<typeof UnitListQuery>

export const UnitOptionsQuery = z.object({ includeInactive: z.boolean().default(false) })

export const UnitKindInput = z.object({
  code: z
    .string({ error: msg.required })
    .trim()
    .min(1, { error: msg.required })
    .max(40, { error: msg.tooLong(40) })
    .refine((v) => /^[a-z0-9_]+$/.test(v), {
      error: 'Mã loại chỉ gồm chữ thường không dấu, số và dấu gạch dưới',
    }),
  name: requiredText(120),
})

export interface UnitDto {
  id: number
  code: string
  name: string
  kindCode: string
  kindName: string
  parentId: number | null
  parentName: string | null
  address: string | null
  headName: string | null
  headTitle: string | null
  phone: string | null
  email: string | null
  note: string | null
  active: boolean
  isSample: boolean
  createdAt: string
  updatedAt: string
}

/** A light row for pickers and the tree. */
export interface UnitOption {
  id: number
  code: string
  name: string
  kindCode: string
  parentId: number | null
  active: boolean
}

export interface UnitKindDto {
  code: string
  name: string
  builtin: boolean
}
