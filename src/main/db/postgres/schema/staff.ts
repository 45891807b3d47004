import { DATE, ID, TEXT } from './types'

/** Staff and their moves between units (SQLite 0005). */
export const staffDdl = [
  `CREATE TABLE staff (
    id ${ID},
    unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    full_name ${TEXT} CHECK (full_name IS NULL OR length(trim(full_name)) > 0),
    search_key ${TEXT} NOT NULL,
    sort_key ${TEXT} NOT NULL,
    date_of_birth ${TEXT} CHECK (date_of_birth IS NULL OR date_of_birth ${DATE}),
    gender ${TEXT} CHECK (gender IN ('male', 'female')),
    id_number ${TEXT} CHECK (id_number IS NULL OR (id_number !~ '[^0-9]' AND length(id_number) IN (9, 12))),
    phone ${TEXT},
    position ${TEXT},
    category ${TEXT} NOT NULL CHECK (category IN ('cong_chuc', 'vien_chuc', 'nguoi_lao_dong', 'hop_dong')),
    active boolean NOT NULL DEFAULT true,
    note ${TEXT},
    left_at ${TEXT},
    anonymised_at ${TEXT},
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    CHECK (anonymised_at IS NOT NULL OR (full_name IS NOT NULL AND id_number IS NOT NULL)),
    CHECK (anonymised_at IS NULL OR NOT active)
  )`,
  `CREATE UNIQUE INDEX ux_staff_active_id_number ON staff (id_number) WHERE active`,
  `CREATE INDEX ix_staff_id_number ON staff (id_number)`,
  `CREATE INDEX ix_staff_unit ON staff (unit_id, active, sort_key)`,
  `CREATE INDEX ix_staff_sort ON staff (sort_key)`,

  `CREATE TABLE staff_unit_history (
    id ${ID},
    staff_id integer NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    from_unit_id integer REFERENCES units(id) ON DELETE RESTRICT,
    to_unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    moved_on ${TEXT} NOT NULL CHECK (moved_on ${DATE}),
    reason ${TEXT},
    created_by integer,
    created_at ${TEXT} NOT NULL,
    CHECK (from_unit_id IS NULL OR from_unit_id <> to_unit_id)
  )`,
  `CREATE INDEX ix_staff_history_staff ON staff_unit_history (staff_id, moved_on, id)`,
]
