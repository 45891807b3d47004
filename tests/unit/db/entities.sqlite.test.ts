import { describe, expect, it } from 'vitest'
import { entities } from '@main/db/entities'
import { tempApp } from '../helpers/temp-app'

/** How each entity column type is declared in the SQLite migrations. */
const SQLITE_TYPE: Record<string, string> = {
  integer: 'INTEGER',
  boolean: 'INTEGER',
  text: 'TEXT',
  'double precision': 'REAL',
  blob: 'BLOB',
}

interface TableColumn {
  name: string
  type: string
  notnull: number
  pk: number
}

describe('entities and the migrated schema', () => {
  it('every table of the store is an entity, and every entity column matches its table', async () => {
    const app = await tempApp()
    const m = app.dataSource.manager
    const tables = (
      (await m.query(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
           AND name <> 'migrations' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT LIKE '%_search_%'`,
      )) as Array<{ name: string }>
    ).map((t) => t.name)
    const byTable = new Map(app.dataSource.entityMetadatas.map((e) => [e.tableName, e]))
    expect([...byTable.keys()].sort()).toEqual([...tables].sort())
    expect(byTable.size).toBe(entities.length)

    for (const table of tables) {
      const metadata = byTable.get(table)!
      const columns = (await m.query(`PRAGMA table_info("${table}")`)) as TableColumn[]
      const declared = metadata.columns.map((c) => ({
        name: c.databaseName,
        type: SQLITE_TYPE[String(c.type)] ?? `unknown ${String(c.type)}`,
        nullable: c.isNullable,
        primary: c.isPrimary,
      }))
      const actual = columns.map((c) => ({
        name: c.name,
        type: c.type.toUpperCase(),
        nullable: c.notnull === 0 && c.pk === 0,
        primary: c.pk > 0,
      }))
      expect(declared, table).toEqual(actual)
    }
  })
})
