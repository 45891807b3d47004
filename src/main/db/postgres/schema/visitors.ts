import { DAY, ID, TEXT } from './types'

/** The reception desk (SQLite 0003, with 0009's card details and 0010's unrecorded check-out). */
export const visitorsDdl = [
  `CREATE TABLE visitors (
    id ${ID},
    full_name ${TEXT},
    id_type ${TEXT} NOT NULL CHECK (id_type IN ('cccd', 'cmnd', 'passport', 'none')),
    id_number ${TEXT},
    date_of_birth ${TEXT},
    gender ${TEXT} CHECK (gender IN ('male', 'female')),
    phone ${TEXT},
    address ${TEXT},
    organisation ${TEXT},
    search_key ${TEXT} NOT NULL,
    anonymised_at ${TEXT},
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    old_id_number ${TEXT}
      CHECK (old_id_number IS NULL OR (length(old_id_number) = 9 AND old_id_number !~ '[^0-9]')),
    id_issue_date ${TEXT} CHECK (id_issue_date IS NULL OR id_issue_date ${DAY})
  )`,
  `CREATE UNIQUE INDEX ux_visitors_id_number ON visitors (id_number) WHERE id_number IS NOT NULL`,
  `CREATE INDEX ix_visitors_phone ON visitors (phone) WHERE phone IS NOT NULL`,
  `CREATE INDEX ix_visitors_old_id_number ON visitors (old_id_number) WHERE old_id_number IS NOT NULL`,

  `CREATE TABLE visits (
    id ${ID},
    visitor_id integer NOT NULL REFERENCES visitors(id) ON DELETE RESTRICT,
    host_unit_id integer NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    host_person ${TEXT},
    purpose ${TEXT},
    badge_number ${TEXT},
    checked_in_at ${TEXT} NOT NULL,
    late_reason ${TEXT},
    checked_out_at ${TEXT},
    check_out_kind ${TEXT} CHECK (check_out_kind IN ('manual', 'closing', 'automatic')),
    check_out_reason ${TEXT},
    outcome ${TEXT} NOT NULL CHECK (outcome IN ('admitted', 'refused')),
    refusal_reasons ${TEXT},
    temperature double precision CHECK (temperature IS NULL OR temperature BETWEEN 34 AND 43),
    symptoms ${TEXT} NOT NULL DEFAULT '',
    contact_with_case boolean NOT NULL DEFAULT false,
    from_case_area boolean NOT NULL DEFAULT false,
    declared_on_app boolean,
    mask_worn boolean NOT NULL DEFAULT true,
    watch_reason ${TEXT},
    note ${TEXT},
    created_by integer,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    check_out_unrecorded boolean NOT NULL DEFAULT false,
    CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at),
    CHECK (outcome = 'admitted' OR checked_out_at IS NULL)
  )`,
  `CREATE INDEX ix_visits_in ON visits (checked_in_at)`,
  `CREATE INDEX ix_visits_visitor ON visits (visitor_id, checked_in_at)`,
  `CREATE INDEX ix_visits_unit ON visits (host_unit_id, checked_in_at)`,
  // Who is inside now: a small partial index however long the history grows.
  `CREATE INDEX ix_visits_inside ON visits (host_unit_id, checked_in_at)
    WHERE checked_out_at IS NULL AND outcome = 'admitted'`,

  `CREATE TABLE watchlist (
    id ${ID},
    id_number ${TEXT},
    full_name ${TEXT},
    name_key ${TEXT},
    reason ${TEXT} NOT NULL,
    active boolean NOT NULL DEFAULT true,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    CHECK (id_number IS NOT NULL OR full_name IS NOT NULL)
  )`,
  `CREATE INDEX ix_watchlist_id_number ON watchlist (id_number) WHERE active`,
  `CREATE INDEX ix_watchlist_name ON watchlist (name_key) WHERE active`,
]
