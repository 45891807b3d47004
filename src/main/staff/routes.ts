import type { HandlerContext, Handlers } from '../core/router'
import { createStaff, getStaffDetail, listStaff, moveStaff, updateStaff } from './service'
import type { StaffContext } from './service'
import { confirmStaffImport, previewStaffImport, staffTemplate, staffXlsx } from './transfer'
import { agencyGroup, readSettings } from '../settings/service'

type StaffHandlers = Pick<Handlers, `staff:${string}` & keyof Handlers>

export const staffContext = (ctx: HandlerContext): StaffContext => ({
  m: ctx.m,
  now: ctx.now,
  audit: ctx.audit,
  userId: ctx.session.user?.id ?? null,
})

export const staffHandlers: StaffHandlers = {
  'staff:list': (q, { m }) => listStaff(m, q),
  'staff:get': ({ id }, { m }) => getStaffDetail(m, id),
  'staff:create': (input, ctx) => createStaff(staffContext(ctx), input),
  'staff:update': (input, ctx) => updateStaff(staffContext(ctx), input),
  'staff:move': (input, ctx) => moveStaff(staffContext(ctx), input),
  'staff:importTemplate': (_input, { m }) => staffTemplate(m),
  'staff:importPreview': ({ base64, mapping }, { m }) => previewStaffImport(m, base64, mapping),
  'staff:importConfirm': ({ base64, fileName, mapping }, ctx) =>
    confirmStaffImport(staffContext(ctx), base64, fileName, mapping),
  'staff:exportXlsx': async (q, { m, now, audit }) => {
    const file = await staffXlsx(m, q, await readSettings(m, agencyGroup), now)
    audit.note('staff', null, `Xuất danh sách cán bộ ra Excel (${file.fileName})`)
    return file
  },
}
