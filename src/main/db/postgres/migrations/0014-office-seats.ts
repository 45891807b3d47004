import type { MigrationInterface, QueryRunner } from 'typeorm'
import { DAY, TEXT } from '../schema/types'

/** Twin of SQLite 0014: the accounts' auth epoch and the daily jobs' claims. */
export class PostgresOfficeSeats1795000000014 implements MigrationInterface {
  name = 'PostgresOfficeSeats1795000000014'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN auth_epoch integer NOT NULL DEFAULT 0`)
    await q.query(`CREATE TABLE job_runs (
      name ${TEXT} NOT NULL,
      day ${TEXT} NOT NULL CHECK (day ${DAY}),
      claimed_at ${TEXT} NOT NULL,
      PRIMARY KEY (name, day)
    )`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_runs`)
    await q.query(`ALTER TABLE users DROP COLUMN auth_epoch`)
  }
}
