import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '@main/db/data-source'
import { APPLICATION_ID } from '@main/db/migrations/0001-initial'
import { MIGRATION_NAMES } from '@main/db/migrations'

const dirs: string[] = []
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
})

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spd-migrate-'))
  dirs.push(dir)
  return join(dir, 'store.sqlite')
}

const objects = (db: Database.Database) =>
  db.prepare(`SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all()

describe('migrations', () => {
  it('migrate an empty file up to the full schema, with the store pragmas', async () => {
    const file = tempFile()
    const ds = await openDatabase({ file })
    const db = (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0)
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    const names = (objects(db) as Array<{ name: string }>).map((o) => o.name)
    for (const table of [
      'settings',
      'unit_kinds',
      'units',
      'units_search',
      'users',
      'audit_log',
      'migrations',
    ])
      expect(names).toContain(table)
    for (const trigger of ['units_search_ai', 'units_search_ad', 'units_search_au', 'audit_log_no_update'])
      expect(names).toContain(trigger)
    expect(db.prepare('SELECT count(*) FROM unit_kinds').pluck().get()).toBe(6)
    expect(db.prepare('SELECT name FROM migrations ORDER BY id').pluck().all()).toEqual(MIGRATION_NAMES)
    const unitColumns = (db.prepare('PRAGMA table_info(units)').all() as Array<{ name: string }>).map(
      (c) => c.name,
    )
    expect(unitColumns).toEqual(
      expect.arrayContaining(['code', 'name', 'kind_code', 'parent_id', 'search_key', 'sort_key', 'active']),
    )
    await ds.destroy()
  })

  it('reopening runs nothing again and keeps the data', async () => {
    const file = tempFile()
    let ds = await openDatabase({ file })
    await ds.query(
      `INSERT INTO units (code, name, kind_code, search_key, sort_key, created_at, updated_at)
       VALUES ('VP', 'Văn phòng Sở', 'department', 'vp | van phong so', 'x', '2026-01-01', '2026-01-01')`,
    )
    await ds.destroy()
    ds = await openDatabase({ file })
    expect(await ds.query('SELECT name FROM migrations')).toHaveLength(MIGRATION_NAMES.length)
    expect(await ds.query('SELECT code FROM units')).toEqual([{ code: 'VP' }])
    await ds.destroy()
  })

  it('0002 applies on a copy of the 0001 schema with data, and undoes cleanly', async () => {
    const file = tempFile()
    const ds = await openDatabase({ file, runMigrations: false })
    await ds.runMigrations({ transaction: 'each' })
    await ds.undoLastMigration({ transaction: 'each' })
    const db = (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection
    const names = () => (objects(db) as Array<{ name: string }>).map((o) => o.name)
    expect(names()).not.toContain('users')
    expect(names()).not.toContain('audit_log')
    await ds.query(`INSERT INTO settings (key, value, updated_at) VALUES ('agency', '{}', '2026-01-01')`)
    await ds.runMigrations({ transaction: 'each' })
    expect(names()).toEqual(expect.arrayContaining(['users', 'audit_log']))
    expect(await ds.query('SELECT key FROM settings')).toEqual([{ key: 'agency' }])
    await ds.undoLastMigration({ transaction: 'each' })
    await ds.undoLastMigration({ transaction: 'each' })
    expect(names()).toEqual(['migrations'])
    await ds.destroy()
  })

  it('the search index follows inserts, updates and deletes', async () => {
    const file = tempFile()
    const ds = await openDatabase({ file })
    const match = async (q: string) =>
      (await ds.query(`SELECT rowid AS id FROM units_search WHERE units_search MATCH ?`, [q])).length
    await ds.query(
      `INSERT INTO units (id, code, name, kind_code, search_key, sort_key, created_at, updated_at)
       VALUES (1, 'DG', 'Trung tâm đấu giá', 'auction_center', 'dg | trung tam dau gia', 'x', 'a', 'a')`,
    )
    expect(await match('"dau gia"')).toBe(1)
    await ds.query(`UPDATE units SET search_key = 'dg | trung tam tro giup' WHERE id = 1`)
    expect(await match('"dau gia"')).toBe(0)
    expect(await match('"tro giup"')).toBe(1)
    await ds.query(`DELETE FROM units WHERE id = 1`)
    expect(await match('"tro giup"')).toBe(0)
    await ds.destroy()
  })
})
