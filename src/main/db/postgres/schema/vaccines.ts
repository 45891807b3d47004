import { DATE, ID, TEXT } from './types'

const answer = (column: string) =>
  `${column} ${TEXT} NOT NULL DEFAULT 'unknown' CHECK (${column} IN ('yes', 'no', 'unknown'))`

const list = (table: string) => [
  `CREATE TABLE ${table} (
    id ${ID},
    name ${TEXT} NOT NULL CHECK (length(trim(name)) > 0),
    name_key ${TEXT} NOT NULL,
    active boolean NOT NULL DEFAULT true,
    builtin boolean NOT NULL DEFAULT false,
    sort_order integer NOT NULL DEFAULT 100,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL
  )`,
  `CREATE UNIQUE INDEX ux_${table}_name ON ${table} (name_key)`,
]

/** Vaccine registrations (SQLite 0006); the seeded lists are in ../migrations. */
export const vaccinesDdl = [
  ...list('vaccines'),
  ...list('vaccine_priority_groups'),
  `CREATE TABLE vaccine_rounds (
    id ${ID},
    name ${TEXT} NOT NULL CHECK (length(trim(name)) > 0),
    document_ref ${TEXT},
    opened_on ${TEXT} NOT NULL CHECK (opened_on ${DATE}),
    deadline ${TEXT} NOT NULL CHECK (deadline ${DATE}),
    closed boolean NOT NULL DEFAULT false,
    note ${TEXT},
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    CHECK (deadline >= opened_on)
  )`,
  `CREATE INDEX ix_vaccine_rounds_opened ON vaccine_rounds (opened_on)`,
  `CREATE TABLE vaccine_round_units (
    round_id integer NOT NULL REFERENCES vaccine_rounds(id) ON DELETE CASCADE,
    unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    submitted_at ${TEXT} NOT NULL,
    note ${TEXT},
    PRIMARY KEY (round_id, unit_id)
  )`,
  `CREATE TABLE vaccine_registrations (
    id ${ID},
    round_id integer NOT NULL REFERENCES vaccine_rounds(id) ON DELETE RESTRICT,
    staff_id integer NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
    unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    dose integer NOT NULL CHECK (dose BETWEEN 1 AND 5),
    vaccine_id integer REFERENCES vaccines(id) ON DELETE RESTRICT,
    priority_group_id integer REFERENCES vaccine_priority_groups(id) ON DELETE RESTRICT,
    occupation ${TEXT},
    insurance_number ${TEXT},
    desired_on ${TEXT} CHECK (desired_on IS NULL OR desired_on ${DATE}),
    ${answer('covid_90_days')},
    ${answer('anaphylaxis')},
    ${answer('pregnant_or_nursing')},
    ${answer('underlying_conditions')},
    conditions_note ${TEXT},
    status ${TEXT} NOT NULL CHECK (status IN ('registered', 'vaccinated', 'postponed', 'contraindicated', 'declined')),
    status_reason ${TEXT},
    vaccinated_on ${TEXT} CHECK (vaccinated_on IS NULL OR vaccinated_on ${DATE}),
    site ${TEXT},
    lot_number ${TEXT},
    lot_expiry ${TEXT} CHECK (lot_expiry IS NULL OR lot_expiry ${DATE}),
    reaction boolean,
    reaction_note ${TEXT},
    contraindication_cleared_at ${TEXT},
    contraindication_cleared_reason ${TEXT},
    note ${TEXT},
    created_by integer,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    CHECK ((status = 'vaccinated') = (vaccinated_on IS NOT NULL)),
    CHECK (status IN ('registered', 'vaccinated') OR length(trim(coalesce(status_reason, ''))) > 0),
    CHECK (contraindication_cleared_at IS NULL OR length(trim(coalesce(contraindication_cleared_reason, ''))) > 0)
  )`,
  `CREATE UNIQUE INDEX ux_vaccine_registrations_round_staff ON vaccine_registrations (round_id, staff_id)`,
  // Consolidation reads only this index: counts by unit × status × dose.
  `CREATE INDEX ix_vaccine_registrations_counts ON vaccine_registrations (round_id, unit_id, status, dose)`,
  `CREATE INDEX ix_vaccine_registrations_staff ON vaccine_registrations (staff_id)`,
  `CREATE INDEX ix_vaccine_registrations_contraindicated ON vaccine_registrations (staff_id)
    WHERE status = 'contraindicated' AND contraindication_cleared_at IS NULL`,
  `CREATE TABLE vaccine_doses (
    id ${ID},
    staff_id integer NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    dose integer NOT NULL CHECK (dose BETWEEN 1 AND 5),
    vaccine_id integer REFERENCES vaccines(id) ON DELETE RESTRICT,
    given_on ${TEXT} NOT NULL CHECK (given_on ${DATE}),
    registration_id integer REFERENCES vaccine_registrations(id) ON DELETE CASCADE,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL
  )`,
  `CREATE UNIQUE INDEX ux_vaccine_doses_staff_dose ON vaccine_doses (staff_id, dose)`,
  `CREATE UNIQUE INDEX ux_vaccine_doses_registration ON vaccine_doses (registration_id) WHERE registration_id IS NOT NULL`,
]
