import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * A visitor's visits in time order, with their ids in the index itself (INCLUDE): a search that
 * lists the visits of the few visitors it matched, newest first, reads the index alone, as
 * SQLite does with the rowid every index of it carries. A step of the server only.
 */
export class PostgresCoveringVisitIndex1795000000017 implements MigrationInterface {
  name = 'PostgresCoveringVisitIndex1795000000017'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_visits_visitor`)
    await q.query(`CREATE INDEX ix_visits_visitor ON visits (visitor_id, checked_in_at) INCLUDE (id)`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_visits_visitor`)
    await q.query(`CREATE INDEX ix_visits_visitor ON visits (visitor_id, checked_in_at)`)
  }
}
