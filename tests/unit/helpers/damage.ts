import { readFileSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'

/**
 * Overwrites the root page of `table` with junk in a closed database: SQLite still opens the
 * file, but `PRAGMA quick_check` fails, as after a disk fault in the middle of the file.
 */
export function damageTable(file: string, table: string): void {
  const db = new Database(file)
  const page = db.pragma('page_size', { simple: true }) as number
  const root = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table) as number
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const bytes = readFileSync(file)
  bytes.fill(0xa5, (root - 1) * page + 8, root * page)
  writeFileSync(file, bytes)
}

/**
 * Fills one leaf page of `table` with junk in a closed database and returns its number: the
 * next-to-last in key order, so the newest rows before and after it stay readable.
 */
export function damageLeafPage(file: string, table: string): number {
  const db = new Database(file)
  const size = db.pragma('page_size', { simple: true }) as number
  const leaves = db
    .prepare(`SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path`)
    .pluck()
    .all(table) as number[]
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  const page = leaves.at(-2)
  if (page === undefined) throw new Error(`${table} has fewer than two leaf pages`)
  const bytes = readFileSync(file)
  bytes.fill(0xa5, (page - 1) * size, page * size)
  writeFileSync(file, bytes)
  return page
}
