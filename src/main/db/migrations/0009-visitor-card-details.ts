import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * What a chip ID card's QR says beyond the new number: the holder's old CMND number (people
 * still quote it, and older records carry it) and the card's issue date. Both are personal
 * fields: nullable, erased by the retention purge like the others.
 */
export class VisitorCardDetails1795000000009 implements MigrationInterface {
  name = 'VisitorCardDetails1795000000009'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visitors ADD COLUMN old_id_number TEXT
      CHECK (old_id_number IS NULL OR (length(old_id_number) = 9 AND old_id_number NOT GLOB '*[^0-9]*'))`)
    await q.query(`ALTER TABLE visitors ADD COLUMN id_issue_date TEXT
      CHECK (id_issue_date IS NULL OR id_issue_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')`)
    await q.query(
      `CREATE INDEX ix_visitors_old_id_number ON visitors (old_id_number) WHERE old_id_number IS NOT NULL`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_visitors_old_id_number`)
    await q.query(`ALTER TABLE visitors DROP COLUMN id_issue_date`)
    await q.query(`ALTER TABLE visitors DROP COLUMN old_id_number`)
  }
}
