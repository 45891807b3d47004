import type { HandlerContext, Handlers } from '../core/router'
import { createStaff, getStaffDetail, listStaff, moveStaff, updateStaff } from './service'
import type { StaffContext } from './service'

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
}
