import type { MigrationInterface, QueryRunner } from 'typeorm'
import { TEXT } from '../schema/types'

/**
 * The server chains audit lines at commit: a write queues its lines, and a deferred trigger, as
 * the transaction commits, takes the trail's tail, links each line to the last one and appends
 * it. The tail is held for the commit alone, never across a round trip to a seat. The hash is
 * the app's (audit/chain.ts): SHA-256 over the previous hash, a newline and the line's content
 * text, which the seat sends. The lock key is AUDIT_TAIL_LOCK (../audit-tail.ts), written out
 * because a migration never changes. The queue is empty outside a transaction, so it is
 * unlogged. A step of the server only: SQLite has one writer and no twin. It runs again over its
 * own objects, should they stand while the `migrations` table does not list it (a server restore
 * empties the schema first, db/postgres/restore.ts: this is a second guard).
 */
export class PostgresAuditQueue1795000000016 implements MigrationInterface {
  name = 'PostgresAuditQueue1795000000016'

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE IF NOT EXISTS audit_queue (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at ${TEXT} NOT NULL,
      user_id integer,
      user_name ${TEXT} NOT NULL,
      route ${TEXT} NOT NULL,
      entity ${TEXT},
      entity_id ${TEXT},
      changes ${TEXT} NOT NULL,
      content ${TEXT} NOT NULL
    )`)
    await q.query(`CREATE OR REPLACE FUNCTION chain_audit_line() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      prev text;
    BEGIN
      PERFORM pg_advisory_xact_lock(1397769281);
      -- A statement after the lock: its snapshot holds the lines the previous holder committed.
      SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
      IF NOT FOUND THEN
        prev := repeat('0', 64);
      END IF;
      prev := coalesce(prev, '');
      INSERT INTO audit_log (at, user_id, user_name, route, entity, entity_id, changes, prev_hash, hash)
      VALUES (NEW.at, NEW.user_id, NEW.user_name, NEW.route, NEW.entity, NEW.entity_id, NEW.changes, prev,
              encode(sha256(convert_to(prev || E'\\n' || NEW.content, 'UTF8')), 'hex'));
      DELETE FROM audit_queue WHERE id = NEW.id;
      RETURN NULL;
    END $$`)
    // Deferred row triggers fire at commit in the order the rows were queued.
    await q.query(`DROP TRIGGER IF EXISTS audit_queue_chain ON audit_queue`)
    await q.query(`CREATE CONSTRAINT TRIGGER audit_queue_chain AFTER INSERT ON audit_queue
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION chain_audit_line()`)
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_queue`)
    await q.query(`DROP FUNCTION chain_audit_line`)
  }
}
