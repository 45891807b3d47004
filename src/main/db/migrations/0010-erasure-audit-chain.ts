import type Database from 'better-sqlite3'
import type { MigrationInterface, QueryRunner } from 'typeorm'
import { GENESIS_HASH, lineHash } from '../../audit/chain'
import type { ChainedContent } from '../../audit/chain'

const NO_UPDATE_TRIGGER = `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`

const BATCH = 5_000

/**
 * Erasure and a tamper-evident trail. `visits.check_out_unrecorded` marks a visit the retention
 * purge closed because nobody recorded its time out; free text the purge now erases is erased
 * for people anonymised before. `audit_log` gains `prev_hash` and `hash`
 * (audit/chain.ts), computed here for the lines already there, in id order; the no-update
 * trigger is lifted only for that and put back in the same transaction.
 */
export class ErasureAuditChain1795000000010 implements MigrationInterface {
  name = 'ErasureAuditChain1795000000010'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE visits ADD COLUMN check_out_unrecorded INTEGER NOT NULL DEFAULT 0
      CHECK (check_out_unrecorded IN (0, 1))`)
    // People already anonymised by earlier versions lose the free text those left behind.
    await q.query(`UPDATE visits SET note = NULL, host_person = NULL, purpose = NULL, late_reason = NULL,
        check_out_reason = NULL, watch_reason = NULL
      WHERE visitor_id IN (SELECT id FROM visitors WHERE anonymised_at IS NOT NULL)`)
    await q.query(`UPDATE visitors SET organisation = NULL WHERE anonymised_at IS NOT NULL`)
    await q.query(`UPDATE staff SET position = NULL WHERE anonymised_at IS NOT NULL`)
    await q.query(`UPDATE staff_unit_history SET reason = NULL
      WHERE staff_id IN (SELECT id FROM staff WHERE anonymised_at IS NOT NULL)`)
    await q.query(`UPDATE vaccine_registrations SET occupation = NULL
      WHERE staff_id IN (SELECT id FROM staff WHERE anonymised_at IS NOT NULL)`)
    await q.query(`ALTER TABLE audit_log ADD COLUMN prev_hash TEXT`)
    await q.query(`ALTER TABLE audit_log ADD COLUMN hash TEXT`)
    await q.query(`DROP TRIGGER audit_log_no_update`)
    // The query runner's own connection, inside the migration's transaction.
    const db = (q.connection.driver as unknown as { databaseConnection: Database.Database })
      .databaseConnection
    const read = db.prepare(
      `SELECT id, at, user_id, user_name, route, entity, entity_id, changes FROM audit_log
       WHERE id > ? ORDER BY id LIMIT ${BATCH}`,
    )
    const write = db.prepare(`UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?`)
    let prevHash = GENESIS_HASH
    let lastId = 0
    for (;;) {
      const lines = read.all(lastId) as Array<ChainedContent & { id: number }>
      if (!lines.length) break
      for (const line of lines) {
        const hash = lineHash(prevHash, line)
        write.run(prevHash, hash, line.id)
        prevHash = hash
        lastId = line.id
      }
    }
    await q.query(NO_UPDATE_TRIGGER)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_no_update`)
    await q.query(`ALTER TABLE audit_log DROP COLUMN hash`)
    await q.query(`ALTER TABLE audit_log DROP COLUMN prev_hash`)
    await q.query(NO_UPDATE_TRIGGER)
    await q.query(`ALTER TABLE visits DROP COLUMN check_out_unrecorded`)
  }
}
