import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * How many copies of an inspection's minutes are made (the closing words print it: "lập thành
 * 02 bản"): two, one for each side, unless the team says otherwise. Existing rows get two.
 */
export class MinutesCopies1795000000011 implements MigrationInterface {
  name = 'MinutesCopies1795000000011'

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE inspections ADD COLUMN minutes_copies INTEGER NOT NULL DEFAULT 2
         CHECK (minutes_copies BETWEEN 2 AND 20)`,
    )
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inspections DROP COLUMN minutes_copies`)
  }
}
