import type { Engine } from '../engine'
import { searchIndexName, whereSearch } from './search-index'

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
}
