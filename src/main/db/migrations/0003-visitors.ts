import type { MigrationInterface, QueryRunner } from 'typeorm'
import { dropSearchIndexDdl, searchIndexDdl } from '../sqlite/search-index'

/**
 * The reception desk: visitors (one row per person, recognised by ID number), visits (one row
 * per check-in, refused ones included) and the watchlist. Personal fields are nullable so the
 * retention purge can erase them and keep the counts.
 */
export class Visitors1795000000003 implements MigrationInterface {
  name = 'Visitors1795000000003'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE visitors (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      full_name TEXT,
      id_type TEXT NOT NULL CHECK (id_type IN ('cccd', 'cmnd', 'passport', 'none')),
      id_number TEXT,
      date_of_birth TEXT,
      gender TEXT CHECK (gender IN ('male', 'female')),
      phone TEXT,
      address TEXT,
      organisation TEXT,
      search_key TEXT NOT NULL,
      anonymised_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`)
    await q.query(
      `CREATE UNIQUE INDEX ux_visitors_id_number ON visitors (id_number) WHERE id_number IS NOT NULL`,
    )
    await q.query(`CREATE INDEX ix_visitors_phone ON visitors (phone) WHERE phone IS NOT NULL`)
    for (const sql of searchIndexDdl('visitors')) await q.query(sql)

    await q.query(`CREATE TABLE visits (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      visitor_id INTEGER NOT NULL REFERENCES visitors(id) ON DELETE RESTRICT,
      host_unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      host_person TEXT,
      purpose TEXT,
      badge_number TEXT,
      checked_in_at TEXT NOT NULL,
      late_reason TEXT,
      checked_out_at TEXT,
      check_out_kind TEXT CHECK (check_out_kind IN ('manual', 'closing', 'automatic')),
      check_out_reason TEXT,
      outcome TEXT NOT NULL CHECK (outcome IN ('admitted', 'refused')),
      refusal_reasons TEXT,
      temperature REAL CHECK (temperature IS NULL OR temperature BETWEEN 34 AND 43),
      symptoms TEXT NOT NULL DEFAULT '',
      contact_with_case INTEGER NOT NULL DEFAULT 0 CHECK (contact_with_case IN (0, 1)),
      from_case_area INTEGER NOT NULL DEFAULT 0 CHECK (from_case_area IN (0, 1)),
      declared_on_app INTEGER CHECK (declared_on_app IN (0, 1)),
      mask_worn INTEGER NOT NULL DEFAULT 1 CHECK (mask_worn IN (0, 1)),
      watch_reason TEXT,
      note TEXT,
      created_by INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at),
      CHECK (outcome = 'admitted' OR checked_out_at IS NULL)
    )`)
    await q.query(`CREATE INDEX ix_visits_in ON visits (checked_in_at)`)
    await q.query(`CREATE INDEX ix_visits_visitor ON visits (visitor_id, checked_in_at)`)
    await q.query(`CREATE INDEX ix_visits_unit ON visits (host_unit_id, checked_in_at)`)
    // Who is inside now: a small partial index however long the history grows.
    await q.query(`CREATE INDEX ix_visits_inside ON visits (host_unit_id, checked_in_at)
      WHERE checked_out_at IS NULL AND outcome = 'admitted'`)

    await q.query(`CREATE TABLE watchlist (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      id_number TEXT,
      full_name TEXT,
      name_key TEXT,
      reason TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (id_number IS NOT NULL OR full_name IS NOT NULL)
    )`)
    await q.query(`CREATE INDEX ix_watchlist_id_number ON watchlist (id_number) WHERE active = 1`)
    await q.query(`CREATE INDEX ix_watchlist_name ON watchlist (name_key) WHERE active = 1`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE watchlist`)
    await q.query(`DROP TABLE visits`)
    for (const sql of dropSearchIndexDdl('visitors')) await q.query(sql)
    await q.query(`DROP TABLE visitors`)
  }
}
