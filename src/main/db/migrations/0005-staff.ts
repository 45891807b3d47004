import type { MigrationInterface, QueryRunner } from 'typeorm'
import { dropSearchIndexDdl, searchIndexDdl } from '../sqlite/search-index'

/**
 * Staff of the units (cán bộ, công chức, viên chức, người lao động) and their moves between
 * units. An ID number belongs to one active staff member at a time; someone who left (inactive)
 * and is taken on again gets a new active row, so the old one keeps its history.
 */
export class Staff1795000000005 implements MigrationInterface {
  name = 'Staff1795000000005'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      full_name TEXT CHECK (full_name IS NULL OR length(trim(full_name)) > 0),
      search_key TEXT NOT NULL,
      sort_key TEXT NOT NULL,
      date_of_birth TEXT CHECK (date_of_birth IS NULL OR date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
      gender TEXT CHECK (gender IN ('male', 'female')),
      id_number TEXT CHECK (id_number IS NULL OR (id_number NOT GLOB '*[^0-9]*' AND length(id_number) IN (9, 12))),
      phone TEXT,
      position TEXT,
      category TEXT NOT NULL CHECK (category IN ('cong_chuc', 'vien_chuc', 'nguoi_lao_dong', 'hop_dong')),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      note TEXT,
      -- When they left (active became 0): the retention clock for their personal data.
      left_at TEXT,
      -- Personal fields erased after the retention period; the row stays for counts and history.
      anonymised_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (anonymised_at IS NOT NULL OR (full_name IS NOT NULL AND id_number IS NOT NULL)),
      CHECK (anonymised_at IS NULL OR active = 0)
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_staff_active_id_number ON staff (id_number) WHERE active = 1`)
    await q.query(`CREATE INDEX ix_staff_id_number ON staff (id_number)`)
    await q.query(`CREATE INDEX ix_staff_unit ON staff (unit_id, active, sort_key)`)
    await q.query(`CREATE INDEX ix_staff_sort ON staff (sort_key)`)
    for (const sql of searchIndexDdl('staff')) await q.query(sql)

    await q.query(`CREATE TABLE staff_unit_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
      from_unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
      to_unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      moved_on TEXT NOT NULL CHECK (moved_on GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
      reason TEXT,
      created_by INTEGER,
      created_at TEXT NOT NULL,
      CHECK (from_unit_id IS NULL OR from_unit_id <> to_unit_id)
    )`)
    await q.query(`CREATE INDEX ix_staff_history_staff ON staff_unit_history (staff_id, moved_on, id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE staff_unit_history`)
    for (const sql of dropSearchIndexDdl('staff')) await q.query(sql)
    await q.query(`DROP TABLE staff`)
  }
}
