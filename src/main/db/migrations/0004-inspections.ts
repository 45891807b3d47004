import type { MigrationInterface, QueryRunner } from 'typeorm'
import { dropSearchIndexDdl, searchIndexDdl } from '../sqlite/search-index'

/** The default checklist: the seven contents of the province's plan (seed 002), then the workplace rules (seeds 002–003). */
export const DEFAULT_ITEMS: Array<[string, string]> = [
  ...[
    'Việc chỉ đạo, điều hành và ban hành văn bản để tổ chức, triển khai thực hiện phòng, chống dịch COVID-19',
    'Việc tuyên truyền, quán triệt về phòng, chống dịch COVID-19 đến công chức, viên chức, người lao động',
    'Phân công lãnh đạo, công chức, viên chức, người lao động trực và xây dựng các phương án phòng, chống dịch',
    'Tổ chức dịch vụ công trực tuyến; phân công, bố trí nhân lực bảo đảm phục vụ người dân và doanh nghiệp',
    'Thực hiện quy định về phòng dịch tại nơi làm việc và thành lập đoàn kiểm tra phòng, chống dịch tại đơn vị',
    'Chấp hành chế độ thông tin, báo cáo về COVID-19 theo chỉ đạo của cấp trên',
    'Kiến nghị của đơn vị về cơ chế, chính sách, các biện pháp phòng, chống dịch',
  ].map((text): [string, string] => ['Nội dung kiểm tra', text]),
  ...[
    'Có tủ thuốc của cơ quan, đơn vị',
    'Tự test nhanh COVID-19 theo mẫu gộp hằng tuần đối với 3–5% cán bộ, nhân viên và khách đến làm việc',
    'Đeo khẩu trang tại nơi làm việc và nơi công cộng',
    '100% công chức, viên chức, người lao động khai báo y tế',
    'Kiểm soát khách đến liên hệ công tác tại trụ sở (số lượng, danh sách, lịch trình hằng ngày)',
    'Có lịch trực phòng, chống dịch và phân công người trực',
    'Không tập trung đông người trên 50 người',
  ].map((text): [string, string] => ['Phòng dịch tại nơi làm việc', text]),
]

export const DEFAULT_TEMPLATE_NAME = 'Phiếu kiểm tra công tác phòng, chống dịch COVID-19'

/**
 * Inspections and supervision: plans with targets and teams, versioned checklist templates,
 * inspections with their checklist, findings, violations, recommendations and photos, and the
 * finalised minutes kept as append-only versions.
 */
export class Inspections1795000000004 implements MigrationInterface {
  name = 'Inspections1795000000004'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE inspection_templates (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      code TEXT NOT NULL,
      version INTEGER NOT NULL CHECK (version >= 1),
      name TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_templates_version ON inspection_templates (code, version)`)
    await q.query(`CREATE TABLE inspection_template_items (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      template_id INTEGER NOT NULL REFERENCES inspection_templates(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      section TEXT NOT NULL,
      text TEXT NOT NULL
    )`)
    await q.query(`CREATE INDEX ix_template_items ON inspection_template_items (template_id, position)`)

    await q.query(`CREATE TABLE inspection_plans (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      number INTEGER NOT NULL CHECK (number > 0),
      symbol TEXT NOT NULL,
      issued_on TEXT NOT NULL,
      title TEXT NOT NULL,
      purpose TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('inspection', 'supervision')),
      period_from TEXT NOT NULL,
      period_to TEXT,
      search_key TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK (period_to IS NULL OR period_to >= period_from)
    )`)
    // Plan numbers start again every year.
    await q.query(
      `CREATE UNIQUE INDEX ux_plans_number ON inspection_plans (symbol, number, substr(issued_on, 1, 4))`,
    )
    await q.query(`CREATE INDEX ix_plans_issued ON inspection_plans (issued_on)`)
    for (const sql of searchIndexDdl('inspection_plans')) await q.query(sql)
    await q.query(`CREATE TABLE plan_units (
      plan_id INTEGER NOT NULL REFERENCES inspection_plans(id) ON DELETE CASCADE,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      PRIMARY KEY (plan_id, unit_id)
    )`)
    await q.query(`CREATE INDEX ix_plan_units_unit ON plan_units (unit_id)`)
    await q.query(`CREATE TABLE plan_targets (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      plan_id INTEGER NOT NULL REFERENCES inspection_plans(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      label TEXT NOT NULL,
      kind_code TEXT NOT NULL REFERENCES unit_kinds(code) ON UPDATE CASCADE ON DELETE RESTRICT,
      parent_unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
      percent INTEGER NOT NULL CHECK (percent BETWEEN 1 AND 100)
    )`)
    await q.query(`CREATE INDEX ix_plan_targets ON plan_targets (plan_id, position)`)

    await q.query(`CREATE TABLE inspections (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      plan_id INTEGER REFERENCES inspection_plans(id) ON DELETE RESTRICT,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
      kind TEXT NOT NULL CHECK (kind IN ('inspection', 'supervision')),
      unannounced INTEGER NOT NULL DEFAULT 0 CHECK (unannounced IN (0, 1)),
      date TEXT NOT NULL,
      start_time TEXT NOT NULL,
      end_time TEXT,
      location TEXT,
      template_id INTEGER REFERENCES inspection_templates(id) ON DELETE RESTRICT,
      strengths TEXT,
      shortcomings TEXT,
      conclusion TEXT,
      status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
      minutes_year INTEGER,
      minutes_number INTEGER CHECK (minutes_number IS NULL OR minutes_number > 0),
      created_by INTEGER,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((status = 'final') = (minutes_number IS NOT NULL AND minutes_year IS NOT NULL)),
      CHECK (end_time IS NULL OR end_time > start_time)
    )`)
    // One minutes number per year, never twice: the last guard behind the numbering statement.
    await q.query(`CREATE UNIQUE INDEX ux_inspections_minutes ON inspections (minutes_year, minutes_number)
      WHERE minutes_number IS NOT NULL`)
    await q.query(`CREATE INDEX ix_inspections_plan ON inspections (plan_id, unit_id)`)
    await q.query(`CREATE INDEX ix_inspections_unit ON inspections (unit_id, date)`)
    await q.query(`CREATE INDEX ix_inspections_date ON inspections (date)`)

    await q.query(`CREATE TABLE team_members (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      plan_id INTEGER REFERENCES inspection_plans(id) ON DELETE CASCADE,
      inspection_id INTEGER REFERENCES inspections(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('head', 'deputy', 'member', 'secretary')),
      full_name TEXT NOT NULL,
      title TEXT,
      unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
      unit_name TEXT,
      CHECK ((plan_id IS NULL) <> (inspection_id IS NULL))
    )`)
    await q.query(`CREATE INDEX ix_team_plan ON team_members (plan_id, position) WHERE plan_id IS NOT NULL`)
    await q.query(
      `CREATE INDEX ix_team_inspection ON team_members (inspection_id, position) WHERE inspection_id IS NOT NULL`,
    )
    await q.query(
      `CREATE UNIQUE INDEX ux_team_plan_head ON team_members (plan_id) WHERE role = 'head' AND plan_id IS NOT NULL`,
    )
    await q.query(`CREATE UNIQUE INDEX ux_team_inspection_head ON team_members (inspection_id)
      WHERE role = 'head' AND inspection_id IS NOT NULL`)

    await q.query(`CREATE TABLE inspection_representatives (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      full_name TEXT NOT NULL,
      title TEXT
    )`)
    await q.query(`CREATE INDEX ix_representatives ON inspection_representatives (inspection_id, position)`)

    await q.query(`CREATE TABLE inspection_items (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      section TEXT NOT NULL,
      text TEXT NOT NULL,
      result TEXT CHECK (result IN ('pass', 'fail', 'na')),
      note TEXT,
      severity TEXT CHECK (severity IN ('serious', 'fix', 'remind')),
      CHECK (severity IS NULL OR result = 'fail')
    )`)
    await q.query(`CREATE INDEX ix_items ON inspection_items (inspection_id, position)`)

    await q.query(`CREATE TABLE violations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      offender_kind TEXT NOT NULL CHECK (offender_kind IN ('person', 'unit')),
      offender TEXT NOT NULL,
      description TEXT NOT NULL,
      handling TEXT,
      handling_state TEXT NOT NULL CHECK (handling_state IN ('proposed', 'decided'))
    )`)
    await q.query(`CREATE INDEX ix_violations ON violations (inspection_id, position)`)

    await q.query(`CREATE TABLE recommendations (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      content TEXT NOT NULL,
      owner_unit_id INTEGER REFERENCES units(id) ON DELETE RESTRICT,
      owner_name TEXT,
      due_date TEXT,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
      status_date TEXT,
      evidence TEXT,
      updated_at TEXT NOT NULL,
      CHECK (status <> 'done' OR status_date IS NOT NULL)
    )`)
    await q.query(`CREATE INDEX ix_recommendations ON recommendations (inspection_id, position)`)
    // The overdue list: open ones by due date, a small partial index.
    await q.query(`CREATE INDEX ix_recommendations_due ON recommendations (due_date)
      WHERE status <> 'done' AND due_date IS NOT NULL`)

    await q.query(`CREATE TABLE inspection_photos (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
      item_id INTEGER REFERENCES inspection_items(id) ON DELETE CASCADE,
      violation_id INTEGER REFERENCES violations(id) ON DELETE CASCADE,
      file TEXT NOT NULL,
      mime_type TEXT NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png')),
      byte_size INTEGER NOT NULL CHECK (byte_size > 0),
      caption TEXT,
      created_at TEXT NOT NULL,
      CHECK ((item_id IS NULL) <> (violation_id IS NULL)),
      CHECK (file NOT LIKE '%..%' AND file NOT LIKE '/%')
    )`)
    await q.query(`CREATE INDEX ix_photos ON inspection_photos (inspection_id)`)

    // What was finalised, as it was: corrections add versions, nothing rewrites one.
    await q.query(`CREATE TABLE minutes_versions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      inspection_id INTEGER NOT NULL REFERENCES inspections(id) ON DELETE RESTRICT,
      version INTEGER NOT NULL CHECK (version >= 1),
      reason TEXT,
      content TEXT NOT NULL,
      finalised_at TEXT NOT NULL,
      finalised_by INTEGER,
      CHECK (version = 1 OR reason IS NOT NULL)
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_minutes_versions ON minutes_versions (inspection_id, version)`)
    await q.query(`CREATE TRIGGER minutes_versions_no_update BEFORE UPDATE ON minutes_versions
      BEGIN SELECT RAISE(ABORT, 'minutes versions are append-only'); END`)
    await q.query(`CREATE TRIGGER minutes_versions_no_delete BEFORE DELETE ON minutes_versions
      BEGIN SELECT RAISE(ABORT, 'minutes versions are append-only'); END`)

    const now = new Date().toISOString()
    await q.query(
      `INSERT INTO inspection_templates (code, version, name, created_at) VALUES ('mac-dinh', 1, ?, ?)`,
      [DEFAULT_TEMPLATE_NAME, now],
    )
    const [{ id }] = (await q.query(`SELECT last_insert_rowid() AS id`)) as [{ id: number }]
    for (const [position, [section, text]] of DEFAULT_ITEMS.entries())
      await q.query(
        `INSERT INTO inspection_template_items (template_id, position, section, text) VALUES (?, ?, ?, ?)`,
        [id, position + 1, section, text],
      )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE minutes_versions`)
    await q.query(`DROP TABLE inspection_photos`)
    await q.query(`DROP TABLE recommendations`)
    await q.query(`DROP TABLE violations`)
    await q.query(`DROP TABLE inspection_items`)
    await q.query(`DROP TABLE inspection_representatives`)
    await q.query(`DROP TABLE team_members`)
    await q.query(`DROP TABLE inspections`)
    await q.query(`DROP TABLE plan_targets`)
    await q.query(`DROP TABLE plan_units`)
    for (const sql of dropSearchIndexDdl('inspection_plans')) await q.query(sql)
    await q.query(`DROP TABLE inspection_plans`)
    await q.query(`DROP TABLE inspection_template_items`)
    await q.query(`DROP TABLE inspection_templates`)
  }
}
