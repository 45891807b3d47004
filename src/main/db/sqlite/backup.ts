import { rmSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { DataSource } from 'typeorm'
import { privateFile } from '../../core/paths'
import { StoreFileError } from '../store-file-error'
import { rawDatabase } from './connection'
import { SIDECARS } from './files'
import { integrityOk } from './pragmas'

/** How long a backup waits for the writes in progress to leave a gap. */
const BUSY_WAIT_MS = 15_000

const delay = (ms: number) => new Promise<void>((done) => setTimeout(done, ms))

const removeWithSidecars = (file: string) => {
  for (const f of [file, ...SIDECARS.map((s) => file + s)]) rmSync(f, { force: true })
}

export const nativeBindingOf = (dataSource: DataSource): string | undefined =>
  (dataSource.options as { nativeBinding?: string }).nativeBinding

/**
 * Online backup of the open store into the new file `file`, switched to a self-contained
 * rollback-journal file (no -wal to forget on a USB stick) and checked with integrity_check.
 */
export async function backupTo(dataSource: DataSource, file: string): Promise<void> {
  const db = rawDatabase(dataSource)
  await copyOnline(db, file)
  privateFile(file)
  const applicationId = db.pragma('application_id', { simple: true })
  if (!finishCopy(file, applicationId, nativeBindingOf(dataSource))) throw new StoreFileError('check')
}

/**
 * better-sqlite3's backup resolves at once with `totalPages: 0` and an EMPTY file when its first
 * step meets a write transaction on the same connection (SQLITE_BUSY): retry until a gap.
 */
async function copyOnline(db: Database.Database, file: string): Promise<void> {
  const deadline = Date.now() + BUSY_WAIT_MS
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    let pages: number
    try {
      pages = (await db.backup(file)).totalPages
    } catch (error) {
      throw new StoreFileError('write', { cause: error })
    }
    if (pages > 0) return
    removeWithSidecars(file)
    if (Date.now() > deadline) throw new StoreFileError('busy')
    await delay(wait)
  }
}

function finishCopy(file: string, applicationId: unknown, nativeBinding: string | undefined): boolean {
  try {
    const rw = new Database(file, { fileMustExist: true, nativeBinding })
    try {
      rw.pragma('journal_mode = DELETE')
    } finally {
      rw.close()
    }
    const ro = new Database(file, { readonly: true, fileMustExist: true, nativeBinding })
    try {
      return (
        integrityOk(ro) &&
        ro.pragma('page_count', { simple: true }) !== 0 &&
        ro.pragma('application_id', { simple: true }) === applicationId
      )
    } finally {
      ro.close()
    }
  } catch {
    return false
  }
}
