import type { MigrationInterface, QueryRunner } from 'typeorm'

/**
 * What the visit search needs of the server's planner (visitors/search.ts). A visitor's visits in
 * time order carry their ids in the index itself (INCLUDE), so the visits of the few visitors a
 * rare name matches come from the index alone, as SQLite's rowid gives every index. And the
 * visitors' search key gets a tenfold statistics sample: with the default one the planner
 * thinks a two-word name ("hoa binh") matches a handful of visitors when it matches thousands,
 * and reads every visit instead of walking the newest. A step of the server only.
 */
export class PostgresVisitSearchPlans1795000000017 implements MigrationInterface {
  name = 'PostgresVisitSearchPlans1795000000017'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_visits_visitor`)
    await q.query(`CREATE INDEX ix_visits_visitor ON visits (visitor_id, checked_in_at) INCLUDE (id)`)
    await q.query(`ALTER INDEX ix_visitors_search ALTER COLUMN 1 SET STATISTICS 1000`)
    await q.query(`ANALYZE visitors`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER INDEX ix_visitors_search ALTER COLUMN 1 SET STATISTICS -1`)
    await q.query(`DROP INDEX ix_visits_visitor`)
    await q.query(`CREATE INDEX ix_visits_visitor ON visits (visitor_id, checked_in_at)`)
  }
}
