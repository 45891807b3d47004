import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DataSource } from 'typeorm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@main/db/data-source'
import { entities } from '@main/db/entities'
import { changedRows } from '@main/db/engine'
import { optimizeSearchIndex, whereSearch } from '@main/db/search'
import { DatabaseServerError } from '@main/db/postgres/errors'
import { AUDIT_QUEUE } from '@main/db/postgres/audit-tail'
import { POSTGRES_MIGRATION_NAMES } from '@main/db/postgres/migrations'
import { UnitEntity } from '@main/units/entities'
import { VisitEntity, VisitorEntity } from '@main/visitors/entities'
import { RapidTestRoundEntity } from '@main/rapid-tests/entities'
import { AuditLineEntity } from '@main/audit/entities'
import { writeAuditEntries } from '@main/audit/service'
import { databaseMsg } from '@shared/database/messages'
import { searchKeyOf } from '@shared/text/search-key'
import { freshDatabase } from '../helpers/postgres-databases'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'

/** How each entity column type may be declared on the server. */
const POSTGRES_TYPES: Record<string, string[]> = {
  integer: ['integer', 'bigint'],
  boolean: ['boolean'],
  text: ['text'],
  'double precision': ['double precision'],
  bytea: ['bytea'],
}

let server: FileServer
const databases: TestDatabase[] = []
const stores: DataSource[] = []
const dirs: string[] = []

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterEach(async () => {
  for (const ds of stores.splice(0)) if (ds.isInitialized) await ds.destroy()
  for (const db of databases.splice(0)) await db.drop()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

afterAll(async () => {
  await server?.release()
})

async function database(empty = false): Promise<TestDatabase> {
  const db = await freshDatabase(server.target, empty)
  databases.push(db)
  return db
}

async function track(opened: Promise<DataSource>): Promise<DataSource> {
  const ds = await opened
  stores.push(ds)
  return ds
}

const onPostgres = async () => track(openDatabase({ file: '', url: (await database()).url }))

function onSqlite(): Promise<DataSource> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-pg-test-'))
  dirs.push(dir)
  return track(openDatabase({ file: join(dir, 'store.sqlite') }))
}

const NOW = '2026-01-01T00:00:00.000Z'

async function addUnit(ds: DataSource, code: string, name: string, active = true): Promise<number> {
  const { identifiers } = await ds.getRepository(UnitEntity).insert({
    code,
    name,
    kindCode: 'notary_office',
    active,
    searchKey: searchKeyOf(name),
    sortKey: name,
    createdAt: NOW,
    updatedAt: NOW,
  })
  return identifiers[0]!.id as number
}

describe('openDatabase on a PostgreSQL URL', () => {
  it('migrates an empty database once when two seats start together, and records the migration', async () => {
    const { url } = await database(true)
    const [a, b] = await Promise.all([
      track(openDatabase({ file: '', url })),
      track(openDatabase({ file: '', url })),
    ])
    expect(await a.query(`SELECT name FROM migrations ORDER BY id`)).toEqual(
      POSTGRES_MIGRATION_NAMES.map((name) => ({ name })),
    )
    expect(await b.showMigrations()).toBe(false)
    expect(await a.query(`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`)).toHaveLength(1)
  })

  it('reopens a server whose migrations table lacks its server-only steps while their objects stand', async () => {
    const { url } = await database()
    const first = await openDatabase({ file: '', url })
    // A restore empties the schema first (backups/server-backups.pg.test.ts); should the steps'
    // objects stand anyway, unlisted, they run again over them.
    await first.query(`DELETE FROM migrations WHERE name = ANY($1)`, [
      ['PostgresAuditQueue1795000000016', 'PostgresVisitSearchPlans1795000000017'],
    ])
    await first.destroy()
    const again = await track(openDatabase({ file: '', url }))
    expect(await again.query(`SELECT name FROM migrations ORDER BY id`)).toEqual(
      POSTGRES_MIGRATION_NAMES.map((name) => ({ name })),
    )
    await again.transaction((m) =>
      writeAuditEntries(
        m,
        null,
        'units:create',
        [{ entity: 'unit', entityId: '1', changes: {} }],
        true,
        new Date(),
      ),
    )
    expect(await again.getRepository(AuditLineEntity).count()).toBe(1)
  })

  it('refuses a server whose schema a newer app has migrated, with the Vietnamese message', async () => {
    const { url } = await database()
    const ds = await track(openDatabase({ file: '', url }))
    await ds.query(`INSERT INTO migrations (timestamp, name) VALUES (1795000000099, 'Future1795000000099')`)
    const refused = openDatabase({ file: '', url })
    await expect(refused).rejects.toBeInstanceOf(DatabaseServerError)
    await expect(refused).rejects.toThrow(databaseMsg.schemaNewer)
  })

  it('keeps the audit trail and the minutes versions append-only on the server', async () => {
    const ds = await onPostgres()
    await ds.getRepository(AuditLineEntity).insert({
      at: NOW,
      userId: null,
      userName: 'a',
      route: 'x:y',
      changes: '{}',
      prevHash: null,
      hash: null,
    })
    await expect(ds.query(`UPDATE audit_log SET route = 'z'`)).rejects.toThrow('audit_log is append-only')
    await expect(ds.query(`DELETE FROM audit_log`)).rejects.toThrow('audit_log is append-only')
    await expect(ds.query(`TRUNCATE audit_log`)).rejects.toThrow('audit_log is append-only')
    const unitId = await addUnit(ds, 'DV-1', 'Đơn vị 1')
    const [{ id }] = (await ds.query(
      `INSERT INTO inspections (unit_id, kind, date, start_time, status, minutes_year, minutes_number, created_at, updated_at)
       VALUES ($1, 'inspection', '2026-01-02', '08:00', 'final', 2026, 1, $2, $2) RETURNING id`,
      [unitId, NOW],
    )) as [{ id: number }]
    await ds.query(
      `INSERT INTO minutes_versions (inspection_id, version, content, finalised_at) VALUES ($1, 1, '{}', $2)`,
      [id, NOW],
    )
    await expect(ds.query(`UPDATE minutes_versions SET content = '[]'`)).rejects.toThrow(
      'minutes versions are append-only',
    )
    await expect(ds.query(`DELETE FROM minutes_versions`)).rejects.toThrow('minutes versions are append-only')
    expect(await ds.getRepository(AuditLineEntity).count()).toBe(1)
  })
})

describe('entities on PostgreSQL', () => {
  it('every table of the store is an entity, and every entity column matches its column', async () => {
    const ds = await onPostgres()
    // The server's queue of audit lines awaiting their commit: no code reads it, each commit empties it.
    const tables = (
      (await ds.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', $1)`,
        [AUDIT_QUEUE],
      )) as Array<{ tablename: string }>
    ).map((t) => t.tablename)
    const byTable = new Map(ds.entityMetadatas.map((e) => [e.tableName, e]))
    expect([...byTable.keys()].sort()).toEqual([...tables].sort())
    expect(byTable.size).toBe(entities.length)
    for (const table of tables) {
      const columns = (await ds.query(
        `SELECT c.column_name AS name, c.data_type AS type, c.is_nullable = 'YES' AS nullable,
                EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                        WHERE i.indrelid = $1::regclass AND i.indisprimary AND a.attname = c.column_name) AS primary
         FROM information_schema.columns c WHERE c.table_schema = 'public' AND c.table_name = $1::text
         ORDER BY c.ordinal_position`,
        [table],
      )) as Array<{ name: string; type: string; nullable: boolean; primary: boolean }>
      const declared = byTable.get(table)!.columns.map((c) => ({
        name: c.databaseName,
        nullable: c.isNullable,
        primary: c.isPrimary,
      }))
      expect(declared, table).toEqual(
        columns.map(({ name, nullable, primary }) => ({ name, nullable, primary })),
      )
      for (const column of byTable.get(table)!.columns) {
        const actual = columns.find((c) => c.name === column.databaseName)!
        expect(POSTGRES_TYPES[String(column.type)], `${table}.${actual.name}`).toContain(actual.type)
      }
    }
  })

  it('hydrate the same values on both engines: booleans, doubles, numbers above 2^31, nulls, counts', async () => {
    const readBack = async (ds: DataSource) => {
      const unitId = await addUnit(ds, 'DV-1', 'Phòng Công chứng số 1', false)
      const { identifiers } = await ds.getRepository(VisitorEntity).insert({
        fullName: 'Lê An',
        idType: 'none',
        searchKey: 'le an',
        createdAt: NOW,
        updatedAt: NOW,
      })
      const visitorId = identifiers[0]!.id as number
      await ds.getRepository(VisitEntity).insert({
        visitorId,
        hostUnitId: unitId,
        checkedInAt: NOW,
        outcome: 'admitted',
        temperature: 36.6,
        contactWithCase: true,
        declaredOnApp: null,
        createdAt: NOW,
        updatedAt: NOW,
      })
      await ds.getRepository(RapidTestRoundEntity).insert({
        weekStart: '2026-01-05',
        seed: 4_294_967_295,
        samplePercent: 3.5,
        poolSize: 5,
        eligibleCount: 10,
        drawnAt: NOW,
        drawnBy: null,
      })
      const [count] = (await ds
        .createQueryBuilder(VisitEntity, 'v')
        .select('COUNT(*)', 'n')
        .getRawMany()) as Array<{ n: unknown }>
      return {
        unit: await ds.getRepository(UnitEntity).findOneByOrFail({ id: unitId }),
        visit: await ds.getRepository(VisitEntity).findOneByOrFail({ visitorId }),
        round: await ds.getRepository(RapidTestRoundEntity).findOneByOrFail({ weekStart: '2026-01-05' }),
        count: count!.n,
      }
    }
    const lite = await readBack(await onSqlite())
    const pg = await readBack(await onPostgres())
    expect(pg).toEqual(lite)
    expect(pg.unit).toMatchObject({ active: false, isSample: false, parentId: null })
    expect(pg.visit).toMatchObject({
      temperature: 36.6,
      contactWithCase: true,
      maskWorn: true,
      declaredOnApp: null,
    })
    expect(pg.round.seed).toBe(4_294_967_295)
    expect(pg.count).toBe(1)
  })
})

describe('the postgres engine', () => {
  const UNITS = [
    'Phòng Công chứng số 1',
    'Trung tâm Dịch vụ đấu giá tài sản',
    'Văn phòng Luật sư Lê An',
    'Lan 50%',
  ]

  it('searches every word: three letters anywhere, shorter ones at a word start, LIKE characters as text', async () => {
    const ds = await onPostgres()
    for (const [i, name] of UNITS.entries()) await addUnit(ds, `DV-${i}`, name)
    const found = async (query: string, options = {}) => {
      const qb = ds.createQueryBuilder(UnitEntity, 'u').orderBy('u.id', 'DESC')
      if (!whereSearch(qb, 'units', 'u', query, options)) return null
      return (await qb.getMany()).map((u) => u.name)
    }
    expect(await found('dau gia')).toEqual(['Trung tâm Dịch vụ đấu giá tài sản'])
    expect(await found('an')).toEqual(['Văn phòng Luật sư Lê An'])
    expect(await found('phong')).toEqual(['Văn phòng Luật sư Lê An', 'Phòng Công chứng số 1'])
    expect(await found('5%')).toEqual([])
    expect(await found('50%')).toEqual(['Lan 50%'])
    expect(await found('PHÒNG so 1', { idColumn: 'u.id' })).toEqual(['Phòng Công chứng số 1'])
    expect(await found('  ')).toBeNull()
  })

  it('the search runs on the trigram index', async () => {
    const ds = await onPostgres()
    const qb = ds.createQueryBuilder(UnitEntity, 'u')
    whereSearch(qb, 'units', 'u', 'dau gia', {})
    const [sql, params] = qb.getQueryAndParameters()
    const runner = ds.createQueryRunner()
    try {
      await runner.startTransaction()
      await runner.query(`SET LOCAL enable_seqscan = off`)
      const plan = (await runner.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toContain('ix_units_search')
      await runner.rollbackTransaction()
    } finally {
      await runner.release()
    }
    await optimizeSearchIndex(ds.manager, 'units')
  })

  it("gives the visit search its covering index and the visitors' search key a larger statistics sample", async () => {
    const ds = await onPostgres()
    const [index] = (await ds.query(
      `SELECT i.indnkeyatts AS keys, i.indnatts AS columns, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i WHERE i.indexrelid = 'ix_visits_visitor'::regclass`,
    )) as Array<{ keys: number; columns: number; def: string }>
    expect(index).toMatchObject({ keys: 2, columns: 3 })
    expect(index!.def).toMatch(/\(visitor_id, checked_in_at\) INCLUDE \(id\)/)
    const [sample] = (await ds.query(
      `SELECT a.attstattarget AS target FROM pg_attribute a
       WHERE a.attrelid = 'ix_visitors_search'::regclass AND a.attnum = 1`,
    )) as Array<{ target: number }>
    expect(Number(sample!.target)).toBe(1000)
  })

  it('counts the rows the current transaction changed', async () => {
    const ds = await onPostgres()
    await ds.transaction(async (m) => {
      const before = await changedRows(m)
      const unit = await m.getRepository(UnitEntity).insert({
        code: 'A',
        name: 'A',
        kindCode: 'agency',
        searchKey: 'a',
        sortKey: 'a',
        createdAt: NOW,
        updatedAt: NOW,
      })
      await m.getRepository(UnitEntity).update({ id: unit.identifiers[0]!.id as number }, { name: 'B' })
      expect((await changedRows(m)) - before).toBe(2)
    })
  })
})
