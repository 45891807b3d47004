import { EntityManager } from 'typeorm'
import type { DataSource } from 'typeorm'

/**
 * Plain SQL that both engines understand, for tests that look at the stored rows beside the
 * routes (what the trail says, a hash, a planted old row). Parameters are written `?` and
 * numbered `$1…` for PostgreSQL; quote camelCase aliases (`AS "entityId"`), as PostgreSQL
 * folds bare names to lower case. Booleans come back as 0/1 on SQLite, true/false on PostgreSQL.
 * The target is an app (its store) or a manager (the transaction a test arranges rows in).
 */
type Target = { dataSource: DataSource } | EntityManager

const query = (target: Target, sql: string, params: unknown[]): Promise<unknown> => {
  const m = target instanceof EntityManager ? target : target.dataSource.manager
  if (m.dataSource.options.type !== 'postgres') return m.query(sql, params)
  let n = 0
  return m.query(
    sql.replace(/\?/g, () => `$${++n}`),
    params,
  )
}

export async function sqlRows<T = Record<string, unknown>>(
  target: Target,
  sql: string,
  ...params: unknown[]
): Promise<T[]> {
  return (await query(target, sql, params)) as T[]
}

/** The first column of every row. */
export async function sqlColumn<T = unknown>(
  target: Target,
  sql: string,
  ...params: unknown[]
): Promise<T[]> {
  const rows = await sqlRows(target, sql, ...params)
  return rows.map((row) => Object.values(row)[0] as T)
}

/** The first column of the first row; undefined when there is none. */
export async function sqlValue<T = unknown>(target: Target, sql: string, ...params: unknown[]): Promise<T> {
  return (await sqlColumn<T>(target, sql, ...params))[0]!
}

/** A statement run for its effect. */
export async function sqlRun(target: Target, sql: string, ...params: unknown[]): Promise<void> {
  await query(target, sql, params)
}

/** Rows put straight into `table`, a few hundred per INSERT (round trips, not rows, cost on a server). */
export async function sqlInsertMany(
  target: Target,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const one = `(${columns.map(() => '?').join(', ')})`
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500)
    await query(
      target,
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${batch.map(() => one).join(', ')}`,
      batch.flat(),
    )
  }
}
