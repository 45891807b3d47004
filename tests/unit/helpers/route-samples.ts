import type { RouteName } from '@shared/contract'
import type { TempApp } from './temp-app'
import { staffArrange, staffValid } from './staff-samples'
import { vaccineArrange, vaccineValid } from './vaccine-samples'
import { rapidArrange, rapidValid } from './rapid-test-samples'

export const PASSWORD = 'mat-khau-dai-8'
const CCCD = '001099012345'
/** A unit's daily report figures that pass every check (staff counts add up). */
export const REPORT = {
  staffTotal: 20,
  atOffice: 15,
  workingFromHome: 3,
  onLeave: 2,
  f0: 0,
  f1: 1,
  f2: 0,
  dose1: 20,
  dose2: 18,
  booster: 5,
  measures: 'Đo thân nhiệt, khai báo y tế',
  reporterName: 'Trần Thị Bình',
}
const ADHOC = {
  unitId: 1,
  subject: 'Phát hiện F1',
  content: 'Một công chức là F1, đã cách ly tại nhà',
  f1: 1,
  reporterName: 'Trần Thị Bình',
}

/** A 1×1 PNG: the smallest photo an inspection can carry. */
export const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
const HEAD = { role: 'head', fullName: 'Trần Văn Minh', title: 'Phó Giám đốc Sở' }
export const PLAN_SAMPLE = {
  number: 1023,
  symbol: 'KH-STP',
  issuedOn: '2021-11-01',
  title: 'Kiểm tra công tác phòng, chống dịch COVID-19',
  kind: 'inspection',
  periodFrom: '2021-11-01',
  periodTo: null,
  unitIds: [1],
  targets: [{ label: '100% cơ quan', kindCode: 'agency', percent: 100 }],
  team: [HEAD],
}
export const INSPECTION_SAMPLE = {
  unitId: 1,
  kind: 'inspection',
  date: '2021-11-15',
  startTime: '08:30',
  endTime: '10:30',
  team: [HEAD],
}
/** The default template has 14 items: in a fresh store the first inspection's items are 1–14. */
export const UPDATE_SAMPLE = {
  ...INSPECTION_SAMPLE,
  id: 1,
  items: Array.from({ length: 14 }, (_, i) => ({ id: i + 1, result: 'pass' })),
  recommendations: [{ content: 'Bổ sung tủ thuốc', ownerName: 'Văn phòng Sở', dueDate: '2021-12-01' }],
}
export const PHOTO_SAMPLE = { inspectionId: 1, itemId: 1, fileName: 'tu-thuoc.png', base64: PNG_1PX }
export const SCAN_SAMPLE = { inspectionId: 1, fileName: 'bien-ban-ky.png', base64: PNG_1PX }
export const EVIDENCE_SAMPLE = { recommendationId: 1, fileName: 'bao-cao-khac-phuc.png', base64: PNG_1PX }

/**
 * One valid input per route, for the contract and fuzz tests (the type fails to compile until a
 * new route has one). Inputs that name a record assume `arrange` ran and the seeded store of
 * contract.test.ts: administrator user 1, unit 1.
 */
export const valid: Record<RouteName, unknown> = {
  'auth:status': {},
  'auth:setup': { username: 'quantri', displayName: 'Quản trị viên', password: PASSWORD, confirm: PASSWORD },
  'auth:login': { username: 'quantri', password: PASSWORD },
  'auth:logout': {},
  'auth:unlock': { password: PASSWORD },
  'auth:lock': {},
  'auth:touch': {},
  'auth:changePassword': { current: PASSWORD, password: 'mat-khau-moi-9', confirm: 'mat-khau-moi-9' },
  'users:list': {},
  'users:create': {
    username: 'le.tan',
    displayName: 'Lễ tân',
    roles: ['reception'],
    password: PASSWORD,
    confirm: PASSWORD,
  },
  'users:update': { id: 1, displayName: 'Quản trị viên', roles: ['admin', 'office'], active: true },
  'users:resetPassword': { id: 1, password: PASSWORD, confirm: PASSWORD },
  'audit:list': { from: '2026-01-01', to: '2026-12-31' },
  'audit:export': {},
  'audit:verify': {},
  'audit:startupCheck': {},
  'settings:getSecurity': {},
  'settings:updateSecurity': { idleMinutes: 15, staffRetentionDays: 365 },
  'units:list': {},
  'units:get': { id: 1 },
  'units:options': {},
  'units:create': { code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' },
  'units:update': { id: 1, code: 'VP', name: 'Văn phòng Sở', kindCode: 'department' },
  'units:setActive': { id: 1, active: false },
  'unitKinds:list': {},
  'unitKinds:create': { code: 'loai_moi', name: 'Loại mới' },
  'settings:getAgency': {},
  'settings:updateAgency': {
    parentBodyName: 'UBND TỈNH HẬU GIANG',
    agencyName: 'SỞ TƯ PHÁP',
    agencySymbol: 'STP',
    placeName: 'Vị Thanh',
  },
  'sample:status': {},
  'sample:load': {},
  'sample:clear': {},
  'backups:overview': {},
  'backups:updateSettings': { folder: null, keep: 7, daily: true },
  'backups:create': {},
  'backups:restore': { file: 'so-phong-dich-20260101-080000.sqlite' },
  'backups:health': {},
  'backups:recover': {},
  'backups:recoveryPreview': {},
  // Port 1 on the loopback: nothing listens there.
  'database:status': {},
  'database:test': { host: '127.0.0.1', port: 1, database: 'spd', user: 'spd', password: 'mat-khau' },
  'database:connect': { host: '127.0.0.1', port: 1, database: 'spd', user: 'spd', password: 'mat-khau' },
  'database:useLocal': {},
  'database:move': { host: '127.0.0.1', port: 1, database: 'spd', user: 'spd', password: 'mat-khau' },
  'database:moveProgress': {},
  'database:retry': {},
  'backups:setPassphrase': { passphrase: 'mot-mat-khau-sao-luu', confirm: 'mot-mat-khau-sao-luu' },
  'settings:getReception': {},
  'reminders:dailyReports': {},
  'reminders:recommendations': {},
  'reminders:vaccineRounds': {},
  'reminders:getSettings': {},
  'reminders:updateSettings': { reportReminderTime: '14:00', recommendationDays: 5, vaccineDays: 3 },
  'settings:updateReception': {
    retentionDays: 30,
    autoCheckOutTime: '17:30',
    scannerPort: null,
    screeningRequired: true,
    paperDeclaration: true,
  },
  'visits:checkIn': {
    visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: CCCD },
    hostUnitId: 1,
    health: { temperature: 36.5, symptoms: [], contactWithCase: false, fromCaseArea: false },
  },
  'visits:checkOut': { id: 1 },
  'visits:checkOutBySlip': { code: 'SPD-KHACH:1:20260105T010000Z' },
  'visits:checkOutAll': { ids: [1] },
  'visits:edit': { id: 1, hostUnitId: 1, checkedInAt: '2026-01-05T08:00:00+07:00', reason: 'Ghi nhầm giờ' },
  'visits:get': { id: 1 },
  'visits:inside': {},
  'visits:search': { q: 'nguyen van' },
  'visitors:lookup': { idNumber: CCCD },
  'visitors:suggest': { q: 'nguyen' },
  'visitors:history': { id: 1 },
  'visitors:revealIdNumber': { id: 1 },
  'visits:dayListXlsx': { from: '2026-11-23', to: '2026-11-23' },
  'visits:dayListPdf': { from: '2026-11-23', to: '2026-11-23' },
  'visits:dayListDocx': { from: '2026-11-23', to: '2026-11-23' },
  'visits:rollCallPdf': {},
  'visits:healthDeclarationPdf': { id: 1 },
  'visits:slipPdf': { id: 1 },
  'visits:trace': { visitorId: 1, from: '2026-11-01T00:00:00+07:00', to: '2026-11-20T00:00:00+07:00' },
  'visits:traceXlsx': { visitorId: 1, from: '2026-11-01T00:00:00+07:00', to: '2026-11-20T00:00:00+07:00' },
  'visits:tracePdf': { visitorId: 1, from: '2026-11-01T00:00:00+07:00', to: '2026-11-20T00:00:00+07:00' },
  'watchlist:list': {},
  'watchlist:create': { idNumber: '001099099999', reason: 'Gây rối lần trước' },
  'watchlist:update': { id: 1, fullName: 'Trần Văn Bình', reason: 'Gây rối lần trước', active: false },
  'watchlist:get': { id: 1 },
  'templates:list': {},
  'templates:save': { baseId: 1, name: 'Phiếu kiểm tra', items: [{ section: 'Chung', text: 'Có tủ thuốc' }] },
  'plans:list': { q: 'phong chong' },
  'plans:get': { id: 1 },
  'plans:create': PLAN_SAMPLE,
  'plans:update': { ...PLAN_SAMPLE, id: 1 },
  'plans:reportPdf': { id: 1 },
  'plans:reportDocx': { id: 1 },
  'inspections:list': { planId: 1 },
  'inspections:calendar': { month: '2021-11', member: 'tran van minh' },
  'inspections:unitHistory': { unitId: 1 },
  'inspections:get': { id: 1 },
  'inspections:create': INSPECTION_SAMPLE,
  'inspections:update': UPDATE_SAMPLE,
  'inspections:finalise': { id: 1 },
  'inspections:correct': { ...UPDATE_SAMPLE, reason: 'Ghi nhầm giờ kết thúc' },
  'inspections:delete': { id: 1 },
  'inspections:addPhoto': PHOTO_SAMPLE,
  'inspections:removePhoto': { id: 1 },
  'inspections:photo': { id: 1 },
  'inspections:minutesPdf': { id: 1 },
  'inspections:minutesDocx': { id: 1 },
  'inspections:addSignedScan': SCAN_SAMPLE,
  'inspections:removeSignedScan': { id: 1 },
  'inspections:signedScan': { id: 1 },
  'recommendations:addEvidence': EVIDENCE_SAMPLE,
  'recommendations:removeEvidence': { id: 1 },
  'recommendations:evidence': { id: 1 },
  'recommendations:overdue': { asOf: '2022-01-01' },
  'recommendations:follow': { id: 1, status: 'done', statusDate: '2021-11-30', evidence: 'Đã mua tủ thuốc' },
  ...staffValid,
  ...vaccineValid,
  'dailyReports:board': {},
  'dailyReports:list': {},
  'dailyReports:get': { id: 1 },
  'dailyReports:getAdhoc': { id: 1 },
  'dailyReports:prefill': { unitId: 1 },
  'dailyReports:submit': { unitId: 1, ...REPORT },
  'dailyReports:update': { id: 1, version: 1, ...REPORT, f1: 2 },
  'dailyReports:submitAdhoc': ADHOC,
  'dailyReports:trend': {},
  'dailyReports:summaryXlsx': { date: '2026-11-23' },
  'dailyReports:summaryPdf': { date: '2026-11-23' },
  'dailyReports:summaryDocx': { date: '2026-11-23' },
  ...rapidValid,
}

const inspection = (app: TempApp) => app.ok('inspections:create', INSPECTION_SAMPLE as never)
const updated = async (app: TempApp) => {
  await inspection(app)
  return app.ok('inspections:update', UPDATE_SAMPLE as never)
}
const finalised = async (app: TempApp) => {
  await updated(app)
  return app.ok('inspections:finalise', { id: 1 })
}
const withPhoto = async (app: TempApp) => {
  await inspection(app)
  return app.ok('inspections:addPhoto', PHOTO_SAMPLE as never)
}
const withScan = async (app: TempApp) => {
  await finalised(app)
  return app.ok('inspections:addSignedScan', SCAN_SAMPLE as never)
}
const withEvidence = async (app: TempApp) => {
  await finalised(app)
  return app.ok('recommendations:addEvidence', EVIDENCE_SAMPLE as never)
}
const plan = (app: TempApp) => app.ok('plans:create', PLAN_SAMPLE as never)

/** Records a valid input refers to, made through the routes themselves. */
export const arrange: Partial<Record<RouteName, (app: TempApp) => Promise<unknown>>> = {
  'visits:checkOut': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:checkOutBySlip': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:checkOutAll': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:edit': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:get': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visitors:history': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visitors:revealIdNumber': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:trace': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:traceXlsx': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:tracePdf': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:healthDeclarationPdf': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:slipPdf': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'watchlist:update': (app) => app.ok('watchlist:create', valid['watchlist:create'] as never),
  'watchlist:get': (app) => app.ok('watchlist:create', valid['watchlist:create'] as never),
  'plans:get': plan,
  'plans:update': plan,
  'plans:reportPdf': async (app) => {
    await plan(app)
    await app.ok('inspections:create', { ...INSPECTION_SAMPLE, planId: 1 } as never)
    await app.ok('inspections:update', { ...UPDATE_SAMPLE, planId: 1 } as never)
    return app.ok('inspections:finalise', { id: 1 })
  },
  'plans:reportDocx': async (app) => {
    await plan(app)
    await app.ok('inspections:create', { ...INSPECTION_SAMPLE, planId: 1 } as never)
    await app.ok('inspections:update', { ...UPDATE_SAMPLE, planId: 1 } as never)
    return app.ok('inspections:finalise', { id: 1 })
  },
  'inspections:get': inspection,
  'inspections:update': inspection,
  'inspections:finalise': updated,
  'inspections:correct': finalised,
  'inspections:delete': withPhoto,
  'inspections:addPhoto': inspection,
  'inspections:removePhoto': withPhoto,
  'inspections:photo': withPhoto,
  'inspections:minutesPdf': withPhoto,
  'inspections:minutesDocx': withPhoto,
  'recommendations:follow': finalised,
  'inspections:addSignedScan': finalised,
  'inspections:removeSignedScan': withScan,
  'inspections:signedScan': withScan,
  'recommendations:addEvidence': finalised,
  'recommendations:removeEvidence': withEvidence,
  'recommendations:evidence': withEvidence,
  ...staffArrange,
  ...vaccineArrange,
  'dailyReports:get': (app) => app.ok('dailyReports:submit', valid['dailyReports:submit'] as never),
  'dailyReports:update': (app) => app.ok('dailyReports:submit', valid['dailyReports:submit'] as never),
  'dailyReports:getAdhoc': (app) => app.ok('dailyReports:submitAdhoc', ADHOC),
  'dailyReports:summaryPdf': (app) => app.ok('dailyReports:submit', valid['dailyReports:submit'] as never),
  'dailyReports:summaryDocx': (app) => app.ok('dailyReports:submit', valid['dailyReports:submit'] as never),
  ...rapidArrange,
}
