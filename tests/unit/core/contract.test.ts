import { describe, expect, inject, it, vi } from 'vitest'
import { contract, PERMISSIONS } from '@shared/contract'
import type { Permission, RouteName } from '@shared/contract'
import type { Handlers } from '@main/core/router'
import { INTERNAL_ERROR } from '@main/core/errors'
import { Session, systemSession } from '@main/core/session'
import { handlers } from '@main/routes'
import { slipCode } from '@shared/visitors/slip-code'
import { databaseMsg, seatMsg } from '@shared/database/messages'
import { backupMsg } from '@shared/backups/schemas'
import type { VisitDto } from '@shared/visitors/schemas'
import { routerOver, tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import {
  arrange,
  INSPECTION_SAMPLE,
  PHOTO_SAMPLE,
  SCAN_SAMPLE,
  EVIDENCE_SAMPLE,
  PLAN_SAMPLE,
  UPDATE_SAMPLE,
  valid,
} from '../helpers/route-samples'
import { staffMalformed } from '../helpers/staff-samples'
import { vaccineMalformed } from '../helpers/vaccine-samples'
import { rapidMalformed } from '../helpers/rapid-test-samples'

const routeNames = Object.keys(contract) as RouteName[]
const SERVER = { host: '127.0.0.1', port: 5432, database: 'spd', user: 'spd', password: 'mat-khau' }

/**
 * Inputs each route must refuse. The type makes a new route without an entry fail to
 * compile, so no route escapes this test.
 */
const malformed: Record<RouteName, unknown[]> = {
  'auth:status': [{ extra: true }, 'x'],
  'auth:setup': [
    {},
    { username: 'a', displayName: 'Quản trị', password: 'mat-khau-dai', confirm: 'mat-khau-dai' },
    { username: 'quantri', displayName: 'Quản trị', password: 'ngan', confirm: 'ngan' },
    { username: 'quantri', displayName: 'Quản trị', password: 'mat-khau-dai', confirm: 'khac-hoan-toan' },
  ],
  'auth:login': [{}, { username: 'quantri' }, { username: 'quantri', password: 42 }],
  'auth:logout': [{ extra: true }],
  'auth:unlock': [{}, { password: '' }],
  'auth:lock': [{ extra: true }],
  'auth:touch': [{ extra: true }],
  'auth:changePassword': [{}, { current: 'x', password: 'ngan', confirm: 'ngan' }],
  'users:list': [{ page: 0 }],
  'users:create': [
    {},
    {
      username: 'le.tan',
      displayName: 'Lễ tân',
      roles: [],
      password: 'mat-khau-dai',
      confirm: 'mat-khau-dai',
    },
    {
      username: 'le.tan',
      displayName: 'Lễ tân',
      roles: ['god'],
      password: 'mat-khau-dai',
      confirm: 'mat-khau-dai',
    },
  ],
  'users:update': [
    { id: 1, displayName: 'X', roles: ['admin'] },
    { id: 1, displayName: '', roles: ['admin'], active: true },
  ],
  'users:resetPassword': [
    { id: 1, password: 'ngan', confirm: 'ngan' },
    { password: 'mat-khau-dai', confirm: 'mat-khau-dai' },
  ],
  'audit:list': [{ from: '31/12/2026' }, { from: '2026-12-31', to: '2026-01-01' }],
  'audit:export': [{ userId: 'admin' }],
  'audit:verify': [{ extra: true }],
  'audit:startupCheck': [{ extra: true }],
  'settings:getSecurity': [{ extra: true }],
  'settings:updateSecurity': [
    {},
    { idleMinutes: 0, staffRetentionDays: 365 },
    { idleMinutes: 1.5, staffRetentionDays: 365 },
    { idleMinutes: '10', staffRetentionDays: 365 },
    { idleMinutes: 10, staffRetentionDays: 29 },
    { idleMinutes: 10 },
  ],
  'units:list': [{ page: 0 }, { pageSize: 10_000 }, { sort: 'password' }, { active: 'yes' }, 'not an object'],
  'units:get': [{}, { id: -1 }, { id: 'one' }, { id: 1.5 }],
  'units:options': [{ includeInactive: 'yes' }],
  'units:create': [
    {},
    { code: '', name: 'Văn phòng', kindCode: 'department' },
    { code: 'VP', name: '   ', kindCode: 'department' },
    { code: 'VP', name: 'Văn phòng', kindCode: 'department', phone: '12ab' },
    { code: 'VP', name: 'Văn phòng', kindCode: 'department', email: 'not-an-email' },
    { code: 'V P', name: 'Văn phòng', kindCode: 'department' },
    { code: 'VP', name: 'x'.repeat(201), kindCode: 'department' },
    [],
    null,
  ],
  'units:update': [
    { code: 'VP', name: 'Văn phòng', kindCode: 'department' },
    { id: 1, code: 'VP', name: '', kindCode: 'department' },
  ],
  'units:setActive': [{ id: 1 }, { id: 1, active: 'false' }, { active: false }],
  'unitKinds:list': [{ extra: true }],
  'unitKinds:create': [{}, { code: 'Có Dấu', name: 'Loại' }, { code: 'loai_moi', name: '' }],
  'settings:getAgency': [{ extra: true }],
  'settings:updateAgency': [
    {},
    { parentBodyName: 'UBND', agencyName: 'SỞ TƯ PHÁP', agencySymbol: 'st p', placeName: 'Cần Thơ' },
    { parentBodyName: '', agencyName: 'SỞ TƯ PHÁP', agencySymbol: 'STP', placeName: 'Cần Thơ' },
  ],
  'sample:status': [{ extra: true }],
  'sample:load': [{ extra: true }],
  'sample:clear': [{ extra: true }],
  'backups:overview': [{ extra: true }],
  'backups:updateSettings': [
    {},
    { folder: 'SaoLuu', keep: 14, daily: true },
    { folder: null, keep: 0, daily: true },
    { folder: 'D:\\SaoLuu', keep: 14, daily: 'yes' },
  ],
  'backups:create': [{ extra: true }],
  'backups:restore': [{}, { file: '' }, { file: '../so-phong-dich.sqlite' }],
  'backups:health': [{ extra: true }],
  'backups:recover': [{ extra: true }],
  'backups:recoveryPreview': [{ extra: true }],
  'database:status': [{ extra: true }],
  'database:test': [{}, { ...SERVER, port: 70000 }, { ...SERVER, host: '' }, { ...SERVER, tls: 'yes' }],
  'database:connect': [{ ...SERVER, database: 'tên có dấu' }],
  'database:useLocal': [{ extra: true }],
  'database:move': [{ ...SERVER, user: '' }],
  'database:moveProgress': [{ extra: true }],
  'database:retry': [{ extra: true }],
  'backups:setPassphrase': [
    {},
    { passphrase: 'ngan', confirm: 'ngan' },
    { passphrase: 'mot-mat-khau-dai', confirm: 'mat-khau-khac-dai' },
  ],
  'settings:getReception': [{ extra: true }],
  'settings:updateReception': [
    {},
    { retentionDays: 7, autoCheckOutTime: null, scannerPort: null },
    { retentionDays: 30, autoCheckOutTime: '25:00', scannerPort: null },
  ],
  'visits:checkIn': [
    {},
    { visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '12345' }, hostUnitId: 1 },
    { visitor: { fullName: 'Nguyễn Văn An', idType: 'cmnd', idNumber: '001099012345' }, hostUnitId: 1 },
    { visitor: { fullName: 'Nguyễn Văn An', idType: 'cccd', idNumber: '001099012345' }, hostUnitId: null },
    {
      visitor: { fullName: 'Nguyễn Văn An', idType: 'none' },
      hostUnitId: 1,
      health: { temperature: 3.7 },
    },
    { visitor: { fullName: '', idType: 'none', phone: '123' }, hostUnitId: 1 },
  ],
  'visits:checkOut': [{}, { id: 1, checkedOutAt: '17:30' }],
  'visits:checkOutBySlip': [{}, { code: '' }],
  'visits:checkOutAll': [{ ids: [] }, { ids: ['1'] }],
  'visits:edit': [{ id: 1 }, { id: 1, hostUnitId: 1, checkedInAt: 'hôm qua' }],
  'visits:get': [{}],
  'visits:inside': [{ hostUnitId: 'VP' }],
  'visits:search': [{ from: '2026-02-01', to: '2026-01-01' }, { outcome: 'maybe' }, { pageSize: 0 }],
  'visitors:lookup': [{}, { idNumber: '' }],
  'visitors:suggest': [{ limit: 1000 }],
  'visitors:history': [{ id: 0 }],
  'visitors:revealIdNumber': [{}, { id: 'một' }],
  'visits:dayListXlsx': [
    { from: '2026-11-23' },
    { from: '2026-11-23', to: '2026-11-01' },
    { from: '2020-01-01', to: '2026-01-01' },
  ],
  'visits:dayListPdf': [{ from: '2026-11-23' }, { from: 'hôm nay', to: '2026-11-23' }],
  'visits:dayListDocx': [{ from: '2026-11-23' }, { from: 'hôm nay', to: '2026-11-23' }],
  'visits:rollCallPdf': [{ extra: true }],
  'reminders:dailyReports': [{ x: 1 }],
  'reminders:recommendations': [{ x: 1 }],
  'reminders:vaccineRounds': [{ x: 1 }],
  'reminders:getSettings': [{ x: 1 }],
  'reminders:updateSettings': [
    {},
    { reportReminderTime: '15:30', recommendationDays: 7, vaccineDays: 2 },
    { reportReminderTime: '14:30', recommendationDays: 0, vaccineDays: 2 },
  ],
  'visits:healthDeclarationPdf': [{}, { id: 'một' }],
  'visits:slipPdf': [{}, { id: 'một' }],
  'visits:trace': [
    { from: '2026-11-01T00:00:00Z', to: '2026-11-20T00:00:00Z' },
    { visitorId: 1, from: '2026-11-20T00:00:00Z', to: '2026-11-01T00:00:00Z' },
    { visitorId: 1, from: '2026-01-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
  ],
  'visits:traceXlsx': [{ visitorId: 1 }],
  'visits:tracePdf': [{ visitorId: 1, from: 'hôm qua', to: '2026-11-01T00:00:00Z' }],
  'watchlist:list': [{ extra: true }],
  'watchlist:create': [{ reason: 'Không có ai' }, { idNumber: '001099099999' }],
  'watchlist:update': [{ idNumber: '001099099999', reason: 'Thiếu id' }],
  'watchlist:get': [{ id: 0 }],
  'templates:list': [{ extra: true }],
  'templates:save': [
    {},
    { name: 'Phiếu', items: [] },
    { name: 'Phiếu', items: [{ section: '', text: 'Có tủ thuốc' }] },
  ],
  'plans:list': [{ page: 0 }],
  'plans:get': [{}, { id: 'một' }],
  'plans:create': [
    {},
    { ...PLAN_SAMPLE, symbol: 'kh stp' },
    { ...PLAN_SAMPLE, periodTo: '2021-10-01' },
    { ...PLAN_SAMPLE, team: [{ role: 'member', fullName: 'Nguyễn Văn An' }] },
    { ...PLAN_SAMPLE, targets: [{ label: 'Xã', kindCode: 'agency', percent: 0 }] },
  ],
  'plans:update': [PLAN_SAMPLE],
  'plans:reportPdf': [{}],
  'plans:reportDocx': [{}],
  'inspections:list': [{ status: 'closed' }, { from: '2021-12-01', to: '2021-11-01' }],
  'inspections:calendar': [{ month: '2021-13' }, { month: '2021-11-01' }, { month: '2021-11', member: 5 }],
  'inspections:unitHistory': [{}, { unitId: 0 }],
  'inspections:get': [{}],
  'inspections:create': [
    {},
    { ...INSPECTION_SAMPLE, team: [] },
    { ...INSPECTION_SAMPLE, startTime: '25:00' },
    { ...INSPECTION_SAMPLE, endTime: '08:00' },
  ],
  'inspections:update': [
    { id: 1 },
    { ...UPDATE_SAMPLE, items: [{ id: 1, result: 'fail' }] },
    { ...UPDATE_SAMPLE, items: [{ id: 1, result: 'pass', severity: 'serious' }] },
  ],
  'inspections:finalise': [{}],
  'inspections:correct': [UPDATE_SAMPLE, { ...UPDATE_SAMPLE, reason: '  ' }],
  'inspections:delete': [{}, { id: 'một' }],
  'inspections:addPhoto': [
    {},
    { ...PHOTO_SAMPLE, base64: 'không phải base64' },
    { ...PHOTO_SAMPLE, itemId: null },
    { ...PHOTO_SAMPLE, violationId: 1 },
  ],
  'inspections:removePhoto': [{}],
  'inspections:photo': [{ id: 0 }],
  'inspections:minutesPdf': [{ id: 1, version: 0 }],
  'inspections:minutesDocx': [{ id: 1, version: 0 }],
  'inspections:addSignedScan': [
    {},
    { ...SCAN_SAMPLE, base64: 'không phải base64' },
    { ...SCAN_SAMPLE, fileName: '' },
  ],
  'inspections:removeSignedScan': [{}],
  'inspections:signedScan': [{ id: 0 }],
  'recommendations:addEvidence': [
    { ...EVIDENCE_SAMPLE, recommendationId: 0 },
    { ...EVIDENCE_SAMPLE, base64: '' },
  ],
  'recommendations:removeEvidence': [{}],
  'recommendations:evidence': [{ id: 'một' }],
  'recommendations:overdue': [{ asOf: 'hôm nay' }],
  'recommendations:follow': [
    { id: 1, status: 'done' },
    { id: 1, status: 'xong' },
  ],
  ...staffMalformed,
  ...vaccineMalformed,
  'dailyReports:board': [{ date: '23/11/2026' }],
  'dailyReports:list': [{ from: '2026-11-23', to: '2026-11-01' }, { kind: 'weekly' }, { page: 0 }],
  'dailyReports:get': [{}, { id: 'một' }],
  'dailyReports:getAdhoc': [{ id: 0 }],
  'dailyReports:prefill': [{}, { unitId: 1, reportDate: 'hôm nay' }],
  'dailyReports:submit': [
    {},
    {
      unitId: 1,
      staffTotal: 10,
      atOffice: 8,
      workingFromHome: 2,
      onLeave: 1,
      f0: 0,
      f1: 0,
      f2: 0,
      dose1: 10,
      dose2: 9,
      booster: 0,
      reporterName: 'An',
    },
    {
      unitId: 1,
      staffTotal: -1,
      atOffice: 0,
      workingFromHome: 0,
      onLeave: 0,
      f0: 0,
      f1: 0,
      f2: 0,
      dose1: 0,
      dose2: 0,
      booster: 0,
      reporterName: 'An',
    },
    {
      unitId: 1,
      staffTotal: 10,
      atOffice: 5,
      workingFromHome: 0,
      onLeave: 0,
      f0: 0,
      f1: 0,
      f2: 0,
      dose1: 5,
      dose2: 6,
      booster: 0,
      reporterName: 'An',
    },
    {
      unitId: 1,
      staffTotal: 10,
      atOffice: 5,
      workingFromHome: 0,
      onLeave: 0,
      f0: 0,
      f1: 0,
      f2: 0,
      dose1: 5,
      dose2: 5,
      booster: 0,
      reporterName: '',
    },
  ],
  'dailyReports:update': [
    {
      id: 1,
      staffTotal: 10,
      atOffice: 5,
      workingFromHome: 0,
      onLeave: 0,
      f0: 0,
      f1: 0,
      f2: 0,
      dose1: 5,
      dose2: 5,
      booster: 0,
      reporterName: 'An',
    },
    {
      id: 1,
      version: 1,
      staffTotal: 1.5,
      atOffice: 0,
      workingFromHome: 0,
      onLeave: 0,
      f0: 0,
      f1: 0,
      f2: 0,
      dose1: 0,
      dose2: 0,
      booster: 0,
      reporterName: 'An',
    },
  ],
  'dailyReports:submitAdhoc': [
    { unitId: 1, subject: '', content: 'Nội dung', reporterName: 'An' },
    { unitId: 1, subject: 'F0', content: '', reporterName: 'An' },
    { unitId: 1, subject: 'F0', content: 'Nội dung', reporterName: 'An', f0: -2 },
  ],
  'dailyReports:trend': [{ to: 'mai' }],
  'dailyReports:summaryXlsx': [{}, { date: '2026-13-01' }],
  'dailyReports:summaryPdf': [{}],
  'dailyReports:summaryDocx': [{}],
  ...rapidMalformed,
}

function sessionWithout(permission: Permission): Session {
  const session = systemSession()
  session.permissions = new Set(PERMISSIONS.filter((p) => p !== permission))
  return session
}

/** One real administrator (user 1, every role) and one unit. */
async function seeded(): Promise<TempApp> {
  const app = await tempApp()
  await app.router.dispatch('auth:setup', valid['auth:setup'], new Session())
  await app.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
  return app
}

async function signedIn(app: TempApp): Promise<Session> {
  const session = new Session()
  const result = await app.router.dispatch('auth:login', valid['auth:login'], session)
  expect(result.ok).toBe(true)
  return session
}

describe('route contract', () => {
  it('declares a permission, a schema and a kind for every route, and binds a handler to each', () => {
    for (const name of routeNames) {
      expect(name).toMatch(/^[a-z][A-Za-z]*:[a-z][A-Za-z]*$/)
      expect([...PERMISSIONS, 'public', 'signedIn']).toContain(contract[name].permission)
      expect(['read', 'write', 'session']).toContain(contract[name].kind)
      expect(typeof handlers[name]).toBe('function')
    }
  })

  it.each(routeNames)('%s refuses malformed input with field errors and writes nothing', async (name) => {
    const app = await seeded()
    const before = await databaseFingerprint(app.dataSource)
    for (const input of malformed[name]) {
      const result = await app.router.dispatch(name, input, app.session)
      expect(result.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false)
      if (result.ok) continue
      expect(result.error.code).toBe('validation')
      expect(result.error.message).toMatch(/[à-ỹ]/)
      expect(Object.keys(result.error.fieldErrors).length).toBeGreaterThan(0)
    }
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  const guarded = routeNames.filter((n) => PERMISSIONS.includes(contract[n].permission as Permission))
  const personal = routeNames.filter((n) => contract[n].permission !== 'public')

  it.each(guarded)('%s refuses a session without its permission, before touching data', async (name) => {
    const app = await seeded()
    const before = await databaseFingerprint(app.dataSource)
    const result = await app.router.dispatch(
      name,
      valid[name],
      sessionWithout(contract[name].permission as Permission),
    )
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'forbidden', fieldErrors: {} }),
    })
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it.each(personal)('%s refuses a window where nobody signed in', async (name) => {
    const app = await seeded()
    const before = await databaseFingerprint(app.dataSource)
    const result = await app.router.dispatch(name, valid[name], new Session())
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'unauthorized' }) })
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
  })

  it.each(routeNames)('%s accepts its valid sample input from the administrator', async (name) => {
    // First-run setup needs an empty user table; sample data only goes into an empty store.
    const app =
      name === 'auth:setup'
        ? await tempApp()
        : name === 'sample:load'
          ? await emptyStoreWithAdmin()
          : await seeded()
    const arranged = await arrange[name]?.(app)
    const session = name === 'auth:setup' ? new Session() : await signedIn(app)
    // A restore needs a real backup; recovery is refused while the store is sound (tested in backups/);
    // a slip's code carries its visit's check-in instant.
    // A seat on a server whose PC lacks client tools as new as the server leaves backups to the
    // server (this machine's are older than the embedded server: backups/server-backups.pg.test.ts).
    const onServer = Boolean(inject('postgres'))
    const input =
      name === 'backups:restore' && !onServer
        ? { file: (await app.ok('backups:create', {})).name }
        : name === 'visits:checkOutBySlip'
          ? { code: slipCode(arranged as VisitDto) }
          : valid[name]
    const result = await app.router.dispatch(name, input, session)
    if (name === 'backups:recover' || name === 'backups:recoveryPreview') {
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) })
      return
    }
    if (onServer && (name === 'backups:create' || name === 'backups:restore')) {
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'conflict', message: backupMsg.serverNoTools }),
      })
      return
    }
    // A seat already on a server has nothing of its own to move.
    if (name === 'database:move' && inject('postgres')) {
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ message: seatMsg.notOnFile }) })
      return
    }
    // The sample server is a closed port: reaching it is refused next to the address (tests/unit/database/).
    if (name === 'database:test' || name === 'database:connect' || name === 'database:move') {
      expect(result).toEqual({
        ok: false,
        error: expect.objectContaining({
          code: 'validation',
          fieldErrors: { host: databaseMsg.unreachable },
        }),
      })
      return
    }
    expect(result.ok, JSON.stringify(result)).toBe(true)
  })

  it('answers an unknown route as data', async () => {
    const app = await tempApp()
    for (const name of ['units:drop', '__proto__', 'constructor', 'toString', '']) {
      const result = await app.router.dispatch(name, {}, app.session)
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'unknown_route' }) })
    }
  })
})

async function emptyStoreWithAdmin(): Promise<TempApp> {
  const app = await tempApp()
  await app.router.dispatch('auth:setup', valid['auth:setup'], new Session())
  return app
}

describe('router failures', () => {
  it('logs an unexpected error with its stack and returns a short Vietnamese message', async () => {
    const app = await tempApp()
    const logger = { info: vi.fn(), error: vi.fn() }
    const broken: Handlers = {
      ...handlers,
      'units:list': async () => {
        throw new Error('disk on fire')
      },
    }
    const router = routerOver(app, broken, logger)
    const result = await router.dispatch('units:list', {}, app.session)
    expect(result).toEqual({ ok: false, error: INTERNAL_ERROR })
    expect(logger.error).toHaveBeenCalledWith('route units:list failed', expect.any(Error))
    expect(JSON.stringify(result)).not.toContain('disk on fire')
  })

  it('rolls back a write whose handler fails half way', async () => {
    const app = await seeded()
    const before = await databaseFingerprint(app.dataSource)
    const halfWay: Handlers = {
      ...handlers,
      'units:create': async (input, ctx) => {
        await handlers['units:create'](input, ctx)
        throw new Error('power cut after the insert')
      },
    }
    const router = routerOver(app, halfWay, { info: () => {}, error: () => {} })
    const result = await router.dispatch(
      'units:create',
      { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' },
      app.session,
    )
    expect(result.ok).toBe(false)
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
    expect((await app.ok('units:list', { q: 'thanh tra' })).total).toBe(0)
  })

  it('runs concurrent writes one after the other without losing any', async () => {
    const app = await tempApp()
    const codes = Array.from({ length: 20 }, (_, i) => `DV-${i}`)
    const results = await Promise.all(
      codes.map((code) => app.call('units:create', { code, name: `Đơn vị ${code}`, kindCode: 'agency' })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect((await app.ok('units:list', { pageSize: 100 })).total).toBe(20)
  })
})
