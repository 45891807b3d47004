import { serviceContext } from '../core/context'
import type { Handlers } from '../core/router'
import { createStaff, moveStaff, updateStaff } from './service'
import { getStaffDetail, listStaff } from './queries'
import { confirmStaffImport, previewStaffImport, staffTemplate } from './transfer'
import { staffXlsx } from './export'
import { agencyGroup, readSettings } from '../settings/service'

type StaffHandlers = Pick<Handlers, `staff:${string}` & keyof Handlers>

export const staffHandlers: StaffHandlers = {
  'staff:list': (q, { m }) => listStaff(m, q),
  'staff:get': ({ id }, { m }) => getStaffDetail(m, id),
  'staff:create': (input, ctx) => createStaff(serviceContext(ctx), input),
  'staff:update': (input, ctx) => updateStaff(serviceContext(ctx), input),
  'staff:move': (input, ctx) => moveStaff(serviceContext(ctx), input),
  'staff:importTemplate': (_input, { m }) => staffTemplate(m),
  'staff:importPreview': ({ base64, mapping }, { m }) => previewStaffImport(m, base64, mapping),
  'staff:importConfirm': ({ base64, fileName, mapping }, ctx) =>
    confirmStaffImport(serviceContext(ctx), base64, fileName, mapping),
  'staff:exportXlsx': async (q, { m, now, audit }) => {
    const file = await staffXlsx(m, q, await readSettings(m, agencyGroup), now)
    audit.note('staff', null, `Xuất danh sách cán bộ ra Excel (${file.fileName})`)
    return file
  },
}
