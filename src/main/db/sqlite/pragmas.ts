import type Database from 'better-sqlite3'

/** Set on every new connection, before anything creates page 1. */
export function prepareConnection(db: { pragma(sql: string): unknown }): void {
  // A new file starts in incremental mode without a VACUUM.
  db.pragma('auto_vacuum = INCREMENTAL')
  // Deleted or overwritten content is zeroed, so an erased value leaves no bytes behind.
  db.pragma('secure_delete = ON')
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
}

/**
 * A file made before auto_vacuum was set keeps its old mode until one VACUUM rebuilds it. VACUUM
 * is atomic (a crash leaves the old file) and works in WAL mode; it cannot run in a transaction,
 * which is why it runs after the migrations. A damaged file is left to the start-up check, and
 * the conversion is tried again at the next start.
 */
export function useIncrementalVacuum(db: Database.Database): void {
  if (db.pragma('auto_vacuum', { simple: true }) === 2) return
  try {
    db.pragma('auto_vacuum = INCREMENTAL')
    db.exec('VACUUM')
  } catch {
    // kept in its old mode for now: see above
  }
}

/**
 * Free pages go back to the file system and the WAL, which still holds the pages as they were
 * before a purge, is folded in and emptied.
 */
export function reclaimErasedSpace(db: Database.Database): void {
  db.pragma('incremental_vacuum')
  db.pragma('wal_checkpoint(TRUNCATE)')
}

/** `PRAGMA quick_check` of an open connection; an error counts as a failure. */
export function quickCheck(db: Database.Database): boolean {
  try {
    return db.pragma('quick_check', { simple: true }) === 'ok'
  } catch {
    return false
  }
}

export function integrityOk(db: Database.Database): boolean {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>
  return rows.length === 1 && rows[0]?.integrity_check === 'ok'
}
