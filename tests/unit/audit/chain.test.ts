import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { EntityManager } from 'typeorm'
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
import { sqlValue } from '../helpers/sql'

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

/** What an intruder does to the trail: plain SQL, parameters written `?`. */
interface Intruder {
  run(sql: string, ...params: unknown[]): Promise<unknown>
  row(sql: string, ...params: unknown[]): Promise<Record<string, unknown>>
}
type Tamper = (db: Intruder) => Promise<unknown>

const onPostgres = (app: TempApp) => app.dataSource.options.type === 'postgres'

/** A copy of the SQLite file, opened without our pragmas, its guard triggers dropped, tampered. */
async function tamperedCopy(app: TempApp, tamper: Tamper): Promise<string> {
  rawDatabase(app.dataSource).pragma('wal_checkpoint(TRUNCATE)')
  const copy = join(app.dir, 'copy.sqlite')
  copyFileSync(app.file, copy)
  const db = new Database(copy)
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete')
  await tamper({
    run: async (sql, ...params) => db.prepare(sql).run(...params),
    row: async (sql, ...params) => db.prepare(sql).get(...params) as Record<string, unknown>,
  })
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  db.close()
  return copy
}

/**
 * On PostgreSQL the intruder is a superuser on the server: `session_replication_role = replica`
 * silences the guard triggers for this transaction only.
 */
async function tamperedTransaction<T>(
  app: TempApp,
  tamper: Tamper,
  then: (m: EntityManager) => Promise<T>,
  keep = false,
): Promise<T> {
  const qr = app.dataSource.createQueryRunner()
  await qr.connect()
  await qr.startTransaction()
  try {
    await qr.query('SET LOCAL session_replication_role = replica')
    const numbered = (sql: string) => {
      let n = 0
      return sql.replace(/\?/g, () => `$${++n}`)
    }
    await tamper({
      run: (sql, ...params) => qr.query(numbered(sql), params),
      row: async (sql, ...params) =>
        ((await qr.query(numbered(sql), params)) as Array<Record<string, unknown>>)[0]!,
    })
    const result = await then(qr.manager)
    await (keep ? qr.commitTransaction() : qr.rollbackTransaction())
    return result
  } catch (error) {
    if (qr.isTransactionActive) await qr.rollbackTransaction()
    throw error
  } finally {
    await qr.release()
  }
}

/** Reads the trail as the intruder left it; the app's own store stays intact. */
async function readTampered<T>(
  app: TempApp,
  tamper: Tamper,
  read: (m: EntityManager) => Promise<T>,
): Promise<T> {
  if (onPostgres(app)) return tamperedTransaction(app, tamper, read)
  return readStoreFile(await tamperedCopy(app, tamper), read)
}

const verifyTampered = (app: TempApp, tamper: Tamper) =>
  readTampered(app, tamper, (m) => verifyAuditChain(m, NOW))

/** The tampered store for a second app to open: the copy, or the server's database tampered for good. */
async function tamperedStore(app: TempApp, tamper: Tamper): Promise<{ file: string; url?: string }> {
  if (!onPostgres(app)) return { file: await tamperedCopy(app, tamper) }
  await tamperedTransaction(app, tamper, async () => undefined, true)
  return { file: app.file, url: (app.dataSource.options as { url?: string }).url }
}

const lineCount = (app: TempApp) => sqlValue<number>(app, 'SELECT count(*) FROM audit_log')

describe('the audit chain', () => {
  it('holds for an intact trail, through the route the administrator uses', async () => {
    const app = await storeWithTrail()
    const report = await app.ok('audit:verify', {})
    expect(report).toMatchObject({ ok: true, lines: await lineCount(app), firstBreak: null })
    expect(report.lines).toBeGreaterThanOrEqual(12)
  })

  it('names the line after a deleted one', async () => {
    const app = await storeWithTrail()
    const report = await verifyTampered(app, (db) => db.run('DELETE FROM audit_log WHERE id = 5'))
    expect(report).toMatchObject({ ok: false, lines: 4, firstBreak: { id: 6, problem: 'missing' } })
    expect(report.firstBreak!.message).toMatch(/Thiếu 1 dòng nhật ký ngay trước dòng số 6/)
  })

  it('names a line whose content was edited', async () => {
    const app = await storeWithTrail()
    const report = await verifyTampered(app, (db) =>
      db.run(`UPDATE audit_log SET user_name = 'ai-do' WHERE id = 7`),
    )
    expect(report).toMatchObject({ ok: false, lines: 6, firstBreak: { id: 7, problem: 'edited' } })
    expect(report.firstBreak!.message).toMatch(/Dòng nhật ký số 7 .* đã bị sửa/)
  })

  it('notices lines moved out of order, and lines removed from the end', async () => {
    const app = await storeWithTrail()
    const columns = 'at, user_id, user_name, route, entity, entity_id, changes, prev_hash, hash'
    const swapped = await verifyTampered(app, async (db) => {
      const [a, b] = [
        await db.row(`SELECT ${columns} FROM audit_log WHERE id = 3`),
        await db.row(`SELECT ${columns} FROM audit_log WHERE id = 4`),
      ]
      const put = (id: number, line: Record<string, unknown>) =>
        db.run(
          `UPDATE audit_log SET (${columns}) = (?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`,
          ...Object.values(line),
          id,
        )
      await put(3, b)
      await put(4, a)
    })
    expect(swapped.firstBreak).toMatchObject({ id: 3, problem: 'order' })

    const total = await lineCount(app)
    const truncated = await verifyTampered(app, (db) =>
      db.run('DELETE FROM audit_log WHERE id > ?', total - 2),
    )
    expect(truncated).toMatchObject({
      ok: false,
      lines: total - 2,
      firstBreak: { id: total - 1, problem: 'missing' },
    })
  })

  it('walks a trail longer than one page, in steps at start as at once, and finds an edit far down', async () => {
    const app = await storeWithTrail()
    const who = { id: 1, username: 'quantri', displayName: 'Quản trị' } as never
    // 12,000 lines in batches of 1,000 (one write each), as an import of 1,000 rows would leave them.
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      entity: 'unit',
      entityId: String(i),
      changes: {},
    }))
    await app.dataSource.transaction(async (m) => {
      for (let i = 0; i < 12; i++)
        await writeAuditEntries(m, who, 'units:update', batch, true, new Date(NOW.getTime() + i * 1000))
    })
    const total = await lineCount(app)
    const m = app.dataSource.manager
    expect(await verifyAuditChain(m, NOW)).toMatchObject({ ok: true, lines: total })
    expect(await verifyAuditChainInSteps(m, NOW)).toMatchObject({ ok: true, lines: total })
    await readTampered(
      app,
      (db) => db.run(`UPDATE audit_log SET route = 'x' WHERE id = 11000`),
      async (tampered) => {
        const report = await verifyAuditChainInSteps(tampered, NOW)
        expect(report).toMatchObject({
          ok: false,
          lines: 10_999,
          firstBreak: { id: 11_000, problem: 'edited' },
        })
        expect(await verifyAuditChain(tampered, NOW)).toEqual(report)
      },
    )
  })

  it('is checked at start: the break is reported to the administrator and audited, the app still runs', async () => {
    const app = await storeWithTrail()
    const store = await tamperedStore(app, (db) => db.run('DELETE FROM audit_log WHERE id = 5'))
    const core = await createAppCore({ ...store, logger: silentLogger })
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
