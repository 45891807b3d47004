import type Database from 'better-sqlite3'
import type { DataSource } from 'typeorm'
import type { SalvageCount } from '../store-files'
import { nativeBindingOf } from './backup'
import { rawDatabase } from './connection'
import { withReadOnlyFile } from './files'

/**
 * What a restore from a backup would lose, read from the damaged store, and putting back what
 * can be put back. A table is read by ranges of rowids, and a range that errors (it crosses a
 * damaged page) is split down to single rows, so everything readable around the damage is kept.
 */

/** Rows per range query; a failing range is bisected. */
const RANGE = 512

/** The most ids looked at above the backup's, per table (a year of a busy desk is far fewer). */
const MAX_SPAN = 1_000_000

type Row = Record<string, unknown>

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`

/**
 * The ordinary tables of `db` in foreign-key order (referenced tables first). Virtual tables and
 * their shadow tables (the search index, rebuilt by triggers), SQLite's own and the migrations
 * table are left out.
 */
function salvageOrder(db: Database.Database): string[] {
  const tables = (
    db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'`).all() as Array<{
      name: string
    }>
  )
    .map((t) => t.name)
    .filter((name) => !name.startsWith('sqlite_') && name !== 'migrations')
    .sort()
  const known = new Set(tables)
  const parents = new Map(
    tables.map((t) => [
      t,
      (db.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(t) as string[]).filter(
        (p) => p !== t && known.has(p),
      ),
    ]),
  )
  const ordered: string[] = []
  const visiting = new Set<string>()
  const visit = (t: string) => {
    if (ordered.includes(t) || visiting.has(t)) return
    visiting.add(t)
    for (const p of parents.get(t) ?? []) visit(p)
    ordered.push(t)
  }
  for (const t of tables) visit(t)
  return ordered
}

function maxRowid(db: Database.Database, table: string): number | null {
  try {
    return (
      (db
        .prepare(`SELECT max(rowid) FROM ${quote(table)}`)
        .pluck()
        .get() as number | null) ?? 0
    )
  } catch {
    return null
  }
}

/** The highest id an AUTOINCREMENT table ever handed out: known even when its tree is damaged. */
function sequenceOf(db: Database.Database, table: string): number | null {
  try {
    return (db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').pluck().get(table) as number) ?? null
  } catch {
    return null
  }
}

/**
 * The rows of `table` in `damaged` with a rowid above `after`, and how many rowids in that span
 * could not be read. Without a readable upper bound nothing is claimed readable or lost.
 */
function readNewerRows(
  damaged: Database.Database,
  table: string,
  after: number,
): { rows: Row[]; unreadable: number } {
  // A damaged tree can answer max(rowid) with junk: AUTOINCREMENT's counter bounds the ids when
  // there is one, and the span is capped so junk cannot turn into a billion lookups.
  const top = Math.min(sequenceOf(damaged, table) ?? maxRowid(damaged, table) ?? 0, after + MAX_SPAN)
  const rows: Row[] = []
  let unreadable = 0
  let range: Database.Statement
  try {
    range = damaged.prepare(
      `SELECT rowid AS "__rowid", * FROM ${quote(table)} WHERE rowid BETWEEN ? AND ? ORDER BY rowid`,
    )
  } catch {
    return { rows, unreadable: Math.max(0, top - after) }
  }
  const read = (lo: number, hi: number): void => {
    try {
      rows.push(...(range.all(lo, hi) as Row[]))
    } catch {
      if (lo === hi) {
        unreadable++
        return
      }
      const mid = Math.floor((lo + hi) / 2)
      read(lo, mid)
      read(mid + 1, hi)
    }
  }
  for (let lo = after + 1; lo <= top; lo += RANGE) read(lo, Math.min(top, lo + RANGE - 1))
  return { rows, unreadable }
}

/** Per table, the rows newer than `target` still readable in `damaged` (tables with none left out). */
function previewSalvage(damaged: Database.Database, target: Database.Database): SalvageCount[] {
  const found: SalvageCount[] = []
  for (const table of salvageOrder(target)) {
    const { rows, unreadable } = readNewerRows(damaged, table, maxRowid(target, table) ?? 0)
    if (rows.length || unreadable)
      found.push({ table, readable: rows.length, unreadable, saved: 0, notSaved: 0 })
  }
  return found
}

/**
 * Inserts into `target` (the restored store) the rows of `damaged` newer than it, in foreign-key
 * order and in one transaction; a row is skipped when its references do not resolve or it
 * clashes with a kept row (each row in its own savepoint). Unreadable rows count as not saved.
 */
function applySalvage(damaged: Database.Database, target: Database.Database): SalvageCount[] {
  const found: SalvageCount[] = []
  target.transaction(() => {
    for (const table of salvageOrder(target)) {
      const { rows, unreadable } = readNewerRows(damaged, table, maxRowid(target, table) ?? 0)
      if (!rows.length && !unreadable) continue
      const columns = new Set(
        target.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[],
      )
      let saved = 0
      for (const { __rowid: _rowid, ...row } of rows) {
        const names = Object.keys(row).filter((c) => columns.has(c))
        const sql = `INSERT INTO ${quote(table)} (${names.map(quote).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
        try {
          target.transaction(() => target.prepare(sql).run(...names.map((c) => row[c])))()
          saved++
        } catch {
          // a broken reference or a clash: counted below
        }
      }
      found.push({
        table,
        readable: rows.length,
        unreadable,
        saved,
        notSaved: unreadable + rows.length - saved,
      })
    }
  })()
  return found
}

/** The open store is the damaged one; `backupFile` the good backup it is compared with. */
export function salvagePreview(dataSource: DataSource, backupFile: string): SalvageCount[] {
  return withReadOnlyFile(backupFile, { nativeBinding: nativeBindingOf(dataSource) }, (target) =>
    previewSalvage(rawDatabase(dataSource), target),
  )
}

/** The open store was just restored; `damagedFile` is the store it replaced, set aside. */
export function salvageInto(dataSource: DataSource, damagedFile: string): SalvageCount[] {
  return withReadOnlyFile(damagedFile, { nativeBinding: nativeBindingOf(dataSource) }, (damaged) =>
    applySalvage(damaged, rawDatabase(dataSource)),
  )
}
