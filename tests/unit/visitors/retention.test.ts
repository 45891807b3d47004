import { describe, expect, it, vi } from 'vitest'
import { purgeExpiredVisitors } from '@main/visitors/retention'
import { receptionJobs } from '@main/visitors/schedule'
import { silentLogger } from '@main/core/logger'
import { rawDatabase } from '@main/backups/service'
import { searchKeyOf } from '@shared/text/search-key'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'

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
  const db = rawDatabase(app.dataSource)
  const { lastInsertRowid: visitor } = db
    .prepare(
      `INSERT INTO visitors (full_name, id_type, id_number, phone, address, date_of_birth, organisation,
         old_id_number, id_issue_date, search_key, created_at, updated_at)
       VALUES (?, 'cccd', ?, '0912345678', 'Cần Thơ', '1990-01-01', 'Công ty A', '361234567', '2021-08-10', ?, ?, ?)`,
    )
    .run(
      name,
      String(100000000000 + (db.prepare('SELECT count(*) FROM visitors').pluck().get() as number)),
      searchKeyOf(name),
      inAt,
      inAt,
    )
  db.prepare(
    `INSERT INTO visits (visitor_id, host_unit_id, host_person, checked_in_at, checked_out_at, outcome, note, created_at, updated_at)
     VALUES (?, ?, 'Chị Lan', ?, ?, ?, 'ghi chú riêng', ?, ?)`,
  ).run(visitor, unit, inAt, outAt, outcome, inAt, inAt)
  return Number(visitor)
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
    const inside = await visit(app, unit, 'Phạm Văn Trong', ago(45), null)
    const refused = await visit(app, unit, 'Hồ Thị Sốt', ago(31), null, 'refused')
    const before = databaseFingerprint(app.dataSource)

    expect(await purge(app)).toEqual({ visitors: 2 })
    const after = databaseFingerprint(app.dataSource)
    const byId = (rows: unknown[], id: number) =>
      (rows as Array<Record<string, unknown>>).find((r) => r.id === id)!
    for (const id of [old, refused])
      expect(byId(after.visitors!, id)).toMatchObject({
        full_name: null,
        id_number: null,
        phone: null,
        address: null,
        date_of_birth: null,
        old_id_number: null,
        id_issue_date: null,
        search_key: '',
        organisation: 'Công ty A',
        anonymised_at: NOW.toISOString(),
      })
    // One millisecond inside the window, still inside the building, or recent: untouched.
    for (const id of [edge, recent, inside])
      expect(byId(after.visitors!, id)).toEqual(byId(before.visitors!, id))
    // Visits stay (counts add up); only the free text that may name the person is cleared.
    expect(after.visits!.length).toBe(before.visits!.length)
    const visitsOf = (rows: unknown[], ids: number[]) =>
      (rows as Array<Record<string, unknown>>).filter((v) => ids.includes(v.visitor_id as number))
    for (const v of visitsOf(after.visits!, [old, refused]))
      expect(v).toMatchObject({ note: null, host_person: null })
    expect(visitsOf(after.visits!, [edge, recent, inside])).toEqual(
      visitsOf(before.visits!, [edge, recent, inside]),
    )
    const untouched = (fp: typeof before) => ({ ...fp, visitors: undefined, visits: undefined })
    expect(untouched(after)).toEqual(untouched(before))

    // The index forgets the erased names; a second run finds nothing more.
    expect((await app.ok('visits:search', { q: 'nguyen van cu' })).total).toBe(0)
    expect((await app.ok('visits:search', { q: 'le van moi' })).total).toBe(1)
    expect(await purge(app)).toEqual({ visitors: 0 })
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
