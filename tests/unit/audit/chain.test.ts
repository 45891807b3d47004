import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import { verifyAuditChain, verifyAuditChainInSteps } from '@main/audit/chain'
import { writeAuditEntries } from '@main/audit/service'
import { CHAIN_BROKEN_NOTE } from '@main/audit/startup'
import { rawDatabase } from '@main/db/sqlite/connection'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import type { Page, Result } from '@shared/contract'
import type { AuditEntryDto } from '@shared/audit/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { readStoreFile } from '../helpers/store-file'

const NOW = new Date('2026-12-01T03:00:00Z')

/** A store whose trail has a dozen lines from ordinary writes. */
async function storeWithTrail(): Promise<TempApp> {
  const app = await tempApp()
  for (let i = 1; i <= 6; i++) {
    const unit = await app.ok('units:create', { code: `DV${i}`, name: `Đơn vị ${i}`, kindCode: 'department' })
    await app.ok('units:update', { ...unit, name: `Đơn vị số ${i}` } as never)
  }
  return app
}

/** A copy of the store, opened without our pragmas, its guard triggers dropped, as an intruder would. */
function tamperedCopy(app: TempApp, tamper: (db: Database.Database) => void): string {
  rawDatabase(app.dataSource).pragma('wal_checkpoint(TRUNCATE)')
  const copy = join(app.dir, 'copy.sqlite')
  copyFileSync(app.file, copy)
  const db = new Database(copy)
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete')
  tamper(db)
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  db.close()
  return copy
}

const verifyFile = (file: string) => readStoreFile(file, (m) => verifyAuditChain(m, NOW))

const lineCount = (app: TempApp) =>
  rawDatabase(app.dataSource).prepare('SELECT count(*) FROM audit_log').pluck().get() as number

describe('the audit chain', () => {
  it('holds for an intact trail, through the route the administrator uses', async () => {
    const app = await storeWithTrail()
    const report = await app.ok('audit:verify', {})
    expect(report).toMatchObject({ ok: true, lines: lineCount(app), firstBreak: null })
    expect(report.lines).toBeGreaterThanOrEqual(12)
  })

  it('names the line after a deleted one', async () => {
    const app = await storeWithTrail()
    const copy = tamperedCopy(app, (db) => db.prepare('DELETE FROM audit_log WHERE id = 5').run())
    const report = await verifyFile(copy)
    expect(report).toMatchObject({ ok: false, lines: 4, firstBreak: { id: 6, problem: 'missing' } })
    expect(report.firstBreak!.message).toMatch(/Thiếu 1 dòng nhật ký ngay trước dòng số 6/)
  })

  it('names a line whose content was edited', async () => {
    const app = await storeWithTrail()
    const copy = tamperedCopy(app, (db) =>
      db.prepare(`UPDATE audit_log SET user_name = 'ai-do' WHERE id = 7`).run(),
    )
    const report = await verifyFile(copy)
    expect(report).toMatchObject({ ok: false, lines: 6, firstBreak: { id: 7, problem: 'edited' } })
    expect(report.firstBreak!.message).toMatch(/Dòng nhật ký số 7 .* đã bị sửa/)
  })

  it('notices lines moved out of order, and lines removed from the end', async () => {
    const app = await storeWithTrail()
    const columns = 'at, user_id, user_name, route, entity, entity_id, changes, prev_hash, hash'
    const swapped = tamperedCopy(app, (db) => {
      const [a, b] = [3, 4].map((id) => db.prepare(`SELECT ${columns} FROM audit_log WHERE id = ?`).get(id))
      const put = db.prepare(
        `UPDATE audit_log SET (${columns}) = (@at, @user_id, @user_name, @route, @entity, @entity_id, @changes, @prev_hash, @hash) WHERE id = @id`,
      )
      put.run({ ...(b as object), id: 3 })
      put.run({ ...(a as object), id: 4 })
    })
    expect((await verifyFile(swapped)).firstBreak).toMatchObject({ id: 3, problem: 'order' })

    const total = lineCount(app)
    const truncated = tamperedCopy(app, (db) =>
      db.prepare('DELETE FROM audit_log WHERE id > ?').run(total - 2),
    )
    expect(await verifyFile(truncated)).toMatchObject({
      ok: false,
      lines: total - 2,
      firstBreak: { id: total - 1, problem: 'missing' },
    })
  })

  it('walks a trail longer than one page, in steps at start as at once, and finds an edit far down', async () => {
    const app = await storeWithTrail()
    const who = { id: 1, username: 'quantri', displayName: 'Quản trị' } as never
    await app.dataSource.transaction(async (m) => {
      for (let i = 0; i < 12_000; i++)
        await writeAuditEntries(m, who, 'units:update', [], true, new Date(NOW.getTime() + i * 1000))
    })
    const total = lineCount(app)
    const m = app.dataSource.manager
    expect(await verifyAuditChain(m, NOW)).toMatchObject({ ok: true, lines: total })
    expect(await verifyAuditChainInSteps(m, NOW)).toMatchObject({ ok: true, lines: total })
    const copy = tamperedCopy(app, (raw) =>
      raw.prepare(`UPDATE audit_log SET route = 'x' WHERE id = 11000`).run(),
    )
    await readStoreFile(copy, async (tampered) => {
      const report = await verifyAuditChainInSteps(tampered, NOW)
      expect(report).toMatchObject({
        ok: false,
        lines: 10_999,
        firstBreak: { id: 11_000, problem: 'edited' },
      })
      expect(await verifyAuditChain(tampered, NOW)).toEqual(report)
    })
  })

  it('is checked at start: the break is reported to the administrator and audited, the app still runs', async () => {
    const app = await storeWithTrail()
    const copy = tamperedCopy(app, (db) => db.prepare('DELETE FROM audit_log WHERE id = 5').run())
    const core = await createAppCore({ file: copy, logger: silentLogger })
    try {
      const session = systemSession()
      const atStart = await core.router.dispatch('audit:startupCheck', {}, session)
      expect(atStart).toMatchObject({
        ok: true,
        data: { report: { ok: false, firstBreak: { id: 6, problem: 'missing' } } },
      })
      const trail = (await core.router.dispatch(
        'audit:list',
        { q: 'job:auditChainCheck' },
        session,
      )) as Result<Page<AuditEntryDto>>
      expect(trail.ok && trail.data.items[0]?.changes).toEqual({
        note: expect.stringContaining(CHAIN_BROKEN_NOTE) as unknown,
      })
      expect((await core.router.dispatch('units:list', {}, session)).ok).toBe(true)
    } finally {
      await core.close()
    }
    // An intact store starts with an intact report.
    expect(await app.ok('audit:startupCheck', {})).toMatchObject({ report: { ok: true } })
  })
})
