import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * What several seats on one store need to agree on. `users.auth_epoch` moves when an account's
 * roles, active flag or password change, so every seat's in-memory session notices at its next
 * call. `job_runs` holds one row per daily job and Vietnamese day: the seat that inserts it runs
 * the job, the others skip it.
 */
export class OfficeSeats1795000000014 implements MigrationInterface {
  name = 'OfficeSeats1795000000014'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN auth_epoch INTEGER NOT NULL DEFAULT 0`)
    await q.query(`CREATE TABLE job_runs (
      name TEXT NOT NULL,
      day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
      claimed_at TEXT NOT NULL,
      PRIMARY KEY (name, day)
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_runs`)
    await q.query(`ALTER TABLE users DROP COLUMN auth_epoch`)
  }
}
