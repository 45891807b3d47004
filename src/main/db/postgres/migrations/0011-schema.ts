import type { MigrationInterface, QueryRunner } from 'typeorm'
import { searchKey } from '@shared/text/search-key'
import { DEFAULT_ITEMS, DEFAULT_TEMPLATE_NAME } from '../../migrations/0004-inspections'
import { BUILTIN_PRIORITY_GROUPS, BUILTIN_VACCINES } from '../../migrations/0006-vaccines'
import { DatabaseServerError } from '../errors'
import { coreDdl } from '../schema/core'
import { visitorsDdl } from '../schema/visitors'
import { inspectionsDdl } from '../schema/inspections'
import { staffDdl } from '../schema/staff'
import { vaccinesDdl } from '../schema/vaccines'
import { dailyReportsDdl, rapidTestsDdl } from '../schema/reports'
import { SEARCHED_TABLES, searchIndexDdl } from '../search-index'

/**
 * The whole schema the SQLite migrations 0001–0011 build, in one step: no PostgreSQL store
 * predates this app, so there is nothing to upgrade from. Later changes add one migration per
 * SQLite migration, with the same number (see docs/ARCHITECTURE.md).
 */
export class PostgresSchema1795000000011 implements MigrationInterface {
  name = 'PostgresSchema1795000000011'

  async up(q: QueryRunner): Promise<void> {
    const [trigram] = (await q.query(
      `SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`,
    )) as unknown[]
    if (!trigram) throw new DatabaseServerError('trigramMissing')
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`)
    const ddl = [coreDdl, visitorsDdl, inspectionsDdl, staffDdl, vaccinesDdl, dailyReportsDdl, rapidTestsDdl]
    for (const sql of ddl.flat()) await q.query(sql)
    for (const table of SEARCHED_TABLES) await q.query(searchIndexDdl(table))
    await seed(q, new Date().toISOString())
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP SCHEMA public CASCADE`)
    await q.query(`CREATE SCHEMA public`)
  }
}

/** The rows the SQLite migrations insert (unit kinds are in coreDdl). */
async function seed(q: QueryRunner, now: string): Promise<void> {
  const [{ id }] = (await q.query(
    `INSERT INTO inspection_templates (code, version, name, created_at) VALUES ('mac-dinh', 1, $1, $2) RETURNING id`,
    [DEFAULT_TEMPLATE_NAME, now],
  )) as [{ id: number }]
  for (const [position, [section, text]] of DEFAULT_ITEMS.entries())
    await q.query(
      `INSERT INTO inspection_template_items (template_id, position, section, text) VALUES ($1, $2, $3, $4)`,
      [id, position + 1, section, text],
    )
  for (const [table, names] of [
    ['vaccines', BUILTIN_VACCINES],
    ['vaccine_priority_groups', BUILTIN_PRIORITY_GROUPS],
  ] as const)
    for (const [i, name] of names.entries())
      await q.query(
        `INSERT INTO ${table} (name, name_key, active, builtin, sort_order, created_at, updated_at)
         VALUES ($1, $2, true, true, $3, $4, $4)`,
        [name, searchKey(name), i + 1, now],
      )
}
