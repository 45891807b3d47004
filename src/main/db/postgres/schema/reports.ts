import { DAY, ID, TEXT } from './types'

const FIGURES = `
    staff_total integer NOT NULL CHECK (staff_total >= 0),
    at_office integer NOT NULL CHECK (at_office >= 0),
    working_from_home integer NOT NULL CHECK (working_from_home >= 0),
    on_leave integer NOT NULL CHECK (on_leave >= 0),
    f0 integer NOT NULL CHECK (f0 >= 0),
    f1 integer NOT NULL CHECK (f1 >= 0),
    f2 integer NOT NULL CHECK (f2 >= 0),
    dose1 integer NOT NULL CHECK (dose1 >= 0),
    dose2 integer NOT NULL CHECK (dose2 >= 0),
    booster integer NOT NULL CHECK (booster >= 0),
    measures ${TEXT},
    issues ${TEXT},
    reporter_name ${TEXT} NOT NULL`
const PRESENCE = `CHECK (at_office + working_from_home + on_leave <= staff_total)`
const RESULT = `IN ('negative', 'positive', 'invalid')`

/** Daily and ad-hoc reports (SQLite 0007). */
export const dailyReportsDdl = [
  `CREATE TABLE daily_reports (
    id ${ID},
    unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    report_date ${TEXT} NOT NULL CHECK (report_date ${DAY}),
    ${FIGURES},
    submitted_at ${TEXT} NOT NULL,
    late boolean NOT NULL,
    version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_by integer,
    updated_by integer,
    updated_at ${TEXT} NOT NULL,
    ${PRESENCE}
  )`,
  `CREATE UNIQUE INDEX ux_daily_reports_unit_day ON daily_reports (unit_id, report_date)`,
  `CREATE INDEX ix_daily_reports_day ON daily_reports (report_date)`,
  `CREATE TABLE daily_report_versions (
    id ${ID},
    report_id integer NOT NULL REFERENCES daily_reports(id) ON DELETE CASCADE,
    version integer NOT NULL CHECK (version >= 1),
    ${FIGURES},
    saved_at ${TEXT} NOT NULL,
    saved_by integer,
    UNIQUE (report_id, version),
    ${PRESENCE}
  )`,
  `CREATE TABLE adhoc_reports (
    id ${ID},
    unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    reported_at ${TEXT} NOT NULL,
    report_date ${TEXT} NOT NULL CHECK (report_date ${DAY}),
    subject ${TEXT} NOT NULL CHECK (length(subject) > 0),
    content ${TEXT} NOT NULL CHECK (length(content) > 0),
    f0 integer NOT NULL DEFAULT 0 CHECK (f0 >= 0),
    f1 integer NOT NULL DEFAULT 0 CHECK (f1 >= 0),
    f2 integer NOT NULL DEFAULT 0 CHECK (f2 >= 0),
    reporter_name ${TEXT} NOT NULL,
    created_by integer
  )`,
  `CREATE INDEX ix_adhoc_reports_day ON adhoc_reports (report_date, reported_at)`,
  `CREATE INDEX ix_adhoc_reports_unit ON adhoc_reports (unit_id, reported_at)`,
]

/** Weekly pooled rapid tests and medicine cabinets (SQLite 0008). */
export const rapidTestsDdl = [
  `CREATE TABLE rapid_test_rounds (
    id ${ID},
    week_start ${TEXT} NOT NULL UNIQUE CHECK (week_start ${DAY}),
    -- Up to 2^32 - 1: wider than integer.
    seed bigint NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
    sample_percent double precision NOT NULL CHECK (sample_percent > 0 AND sample_percent <= 100),
    pool_size integer NOT NULL CHECK (pool_size BETWEEN 2 AND 20),
    eligible_count integer NOT NULL CHECK (eligible_count >= 0),
    drawn_at ${TEXT} NOT NULL,
    drawn_by integer
  )`,
  `CREATE TABLE rapid_test_pools (
    id ${ID},
    round_id integer NOT NULL REFERENCES rapid_test_rounds(id) ON DELETE CASCADE,
    number integer NOT NULL CHECK (number >= 1),
    result ${TEXT} CHECK (result ${RESULT}),
    tested_at ${TEXT},
    CHECK ((result IS NULL) = (tested_at IS NULL)),
    UNIQUE (round_id, number)
  )`,
  `CREATE TABLE rapid_test_samples (
    id ${ID},
    round_id integer NOT NULL REFERENCES rapid_test_rounds(id) ON DELETE CASCADE,
    kind ${TEXT} NOT NULL CHECK (kind IN ('staff', 'visitor')),
    staff_id integer REFERENCES staff(id) ON DELETE RESTRICT,
    unit_id integer REFERENCES units(id) ON DELETE RESTRICT,
    visitor_id integer REFERENCES visitors(id) ON DELETE RESTRICT,
    pool_id integer REFERENCES rapid_test_pools(id) ON DELETE SET NULL,
    individual_result ${TEXT} CHECK (individual_result ${RESULT}),
    individual_tested_at ${TEXT},
    added_at ${TEXT} NOT NULL,
    CHECK ((kind = 'staff' AND staff_id IS NOT NULL AND unit_id IS NOT NULL AND visitor_id IS NULL)
        OR (kind = 'visitor' AND visitor_id IS NOT NULL AND staff_id IS NULL)),
    CHECK ((individual_result IS NULL) = (individual_tested_at IS NULL)),
    CHECK (individual_result IS NULL OR pool_id IS NOT NULL)
  )`,
  `CREATE UNIQUE INDEX ux_rapid_samples_staff ON rapid_test_samples (round_id, staff_id) WHERE staff_id IS NOT NULL`,
  `CREATE UNIQUE INDEX ux_rapid_samples_visitor ON rapid_test_samples (round_id, visitor_id) WHERE visitor_id IS NOT NULL`,
  `CREATE INDEX ix_rapid_samples_round ON rapid_test_samples (round_id)`,
  `CREATE INDEX ix_rapid_samples_pool ON rapid_test_samples (pool_id)`,
  `CREATE INDEX ix_rapid_samples_staff ON rapid_test_samples (staff_id)`,
  `CREATE TABLE medicine_cabinets (
    unit_id integer PRIMARY KEY REFERENCES units(id) ON DELETE RESTRICT,
    has_cabinet boolean NOT NULL,
    checked_on ${TEXT} CHECK (checked_on IS NULL OR checked_on ${DAY}),
    note ${TEXT},
    updated_at ${TEXT} NOT NULL,
    updated_by integer
  )`,
]
