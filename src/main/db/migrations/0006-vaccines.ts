import type { MigrationInterface, QueryRunner } from 'typeorm'
import { searchKey } from '@shared/text/search-key'

const DATE = `GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`
const ANSWER = `TEXT NOT NULL DEFAULT 'unknown' CHECK (%s IN ('yes', 'no', 'unknown'))`
const answer = (column: string) => `${column} ${ANSWER.replace('%s', column)}`

export const BUILTIN_VACCINES = [
  'AstraZeneca',
  'Pfizer-BioNTech',
  'Moderna',
  'Sinopharm Vero Cell',
  'Sputnik V',
  'Abdala',
  'Hayat-Vax',
]

/** The nine priority groups of Nghị quyết 21/NQ-CP (26/02/2021), in its order. */
export const BUILTIN_PRIORITY_GROUPS = [
  'Lực lượng tuyến đầu phòng, chống dịch (y tế, Ban chỉ đạo, cách ly, truy vết, tình nguyện viên, phóng viên), quân đội, công an',
  'Cán bộ ngoại giao được cử đi nước ngoài; hải quan, xuất nhập cảnh',
  'Người cung cấp dịch vụ thiết yếu: hàng không, vận tải, du lịch, điện, nước…',
  'Giáo viên, người làm việc tại cơ sở giáo dục, đào tạo; người làm việc tại cơ quan, đơn vị hành chính thường xuyên tiếp xúc với nhiều người',
  'Người mắc bệnh mạn tính; người trên 65 tuổi',
  'Người sinh sống tại vùng có dịch',
  'Người nghèo, đối tượng chính sách xã hội',
  'Người được cử đi công tác, học tập, lao động ở nước ngoài hoặc có nhu cầu xuất cảnh; chuyên gia nước ngoài làm việc tại Việt Nam',
  'Các đối tượng khác do Bộ Y tế quyết định',
]

/**
 * Vaccine registrations: editable lists (vaccines, priority groups), rounds opened by the office
 * with a deadline, each unit's answer to a round, one registration per staff member per round,
 * and each person's dose history (one row per dose number: the same dose is never given twice).
 */
export class Vaccines1795000000006 implements MigrationInterface {
  name = 'Vaccines1795000000006'

  async up(q: QueryRunner): Promise<void> {
    for (const table of ['vaccines', 'vaccine_priority_groups']) {
      await q.query(`CREATE TABLE ${table} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        name_key TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
        sort_order INTEGER NOT NULL DEFAULT 100,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`)
      await q.query(`CREATE UNIQUE INDEX ux_${table}_name ON ${table} (name_key)`)
    }
    const now = new Date().toISOString()
    const seed = async (table: string, names: string[]) => {
      for (const [i, name] of names.entries())
        await q.query(
          `INSERT INTO ${table} (name, name_key, active, builtin, sort_order, created_at, updated_at)
           VALUES (?, ?, 1, 1, ?, ?, ?)`,
          [name, searchKey(name), i + 1, now, now],
        )
    }
    await seed('vaccines', BUILTIN_VACCINES)
    await seed('vaccine_priority_groups', BUILTIN_PRIORITY_GROUPS)

    await q.query(`CREATE TABLE vaccine_rounds (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL CHECK (length(trim(name)) > 0),
      document_ref TEXT,
      opened_on TEXT NOT NULL CHECK (opened_on ${DATE}),
      deadline TEXT NOT NULL CHECK (deadline ${DATE}),
      closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
      note TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (deadline >= opened_on)
    )`)
    await q.query(`CREATE INDEX ix_vaccine_rounds_opened ON vaccine_rounds (opened_on)`)

    // A unit's answer to a round: its list was received (imported or entered) on that day.
    await q.query(`CREATE TABLE vaccine_round_units (
      round_id INTEGER NOT NULL REFERENCES vaccine_rounds(id) ON DELETE CASCADE,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      submitted_at TEXT NOT NULL,
      note TEXT,
      PRIMARY KEY (round_id, unit_id)
    )`)

    await q.query(`CREATE TABLE vaccine_registrations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      round_id INTEGER NOT NULL REFERENCES vaccine_rounds(id) ON DELETE RESTRICT,
      staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      dose INTEGER NOT NULL CHECK (dose BETWEEN 1 AND 5),
      vaccine_id INTEGER REFERENCES vaccines(id) ON DELETE RESTRICT,
      priority_group_id INTEGER REFERENCES vaccine_priority_groups(id) ON DELETE RESTRICT,
      occupation TEXT,
      insurance_number TEXT,
      desired_on TEXT CHECK (desired_on IS NULL OR desired_on ${DATE}),
      ${answer('covid_90_days')},
      ${answer('anaphylaxis')},
      ${answer('pregnant_or_nursing')},
      ${answer('underlying_conditions')},
      conditions_note TEXT,
      status TEXT NOT NULL CHECK (status IN ('registered', 'vaccinated', 'postponed', 'contraindicated', 'declined')),
      status_reason TEXT,
      vaccinated_on TEXT CHECK (vaccinated_on IS NULL OR vaccinated_on ${DATE}),
      site TEXT,
      lot_number TEXT,
      lot_expiry TEXT CHECK (lot_expiry IS NULL OR lot_expiry ${DATE}),
      reaction INTEGER CHECK (reaction IN (0, 1)),
      reaction_note TEXT,
      contraindication_cleared_at TEXT,
      contraindication_cleared_reason TEXT,
      note TEXT,
      created_by INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((status = 'vaccinated') = (vaccinated_on IS NOT NULL)),
      CHECK (status IN ('registered', 'vaccinated') OR length(trim(coalesce(status_reason, ''))) > 0),
      CHECK (contraindication_cleared_at IS NULL OR length(trim(coalesce(contraindication_cleared_reason, ''))) > 0)
    )`)
    await q.query(
      `CREATE UNIQUE INDEX ux_vaccine_registrations_round_staff ON vaccine_registrations (round_id, staff_id)`,
    )
    // Consolidation reads only this index: counts by unit × status × dose.
    await q.query(
      `CREATE INDEX ix_vaccine_registrations_counts ON vaccine_registrations (round_id, unit_id, status, dose)`,
    )
    await q.query(`CREATE INDEX ix_vaccine_registrations_staff ON vaccine_registrations (staff_id)`)
    await q.query(`CREATE INDEX ix_vaccine_registrations_contraindicated ON vaccine_registrations (staff_id)
      WHERE status = 'contraindicated' AND contraindication_cleared_at IS NULL`)

    // Doses a person received: declared as earlier doses, or given through a registration.
    await q.query(`CREATE TABLE vaccine_doses (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
      dose INTEGER NOT NULL CHECK (dose BETWEEN 1 AND 5),
      vaccine_id INTEGER REFERENCES vaccines(id) ON DELETE RESTRICT,
      given_on TEXT NOT NULL CHECK (given_on ${DATE}),
      registration_id INTEGER REFERENCES vaccine_registrations(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_vaccine_doses_staff_dose ON vaccine_doses (staff_id, dose)`)
    await q.query(
      `CREATE UNIQUE INDEX ux_vaccine_doses_registration ON vaccine_doses (registration_id) WHERE registration_id IS NOT NULL`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE vaccine_doses`)
    await q.query(`DROP TABLE vaccine_registrations`)
    await q.query(`DROP TABLE vaccine_round_units`)
    await q.query(`DROP TABLE vaccine_rounds`)
    await q.query(`DROP TABLE vaccine_priority_groups`)
    await q.query(`DROP TABLE vaccines`)
  }
}
