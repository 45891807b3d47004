import type { MigrationInterface, QueryRunner } from 'typeorm'

const FIGURES = `
      staff_total INTEGER NOT NULL CHECK (staff_total >= 0),
      at_office INTEGER NOT NULL CHECK (at_office >= 0),
      working_from_home INTEGER NOT NULL CHECK (working_from_home >= 0),
      on_leave INTEGER NOT NULL CHECK (on_leave >= 0),
      f0 INTEGER NOT NULL CHECK (f0 >= 0),
      f1 INTEGER NOT NULL CHECK (f1 >= 0),
      f2 INTEGER NOT NULL CHECK (f2 >= 0),
      dose1 INTEGER NOT NULL CHECK (dose1 >= 0),
      dose2 INTEGER NOT NULL CHECK (dose2 >= 0),
      booster INTEGER NOT NULL CHECK (booster >= 0),
      measures TEXT,
      issues TEXT,
      reporter_name TEXT NOT NULL`
const PRESENCE = `CHECK (at_office + working_from_home + on_leave <= staff_total)`

/**
 * Units' daily reports (one per unit and Vietnamese day, late when first submitted after
 * 15:00), the earlier versions an edit leaves behind, and ad-hoc reports (any number, any time).
 */
export class DailyReports1795000000007 implements MigrationInterface {
  name = 'DailyReports1795000000007'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE daily_reports (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      report_date TEXT NOT NULL CHECK (report_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      ${FIGURES},
      submitted_at TEXT NOT NULL,
      late INTEGER NOT NULL CHECK (late IN (0, 1)),
      version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
      created_by INTEGER,
      updated_by INTEGER,
      updated_at TEXT NOT NULL,
      ${PRESENCE}
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_daily_reports_unit_day ON daily_reports (unit_id, report_date)`)
    await q.query(`CREATE INDEX ix_daily_reports_day ON daily_reports (report_date)`)

    await q.query(`CREATE TABLE daily_report_versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      report_id INTEGER NOT NULL REFERENCES daily_reports(id) ON DELETE CASCADE,
      version INTEGER NOT NULL CHECK (version >= 1),
      ${FIGURES},
      saved_at TEXT NOT NULL,
      saved_by INTEGER,
      UNIQUE (report_id, version),
      ${PRESENCE}
    )`)

    await q.query(`CREATE TABLE adhoc_reports (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      reported_at TEXT NOT NULL,
      report_date TEXT NOT NULL CHECK (report_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      subject TEXT NOT NULL CHECK (length(subject) > 0),
      content TEXT NOT NULL CHECK (length(content) > 0),
      f0 INTEGER NOT NULL DEFAULT 0 CHECK (f0 >= 0),
      f1 INTEGER NOT NULL DEFAULT 0 CHECK (f1 >= 0),
      f2 INTEGER NOT NULL DEFAULT 0 CHECK (f2 >= 0),
      reporter_name TEXT NOT NULL,
      created_by INTEGER
    )`)
    await q.query(`CREATE INDEX ix_adhoc_reports_day ON adhoc_reports (report_date, reported_at)`)
    await q.query(`CREATE INDEX ix_adhoc_reports_unit ON adhoc_reports (unit_id, reported_at)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE adhoc_reports`)
    await q.query(`DROP TABLE daily_report_versions`)
    await q.query(`DROP TABLE daily_reports`)
  }
}
