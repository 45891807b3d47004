import type { Engine } from '../engine'
import { StoreFileError } from '../store-file-error'
import { searchIndexName, whereSearch } from './search-index'
import { appendAuditLines, withAuditTail } from './audit-tail'

const UNIQUE_VIOLATION = '23505'
const SERIALIZATION_FAILURE = '40001'
const DEADLOCK = '40P01'

/** The pg error under TypeORM's QueryFailedError. */
const driverError = (error: unknown): { code?: unknown; constraint?: unknown } | null =>
  error && typeof error === 'object'
    ? (((error as { driverError?: object }).driverError ?? error) as { code?: unknown; constraint?: unknown })
    : null

export const postgresEngine: Engine = {
  whereSearch,
  async optimizeSearchIndex(m, table) {
    // Row-by-row writes go to the GIN index's pending list; fold it into the index proper.
    await m.query(`SELECT gin_clean_pending_list($1::regclass)`, [searchIndexName(table)])
  },
  async changedRows(m) {
    // Counts of this transaction only (triggers included), which is what the read-only guard compares.
    const [row] = (await m.query(
      `SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) AS n FROM pg_stat_xact_user_tables`,
    )) as Array<{ n: string | number }>
    return Number(row?.n ?? 0)
  },
  async lastIssuedId(m, table) {
    // The identity's sequence: null until it handed out a first id, untouched by a DELETE.
    const [row] = (await m.query(`SELECT pg_sequence_last_value(pg_get_serial_sequence($1, 'id')) AS n`, [
      table,
    ])) as Array<{ n: string | number | null }>
    return row?.n === null || row?.n === undefined ? null : Number(row.n)
  },
  async lockUntilCommit(m, key) {
    // A transaction-level advisory lock: released by the COMMIT or ROLLBACK, never leaked.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key])
  },
  withAuditTail,
  appendAuditLines,
  lostRace(error) {
    const e = driverError(error)
    if (e?.code === UNIQUE_VIOLATION)
      return { constraint: typeof e.constraint === 'string' ? e.constraint : null }
    if (e?.code === SERIALIZATION_FAILURE || e?.code === DEADLOCK) return { constraint: null }
    return null
  },
  // The server keeps its own files: autovacuum reclaims dead rows, its checks and copies are the
  // server administrator's (README, "Several PCs"), so there is nothing for a seat to do.
  prepareStore: () => undefined,
  reclaimErasedSpace: () => undefined,
  checkIntegrity: () => true,
  backupTo: async () => {
    throw new StoreFileError('write', { cause: new Error('a server store is backed up on the server') })
  },
  salvagePreview: () => [],
  salvageInto: () => [],
  server: true,
}
