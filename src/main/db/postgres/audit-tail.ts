import type { EntityManager } from 'typeorm'
import type { NewAuditLine } from '../engine'

/** Several seats write at once: lines are chained one commit after the other (migration 0016). */
export const AUDIT_TAIL_LOCK = 0x53504441

/** The server's own table: the lines of transactions not yet committed (migration 0016). */
export const AUDIT_QUEUE = 'audit_queue'

/** Runs `fn` holding the tail until the commit or rollback; the next holder then reads the lines just committed. */
export function withAuditTail<T>(m: EntityManager, fn: (m: EntityManager) => Promise<T>): Promise<T> {
  const held = async (t: EntityManager) => {
    await t.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_TAIL_LOCK])
    return fn(t)
  }
  return m.queryRunner?.isTransactionActive ? held(m) : m.transaction(held)
}

/** Queues the lines in order, in one statement; the commit chains and appends them. */
export async function appendAuditLines(m: EntityManager, lines: NewAuditLine[]): Promise<void> {
  const column = <K extends keyof NewAuditLine>(key: K) => lines.map((line) => line[key])
  await m.query(
    `INSERT INTO ${AUDIT_QUEUE} (at, user_id, user_name, route, entity, entity_id, changes, content)
     SELECT at, user_id, user_name, route, entity, entity_id, changes, content
     FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       WITH ORDINALITY AS line (at, user_id, user_name, route, entity, entity_id, changes, content, n)
     ORDER BY n`,
    [
      column('at'),
      column('userId'),
      column('userName'),
      column('route'),
      column('entity'),
      column('entityId'),
      column('changes'),
      column('content'),
    ],
  )
}
