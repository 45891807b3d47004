import { appendOnly } from './core'
import { ID, TEXT } from './types'

/** Inspections and supervision (SQLite 0004, with 0011's minutes copies); seeds in ../migrations. */
export const inspectionsDdl = [
  `CREATE TABLE inspection_templates (
    id ${ID},
    code ${TEXT} NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    name ${TEXT} NOT NULL,
    created_at ${TEXT} NOT NULL
  )`,
  `CREATE UNIQUE INDEX ux_templates_version ON inspection_templates (code, version)`,
  `CREATE TABLE inspection_template_items (
    id ${ID},
    template_id integer NOT NULL REFERENCES inspection_templates(id) ON DELETE CASCADE,
    position integer NOT NULL,
    section ${TEXT} NOT NULL,
    text ${TEXT} NOT NULL
  )`,
  `CREATE INDEX ix_template_items ON inspection_template_items (template_id, position)`,

  `CREATE TABLE inspection_plans (
    id ${ID},
    number integer NOT NULL CHECK (number > 0),
    symbol ${TEXT} NOT NULL,
    issued_on ${TEXT} NOT NULL,
    title ${TEXT} NOT NULL,
    purpose ${TEXT},
    kind ${TEXT} NOT NULL CHECK (kind IN ('inspection', 'supervision')),
    period_from ${TEXT} NOT NULL,
    period_to ${TEXT},
    search_key ${TEXT} NOT NULL,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    CHECK (period_to IS NULL OR period_to >= period_from)
  )`,
  // Plan numbers start again every year.
  `CREATE UNIQUE INDEX ux_plans_number ON inspection_plans (symbol, number, substr(issued_on, 1, 4))`,
  `CREATE INDEX ix_plans_issued ON inspection_plans (issued_on)`,
  `CREATE TABLE plan_units (
    plan_id integer NOT NULL REFERENCES inspection_plans(id) ON DELETE CASCADE,
    unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    PRIMARY KEY (plan_id, unit_id)
  )`,
  `CREATE INDEX ix_plan_units_unit ON plan_units (unit_id)`,
  `CREATE TABLE plan_targets (
    id ${ID},
    plan_id integer NOT NULL REFERENCES inspection_plans(id) ON DELETE CASCADE,
    position integer NOT NULL,
    label ${TEXT} NOT NULL,
    kind_code ${TEXT} NOT NULL REFERENCES unit_kinds(code) ON UPDATE CASCADE ON DELETE RESTRICT,
    parent_unit_id integer REFERENCES units(id) ON DELETE RESTRICT,
    percent integer NOT NULL CHECK (percent BETWEEN 1 AND 100)
  )`,
  `CREATE INDEX ix_plan_targets ON plan_targets (plan_id, position)`,

  `CREATE TABLE inspections (
    id ${ID},
    plan_id integer REFERENCES inspection_plans(id) ON DELETE RESTRICT,
    unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    kind ${TEXT} NOT NULL CHECK (kind IN ('inspection', 'supervision')),
    unannounced boolean NOT NULL DEFAULT false,
    date ${TEXT} NOT NULL,
    start_time ${TEXT} NOT NULL,
    end_time ${TEXT},
    location ${TEXT},
    template_id integer REFERENCES inspection_templates(id) ON DELETE RESTRICT,
    strengths ${TEXT},
    shortcomings ${TEXT},
    conclusion ${TEXT},
    status ${TEXT} NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
    minutes_year integer,
    minutes_number integer CHECK (minutes_number IS NULL OR minutes_number > 0),
    created_by integer,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    minutes_copies integer NOT NULL DEFAULT 2 CHECK (minutes_copies BETWEEN 2 AND 20),
    CHECK ((status = 'final') = (minutes_number IS NOT NULL AND minutes_year IS NOT NULL)),
    CHECK (end_time IS NULL OR end_time > start_time)
  )`,
  // One minutes number per year, never twice: the last guard behind the numbering statement.
  `CREATE UNIQUE INDEX ux_inspections_minutes ON inspections (minutes_year, minutes_number)
    WHERE minutes_number IS NOT NULL`,
  `CREATE INDEX ix_inspections_plan ON inspections (plan_id, unit_id)`,
  `CREATE INDEX ix_inspections_unit ON inspections (unit_id, date)`,
  `CREATE INDEX ix_inspections_date ON inspections (date)`,

  `CREATE TABLE team_members (
    id ${ID},
    plan_id integer REFERENCES inspection_plans(id) ON DELETE CASCADE,
    inspection_id integer REFERENCES inspections(id) ON DELETE CASCADE,
    position integer NOT NULL,
    role ${TEXT} NOT NULL CHECK (role IN ('head', 'deputy', 'member', 'secretary')),
    full_name ${TEXT} NOT NULL,
    title ${TEXT},
    unit_id integer REFERENCES units(id) ON DELETE RESTRICT,
    unit_name ${TEXT},
    CHECK ((plan_id IS NULL) <> (inspection_id IS NULL))
  )`,
  `CREATE INDEX ix_team_plan ON team_members (plan_id, position) WHERE plan_id IS NOT NULL`,
  `CREATE INDEX ix_team_inspection ON team_members (inspection_id, position) WHERE inspection_id IS NOT NULL`,
  `CREATE UNIQUE INDEX ux_team_plan_head ON team_members (plan_id) WHERE role = 'head' AND plan_id IS NOT NULL`,
  `CREATE UNIQUE INDEX ux_team_inspection_head ON team_members (inspection_id)
    WHERE role = 'head' AND inspection_id IS NOT NULL`,

  `CREATE TABLE inspection_representatives (
    id ${ID},
    inspection_id integer NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    position integer NOT NULL,
    full_name ${TEXT} NOT NULL,
    title ${TEXT}
  )`,
  `CREATE INDEX ix_representatives ON inspection_representatives (inspection_id, position)`,

  `CREATE TABLE inspection_items (
    id ${ID},
    inspection_id integer NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    position integer NOT NULL,
    section ${TEXT} NOT NULL,
    text ${TEXT} NOT NULL,
    result ${TEXT} CHECK (result IN ('pass', 'fail', 'na')),
    note ${TEXT},
    severity ${TEXT} CHECK (severity IN ('serious', 'fix', 'remind')),
    CHECK (severity IS NULL OR result = 'fail')
  )`,
  `CREATE INDEX ix_items ON inspection_items (inspection_id, position)`,

  `CREATE TABLE violations (
    id ${ID},
    inspection_id integer NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    position integer NOT NULL,
    offender_kind ${TEXT} NOT NULL CHECK (offender_kind IN ('person', 'unit')),
    offender ${TEXT} NOT NULL,
    description ${TEXT} NOT NULL,
    handling ${TEXT},
    handling_state ${TEXT} NOT NULL CHECK (handling_state IN ('proposed', 'decided'))
  )`,
  `CREATE INDEX ix_violations ON violations (inspection_id, position)`,

  `CREATE TABLE recommendations (
    id ${ID},
    inspection_id integer NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    position integer NOT NULL,
    content ${TEXT} NOT NULL,
    owner_unit_id integer REFERENCES units(id) ON DELETE RESTRICT,
    owner_name ${TEXT},
    due_date ${TEXT},
    status ${TEXT} NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
    status_date ${TEXT},
    evidence ${TEXT},
    updated_at ${TEXT} NOT NULL,
    CHECK (status <> 'done' OR status_date IS NOT NULL)
  )`,
  `CREATE INDEX ix_recommendations ON recommendations (inspection_id, position)`,
  // The overdue list: open ones by due date, a small partial index.
  `CREATE INDEX ix_recommendations_due ON recommendations (due_date)
    WHERE status <> 'done' AND due_date IS NOT NULL`,

  `CREATE TABLE inspection_photos (
    id ${ID},
    inspection_id integer NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    item_id integer REFERENCES inspection_items(id) ON DELETE CASCADE,
    violation_id integer REFERENCES violations(id) ON DELETE CASCADE,
    file ${TEXT} NOT NULL,
    mime_type ${TEXT} NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png')),
    byte_size integer NOT NULL CHECK (byte_size > 0),
    caption ${TEXT},
    created_at ${TEXT} NOT NULL,
    CHECK ((item_id IS NULL) <> (violation_id IS NULL)),
    CHECK (file NOT LIKE '%..%' AND file NOT LIKE '/%')
  )`,
  `CREATE INDEX ix_photos ON inspection_photos (inspection_id)`,

  // What was finalised, as it was: corrections add versions, nothing rewrites one.
  `CREATE TABLE minutes_versions (
    id ${ID},
    inspection_id integer NOT NULL REFERENCES inspections(id) ON DELETE RESTRICT,
    version integer NOT NULL CHECK (version >= 1),
    reason ${TEXT},
    content ${TEXT} NOT NULL,
    finalised_at ${TEXT} NOT NULL,
    finalised_by integer,
    CHECK (version = 1 OR reason IS NOT NULL)
  )`,
  `CREATE UNIQUE INDEX ux_minutes_versions ON minutes_versions (inspection_id, version)`,
  ...appendOnly('minutes_versions', 'minutes versions are append-only'),
]
