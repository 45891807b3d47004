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
