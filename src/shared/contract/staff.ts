import { route } from './route'
import type { Page } from './route'
import { StaffIdInput, StaffInput, StaffListQuery, StaffMoveInput, StaffUpdateInput } from '../staff/schemas'
import type { StaffDetail, StaffDto } from '../staff/schemas'

/** Staff of the units (Cán bộ, công chức): `staff:*`. */
export const staffRoutes = {
  'staff:list': route<typeof StaffListQuery, Page<StaffDto>>({
    input: StaffListQuery,
    permission: 'staff.read',
    kind: 'read',
  }),
  'staff:get': route<typeof StaffIdInput, StaffDetail>({
    input: StaffIdInput,
    permission: 'staff.read',
    kind: 'read',
  }),
  'staff:create': route<typeof StaffInput, StaffDto>({
    input: StaffInput,
    permission: 'staff.write',
    kind: 'write',
  }),
  'staff:update': route<typeof StaffUpdateInput, StaffDto>({
    input: StaffUpdateInput,
    permission: 'staff.write',
    kind: 'write',
  }),
  'staff:move': route<typeof StaffMoveInput, StaffDetail>({
    input: StaffMoveInput,
    permission: 'staff.write',
    kind: 'write',
  }),
} as const
