import type { DataSource } from 'typeorm'

/**
 * Plain SQL that both engines understand, for tests that look at the stored rows beside the
 * routes (what the trail says, a hash, a planted old row). Parameters are written `?` and
 * numbered `$1…` for PostgreSQL; quote camelCase aliases (`AS "entityId"`), as PostgreSQL
 * folds bare names to lower case. Booleans come back as 0/1 on SQLite, true/false on PostgreSQL.
 */
interface HasDataSource {
  dataSource: DataSource
}

const numbered = (ds: DataSource, sql: string): string => {
  if (ds.options.type !== 'postgres') return sql
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

export async function sqlRows<T = Record<string, unknown>>(
  app: HasDataSource,
  sql: string,
  ...params: unknown[]
): Promise<T[]> {
  return (await app.dataSource.query(numbered(app.dataSource, sql), params)) as T[]
}

/** The first column of every row. */
export async function sqlColumn<T = unknown>(
  app: HasDataSource,
  sql: string,
  ...params: unknown[]
): Promise<T[]> {
  const rows = await sqlRows(app, sql, ...params)
  return rows.map((row) => Object.values(row)[0] as T)
}

/** The first column of the first row; undefined when there is none. */
export async function sqlValue<T = unknown>(
  app: HasDataSource,
  sql: string,
  ...params: unknown[]
): Promise<T> {
  return (await sqlColumn<T>(app, sql, ...params))[0]!
}

/** A statement run for its effect. */
export async function sqlRun(app: HasDataSource, sql: string, ...params: unknown[]): Promise<void> {
  await app.dataSource.query(numbered(app.dataSource, sql), params)
}
