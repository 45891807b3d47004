import type Database from 'better-sqlite3'
import { checkShape, foreignKeyShape, indexShape, sortShape } from './schema-shape'
import type { SchemaShape, TableShape } from './schema-shape'

const SQLITE_TYPES: Record<string, string> = {
  INTEGER: 'integer',
  TEXT: 'text',
  REAL: 'double precision',
  BLOB: 'bytea',
}

/** The bodies of every `CHECK (…)` in a CREATE TABLE statement, parentheses balanced. */
function checkBodies(sql: string): string[] {
  const bodies: string[] = []
  const start = /CHECK\s*\(/gi
  for (let m = start.exec(sql); m; m = start.exec(sql)) {
    let depth = 1
    let i = start.lastIndex
    for (; i < sql.length && depth > 0; i++) {
      if (sql[i] === "'") i = sql.indexOf("'", i + 1)
      else if (sql[i] === '(') depth++
      else if (sql[i] === ')') depth--
    }
    bodies.push(sql.slice(start.lastIndex, i - 1))
  }
  return bodies
}

const BOOLEAN_CHECK = /^\s*(\w+) IN \(0, 1\)\s*$/

/** Identifiers of `body` that are columns of the table (quoted literals left out). */
const columnsIn = (body: string, columns: Set<string>) =>
  (body.replace(/'[^']*'/g, '').match(/[a-z_][a-z0-9_]*/gi) ?? []).filter((w) => columns.has(w))

function tableShape(db: Database.Database, table: string, sql: string, searched: Set<string>): TableShape {
  const info = db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{
    name: string
    type: string
    notnull: number
    pk: number
  }>
  const names = new Set(info.map((c) => c.name))
  const bodies = checkBodies(sql)
  const booleans = new Set(bodies.map((b) => BOOLEAN_CHECK.exec(b)?.[1]).filter(Boolean))
  const indexes = (
    db.prepare(`PRAGMA index_list("${table}")`).all() as Array<{
      name: string
      unique: number
      origin: string
      partial: number
    }>
  )
    .filter((i) => i.origin !== 'pk')
    .map((i) => {
      const columns = (
        db.prepare(`PRAGMA index_xinfo("${i.name}")`).all() as Array<{ name: string | null; key: number }>
      )
        .filter((c) => c.key)
        .map((c) => c.name ?? '<expression>')
      return indexShape(i.origin === 'c' ? i.name : null, columns, i.unique === 1, i.partial === 1)
    })
  const keys = db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as Array<{
    id: number
    table: string
    from: string
    to: string
    on_update: string
    on_delete: string
  }>
  const foreignKeys = [...new Set(keys.map((k) => k.id))].map((id) => {
    const parts = keys.filter((k) => k.id === id)
    const { table: target, on_update, on_delete } = parts[0]!
    return foreignKeyShape(
      parts.map((k) => k.from),
      target,
      parts.map((k) => k.to),
      on_update.toLowerCase(),
      on_delete.toLowerCase(),
    )
  })
  return sortShape({
    columns: info.map((c) => ({
      name: c.name,
      type: booleans.has(c.name) ? 'boolean' : (SQLITE_TYPES[c.type.toUpperCase()] ?? c.type),
      nullable: c.notnull === 0 && c.pk === 0,
    })),
    primaryKey: info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
    indexes,
    checks: bodies.filter((b) => !BOOLEAN_CHECK.test(b)).map((b) => checkShape(columnsIn(b, names))),
    foreignKeys,
    searchIndexed: searched.has(table),
  })
}

/** The shape of a migrated SQLite store (FTS5 tables and their triggers stand for "search indexed"). */
export function sqliteShape(db: Database.Database): SchemaShape {
  const objects = db
    .prepare(`SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`)
    .all() as Array<{ type: string; name: string; tbl_name: string; sql: string | null }>
  const virtual = objects.filter((o) => o.type === 'table' && /^CREATE VIRTUAL TABLE/i.test(o.sql ?? ''))
  const searched = new Set(virtual.map((v) => /content='(\w+)'/.exec(v.sql!)![1]!))
  const ordinary = objects.filter(
    (o) =>
      o.type === 'table' &&
      o.name !== 'migrations' &&
      !virtual.some((v) => o.name === v.name || o.name.startsWith(`${v.name}_`)),
  )
  return {
    tables: Object.fromEntries(ordinary.map((t) => [t.name, tableShape(db, t.name, t.sql!, searched)])),
    triggers: objects
      .filter((o) => o.type === 'trigger' && !virtual.some((v) => o.name.startsWith(`${v.name}_`)))
      .map((o) => `${o.tbl_name}.${o.name}`)
      .sort(),
  }
}
