import type { RouteName } from '@shared/contract'
import type { TempApp } from './temp-app'
import { staffArrange, staffValid } from './staff-samples'
import { vaccineArrange, vaccineValid } from './vaccine-samples'

export const PASSWORD = 'mat-khau-dai-8'
const CCCD = '001099012345'

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
  'settings:getSecurity': {},
  'settings:updateSecurity': { idleMinutes: 15 },
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
  'settings:getReception': {},
  'settings:updateReception': { retentionDays: 30, autoCheckOutTime: '17:30', scannerPort: null },
  'visits:checkIn': { visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: CCCD }, hostUnitId: 1 },
  'visits:checkOut': { id: 1 },
  'visits:checkOutAll': { ids: [1] },
  'visits:edit': { id: 1, hostUnitId: 1, checkedInAt: '2026-01-05T08:00:00+07:00', reason: 'Ghi nhầm giờ' },
  'visits:get': { id: 1 },
  'visits:inside': {},
  'visits:search': { q: 'nguyen van' },
  'visitors:lookup': { idNumber: CCCD },
  'visitors:suggest': { q: 'nguyen' },
  'visitors:history': { id: 1 },
  'visits:dayListXlsx': { from: '2026-11-23', to: '2026-11-23' },
  'visits:dayListPdf': { from: '2026-11-23', to: '2026-11-23' },
  'visits:rollCallPdf': {},
  'visits:slipPdf': { id: 1 },
  'visits:trace': { visitorId: 1, from: '2026-11-01T00:00:00+07:00', to: '2026-11-20T00:00:00+07:00' },
  'visits:traceXlsx': { visitorId: 1, from: '2026-11-01T00:00:00+07:00', to: '2026-11-20T00:00:00+07:00' },
  'visits:tracePdf': { visitorId: 1, from: '2026-11-01T00:00:00+07:00', to: '2026-11-20T00:00:00+07:00' },
  'watchlist:list': {},
  'watchlist:create': { idNumber: '001099099999', reason: 'Gây rối lần trước' },
  'watchlist:update': { id: 1, fullName: 'Trần Văn Bình', reason: 'Gây rối lần trước', active: false },
  ...staffValid,
  ...vaccineValid,
}

/** Records a valid input refers to, made through the routes themselves. */
export const arrange: Partial<Record<RouteName, (app: TempApp) => Promise<unknown>>> = {
  'visits:checkOut': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:checkOutAll': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:edit': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:get': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visitors:history': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:trace': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:traceXlsx': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:tracePdf': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'visits:slipPdf': (app) => app.ok('visits:checkIn', valid['visits:checkIn'] as never),
  'watchlist:update': (app) => app.ok('watchlist:create', valid['watchlist:create'] as never),
  ...staffArrange,
  ...vaccineArrange,
}
