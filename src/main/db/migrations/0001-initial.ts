import type { MigrationInterface, QueryRunner } from 'typeorm'
import { dropSearchIndexDdl, searchIndexDdl } from '../sqlite/search-index'

/** Marks our files in the SQLite header so a restore can tell them from any other database. */
export const APPLICATION_ID = 0x53504431

export class Initial1795000000001 implements MigrationInterface {
  name = 'Initial1795000000001'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`PRAGMA application_id = ${APPLICATION_ID}`)
    await q.query(`CREATE TABLE settings (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`)
    await q.query(`CREATE TABLE unit_kinds (
      code TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
      sort_order INTEGER NOT NULL DEFAULT 100
    )`)
    await q.query(`INSERT INTO unit_kinds (code, name, builtin, sort_order) VALUES
      ('agency', 'Cơ quan (Sở)', 1, 10),
      ('department', 'Phòng chuyên môn, nghiệp vụ', 1, 20),
      ('public_service', 'Đơn vị sự nghiệp', 1, 30),
      ('notary_office', 'Tổ chức hành nghề công chứng', 1, 40),
      ('auction_center', 'Trung tâm dịch vụ đấu giá tài sản', 1, 50),
      ('other', 'Cơ quan, đơn vị khác', 1, 90)`)
    await q.query(`CREATE TABLE units (
      id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      kind_code TEXT NOT NULL REFERENCES unit_kinds(code) ON UPDATE CASCADE ON DELETE RESTRICT,
      parent_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
      address TEXT,
      head_name TEXT,
      head_title TEXT,
      phone TEXT,
      email TEXT,
      note TEXT,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
      search_key TEXT NOT NULL,
      sort_key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (parent_id IS NULL OR parent_id <> id)
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_units_code ON units (code)`)
    await q.query(`CREATE INDEX ix_units_parent ON units (parent_id)`)
    await q.query(`CREATE INDEX ix_units_kind ON units (kind_code)`)
    await q.query(`CREATE INDEX ix_units_sort ON units (sort_key)`)
    for (const sql of searchIndexDdl('units')) await q.query(sql)
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of dropSearchIndexDdl('units')) await q.query(sql)
    await q.query(`DROP TABLE units`)
    await q.query(`DROP TABLE unit_kinds`)
    await q.query(`DROP TABLE settings`)
    await q.query(`PRAGMA application_id = 0`)
  }
}
