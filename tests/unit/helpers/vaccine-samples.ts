import type { RouteName } from '@shared/contract'
import { todayInVietnam } from '@shared/staff/schemas'
import type { TempApp } from './temp-app'
import { workbookBase64 } from './xlsx-files'

type VaccineRoute = (
  `vaccines:${string}` | `priorityGroups:${string}` | `vaccineRounds:${string}` | `vaccinations:${string}`
) &
  RouteName

export const VACCINATION_HEADERS = [
  'STT',
  'Họ và tên *',
  'Số CCCD *',
  'Mũi đăng ký *',
  'Vắc xin',
  'Nhóm ưu tiên',
  'Mũi 1 - Vắc xin',
  'Mũi 1 - Ngày tiêm',
  'Bệnh nền',
]

const ROUND = { name: 'Đợt 1 năm 2021', openedOn: '2021-07-01', deadline: todayInVietnam() }
const STAFF = { unitId: 1, fullName: 'Trần Thị Bình', idNumber: '001199000001', category: 'vien_chuc' }

/** Staff 1 at unit 1 (SO), round 1 open until today. */
async function roundAndStaff(app: TempApp): Promise<void> {
  await app.ok('vaccineRounds:save', ROUND)
  await app.ok('staff:create', STAFF as never)
}

const REGISTRATION = { roundId: 1, staffId: 1, dose: 1, vaccineId: 1, priorityGroupId: 4 }

const FILE = await workbookBase64(VACCINATION_HEADERS, [
  [1, 'Trần Thị Bình', '001199000001', 2, 'Pfizer', 4, 'AstraZeneca', '05/08/2021', 'Không'],
])

export const vaccineValid: Record<VaccineRoute, unknown> = {
  'vaccines:list': {},
  'vaccines:save': { name: 'Covaxin' },
  'priorityGroups:list': {},
  'priorityGroups:save': { id: 9, name: 'Các đối tượng khác', active: true },
  'vaccineRounds:list': {},
  'vaccineRounds:save': ROUND,
  'vaccineRounds:setSubmitted': { roundId: 1, unitId: 1, submitted: true, note: 'Không có người đăng ký' },
  'vaccinations:list': { roundId: 1 },
  'vaccinations:get': { id: 1 },
  'vaccinations:staffDoses': { staffId: 1 },
  'vaccinations:create': REGISTRATION,
  'vaccinations:update': { ...REGISTRATION, id: 1, status: 'postponed', statusReason: 'Đang ốm' },
  'vaccinations:clearContraindication': { id: 1, reason: 'Bác sĩ đã khám lại, đủ điều kiện tiêm' },
  'vaccinations:consolidate': { roundId: 1 },
  'vaccinations:exportXlsx': { roundId: 1 },
  'vaccinations:exportPdf': { roundId: 1, unitId: 1 },
  'vaccinations:exportDocx': { roundId: 1, unitId: 1 },
  'vaccinations:importTemplate': {},
  'vaccinations:importPreview': { roundId: 1, unitId: 1, fileName: 'so.xlsx', base64: FILE },
  'vaccinations:importConfirm': { roundId: 1, unitId: 1, fileName: 'so.xlsx', base64: FILE },
}

const registered = async (app: TempApp) => {
  await roundAndStaff(app)
  await app.ok('vaccinations:create', REGISTRATION as never)
}

export const vaccineArrange: Partial<Record<VaccineRoute, (app: TempApp) => Promise<unknown>>> = {
  'vaccineRounds:setSubmitted': roundAndStaff,
  'vaccinations:list': roundAndStaff,
  'vaccinations:get': registered,
  'vaccinations:staffDoses': roundAndStaff,
  'vaccinations:create': roundAndStaff,
  'vaccinations:update': registered,
  'vaccinations:clearContraindication': async (app) => {
    await roundAndStaff(app)
    await app.ok('vaccinations:create', {
      ...REGISTRATION,
      status: 'contraindicated',
      statusReason: 'Phản vệ độ 2 sau mũi trước',
    } as never)
  },
  'vaccinations:consolidate': registered,
  'vaccinations:exportXlsx': registered,
  'vaccinations:exportPdf': registered,
  'vaccinations:exportDocx': registered,
  'vaccinations:importPreview': roundAndStaff,
  'vaccinations:importConfirm': roundAndStaff,
}

export const vaccineMalformed: Record<VaccineRoute, unknown[]> = {
  'vaccines:list': [{ extra: true }],
  'vaccines:save': [{}, { name: '  ' }, { id: 'một', name: 'X' }],
  'priorityGroups:list': [{ extra: true }],
  'priorityGroups:save': [{ name: '' }, { name: 'Nhóm', active: 'có' }],
  'vaccineRounds:list': [{ extra: true }],
  'vaccineRounds:save': [
    {},
    { ...ROUND, deadline: '2021-06-01' },
    { ...ROUND, openedOn: '01/07/2021' },
    { ...ROUND, name: '' },
  ],
  'vaccineRounds:setSubmitted': [
    { roundId: 1, unitId: 1 },
    { roundId: 1, submitted: true },
  ],
  'vaccinations:list': [{}, { roundId: 1, status: 'maybe' }, { roundId: 1, dose: 9 }],
  'vaccinations:get': [{}, { id: 0 }],
  'vaccinations:staffDoses': [{}, { staffId: 'một' }],
  'vaccinations:create': [
    {},
    { ...REGISTRATION, dose: 0 },
    { ...REGISTRATION, status: 'vaccinated' },
    { ...REGISTRATION, status: 'vaccinated', vaccinatedOn: '2999-01-01' },
    { ...REGISTRATION, status: 'declined' },
    { ...REGISTRATION, dose: 2, priorDoses: [{ dose: 2, givenOn: '2021-08-01' }] },
    { ...REGISTRATION, dose: 2, priorDoses: [{ dose: 1, givenOn: '2999-08-01' }] },
    { ...REGISTRATION, insuranceNumber: '123' },
    { ...REGISTRATION, covid90Days: 'có' },
    { ...REGISTRATION, reaction: true },
  ],
  'vaccinations:update': [{ ...REGISTRATION }, { id: 1, dose: 1, status: 'contraindicated' }],
  'vaccinations:clearContraindication': [{ id: 1 }, { id: 1, reason: ' ' }],
  'vaccinations:consolidate': [{}, { roundId: -1 }],
  'vaccinations:exportXlsx': [{}, { roundId: 1, unitId: 'SO' }],
  'vaccinations:exportPdf': [{ unitId: 1 }],
  'vaccinations:exportDocx': [{ unitId: 1 }],
  'vaccinations:importTemplate': [{ extra: true }],
  'vaccinations:importPreview': [
    { roundId: 1, base64: FILE },
    { roundId: 1, unitId: 1, base64: '' },
  ],
  'vaccinations:importConfirm': [
    { unitId: 1, base64: FILE },
    { roundId: 1, unitId: 1, base64: '%%%' },
  ],
}
