import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * Numbered series (the minutes numbers of each year) counted in a row of their own instead of
 * MAX + 1 over the numbered rows: with several seats, two finalisations read the same MAX, while
 * a counter row is moved on by one statement and locked until its transaction ends. Seeded
 * with the numbers already given.
 */
export class Counters1795000000013 implements MigrationInterface {
  name = 'Counters1795000000013'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE counters (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL CHECK (name <> ''),
      scope TEXT NOT NULL,
      last INTEGER NOT NULL CHECK (last > 0)
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_counters_series ON counters (name, scope)`)
    await q.query(`INSERT INTO counters (name, scope, last)
      SELECT 'minutes', CAST(minutes_year AS TEXT), MAX(minutes_number) FROM inspections
      WHERE minutes_number IS NOT NULL GROUP BY minutes_year ORDER BY minutes_year`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE counters`)
  }
}
