import type { MigrationInterface, QueryRunner } from 'typeorm'
import { ID, TEXT } from '../schema/types'

/** Twin of SQLite 0013: numbered series counted in a row each, seeded with the numbers given. */
export class PostgresCounters1795000000013 implements MigrationInterface {
  name = 'PostgresCounters1795000000013'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE counters (
      id ${ID},
      name ${TEXT} NOT NULL CHECK (name <> ''),
      scope ${TEXT} NOT NULL,
      last integer NOT NULL CHECK (last > 0)
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_counters_series ON counters (name, scope)`)
    await q.query(`INSERT INTO counters (name, scope, last)
      SELECT 'minutes', CAST(minutes_year AS text), MAX(minutes_number) FROM inspections
      WHERE minutes_number IS NOT NULL GROUP BY minutes_year ORDER BY minutes_year`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE counters`)
  }
}
