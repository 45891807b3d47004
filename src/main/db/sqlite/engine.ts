import type { Engine } from '../engine'
import { backupTo } from './backup'
import { rawDatabase } from './connection'
import { quickCheck, reclaimErasedSpace, useIncrementalVacuum } from './pragmas'
import { salvageInto, salvagePreview } from './salvage'
import { bindEveryParameter } from './parameters'
import { optimizeSearchIndexSql, searchCondition, searchJoin } from './search-index'

export const sqliteEngine: Engine = {
  whereSearch(qb, table, alias, query, { prefix = 'q', idColumn, drive }) {
    if (drive && !idColumn) {
      const join = searchJoin(table, alias, query, prefix)
      if (!join) return false
      if (join.join)
        qb.innerJoin(`${table}_search`, `${table}_search`, `"${table}_search".rowid = ${alias}.id`)
      qb.andWhere(join.where, join.params)
      return true
    }
    const condition = searchCondition(table, alias, query, prefix, idColumn)
    if (!condition) return false
    qb.andWhere(condition.sql, condition.params)
    return true
  },
  async optimizeSearchIndex(m, table) {
    await m.query(optimizeSearchIndexSql(table))
  },
  async changedRows(m) {
    const [row] = (await m.query('SELECT total_changes() AS n')) as Array<{ n: number }>
    return row?.n ?? 0
  },
  async lastIssuedId(m, table) {
    // AUTOINCREMENT keeps its counter in sqlite_sequence, untouched by a DELETE.
    const [row] = (await m.query('SELECT seq FROM sqlite_sequence WHERE name = ?', [table])) as Array<{
      seq: number
    }>
    return row?.seq ?? null
  },
  // One process serialises the writes of a store file (core/serial-queue.ts): nothing to lock.
  lockUntilCommit: async () => undefined,
  // One writer at a time, and reads share its connection: nothing to wait for.
  withAuditTail: (m, fn) => fn(m),
  appendAuditLines: null,
  lostRace(error) {
    const e = (error as { driverError?: { code?: unknown; message?: unknown } } | null)?.driverError
    // Another process wrote the file first (a second app on one file, which one PC never runs).
    if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_BUSY')) return { constraint: null }
    if (e?.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e?.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') return null
    // "UNIQUE constraint failed: units.code" or, for an index on expressions, "…: index 'name'".
    const failed = /constraint failed: (?:index '([^']+)'|(.+))$/.exec(String(e.message))
    return { constraint: failed?.[1] ?? failed?.[2] ?? null }
  },
  prepareStore: (dataSource) => {
    bindEveryParameter(dataSource)
    useIncrementalVacuum(rawDatabase(dataSource))
  },
  reclaimErasedSpace: (dataSource) => reclaimErasedSpace(rawDatabase(dataSource)),
  backupTo,
  checkIntegrity: (dataSource) => quickCheck(rawDatabase(dataSource)),
  salvagePreview,
  salvageInto,
  server: false,
}
