import ExcelJS from 'exceljs'
import { describe, expect, it, vi } from 'vitest'
import { purgeExpiredVisitors } from '@main/visitors/retention'
import { receptionJobs } from '@main/visitors/schedule'
import { silentLogger } from '@main/core/logger'
import { VisitEntity } from '@main/visitors/entities'
import { searchKeyOf } from '@shared/text/search-key'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { inspectPdf } from '../helpers/pdf'
import { sqlColumn, sqlRun, sqlValue } from '../helpers/sql'

const NOW = new Date('2026-11-23T03:00:00Z')
const DAY = 86_400_000
const ago = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * DAY + extraMs).toISOString()

/** A visitor and one visit written directly, at exact times. */
async function visit(
  app: TempApp,
  unit: number,
  name: string,
  inAt: string,
  outAt: string | null,
  outcome: 'admitted' | 'refused' = 'admitted',
) {
  const visitor = await sqlValue<number>(
    app,
    `INSERT INTO visitors (full_name, id_type, id_number, phone, address, date_of_birth, organisation,
       old_id_number, id_issue_date, search_key, created_at, updated_at)
     VALUES (?, 'cccd', ?, '0912345678', 'Cần Thơ', '1990-01-01', 'Công ty A', '361234567', '2021-08-10', ?, ?, ?)
     RETURNING id`,
    name,
    String(100000000000 + (await sqlValue<number>(app, 'SELECT count(*) FROM visitors'))),
    searchKeyOf(name),
    inAt,
    inAt,
  )
  await sqlRun(
    app,
    `INSERT INTO visits (visitor_id, host_unit_id, host_person, purpose, late_reason, check_out_reason, watch_reason,
       checked_in_at, checked_out_at, outcome, note, created_at, updated_at)
     VALUES (?, ?, 'Chị Lan', 'Nộp hồ sơ ly hôn', 'Ghi bù', 'Quên bấm ra', 'Nợ xấu', ?, ?, ?, 'ghi chú riêng', ?, ?)`,
    visitor,
    unit,
    inAt,
    outAt,
    outcome,
    inAt,
    inAt,
  )
  return visitor
}

const purge = (app: TempApp, days = 30) =>
  app.dataSource.transaction((m) => purgeExpiredVisitors(m, NOW, days))

describe('the retention purge', () => {
  it('erases the personal fields of visitors gone longer than the setting, keeps everything else', async () => {
    const app = await tempApp()
    const unit = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng', kindCode: 'department' })).id
    const old = await visit(app, unit, 'Nguyễn Văn Cũ', ago(40), ago(40, 3_600_000))
    const edge = await visit(app, unit, 'Trần Thị Biên', ago(31), ago(30, 1))
    const recent = await visit(app, unit, 'Lê Văn Mới', ago(5), ago(5, 3_600_000))
    const inside = await visit(app, unit, 'Phạm Văn Trong', ago(0, -2 * 3_600_000), null)
    const refused = await visit(app, unit, 'Hồ Thị Sốt', ago(31), null, 'refused')
    const before = await databaseFingerprint(app.dataSource)

    expect(await purge(app)).toEqual({ visitors: 2, closed: 0 })
    const after = await databaseFingerprint(app.dataSource)
    const byId = (rows: unknown[], id: number) =>
      (rows as Array<Record<string, unknown>>).find((r) => r.id === id)!
    for (const id of [old, refused])
      expect(byId(after.visitors!, id)).toMatchObject({
        fullName: null,
        idNumber: null,
        phone: null,
        address: null,
        dateOfBirth: null,
        oldIdNumber: null,
        idIssueDate: null,
        searchKey: '',
        organisation: null,
        anonymisedAt: NOW.toISOString(),
      })
    // One millisecond inside the window, still inside the building, or recent: untouched.
    for (const id of [edge, recent, inside])
      expect(byId(after.visitors!, id)).toEqual(byId(before.visitors!, id))
    // Visits stay (counts add up); only the free text that may name the person is cleared.
    expect(after.visits!.length).toBe(before.visits!.length)
    const visitsOf = (rows: unknown[], ids: number[]) =>
      (rows as Array<Record<string, unknown>>).filter((v) => ids.includes(v.visitorId as number))
    for (const v of visitsOf(after.visits!, [old, refused]))
      expect(v).toMatchObject({
        note: null,
        hostPerson: null,
        purpose: null,
        lateReason: null,
        checkOutReason: null,
        watchReason: null,
      })
    expect(visitsOf(after.visits!, [edge, recent, inside])).toEqual(
      visitsOf(before.visits!, [edge, recent, inside]),
    )
    const untouched = (fp: typeof before) => ({ ...fp, visitors: undefined, visits: undefined })
    expect(untouched(after)).toEqual(untouched(before))

    // The index forgets the erased names; a second run finds nothing more.
    expect((await app.ok('visits:search', { q: 'nguyen van cu' })).total).toBe(0)
    expect((await app.ok('visits:search', { q: 'le van moi' })).total).toBe(1)
    expect(await purge(app)).toEqual({ visitors: 0, closed: 0 })
  })

  it('closes a visit left open for a day as "không ghi giờ ra" and purges its visitor on schedule', async () => {
    const app = await tempApp()
    const unit = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng', kindCode: 'department' })).id
    // 10:00 in Vietnam, 45 days ago; 22:00, 3 days ago; and 25 hours ago, all never checked out.
    const forgotten = await visit(app, unit, 'Nguyễn Văn Quên', '2026-10-09T03:00:00.000Z', null)
    const lately = await visit(app, unit, 'Trần Thị Gần', '2026-11-19T15:00:00.000Z', null)
    const yesterday = await visit(app, unit, 'Lê Văn Hôm Qua', ago(1, -3_600_000), null)
    const today = await visit(app, unit, 'Phạm Thị Đang Ở', ago(0, -23 * 3_600_000), null)

    const ca = await visit(app, unit, 'Ca Bệnh', '2026-11-19T15:30:00.000Z', '2026-11-19T16:00:00.000Z')

    expect(await purge(app)).toEqual({ visitors: 1, closed: 3 })
    const visitOf = async (visitorId: number) => {
      const { checkedOutAt, checkOutKind, checkOutUnrecorded } = await app.dataSource
        .getRepository(VisitEntity)
        .findOneByOrFail({ visitorId })
      return { checkedOutAt, checkOutKind, checkOutUnrecorded }
    }
    // Out at the end of the check-in's Vietnamese day; the retention ran from there.
    expect(await visitOf(forgotten)).toEqual({
      checkedOutAt: '2026-10-09T16:59:59.000Z',
      checkOutKind: 'automatic',
      checkOutUnrecorded: true,
    })
    expect(await visitOf(lately)).toEqual({
      checkedOutAt: '2026-11-19T16:59:59.000Z',
      checkOutKind: 'automatic',
      checkOutUnrecorded: true,
    })
    expect(await visitOf(yesterday)).toMatchObject({ checkOutUnrecorded: true })
    expect(await visitOf(today)).toEqual({
      checkedOutAt: null,
      checkOutKind: null,
      checkOutUnrecorded: false,
    })
    const anonymised = await sqlColumn(
      app,
      'SELECT CASE WHEN anonymised_at IS NULL THEN 0 ELSE 1 END FROM visitors WHERE id IN (?, ?, ?, ?) ORDER BY id',
      forgotten,
      lately,
      yesterday,
      today,
    )
    expect(anonymised).toEqual([1, 0, 0, 0])

    // Lists and the workbook for the health authority say so, in Vietnamese.
    const found = await app.ok('visits:search', { q: 'tran thi gan' })
    expect(found.items[0]).toMatchObject({ checkOutUnrecorded: true, checkOutKind: 'automatic' })
    const file = await app.ok('visits:dayListXlsx', { from: '2026-11-19', to: '2026-11-19' })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const cells = book.worksheets[0]!.getSheetValues().flat().map(String)
    expect(cells).toContain('Không ghi giờ ra')
    // Contact tracing counts them until the end of that day, and says the time out is unknown.
    const traced = await app.ok('visits:trace', {
      visitorId: ca,
      from: '2026-11-19T00:00:00.000Z',
      to: '2026-11-20T00:00:00.000Z',
    } as never)
    expect(traced.contacts).toEqual([
      expect.objectContaining({ fullName: 'Trần Thị Gần', checkOutUnrecorded: true, overlapMinutes: 30 }),
    ])
    const tracePdf = await app.ok('visits:tracePdf', {
      visitorId: ca,
      from: '2026-11-19T00:00:00.000Z',
      to: '2026-11-20T00:00:00.000Z',
    } as never)
    // Wrapped in its narrow column, beside the time in and the minutes.
    expect(inspectPdf(Buffer.from(tracePdf.base64, 'base64')).text()).toMatch(
      /Không ghi\s+(?:\S+\s+){0,3}giờ ra/,
    )
    const pdf = await app.ok('visits:dayListPdf', { from: '2026-11-19', to: '2026-11-19' })
    // The narrow time column wraps the words; read as one phrase.
    expect(inspectPdf(Buffer.from(pdf.base64, 'base64')).text().replace(/\s+/g, ' ')).toContain(
      'Không ghi giờ ra',
    )
  })

  it('closes visits of the same day at its last second, and one begun in that last second at its check-in', async () => {
    const app = await tempApp()
    const unit = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng', kindCode: 'department' })).id
    // 08:00 and 23:59:59.5 in Vietnam on 2026-11-10, and 09:00 on 2026-11-12, none checked out.
    const morning = await visit(app, unit, 'Nguyễn Văn Sáng', '2026-11-10T01:00:00.000Z', null)
    const lastSecond = await visit(app, unit, 'Trần Thị Khuya', '2026-11-10T16:59:59.500Z', null)
    const later = await visit(app, unit, 'Lê Văn Sau', '2026-11-12T02:00:00.000Z', null)

    expect(await purge(app)).toEqual({ visitors: 0, closed: 3 })
    const out = await sqlColumn(
      app,
      'SELECT checked_out_at FROM visits WHERE visitor_id IN (?, ?, ?) ORDER BY visitor_id',
      morning,
      lastSecond,
      later,
    )
    expect(out).toEqual(['2026-11-10T16:59:59.000Z', '2026-11-10T16:59:59.500Z', '2026-11-12T16:59:59.000Z'])
    expect(await purge(app)).toEqual({ visitors: 0, closed: 0 })
  })

  it('runs at start, then once a Vietnamese day, through the audited job with its count', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(NOW)
      const app = await tempApp()
      const unit = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng', kindCode: 'department' }))
        .id
      await app.ok('settings:updateReception', {
        retentionDays: 14,
        autoCheckOutTime: null,
        scannerPort: null,
        screeningRequired: false,
      })
      await visit(app, unit, 'Nguyễn Văn Cũ', ago(20), ago(20, 60_000))
      const run = receptionJobs(app.router, silentLogger)
      await run()
      const trail = await app.ok('audit:list', { q: 'job:purgeVisitors' })
      expect(trail.items[0]?.changes).toEqual({ note: 'Xoá thông tin cá nhân của 1 khách (quá 14 ngày)' })

      await visit(app, unit, 'Trần Văn Sau', ago(16), ago(16, 60_000))
      await run()
      expect((await app.ok('visits:search', { q: 'tran van sau' })).total).toBe(1)
      // A day later (the test's session would lock after 10 idle minutes).
      app.sessions.idleMinutes = 2 * 24 * 60
      vi.setSystemTime(new Date(NOW.getTime() + DAY))
      await run()
      expect((await app.ok('visits:search', { q: 'tran van sau' })).total).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})
