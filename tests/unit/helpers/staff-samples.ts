import type { RouteName } from '@shared/contract'
import { todayInVietnam } from '@shared/staff/schemas'
import type { TempApp } from './temp-app'
import { STAFF_HEADERS, staffRow, workbookBase64 } from './xlsx-files'

type StaffRoute = `staff:${string}` & RouteName

const STAFF = {
  unitId: 1,
  fullName: 'Trần Thị Bình',
  idNumber: '001199000001',
  dateOfBirth: '1990-02-03',
  gender: 'female',
  category: 'vien_chuc',
}

/** Two good rows for unit SO (the seeded store's unit 1). */
const STAFF_FILE = await workbookBase64(STAFF_HEADERS, [
  staffRow(1, 'Lê Văn Cường', '001099000011', 'SO'),
  staffRow(2, 'Phạm Thị Dung', '001199000012', 'SO', { gender: 'Nữ', category: 'Viên chức' }),
])

/** Valid inputs of the staff routes (unit 1 exists in the contract tests' seeded store). */
export const staffValid: Record<StaffRoute, unknown> = {
  'staff:list': { q: 'binh' },
  'staff:get': { id: 1 },
  'staff:create': STAFF,
  'staff:update': { ...STAFF, id: 1, active: true, position: 'Kế toán' },
  // A move cannot precede the first line of history, written on the day the record is created.
  'staff:move': { id: 1, unitId: 2, movedOn: todayInVietnam() },
  'staff:importTemplate': {},
  'staff:importPreview': { fileName: 'can-bo.xlsx', base64: STAFF_FILE },
  'staff:importConfirm': { fileName: 'can-bo.xlsx', base64: STAFF_FILE },
  'staff:exportXlsx': { active: 'all' },
}

const oneStaff = (app: TempApp) => app.ok('staff:create', STAFF as never)

export const staffArrange: Partial<Record<StaffRoute, (app: TempApp) => Promise<unknown>>> = {
  'staff:get': oneStaff,
  'staff:update': oneStaff,
  'staff:move': async (app) => {
    await oneStaff(app)
    await app.ok('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
  },
}

export const staffMalformed: Record<StaffRoute, unknown[]> = {
  'staff:list': [{ page: 0 }, { active: 'yes' }, { category: 'quan_ly' }, { sort: 'id_number' }],
  'staff:get': [{}, { id: 'một' }],
  'staff:create': [
    {},
    { ...STAFF, idNumber: '12345' },
    { ...STAFF, fullName: '  ' },
    { ...STAFF, category: 'quan_ly' },
    { ...STAFF, dateOfBirth: '31/12/1990' },
    { ...STAFF, dateOfBirth: '2999-01-01' },
    { ...STAFF, unitId: null },
  ],
  'staff:update': [
    { ...STAFF, active: true },
    { ...STAFF, id: 1 },
  ],
  'staff:move': [
    { id: 1, unitId: 2 },
    { id: 1, unitId: 2, movedOn: '2999-01-01' },
  ],
  'staff:importTemplate': [{ extra: true }],
  'staff:importPreview': [{}, { base64: '' }, { base64: 'không phải base64!' }],
  // Base64 of the first bytes of a zip: not a workbook.
  'staff:importConfirm': [{}, { base64: 'UEsDBA==' }, { base64: 42 }],
  'staff:exportXlsx': [{ active: 'maybe' }, { unitId: 'VP' }],
}
