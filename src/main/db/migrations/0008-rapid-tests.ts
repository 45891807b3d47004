import type { MigrationInterface, QueryRunner } from 'typeorm'

const DAY = `GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`
const RESULT = `IN ('negative', 'positive', 'invalid')`

/**
 * Weekly pooled rapid tests: one round per week (its seed and percentage stored so the draw can
 * be reproduced), the people in it (staff drawn, visitors added), the pools and their results,
 * individual results for the people of a positive pool; and each unit's medicine cabinet.
 */
export class RapidTests1795000000008 implements MigrationInterface {
  name = 'RapidTests1795000000008'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rapid_test_rounds (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      week_start TEXT NOT NULL UNIQUE CHECK (week_start ${DAY}),
      seed INTEGER NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
      sample_percent REAL NOT NULL CHECK (sample_percent > 0 AND sample_percent <= 100),
      pool_size INTEGER NOT NULL CHECK (pool_size BETWEEN 2 AND 20),
      eligible_count INTEGER NOT NULL CHECK (eligible_count >= 0),
      drawn_at TEXT NOT NULL,
      drawn_by INTEGER
    )`)
    await q.query(`CREATE TABLE rapid_test_pools (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      round_id INTEGER NOT NULL REFERENCES rapid_test_rounds(id) ON DELETE CASCADE,
      number INTEGER NOT NULL CHECK (number >= 1),
      result TEXT CHECK (result ${RESULT}),
      tested_at TEXT,
      CHECK ((result IS NULL) = (tested_at IS NULL)),
      UNIQUE (round_id, number)
    )`)
    await q.query(`CREATE TABLE rapid_test_samples (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      round_id INTEGER NOT NULL REFERENCES rapid_test_rounds(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('staff', 'visitor')),
      staff_id INTEGER REFERENCES staff(id) ON DELETE RESTRICT,
      unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
      visitor_id INTEGER REFERENCES visitors(id) ON DELETE RESTRICT,
      pool_id INTEGER REFERENCES rapid_test_pools(id) ON DELETE SET NULL,
      individual_result TEXT CHECK (individual_result ${RESULT}),
      individual_tested_at TEXT,
      added_at TEXT NOT NULL,
      CHECK ((kind = 'staff' AND staff_id IS NOT NULL AND unit_id IS NOT NULL AND visitor_id IS NULL)
          OR (kind = 'visitor' AND visitor_id IS NOT NULL AND staff_id IS NULL)),
      CHECK ((individual_result IS NULL) = (individual_tested_at IS NULL)),
      CHECK (individual_result IS NULL OR pool_id IS NOT NULL)
    )`)
    await q.query(
      `CREATE UNIQUE INDEX ux_rapid_samples_staff ON rapid_test_samples (round_id, staff_id) WHERE staff_id IS NOT NULL`,
    )
    await q.query(
      `CREATE UNIQUE INDEX ux_rapid_samples_visitor ON rapid_test_samples (round_id, visitor_id) WHERE visitor_id IS NOT NULL`,
    )
    await q.query(`CREATE INDEX ix_rapid_samples_round ON rapid_test_samples (round_id)`)
    await q.query(`CREATE INDEX ix_rapid_samples_pool ON rapid_test_samples (pool_id)`)
    await q.query(`CREATE INDEX ix_rapid_samples_staff ON rapid_test_samples (staff_id)`)

    await q.query(`CREATE TABLE medicine_cabinets (
      unit_id INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE RESTRICT,
      has_cabinet INTEGER NOT NULL CHECK (has_cabinet IN (0, 1)),
      checked_on TEXT CHECK (checked_on IS NULL OR checked_on ${DAY}),
      note TEXT,
      updated_at TEXT NOT NULL,
      updated_by INTEGER
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE medicine_cabinets`)
    await q.query(`DROP TABLE rapid_test_samples`)
    await q.query(`DROP TABLE rapid_test_pools`)
    await q.query(`DROP TABLE rapid_test_rounds`)
  }
}
