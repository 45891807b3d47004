import { ID, TEXT } from './types'

/** Settings, unit kinds and units (SQLite 0001), accounts and the append-only audit trail (0002, 0010). */
export const coreDdl = [
  // Append-only tables refuse UPDATE, DELETE and TRUNCATE on the server, as SQLite's RAISE(ABORT) triggers do.
  `CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$`,
  `CREATE TABLE settings (
    key ${TEXT} PRIMARY KEY NOT NULL,
    value ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL
  )`,
  `CREATE TABLE unit_kinds (
    code ${TEXT} PRIMARY KEY NOT NULL,
    name ${TEXT} NOT NULL,
    builtin boolean NOT NULL DEFAULT false,
    sort_order integer NOT NULL DEFAULT 100
  )`,
  `INSERT INTO unit_kinds (code, name, builtin, sort_order) VALUES
    ('agency', 'Cơ quan (Sở)', true, 10),
    ('department', 'Phòng chuyên môn, nghiệp vụ', true, 20),
    ('public_service', 'Đơn vị sự nghiệp', true, 30),
    ('notary_office', 'Tổ chức hành nghề công chứng', true, 40),
    ('auction_center', 'Trung tâm dịch vụ đấu giá tài sản', true, 50),
    ('other', 'Cơ quan, đơn vị khác', true, 90)`,
  `CREATE TABLE units (
    id ${ID},
    code ${TEXT} NOT NULL,
    name ${TEXT} NOT NULL,
    kind_code ${TEXT} NOT NULL REFERENCES unit_kinds(code) ON UPDATE CASCADE ON DELETE RESTRICT,
    parent_id integer REFERENCES units(id) ON DELETE RESTRICT,
    address ${TEXT},
    head_name ${TEXT},
    head_title ${TEXT},
    phone ${TEXT},
    email ${TEXT},
    note ${TEXT},
    active boolean NOT NULL DEFAULT true,
    is_sample boolean NOT NULL DEFAULT false,
    search_key ${TEXT} NOT NULL,
    sort_key ${TEXT} NOT NULL,
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
  )`,
  `CREATE UNIQUE INDEX ux_units_code ON units (code)`,
  `CREATE INDEX ix_units_parent ON units (parent_id)`,
  `CREATE INDEX ix_units_kind ON units (kind_code)`,
  `CREATE INDEX ix_units_sort ON units (sort_key)`,

  `CREATE TABLE users (
    id ${ID},
    username ${TEXT} NOT NULL,
    display_name ${TEXT} NOT NULL,
    password_hash ${TEXT} NOT NULL,
    roles ${TEXT} NOT NULL,
    active boolean NOT NULL DEFAULT true,
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until ${TEXT},
    last_login_at ${TEXT},
    created_at ${TEXT} NOT NULL,
    updated_at ${TEXT} NOT NULL
  )`,
  `CREATE UNIQUE INDEX ux_users_username ON users (username)`,
  `CREATE TABLE audit_log (
    id ${ID},
    at ${TEXT} NOT NULL,
    user_id integer,
    user_name ${TEXT} NOT NULL,
    route ${TEXT} NOT NULL,
    entity ${TEXT},
    entity_id ${TEXT},
    changes ${TEXT} NOT NULL,
    prev_hash ${TEXT},
    hash ${TEXT}
  )`,
  `CREATE INDEX ix_audit_at ON audit_log (at)`,
  `CREATE INDEX ix_audit_entity ON audit_log (entity, entity_id)`,
  ...appendOnly('audit_log', 'audit_log is append-only'),
]

/** Triggers that make `table` append-only; `message` is the error every refused statement raises. */
export function appendOnly(table: string, message: string): string[] {
  const arg = `'${message.replace(/'/g, "''")}'`
  return [
    `CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change(${arg})`,
    `CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_change(${arg})`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change(${arg})`,
  ]
}
