import type { DataSource } from 'typeorm'

/**
 * Every row of every table, in a stable order: two equal fingerprints mean no write
 * happened in between. FTS shadow tables are covered through their content tables.
 */
export function databaseFingerprint(dataSource: DataSource): Record<string, unknown[]> {
  const db = (dataSource.driver as unknown as { databaseConnection: import('better-sqlite3').Database })
    .databaseConnection
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%_search_%' ORDER BY name`,
    )
    .all() as Array<{ name: string }>
  const out: Record<string, unknown[]> = {}
  for (const { name } of tables) out[name] = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()
  return out
}
