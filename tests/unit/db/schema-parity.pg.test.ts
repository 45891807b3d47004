import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type { DataSource, EntitySchema, EntityTarget, ObjectLiteral } from 'typeorm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '@main/db/data-source'
import { AUDIT_QUEUE } from '@main/db/postgres/audit-tail'
import { UnitKindEntity } from '@main/units/entities'
import { InspectionTemplateEntity, InspectionTemplateItemEntity } from '@main/inspections/entities'
import { VaccineEntity, VaccinePriorityGroupEntity } from '@main/vaccines/entities'
import { freshDatabase } from '../helpers/postgres-databases'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'
import { sqliteShape } from '../helpers/sqlite-shape'
import { postgresShape } from '../helpers/postgres-shape'
import type { SchemaShape } from '../helpers/schema-shape'

let server: FileServer
let database: TestDatabase
let sqlite: DataSource
let postgres: DataSource
let dir: string

beforeAll(async () => {
  server = await postgresForFile()
  database = await freshDatabase(server.target)
  dir = mkdtempSync(join(tmpdir(), 'spd-parity-'))
  sqlite = await openDatabase({ file: join(dir, 'store.sqlite') })
  postgres = await openDatabase({ file: '', url: database.url })
}, 120_000)

afterAll(async () => {
  await sqlite?.destroy()
  await postgres?.destroy()
  await database?.drop()
  await server?.release()
  rmSync(dir, { recursive: true, force: true })
})

const raw = (ds: DataSource) =>
  (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection

describe('the PostgreSQL migrations build the schema the SQLite migrations build', () => {
  let lite: SchemaShape
  let pg: SchemaShape
  beforeAll(async () => {
    lite = sqliteShape(raw(sqlite))
    pg = await postgresShape(postgres)
  })

  it('the same tables, and the queue of audit lines awaiting their commit on the server', () => {
    expect(Object.keys(lite.tables)).toHaveLength(40)
    expect(Object.keys(pg.tables).sort()).toEqual([...Object.keys(lite.tables), AUDIT_QUEUE].sort())
  })

  it('per table: columns (mapped type, nullability), primary key, indexes, checks, foreign keys, search index', () => {
    for (const [table, shape] of Object.entries(lite.tables)) expect(pg.tables[table], table).toEqual(shape)
    expect(Object.values(pg.tables).filter((t) => t.searchIndexed)).toHaveLength(4)
  })

  it('the same append-only triggers, TRUNCATE refused too on the server, and its audit chaining at commit', () => {
    expect(lite.triggers).toEqual([
      'audit_log.audit_log_no_delete',
      'audit_log.audit_log_no_update',
      'minutes_versions.minutes_versions_no_delete',
      'minutes_versions.minutes_versions_no_update',
    ])
    const server = pg.triggers.filter((t) => t.startsWith(`${AUDIT_QUEUE}.`))
    expect(server).toEqual([`${AUDIT_QUEUE}.audit_queue_chain`])
    expect(pg.triggers.filter((t) => !t.endsWith('_no_truncate') && !server.includes(t))).toEqual(
      lite.triggers,
    )
    expect(pg.triggers.filter((t) => t.endsWith('_no_truncate'))).toEqual([
      'audit_log.audit_log_no_truncate',
      'minutes_versions.minutes_versions_no_truncate',
    ])
  })
})

describe('the seeded rows', () => {
  const seeded = async <T extends ObjectLiteral>(ds: DataSource, entity: EntityTarget<T>) =>
    (
      await ds
        .getRepository(entity)
        .find({ order: { [ds.getMetadata(entity).primaryColumns[0]!.propertyName]: 'ASC' } as never })
    ).map(({ createdAt: _c, updatedAt: _u, ...row }) => row)

  it('unit kinds, the default checklist, vaccines and priority groups are the same on both engines', async () => {
    const tables: Array<EntitySchema<ObjectLiteral>> = [
      UnitKindEntity,
      InspectionTemplateEntity,
      InspectionTemplateItemEntity,
      VaccineEntity,
      VaccinePriorityGroupEntity,
    ] as never
    for (const entity of tables) {
      const rows = await seeded(sqlite, entity)
      expect(rows.length, entity.options.name).toBeGreaterThan(0)
      expect(await seeded(postgres, entity), entity.options.name).toEqual(rows)
    }
  })
})
