import { closeSync, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { StoreFileError } from '../store-file-error'
import type { StoreFileOptions, StoreFileState } from '../store-files'
import { integrityOk } from './pragmas'

export const SIDECARS = ['-wal', '-shm', '-journal'] as const

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

const codeOf = (error: unknown) => (error as { code?: unknown } | null)?.code

export function isDamagedFileError(error: unknown): boolean {
  const code = codeOf(error)
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

/**
 * Opens `file` read-only for `use` and always closes it; the -wal/-shm SQLite creates beside a
 * WAL-mode file are removed unless they were there before.
 */
export function withReadOnlyFile<T>(
  file: string,
  options: StoreFileOptions,
  use: (db: Database.Database) => T,
): T {
  const sidecarsBefore = SIDECARS.filter((s) => existsSync(file + s))
  let db: Database.Database | undefined
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding })
    return use(db)
  } finally {
    db?.close()
    for (const s of SIDECARS) if (!sidecarsBefore.includes(s)) rmSync(file + s, { force: true })
  }
}

function readHeader(file: string): Buffer | null {
  let fd: number | undefined
  try {
    fd = openSync(file, 'r')
    const header = Buffer.alloc(100)
    return readSync(fd, header, 0, 100, 0) === 100 ? header : Buffer.alloc(0)
  } catch {
    return null
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

const hasTable = (db: Database.Database, table: string) =>
  db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined

export function inspectFile(file: string, applicationId: number, options: StoreFileOptions): StoreFileState {
  const fail = (reason: 'unreadable' | 'not_store' | 'corrupt' | 'foreign'): StoreFileState => ({
    ok: false,
    reason,
  })
  const header = readHeader(file)
  if (!header) return fail('unreadable')
  if (header.length < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) return fail('not_store')
  try {
    return withReadOnlyFile(file, options, (db): StoreFileState => {
      if (!integrityOk(db)) return fail('corrupt')
      if (db.pragma('application_id', { simple: true }) !== applicationId) return fail('foreign')
      if (!hasTable(db, 'migrations')) return fail('foreign')
      const migrations = db
        .prepare('SELECT name FROM migrations ORDER BY timestamp, id')
        .pluck()
        .all() as string[]
      return { ok: true, migrations }
    })
  } catch (error) {
    const code = codeOf(error)
    if (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT')) return fail('corrupt')
    return fail('not_store')
  }
}

export function readTable(
  file: string,
  table: string,
  columns: string[],
  options: StoreFileOptions,
): Array<Record<string, unknown>> | null {
  try {
    return withReadOnlyFile(file, options, (db) => {
      if (!hasTable(db, table)) return []
      const list = columns.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ')
      return db.prepare(`SELECT ${list} FROM "${table.replaceAll('"', '""')}"`).all() as Array<
        Record<string, unknown>
      >
    })
  } catch {
    return null
  }
}

/** Only when a non-empty WAL is left (a crash): a WAL another process holds stops the swap. */
export function checkpointFile(file: string, options: StoreFileOptions): void {
  let walSize: number
  try {
    walSize = statSync(`${file}-wal`).size
  } catch {
    return
  }
  if (walSize === 0) return
  let db: Database.Database | undefined
  try {
    db = new Database(file, { fileMustExist: true, nativeBinding: options.nativeBinding })
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>
    if (row?.busy) throw new StoreFileError('in_use')
  } catch (error) {
    const code = codeOf(error)
    if (error instanceof StoreFileError) throw error
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')))
      throw new StoreFileError('in_use', { cause: error })
    // A damaged file is why people restore: its WAL is kept in the copy set aside.
  } finally {
    db?.close()
  }
}
