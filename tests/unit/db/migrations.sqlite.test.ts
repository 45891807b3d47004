import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type { DataSource } from 'typeorm'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '@main/db/data-source'
import { MIGRATION_NAMES } from '@main/db/migrations'
import { APPLICATION_ID } from '@main/db/migrations/0001-initial'
import { GENESIS_HASH, verifyAuditChain } from '@main/audit/chain'
import { writeAuditEntries } from '@main/audit/service'
import { UnitEntity } from '@main/units/entities'
import { ERA_FILLS } from './era-rows'
import { searchKeyOf } from '@shared/text/search-key'
import { vietnameseSortKey } from '@shared/text/sort-key'

const dirs: string[] = []
const open: DataSource[] = []

afterEach(async () => {
  while (open.length) {
    const ds = open.pop()!
    if (ds.isInitialized) await ds.destroy()
  }
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true })
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spd-migrate-'))
  dirs.push(dir)
  return dir
}

const tempFile = () => join(tempDir(), 'store.sqlite')

async function openTracked(file: string, runMigrations?: boolean): Promise<DataSource> {
  const ds = await openDatabase({ file, runMigrations })
  open.push(ds)
  return ds
}

const raw = (ds: DataSource) =>
  (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection

interface MasterRow {
  type: string
  name: string
  tbl_name: string
  sql: string | null
}

const master = (db: Database.Database) =>
  db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as MasterRow[]

const namesOf = (db: Database.Database, type?: string) =>
  master(db)
    .filter((o) => !type || o.type === type)
    .map((o) => o.name)

interface ColumnInfo {
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
}

const columns = (db: Database.Database, table: string) =>
  (db.prepare(`PRAGMA table_info("${table}")`).all() as ColumnInfo[]).map((c) => ({
    name: c.name,
    type: c.type,
    notnull: c.notnull,
    dflt: c.dflt_value,
    pk: c.pk,
  }))

const indexColumns = (db: Database.Database, index: string) =>
  (db.prepare(`PRAGMA index_info("${index}")`).all() as Array<{ name: string }>).map((c) => c.name)

const UNIT_INSERT = `INSERT INTO units (id, code, name, kind_code, search_key, sort_key, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`

describe('openDatabase on an empty file', () => {
  it('sets the store pragmas and the application id', async () => {
    const db = raw(await openTracked(tempFile()))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('synchronous', { simple: true })).toBe(2) // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0)
    expect(db.pragma('secure_delete', { simple: true })).toBe(1)
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2) // INCREMENTAL
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(APPLICATION_ID).toBe(0x53504431)
  })

  it('creates the folder when it is missing, and accepts an existing zero-byte file', async () => {
    const nested = join(tempDir(), 'a', 'b', 'store.sqlite')
    expect(await (await openTracked(nested)).showMigrations()).toBe(false)
    const empty = tempFile()
    writeFileSync(empty, '')
    const db = raw(await openTracked(empty))
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
    expect(namesOf(db, 'table')).toContain('units')
  })

  it('records every migration once, in order', async () => {
    const ds = await openTracked(tempFile())
    expect(await ds.query('SELECT name FROM migrations ORDER BY id')).toEqual(
      MIGRATION_NAMES.map((name) => ({ name })),
    )
    expect(await ds.showMigrations()).toBe(false)
  })

  it('creates the tables, the FTS index with its triggers, and the indexes', async () => {
    const db = raw(await openTracked(tempFile()))
    const tables = namesOf(db, 'table')
    expect(tables).toEqual(
      expect.arrayContaining([
        'settings',
        'unit_kinds',
        'units',
        'units_search',
        'users',
        'audit_log',
        'migrations',
      ]),
    )
    // External content: FTS5 keeps its own index shadow tables but no copy of the text.
    expect(tables).toEqual(expect.arrayContaining(['units_search_data', 'units_search_idx']))
    expect(tables).not.toContain('units_search_content')

    const fts = master(db).find((o) => o.name === 'units_search')!
    expect(fts.sql).toMatch(/CREATE VIRTUAL TABLE/i)
    expect(fts.sql).toMatch(/fts5\(/i)
    expect(fts.sql).toMatch(/content='units'/)
    expect(fts.sql).toMatch(/content_rowid='id'/)
    expect(fts.sql).toMatch(/tokenize='trigram'/)

    const triggers = master(db).filter((o) => o.type === 'trigger')
    expect(triggers.filter((t) => t.tbl_name === 'units').map((t) => t.name)).toEqual([
      'units_search_ad',
      'units_search_ai',
      'units_search_au',
    ])
    expect(triggers.filter((t) => t.tbl_name === 'audit_log').map((t) => t.name)).toEqual([
      'audit_log_no_delete',
      'audit_log_no_update',
    ])

    const indexes = master(db).filter((o) => o.type === 'index')
    expect(indexes.map((i) => [i.name, i.tbl_name])).toEqual(
      expect.arrayContaining([
        ['ux_units_code', 'units'],
        ['ix_units_parent', 'units'],
        ['ix_units_kind', 'units'],
        ['ix_units_sort', 'units'],
        ['ux_users_username', 'users'],
        ['ix_audit_at', 'audit_log'],
        ['ix_audit_entity', 'audit_log'],
      ]),
    )
    expect(indexColumns(db, 'ux_units_code')).toEqual(['code'])
    expect(indexColumns(db, 'ix_units_parent')).toEqual(['parent_id'])
    expect(indexColumns(db, 'ix_units_kind')).toEqual(['kind_code'])
    expect(indexColumns(db, 'ix_units_sort')).toEqual(['sort_key'])
    expect(indexColumns(db, 'ix_audit_entity')).toEqual(['entity', 'entity_id'])
    const unique = (table: string) =>
      (db.prepare(`PRAGMA index_list("${table}")`).all() as Array<{ name: string; unique: number }>)
        .filter((i) => i.unique && !i.name.startsWith('sqlite_'))
        .map((i) => i.name)
    expect(unique('units')).toEqual(['ux_units_code'])
    expect(unique('users')).toEqual(['ux_users_username'])
  })

  it('gives each table the expected columns', async () => {
    const db = raw(await openTracked(tempFile()))
    expect(columns(db, 'settings')).toEqual([
      { name: 'key', type: 'TEXT', notnull: 1, dflt: null, pk: 1 },
      { name: 'value', type: 'TEXT', notnull: 1, dflt: null, pk: 0 },
      { name: 'updated_at', type: 'TEXT', notnull: 1, dflt: null, pk: 0 },
    ])
    expect(columns(db, 'unit_kinds')).toEqual([
      { name: 'code', type: 'TEXT', notnull: 1, dflt: null, pk: 1 },
      { name: 'name', type: 'TEXT', notnull: 1, dflt: null, pk: 0 },
      { name: 'builtin', type: 'INTEGER', notnull: 1, dflt: '0', pk: 0 },
      { name: 'sort_order', type: 'INTEGER', notnull: 1, dflt: '100', pk: 0 },
    ])
    const units = columns(db, 'units')
    expect(units.map((c) => c.name)).toEqual([
      'id',
      'code',
      'name',
      'kind_code',
      'parent_id',
      'address',
      'head_name',
      'head_title',
      'phone',
      'email',
      'note',
      'active',
      'is_sample',
      'search_key',
      'sort_key',
      'created_at',
      'updated_at',
    ])
    const byName = Object.fromEntries(units.map((c) => [c.name, c]))
    expect(byName.id).toMatchObject({ type: 'INTEGER', pk: 1 })
    for (const name of ['code', 'name', 'kind_code', 'search_key', 'sort_key', 'created_at', 'updated_at'])
      expect(byName[name]).toMatchObject({ notnull: 1 })
    for (const name of ['parent_id', 'address', 'head_name', 'head_title', 'phone', 'email', 'note'])
      expect(byName[name]).toMatchObject({ notnull: 0 })
    expect(byName.active).toMatchObject({ type: 'INTEGER', notnull: 1, dflt: '1' })
    expect(byName.is_sample).toMatchObject({ type: 'INTEGER', notnull: 1, dflt: '0' })

    const fks = (
      db.prepare('PRAGMA foreign_key_list(units)').all() as Array<{
        table: string
        from: string
        to: string
        on_update: string
        on_delete: string
      }>
    )
      .map((f) => ({ table: f.table, from: f.from, to: f.to, onUpdate: f.on_update, onDelete: f.on_delete }))
      .sort((a, b) => a.from.localeCompare(b.from))
    expect(fks).toEqual([
      { table: 'unit_kinds', from: 'kind_code', to: 'code', onUpdate: 'CASCADE', onDelete: 'RESTRICT' },
      { table: 'units', from: 'parent_id', to: 'id', onUpdate: 'NO ACTION', onDelete: 'RESTRICT' },
    ])
    expect(columns(db, 'users').map((c) => c.name)).toEqual(
      expect.arrayContaining(['id', 'username', 'display_name', 'password_hash', 'roles', 'active']),
    )
    expect(columns(db, 'audit_log').map((c) => c.name)).toEqual(
      expect.arrayContaining(['id', 'at', 'user_id', 'user_name', 'route', 'entity', 'entity_id', 'changes']),
    )
  })

  it('seeds the six built-in unit kinds', async () => {
    const ds = await openTracked(tempFile())
    expect(
      await ds.query('SELECT code, name, builtin, sort_order FROM unit_kinds ORDER BY sort_order'),
    ).toEqual([
      { code: 'agency', name: 'Cơ quan (Sở)', builtin: 1, sort_order: 10 },
      { code: 'department', name: 'Phòng chuyên môn, nghiệp vụ', builtin: 1, sort_order: 20 },
      { code: 'public_service', name: 'Đơn vị sự nghiệp', builtin: 1, sort_order: 30 },
      { code: 'notary_office', name: 'Tổ chức hành nghề công chứng', builtin: 1, sort_order: 40 },
      { code: 'auction_center', name: 'Trung tâm dịch vụ đấu giá tài sản', builtin: 1, sort_order: 50 },
      { code: 'other', name: 'Cơ quan, đơn vị khác', builtin: 1, sort_order: 90 },
    ])
  })

  it('enforces the constraints of the schema', async () => {
    const db = raw(await openTracked(tempFile()))
    const insert = db.prepare(UNIT_INSERT)
    insert.run(1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x')
    expect(() => insert.run(2, 'VP', 'Trùng mã', 'agency', 'vp | trung ma', 'x')).toThrow(/UNIQUE/)
    expect(() => insert.run(3, 'X', 'Loại lạ', 'no_such_kind', 'x', 'x')).toThrow(/FOREIGN KEY/)
    expect(() => db.prepare(`UPDATE units SET parent_id = 1 WHERE id = 1`).run()).toThrow(/CHECK/)
    expect(() => db.prepare(`UPDATE units SET active = 2 WHERE id = 1`).run()).toThrow(/CHECK/)
    expect(() => db.prepare(`DELETE FROM unit_kinds WHERE code = 'agency'`).run()).toThrow(/FOREIGN KEY/)
    db.prepare(`UPDATE unit_kinds SET code = 'office' WHERE code = 'agency'`).run()
    expect(db.prepare('SELECT kind_code FROM units WHERE id = 1').pluck().get()).toBe('office')
  })
})

describe('reopening a migrated file', () => {
  it('runs no migration again and keeps the data', async () => {
    const file = tempFile()
    let ds = await openTracked(file)
    const before = await ds.query('SELECT id, name, timestamp FROM migrations ORDER BY id')
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng Sở', 'agency', 'vp | van phong so', 'x'])
    await ds.getRepository(UnitEntity).save({
      code: 'DG',
      name: 'Trung tâm Dịch vụ đấu giá tài sản',
      kindCode: 'auction_center',
      parentId: 1,
      searchKey: searchKeyOf('DG', 'Trung tâm Dịch vụ đấu giá tài sản'),
      sortKey: vietnameseSortKey('Trung tâm Dịch vụ đấu giá tài sản'),
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T00:00:00Z',
    })
    await ds.query(`INSERT INTO settings (key, value, updated_at) VALUES ('agency', '{"a":1}', 'now')`)
    await ds.destroy()

    ds = await openTracked(file)
    expect(await ds.showMigrations()).toBe(false)
    expect(await ds.query('SELECT id, name, timestamp FROM migrations ORDER BY id')).toEqual(before)
    expect(await ds.query('SELECT count(*) AS n FROM unit_kinds')).toEqual([{ n: 6 }])
    expect(await ds.query('SELECT code, parent_id FROM units ORDER BY id')).toEqual([
      { code: 'VP', parent_id: null },
      { code: 'DG', parent_id: 1 },
    ])
    const dg = await ds.getRepository(UnitEntity).findOneByOrFail({ code: 'DG' })
    expect(dg).toMatchObject({ kindCode: 'auction_center', active: true, isSample: false })
    expect(await ds.query('SELECT value FROM settings')).toEqual([{ value: '{"a":1}' }])
    expect(
      await ds.query(`SELECT rowid AS id FROM units_search WHERE units_search MATCH ?`, ['"dau gia"']),
    ).toEqual([{ id: 2 }])
    expect(raw(ds).pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
  })

  it('opens without migrating when asked, and then runs only the pending ones', async () => {
    const file = tempFile()
    const ds = await openTracked(file, false)
    expect(await ds.showMigrations()).toBe(true)
    expect(namesOf(raw(ds), 'table')).not.toContain('units')
    const ran = await ds.runMigrations({ transaction: 'each' })
    expect(ran.map((m) => m.name)).toEqual(MIGRATION_NAMES)
    expect(await ds.runMigrations({ transaction: 'each' })).toEqual([])
  })
})

/** Undoes the newest migrations until `name` (included) is gone. */
async function undoDownTo(ds: DataSource, name: string): Promise<void> {
  const steps = MIGRATION_NAMES.length - MIGRATION_NAMES.indexOf(name)
  for (let i = 0; i < steps; i++) await ds.undoLastMigration({ transaction: 'each' })
}

describe('incremental auto-vacuum', () => {
  it('converts a file made without it once, at open, keeping its data and its WAL mode', async () => {
    const file = tempFile()
    const first = await openTracked(file)
    await first.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    raw(first).pragma('auto_vacuum = NONE')
    raw(first).exec('VACUUM')
    expect(raw(first).pragma('auto_vacuum', { simple: true })).toBe(0)
    await first.destroy()

    const db = raw(await openTracked(file))
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.prepare('SELECT code FROM units').pluck().all()).toEqual(['VP'])
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})

/** The ordinary tables a user's rows live in (not the search indexes, SQLite's own or the migrations). */
const dataTables = (db: Database.Database) =>
  db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'migrations'
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%_search_%' ORDER BY name`,
    )
    .pluck()
    .all() as string[]

const rowsOf = (db: Database.Database) =>
  Object.fromEntries(
    dataTables(db).map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all() as Row[]]),
  )

type Row = Record<string, unknown>

const HASH = expect.stringMatching(/^[0-9a-f]{64}$/) as unknown
/** What the columns later migrations add hold for the rows already there. */
const ADDED_COLUMNS: Record<string, Row> = {
  visitors: { old_id_number: null, id_issue_date: null },
  visits: { check_out_unrecorded: 0 },
  audit_log: { prev_hash: HASH, hash: HASH },
  inspections: { minutes_copies: 2 },
  users: { auth_epoch: 0 },
}

describe('upgrading an existing store', () => {
  it.each(MIGRATION_NAMES.slice(1).map((next, i) => [MIGRATION_NAMES[i]!, i + 1, next] as const))(
    'from the schema after %s keeps every row of every table with its values',
    async (_name, version, next) => {
      const ds = await openTracked(tempFile())
      const db = raw(ds)
      await undoDownTo(ds, next)
      for (let era = 1; era <= version; era++) ERA_FILLS[era]!(db)
      const before = rowsOf(db)
      // Every table of that version holds rows, so every one is put to the test.
      expect(Object.keys(before).filter((t) => before[t]!.length === 0)).toEqual([])

      await ds.runMigrations({ transaction: 'each' })
      expect(await ds.query('SELECT name FROM migrations ORDER BY id')).toEqual(
        MIGRATION_NAMES.map((name) => ({ name })),
      )
      const after = rowsOf(db)
      for (const [table, rows] of Object.entries(before)) {
        const added = Object.keys(after[table]![0]!).filter((c) => !(c in rows[0]!))
        const known = ADDED_COLUMNS[table] ?? {}
        const defaults = Object.fromEntries(added.map((c) => [c, c in known ? known[c] : 'no default known']))
        expect(after[table], table).toEqual(rows.map((row) => ({ ...row, ...defaults })))
      }
      expect(db.pragma('foreign_key_check')).toEqual([])
      expect(await verifyAuditChain(ds.manager, new Date())).toMatchObject({
        ok: true,
        lines: before.audit_log?.length ?? 0,
      })
    },
  )
})

describe('down migrations', () => {
  it('0002 undoes alone and re-applies over 0001 data', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'AccountsAudit1795000000002')
    expect(namesOf(db)).not.toContain('users')
    expect(namesOf(db)).not.toContain('audit_log')
    expect(namesOf(db)).not.toContain('audit_log_no_update')
    expect(namesOf(db)).toContain('units')
    expect(await ds.query('SELECT name FROM migrations')).toEqual([{ name: MIGRATION_NAMES[0] }])
    await ds.query(`INSERT INTO settings (key, value, updated_at) VALUES ('agency', '{}', '2026-01-01')`)
    await ds.runMigrations({ transaction: 'each' })
    expect(namesOf(db)).toEqual(expect.arrayContaining(['users', 'audit_log']))
    expect(await ds.query('SELECT key FROM settings')).toEqual([{ key: 'agency' }])
  })

  it('0003 undoes alone (visitors, visits, watchlist, the visitor index) and re-applies over 0002 data', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'Visitors1795000000003')
    for (const name of ['visitors', 'visits', 'watchlist', 'visitors_search', 'visitors_search_ai'])
      expect(namesOf(db)).not.toContain(name)
    expect(namesOf(db)).toEqual(expect.arrayContaining(['users', 'audit_log', 'units']))
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.runMigrations({ transaction: 'each' })
    expect(namesOf(db)).toEqual(
      expect.arrayContaining(['visitors', 'visits', 'watchlist', 'visitors_search']),
    )
    expect(await ds.query('SELECT code FROM units')).toEqual([{ code: 'VP' }])
  })

  it('0003 refuses visits that cannot be: out before in, a refused visit with a check-out, an unknown unit', async () => {
    const ds = await openTracked(tempFile())
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.query(
      `INSERT INTO visitors (id, full_name, id_type, search_key, created_at, updated_at)
       VALUES (1, 'Nguyễn Văn An', 'none', 'nguyen van an', 'x', 'x')`,
    )
    const visit = (inAt: string, outAt: string | null, outcome: string, unit = 1) =>
      ds.query(
        `INSERT INTO visits (visitor_id, host_unit_id, checked_in_at, checked_out_at, outcome, created_at, updated_at)
         VALUES (1, ?, ?, ?, ?, 'x', 'x')`,
        [unit, inAt, outAt, outcome],
      )
    await visit('2026-01-01T01:00:00.000Z', '2026-01-01T02:00:00.000Z', 'admitted')
    await expect(visit('2026-01-01T03:00:00.000Z', '2026-01-01T02:00:00.000Z', 'admitted')).rejects.toThrow(
      /CHECK/,
    )
    await expect(visit('2026-01-01T03:00:00.000Z', '2026-01-01T04:00:00.000Z', 'refused')).rejects.toThrow(
      /CHECK/,
    )
    await expect(visit('2026-01-01T03:00:00.000Z', null, 'admitted', 99)).rejects.toThrow(/FOREIGN KEY/)
    await expect(
      ds.query(`INSERT INTO visitors (full_name, id_type, id_number, search_key, created_at, updated_at)
        VALUES ('B', 'cccd', '001099012345', 'b', 'x', 'x'), ('C', 'cccd', '001099012345', 'c', 'x', 'x')`),
    ).rejects.toThrow(/UNIQUE/)
  })

  it('0004 undoes alone (plans, templates, inspections, minutes) and re-applies over 0003 data', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'Inspections1795000000004')
    for (const name of ['inspection_plans', 'inspections', 'minutes_versions', 'inspection_plans_search'])
      expect(namesOf(db)).not.toContain(name)
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.query(
      `INSERT INTO visitors (id, full_name, id_type, search_key, created_at, updated_at)
       VALUES (1, 'Nguyễn Văn An', 'none', 'nguyen van an', 'x', 'x')`,
    )
    await ds.runMigrations({ transaction: 'each' })
    expect(namesOf(db)).toEqual(
      expect.arrayContaining([
        'inspection_templates',
        'inspection_plans',
        'plan_targets',
        'team_members',
        'inspections',
        'inspection_items',
        'recommendations',
        'inspection_photos',
        'minutes_versions',
        'ux_inspections_minutes',
        'ix_recommendations_due',
      ]),
    )
    expect(await ds.query('SELECT code FROM units')).toEqual([{ code: 'VP' }])
    expect(await ds.query('SELECT full_name FROM visitors')).toEqual([{ full_name: 'Nguyễn Văn An' }])
    expect(await ds.query('SELECT COUNT(*) AS n FROM inspection_template_items')).toEqual([{ n: 14 }])
  })

  it('0004 refuses minutes that cannot be: a number twice in a year, a draft with a number, two heads, a severity on a met item', async () => {
    const ds = await openTracked(tempFile())
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    const inspection = (status: string, year: number | null, number: number | null) =>
      ds.query(
        `INSERT INTO inspections (unit_id, kind, date, start_time, status, minutes_year, minutes_number, created_at, updated_at)
         VALUES (1, 'inspection', '2021-11-15', '08:00', ?, ?, ?, 'x', 'x')`,
        [status, year, number],
      )
    await inspection('final', 2021, 1)
    await inspection('final', 2022, 1)
    await inspection('draft', null, null)
    await expect(inspection('final', 2021, 1)).rejects.toThrow(/UNIQUE/)
    await expect(inspection('draft', 2021, 2)).rejects.toThrow(/CHECK/)
    await expect(inspection('final', null, null)).rejects.toThrow(/CHECK/)
    const member = (role: string) =>
      ds.query(`INSERT INTO team_members (inspection_id, position, role, full_name) VALUES (1, 1, ?, 'A')`, [
        role,
      ])
    await member('head')
    await member('member')
    await expect(member('head')).rejects.toThrow(/UNIQUE/)
    await expect(
      ds.query(`INSERT INTO inspection_items (inspection_id, position, section, text, result, severity)
        VALUES (1, 1, 'Chung', 'Có tủ thuốc', 'pass', 'serious')`),
    ).rejects.toThrow(/CHECK/)
    await expect(
      ds.query(`INSERT INTO inspection_photos (inspection_id, file, mime_type, byte_size, created_at)
        VALUES (1, 'attachments/1/a.png', 'image/png', 10, 'x')`),
    ).rejects.toThrow(/CHECK/)
  })

  it('0005 undoes alone (staff, their unit history, the staff index) and re-applies over 0003 data', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'Staff1795000000005')
    for (const name of [
      'staff',
      'staff_unit_history',
      'staff_search',
      'staff_search_ai',
      'ux_staff_active_id_number',
    ])
      expect(namesOf(db)).not.toContain(name)
    expect(namesOf(db)).toEqual(expect.arrayContaining(['visitors', 'visits', 'units']))
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.runMigrations({ transaction: 'each' })
    expect(namesOf(db)).toEqual(
      expect.arrayContaining(['staff', 'staff_unit_history', 'staff_search', 'ux_staff_active_id_number']),
    )
    expect(await ds.query('SELECT code FROM units')).toEqual([{ code: 'VP' }])
  })

  it('0005 keeps one active holder per ID number, checks ID shape and category, and needs a known unit', async () => {
    const ds = await openTracked(tempFile())
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    const staff = (idNumber: string, active: number, category = 'cong_chuc', unit = 1) =>
      ds.query(
        `INSERT INTO staff (unit_id, full_name, search_key, sort_key, id_number, category, active, created_at, updated_at)
         VALUES (?, 'Nguyễn Văn An', 'nguyen van an', 'x', ?, ?, ?, 'x', 'x')`,
        [unit, idNumber, category, active],
      )
    await staff('001099012345', 0)
    await staff('001099012345', 0)
    await staff('001099012345', 1)
    await expect(staff('001099012345', 1)).rejects.toThrow(/UNIQUE/)
    await staff('123456789', 1)
    await expect(staff('12345', 1)).rejects.toThrow(/CHECK/)
    await expect(staff('00109901234A', 1)).rejects.toThrow(/CHECK/)
    await expect(staff('001099000001', 1, 'quan_ly')).rejects.toThrow(/CHECK/)
    await expect(staff('001099000002', 1, 'cong_chuc', 99)).rejects.toThrow(/FOREIGN KEY/)
    // Name and ID number may be empty only once erased by the retention purge, and only for who left.
    const erased = (active: number, anonymisedAt: string | null) =>
      ds.query(
        `INSERT INTO staff (unit_id, full_name, search_key, sort_key, id_number, category, active, anonymised_at, created_at, updated_at)
         VALUES (1, NULL, '', '', NULL, 'cong_chuc', ?, ?, 'x', 'x')`,
        [active, anonymisedAt],
      )
    await erased(0, '2026-11-23T00:00:00Z')
    await expect(erased(0, null)).rejects.toThrow(/CHECK/)
    await expect(erased(1, '2026-11-23T00:00:00Z')).rejects.toThrow(/CHECK/)
    await expect(
      ds.query(
        `INSERT INTO staff_unit_history (staff_id, from_unit_id, to_unit_id, moved_on, created_at)
         VALUES (1, 1, 1, '2026-01-01', 'x')`,
      ),
    ).rejects.toThrow(/CHECK/)
  })

  it('0006 undoes alone (lists, rounds, registrations, doses) and re-applies over 0005 data with its seeded lists', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'Vaccines1795000000006')
    for (const name of [
      'vaccines',
      'vaccine_priority_groups',
      'vaccine_rounds',
      'vaccine_registrations',
      'vaccine_doses',
    ])
      expect(namesOf(db)).not.toContain(name)
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.query(
      `INSERT INTO staff (unit_id, full_name, search_key, sort_key, id_number, category, created_at, updated_at)
       VALUES (1, 'Nguyễn Văn An', 'nguyen van an', 'x', '001099012345', 'cong_chuc', 'x', 'x')`,
    )
    await ds.runMigrations({ transaction: 'each' })
    expect(await ds.query('SELECT count(*) AS n FROM vaccines')).toEqual([{ n: 7 }])
    expect(await ds.query('SELECT count(*) AS n FROM vaccine_priority_groups')).toEqual([{ n: 9 }])
    expect(await ds.query('SELECT full_name FROM staff')).toEqual([{ full_name: 'Nguyễn Văn An' }])
  })

  it('0006 refuses what cannot be: a given dose without a date, a refusal without a reason, one dose number twice', async () => {
    const ds = await openTracked(tempFile())
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.query(
      `INSERT INTO staff (id, unit_id, full_name, search_key, sort_key, id_number, category, created_at, updated_at)
       VALUES (1, 1, 'Nguyễn Văn An', 'nguyen van an', 'x', '001099012345', 'cong_chuc', 'x', 'x')`,
    )
    await ds.query(
      `INSERT INTO vaccine_rounds (id, name, opened_on, deadline, created_at, updated_at)
       VALUES (1, 'Đợt 1', '2021-07-01', '2021-07-10', 'x', 'x')`,
    )
    await expect(
      ds.query(`INSERT INTO vaccine_rounds (name, opened_on, deadline, created_at, updated_at)
        VALUES ('Sai', '2021-07-10', '2021-07-01', 'x', 'x')`),
    ).rejects.toThrow(/CHECK/)
    const registration = (status: string, vaccinatedOn: string | null, reason: string | null, round = 1) =>
      ds.query(
        `INSERT INTO vaccine_registrations (round_id, staff_id, unit_id, dose, status, vaccinated_on, status_reason,
           created_at, updated_at) VALUES (?, 1, 1, 1, ?, ?, ?, 'x', 'x')`,
        [round, status, vaccinatedOn, reason],
      )
    await expect(registration('vaccinated', null, null)).rejects.toThrow(/CHECK/)
    await expect(registration('registered', '2021-07-05', null)).rejects.toThrow(/CHECK/)
    await expect(registration('contraindicated', null, null)).rejects.toThrow(/CHECK/)
    await registration('registered', null, null)
    await expect(registration('registered', null, null)).rejects.toThrow(/UNIQUE/)
    await expect(registration('registered', null, null, 9)).rejects.toThrow(/FOREIGN KEY/)
    const dose = (n: number, day: string) =>
      ds.query(
        `INSERT INTO vaccine_doses (staff_id, dose, given_on, created_at, updated_at) VALUES (1, ?, ?, 'x', 'x')`,
        [n, day],
      )
    await dose(1, '2021-07-05')
    await expect(dose(1, '2021-08-05')).rejects.toThrow(/UNIQUE/)
    await expect(dose(2, '05/08/2021')).rejects.toThrow(/CHECK/)
    await expect(dose(6, '2021-08-05')).rejects.toThrow(/CHECK/)
  })

  it('0007 undoes alone (daily reports, their versions, ad-hoc reports) and re-applies over earlier data', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'DailyReports1795000000007')
    for (const name of [
      'daily_reports',
      'daily_report_versions',
      'adhoc_reports',
      'ux_daily_reports_unit_day',
    ])
      expect(namesOf(db)).not.toContain(name)
    expect(namesOf(db)).toEqual(expect.arrayContaining(['staff', 'visits', 'units']))
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.runMigrations({ transaction: 'each' })
    expect(namesOf(db)).toEqual(
      expect.arrayContaining(['daily_reports', 'daily_report_versions', 'adhoc_reports']),
    )
    expect(await ds.query('SELECT code FROM units')).toEqual([{ code: 'VP' }])
  })

  it('0007 refuses reports that cannot be: two for one unit and day, more present than staff, a bad date', async () => {
    const ds = await openTracked(tempFile())
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    const report = (day: string, staff: number, atOffice: number, unit = 1) =>
      ds.query(
        `INSERT INTO daily_reports (unit_id, report_date, staff_total, at_office, working_from_home, on_leave,
           f0, f1, f2, dose1, dose2, booster, reporter_name, submitted_at, late, updated_at)
         VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 'An', 'x', 0, 'x')`,
        [unit, day, staff, atOffice],
      )
    await report('2026-11-16', 10, 10)
    await expect(report('2026-11-16', 10, 9)).rejects.toThrow(/UNIQUE/)
    await expect(report('2026-11-17', 10, 11)).rejects.toThrow(/CHECK/)
    await expect(report('17/11/2026', 10, 1)).rejects.toThrow(/CHECK/)
    await expect(report('2026-11-18', 10, 1, 99)).rejects.toThrow(/FOREIGN KEY/)
  })

  it('0008 undoes alone (rapid-test rounds, pools, samples, medicine cabinets) and re-applies over earlier data', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'RapidTests1795000000008')
    for (const name of ['rapid_test_rounds', 'rapid_test_pools', 'rapid_test_samples', 'medicine_cabinets'])
      expect(namesOf(db)).not.toContain(name)
    expect(namesOf(db)).toContain('daily_reports')
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.runMigrations({ transaction: 'each' })
    expect(namesOf(db)).toEqual(
      expect.arrayContaining([
        'rapid_test_rounds',
        'rapid_test_pools',
        'rapid_test_samples',
        'medicine_cabinets',
      ]),
    )
    expect(await ds.query('SELECT code FROM units')).toEqual([{ code: 'VP' }])
  })

  it('0008 refuses what cannot be: two rounds a week, a staff sample without staff, a result without a pool', async () => {
    const ds = await openTracked(tempFile())
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    const round = (week: string) =>
      ds.query(
        `INSERT INTO rapid_test_rounds (week_start, seed, sample_percent, pool_size, eligible_count, drawn_at)
         VALUES (?, 1, 3, 5, 10, 'x')`,
        [week],
      )
    await round('2026-11-16')
    await expect(round('2026-11-16')).rejects.toThrow(/UNIQUE/)
    await expect(
      ds.query(
        `INSERT INTO rapid_test_samples (round_id, kind, unit_id, added_at) VALUES (1, 'staff', 1, 'x')`,
      ),
    ).rejects.toThrow(/CHECK/)
    await ds.query(
      `INSERT INTO visitors (id, full_name, id_type, search_key, created_at, updated_at) VALUES (1, 'An', 'none', 'an', 'x', 'x')`,
    )
    await expect(
      ds.query(
        `INSERT INTO rapid_test_samples (round_id, kind, visitor_id, individual_result, individual_tested_at, added_at)
         VALUES (1, 'visitor', 1, 'positive', 'x', 'x')`,
      ),
    ).rejects.toThrow(/CHECK/)
    await expect(
      ds.query(`INSERT INTO rapid_test_pools (round_id, number, result) VALUES (1, 1, 'positive')`),
    ).rejects.toThrow(/CHECK/)
    await expect(
      ds.query(`INSERT INTO medicine_cabinets (unit_id, has_cabinet, updated_at) VALUES (99, 1, 'x')`),
    ).rejects.toThrow(/FOREIGN KEY/)
  })

  it('0013 adds the counters, seeded with the last minutes number of each year, and undoes alone', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'Counters1795000000013')
    expect(namesOf(db, 'table')).not.toContain('counters')
    for (let era = 1; era <= 12; era++) ERA_FILLS[era]!(db)
    // A second year with a gap-free run of three, and a draft that counts for nothing.
    for (const [number, status] of [
      [1, 'final'],
      [2, 'final'],
      [3, 'final'],
      [null, 'draft'],
    ] as const)
      await ds.query(
        `INSERT INTO inspections (unit_id, kind, date, start_time, status, minutes_year, minutes_number, conclusion,
           created_at, updated_at) VALUES (2, 'inspection', '2022-03-01', '08:00', ?, ?, ?, 'Đạt', 'x', 'x')`,
        [status, number && 2022, number],
      )
    const before = rowsOf(db)
    await ds.runMigrations({ transaction: 'each' })
    const after = rowsOf(db)
    // Later migrations may add columns (0014: users.auth_epoch); every row and value stays.
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toMatchObject(rows)
    expect(await ds.query(`SELECT name, scope, last FROM counters ORDER BY scope`)).toEqual([
      { name: 'minutes', scope: '2021', last: 1 },
      { name: 'minutes', scope: '2022', last: 3 },
    ])
    await expect(
      ds.query(`INSERT INTO counters (name, scope, last) VALUES ('minutes', '2022', 9)`),
    ).rejects.toThrow(/UNIQUE/)
    await expect(
      ds.query(`INSERT INTO counters (name, scope, last) VALUES ('minutes', '2023', 0)`),
    ).rejects.toThrow(/CHECK/)
    await undoDownTo(ds, 'Counters1795000000013')
    expect(namesOf(db, 'table')).not.toContain('counters')
    expect(rowsOf(db)).toEqual(before)
  })

  it('0012 adds the signed scans and evidence table, keeps every row, checks its owner, and undoes alone', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'SignedScans1795000000012')
    expect(namesOf(db, 'table')).not.toContain('inspection_documents')
    for (let era = 1; era <= 11; era++) ERA_FILLS[era]!(db)
    const before = rowsOf(db)
    await ds.runMigrations({ transaction: 'each' })
    const after = rowsOf(db)
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toMatchObject(rows)
    expect(after.inspection_documents).toEqual([])
    ERA_FILLS[12]!(db)
    expect(await ds.query(`SELECT kind, recommendation_id FROM inspection_documents ORDER BY id`)).toEqual([
      { kind: 'signed_scan', recommendation_id: null },
      { kind: 'evidence', recommendation_id: 2 },
    ])
    const insert = (kind: string, recommendation: number | null, file: string, mime = 'application/pdf') =>
      ds.query(
        `INSERT INTO inspection_documents (inspection_id, recommendation_id, kind, file, file_name, mime_type, byte_size,
           created_at) VALUES (1, ?, ?, ?, 'x.pdf', ?, 10, 'x')`,
        [recommendation, kind, file, mime],
      )
    await expect(insert('evidence', null, 'attachments/1/a.pdf')).rejects.toThrow(/CHECK/)
    await expect(insert('signed_scan', 1, 'attachments/1/b.pdf')).rejects.toThrow(/CHECK/)
    await expect(
      insert('signed_scan', null, 'attachments/1/c.exe', 'application/x-msdownload'),
    ).rejects.toThrow(/CHECK/)
    await expect(insert('signed_scan', null, '../etc/passwd')).rejects.toThrow(/CHECK/)
    await expect(insert('signed_scan', null, 'attachments/1/5b0e.pdf')).rejects.toThrow(/UNIQUE/)
    await expect(insert('evidence', 99, 'attachments/1/d.pdf')).rejects.toThrow(/FOREIGN KEY/)
    await undoDownTo(ds, 'SignedScans1795000000012')
    expect(namesOf(db, 'table')).not.toContain('inspection_documents')
    expect(rowsOf(db)).toEqual(before)
  })

  it('0014 adds the auth epoch (0 for existing accounts) and the daily job claims, keeps every row, and undoes alone', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'OfficeSeats1795000000014')
    expect(namesOf(db, 'table')).not.toContain('job_runs')
    expect(columns(db, 'users').map((c) => c.name)).not.toContain('auth_epoch')
    for (let era = 1; era <= 13; era++) ERA_FILLS[era]!(db)
    const before = rowsOf(db)
    await ds.runMigrations({ transaction: 'each' })
    const after = rowsOf(db)
    for (const [table, rows] of Object.entries(before))
      expect(after[table], table).toEqual(
        table === 'users' ? rows.map((row) => ({ ...row, auth_epoch: 0 })) : rows,
      )
    expect(after.job_runs).toEqual([])
    const claim = (name: string, day: string) =>
      ds.query(`INSERT INTO job_runs (name, day, claimed_at) VALUES (?, ?, 'x')`, [name, day])
    await claim('purgeVisitors', '2021-11-15')
    await claim('purgeVisitors', '2021-11-16')
    await claim('purgeStaff', '2021-11-15')
    await expect(claim('purgeVisitors', '2021-11-15')).rejects.toThrow(/UNIQUE|PRIMARY/)
    await expect(claim('purgeStaff', '15/11/2021')).rejects.toThrow(/CHECK/)
    await ds.query(`DELETE FROM job_runs`)
    await undoDownTo(ds, 'OfficeSeats1795000000014')
    expect(namesOf(db, 'table')).not.toContain('job_runs')
  })

  it('0015 adds the table of attachment contents, keeps every row, checks the path, and undoes alone', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'AttachmentContents1795000000015')
    expect(namesOf(db, 'table')).not.toContain('attachment_contents')
    for (let era = 1; era <= MIGRATION_NAMES.indexOf('AttachmentContents1795000000015'); era++)
      ERA_FILLS[era]!(db)
    const before = rowsOf(db)
    await ds.runMigrations({ transaction: 'each' })
    const after = rowsOf(db)
    for (const [table, rows] of Object.entries(before)) expect(after[table], table).toEqual(rows)
    expect(after.attachment_contents).toEqual([])
    const pdf = Buffer.from('%PDF-1.4 bien ban')
    const insert = (file: string, content: Buffer | null) =>
      ds.query(`INSERT INTO attachment_contents (file, content) VALUES (?, ?)`, [file, content])
    await insert('attachments/1/5b0e.pdf', pdf)
    expect(await ds.query(`SELECT file, content FROM attachment_contents`)).toEqual([
      { file: 'attachments/1/5b0e.pdf', content: pdf },
    ])
    await expect(insert('attachments/1/5b0e.pdf', pdf)).rejects.toThrow(/UNIQUE/)
    await expect(insert('../etc/passwd', pdf)).rejects.toThrow(/CHECK/)
    await expect(insert('/etc/passwd', pdf)).rejects.toThrow(/CHECK/)
    await expect(insert('attachments/1/c3d4.jpg', null)).rejects.toThrow(/NOT NULL/)
    await expect(insert(null as unknown as string, pdf)).rejects.toThrow(/NOT NULL/)
    await undoDownTo(ds, 'AttachmentContents1795000000015')
    expect(namesOf(db, 'table')).not.toContain('attachment_contents')
    expect(rowsOf(db)).toEqual(before)
  })

  it('0011 adds the minutes copies to existing inspections (two each, every row kept) and undoes alone', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'MinutesCopies1795000000011')
    expect(columns(db, 'inspections').map((c) => c.name)).not.toContain('minutes_copies')
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    for (const [status, number] of [
      ['final', 1],
      ['draft', null],
    ] as const)
      await ds.query(
        `INSERT INTO inspections (unit_id, kind, date, start_time, status, minutes_year, minutes_number, conclusion,
           created_at, updated_at)
         VALUES (1, 'inspection', '2021-11-15', '08:00', ?, ?, ?, 'Đạt yêu cầu', 'x', 'x')`,
        [status, number && 2021, number],
      )
    const before = await ds.query(`SELECT * FROM inspections ORDER BY id`)
    await ds.runMigrations({ transaction: 'each' })
    const after = (await ds.query(`SELECT * FROM inspections ORDER BY id`)) as Array<Record<string, unknown>>
    expect(after).toEqual(before.map((row: object) => ({ ...row, minutes_copies: 2 })))
    await expect(ds.query(`UPDATE inspections SET minutes_copies = 1 WHERE id = 1`)).rejects.toThrow(/CHECK/)
    await undoDownTo(ds, 'MinutesCopies1795000000011')
    expect(await ds.query(`SELECT * FROM inspections ORDER BY id`)).toEqual(before)
  })

  it('0010 chains the audit lines already there, erases what earlier purges left, and undoes alone', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'ErasureAuditChain1795000000010')
    expect(columns(db, 'audit_log').map((c) => c.name)).not.toContain('hash')
    const line = db.prepare(
      `INSERT INTO audit_log (at, user_id, user_name, route, entity, entity_id, changes) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    line.run('2026-01-01T01:00:00.000Z', null, '—', 'auth:setup', 'user', '1', '{"note":"Tạo tài khoản"}')
    line.run(
      '2026-01-01T01:05:00.000Z',
      1,
      'admin',
      'units:create',
      'unit',
      '1',
      '{"name":{"before":null,"after":"VP"}}',
    )
    line.run('2026-01-01T01:06:00.000Z', 1, 'admin', 'auth:signOut', null, null, '{}')
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    await ds.query(
      `INSERT INTO visitors (id, id_type, organisation, search_key, anonymised_at, created_at, updated_at)
       VALUES (1, 'none', 'Công ty A', '', '2026-02-01', 'x', 'x'),
              (2, 'none', 'Công ty B', 'b', NULL, 'x', 'x')`,
    )
    await ds.query(
      `INSERT INTO visits (visitor_id, host_unit_id, purpose, note, checked_in_at, outcome, created_at, updated_at)
       VALUES (1, 1, 'Việc riêng', 'Ghi chú', '2026-01-01T01:00:00Z', 'admitted', 'x', 'x'),
              (2, 1, 'Nộp hồ sơ', 'Ghi chú', '2026-01-01T01:00:00Z', 'admitted', 'x', 'x')`,
    )

    await ds.runMigrations({ transaction: 'each' })
    const report = await verifyAuditChain(ds.manager, new Date())
    expect(report).toMatchObject({ ok: true, lines: 3, firstBreak: null })
    const hashes = db.prepare('SELECT prev_hash, hash FROM audit_log ORDER BY id').all() as Array<{
      prev_hash: string
      hash: string
    }>
    expect(hashes[0]!.prev_hash).toBe(GENESIS_HASH)
    expect(hashes[1]!.prev_hash).toBe(hashes[0]!.hash)
    expect(hashes[2]!.prev_hash).toBe(hashes[1]!.hash)
    expect(new Set(hashes.map((h) => h.hash)).size).toBe(3)
    // Every line kept, the trail still append-only; new lines continue the chain.
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(3)
    expect(() => db.prepare(`UPDATE audit_log SET route = 'x'`).run()).toThrow(/append-only/)
    await ds.transaction((m) =>
      writeAuditEntries(
        m,
        null,
        'job:test',
        [{ entity: null, entityId: null, changes: { note: 'x' } }],
        true,
        new Date(),
      ),
    )
    expect(await verifyAuditChain(ds.manager, new Date())).toMatchObject({ ok: true, lines: 4 })
    // The already anonymised visitor loses the free text; the other keeps it.
    expect(await ds.query('SELECT organisation FROM visitors ORDER BY id')).toEqual([
      { organisation: null },
      { organisation: 'Công ty B' },
    ])
    expect(await ds.query('SELECT purpose, note, check_out_unrecorded FROM visits ORDER BY id')).toEqual([
      { purpose: null, note: null, check_out_unrecorded: 0 },
      { purpose: 'Nộp hồ sơ', note: 'Ghi chú', check_out_unrecorded: 0 },
    ])

    await undoDownTo(ds, 'ErasureAuditChain1795000000010')
    expect(columns(db, 'audit_log').map((c) => c.name)).not.toContain('hash')
    expect(columns(db, 'visits').map((c) => c.name)).not.toContain('check_out_unrecorded')
    expect(namesOf(db, 'trigger')).toEqual(
      expect.arrayContaining(['audit_log_no_update', 'audit_log_no_delete']),
    )
    expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(4)
  })

  it('0009 adds the old CMND number and the card issue date to visitors, keeping every visitor and visit', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await undoDownTo(ds, 'VisitorCardDetails1795000000009')
    expect(columns(db, 'visitors').map((c) => c.name)).not.toContain('old_id_number')
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    for (const [id, name, number] of [
      [1, 'Nguyễn Văn An', '001099012345'],
      [2, 'Trần Thị Bình', null],
    ] as const)
      await ds.query(
        `INSERT INTO visitors (id, full_name, id_type, id_number, search_key, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'x', 'x')`,
        [id, name, number ? 'cccd' : 'none', number, searchKeyOf(name, number)],
      )
    await ds.query(
      `INSERT INTO visits (visitor_id, host_unit_id, checked_in_at, outcome, created_at, updated_at)
       VALUES (1, 1, '2026-11-20T01:00:00.000Z', 'admitted', 'x', 'x'), (2, 1, '2026-11-20T02:00:00.000Z', 'refused', 'x', 'x')`,
    )
    await ds.runMigrations({ transaction: 'each' })
    expect(
      await ds.query(
        'SELECT id, full_name, id_number, old_id_number, id_issue_date FROM visitors ORDER BY id',
      ),
    ).toEqual([
      {
        id: 1,
        full_name: 'Nguyễn Văn An',
        id_number: '001099012345',
        old_id_number: null,
        id_issue_date: null,
      },
      { id: 2, full_name: 'Trần Thị Bình', id_number: null, old_id_number: null, id_issue_date: null },
    ])
    expect(await ds.query('SELECT count(*) AS n FROM visits')).toEqual([{ n: 2 }])
    expect(indexColumns(db, 'ix_visitors_old_id_number')).toEqual(['old_id_number'])
    await ds.query(
      `UPDATE visitors SET old_id_number = '361234567', id_issue_date = '2021-08-10' WHERE id = 1`,
    )
    await expect(ds.query(`UPDATE visitors SET old_id_number = '36123' WHERE id = 2`)).rejects.toThrow(
      /CHECK/,
    )
    await expect(ds.query(`UPDATE visitors SET id_issue_date = '10/08/2021' WHERE id = 2`)).rejects.toThrow(
      /CHECK/,
    )
  })

  it('undoing every migration leaves only the migrations table and clears the application id', async () => {
    const ds = await openTracked(tempFile())
    const db = raw(ds)
    await ds.query(UNIT_INSERT, [1, 'VP', 'Văn phòng', 'agency', 'vp | van phong', 'x'])
    for (let i = 0; i < MIGRATION_NAMES.length; i++) await ds.undoLastMigration({ transaction: 'each' })
    expect(namesOf(db)).toEqual(['migrations'])
    expect(await ds.query('SELECT count(*) AS n FROM migrations')).toEqual([{ n: 0 }])
    expect(db.pragma('application_id', { simple: true })).toBe(0)

    // And up again from there gives the same schema as a fresh file.
    await ds.runMigrations({ transaction: 'each' })
    const fresh = raw(await openTracked(tempFile()))
    const shape = (d: Database.Database) => master(d).map((o) => [o.type, o.name, o.sql])
    expect(shape(db)).toEqual(shape(fresh))
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID)
  })
})

describe('the units search index', () => {
  const matches = (db: Database.Database, q: string) =>
    db
      .prepare(`SELECT rowid FROM units_search WHERE units_search MATCH ? ORDER BY rowid`)
      .pluck()
      .all(q) as number[]

  it('follows inserts, updates and deletes of units', async () => {
    const db = raw(await openTracked(tempFile()))
    const insert = db.prepare(UNIT_INSERT)
    insert.run(1, 'DG', 'Trung tâm đấu giá', 'auction_center', 'dg | trung tam dau gia', 'x')
    insert.run(2, 'NG', 'Nguyễn Văn An', 'other', searchKeyOf('NG', 'Nguyễn Văn An'), 'x')
    expect(matches(db, '"dau gia"')).toEqual([1])
    expect(matches(db, '"uyen"')).toEqual([2])
    expect(matches(db, '"trung"')).toEqual([1])

    db.prepare(`UPDATE units SET search_key = 'dg | trung tam tro giup' WHERE id = 1`).run()
    expect(matches(db, '"dau gia"')).toEqual([])
    expect(matches(db, '"tro giup"')).toEqual([1])
    // An update that leaves search_key alone does not disturb the index.
    db.prepare(`UPDATE units SET phone = '0123', name = 'Khác' WHERE id = 1`).run()
    expect(matches(db, '"tro giup"')).toEqual([1])

    db.prepare(`DELETE FROM units WHERE id = 1`).run()
    expect(matches(db, '"tro giup"')).toEqual([])
    expect(matches(db, '"trung"')).toEqual([])
    expect(matches(db, '"nguyen"')).toEqual([2])
    expect(() =>
      db.prepare(`INSERT INTO units_search(units_search) VALUES ('integrity-check')`).run(),
    ).not.toThrow()
  })

  it('indexes the key behind a leading space so two-letter words match at a word start', async () => {
    const db = raw(await openTracked(tempFile()))
    db.prepare(UNIT_INSERT).run(1, 'AN', 'An Phú', 'other', searchKeyOf('AN', 'An Phú'), 'x')
    db.prepare(UNIT_INSERT).run(2, 'LAN', 'Lan', 'other', searchKeyOf('LAN', 'Lan'), 'x')
    expect(matches(db, '" an"')).toEqual([1])
    // A bare two-letter phrase is shorter than a trigram and matches nothing.
    expect(matches(db, '"an"')).toEqual([])
  })

  it('rolls the index back with a failed write', async () => {
    const db = raw(await openTracked(tempFile()))
    const insert = db.prepare(UNIT_INSERT)
    const tx = db.transaction(() => {
      insert.run(1, 'DG', 'Trung tâm đấu giá', 'auction_center', 'dg | trung tam dau gia', 'x')
      insert.run(2, 'DG', 'Trùng mã', 'auction_center', 'dg | trung ma', 'x')
    })
    expect(() => tx()).toThrow(/UNIQUE/)
    expect(matches(db, '"dau gia"')).toEqual([])
    expect(matches(db, '"trung"')).toEqual([])
  })
})
