import type { MigrationInterface, QueryRunner } from 'typeorm'

/** Accounts with roles, and an append-only audit trail that no statement may change. */
export class AccountsAudit1795000000002 implements MigrationInterface {
  name = 'AccountsAudit1795000000002'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE users (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      username TEXT NOT NULL,
      display_name TEXT NOT NULL,
      password_hash TEXT NOT NULL,
      roles TEXT NOT NULL,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      failed_logins INTEGER NOT NULL DEFAULT 0,
      locked_until TEXT,
      last_login_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`)
    await q.query(`CREATE UNIQUE INDEX ux_users_username ON users (username)`)
    await q.query(`CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      user_id INTEGER,
      user_name TEXT NOT NULL,
      route TEXT NOT NULL,
      entity TEXT,
      entity_id TEXT,
      changes TEXT NOT NULL
    )`)
    await q.query(`CREATE INDEX ix_audit_at ON audit_log (at)`)
    await q.query(`CREATE INDEX ix_audit_entity ON audit_log (entity, entity_id)`)
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
    await q.query(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`)
    await q.query(`DROP TABLE users`)
  }
}
