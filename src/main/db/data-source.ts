import { dirname } from 'node:path'
import type Database from 'better-sqlite3'
import { DataSource } from 'typeorm'
import { entities } from './entities'
import { migrations } from './migrations'
import { privateFile, privateFolder } from '../core/paths'
import { openPostgres } from './postgres/data-source'

export const DATABASE_FILE_NAME = 'so-phong-dich.sqlite'

export interface OpenDatabaseOptions {
  /** Absolute path of the SQLite file; created with its folder when missing. */
  file: string
  /**
   * `postgres://…` of the office's server; `SPD_DATABASE_URL` when not given. Without either, the
   * SQLite file is the store.
   */
  url?: string
  /** Path to a better_sqlite3.node built for the running ABI (Electron); Node uses the default. */
  nativeBinding?: string
  /** Tests of a single migration open without running them. */
  runMigrations?: boolean
}

/** The one place that creates the DataSource: pragmas first, then pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DataSource> {
  const url = options.url ?? process.env.SPD_DATABASE_URL
  if (url) return openPostgres(url, options.runMigrations !== false)
  privateFolder(dirname(options.file))
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database: options.file,
    nativeBinding: options.nativeBinding,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      // Before anything creates page 1: a new file starts in incremental mode without a VACUUM.
      db.pragma('auto_vacuum = INCREMENTAL')
      // Deleted or overwritten content is zeroed, so an erased value leaves no bytes behind.
      db.pragma('secure_delete = ON')
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
      db.pragma('foreign_keys = ON')
      db.pragma('busy_timeout = 5000')
    },
  })
  await dataSource.initialize()
  for (const suffix of ['', '-wal', '-shm']) privateFile(options.file + suffix)
  if (options.runMigrations !== false) await dataSource.runMigrations({ transaction: 'each' })
  useIncrementalVacuum(rawConnection(dataSource))
  return dataSource
}

const rawConnection = (dataSource: DataSource) =>
  (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection

/**
 * A file made before auto_vacuum was set keeps its old mode until one VACUUM rebuilds it. VACUUM
 * is atomic (a crash leaves the old file) and works in WAL mode; it cannot run in a transaction,
 * which is why it runs here, after the migrations. A damaged file is left to the start-up check,
 * and the conversion is tried again at the next start.
 */
function useIncrementalVacuum(db: Database.Database): void {
  if (db.pragma('auto_vacuum', { simple: true }) === 2) return
  try {
    db.pragma('auto_vacuum = INCREMENTAL')
    db.exec('VACUUM')
  } catch {
    // kept in its old mode for now: see above
  }
}

/**
 * After a retention purge has committed: free pages go back to the file system and the WAL,
 * which still holds the pages as they were before the purge, is folded in and emptied.
 */
export function reclaimErasedSpace(dataSource: DataSource): void {
  // On a server, autovacuum reclaims dead rows; its files are the server administrator's.
  if (dataSource.options.type !== 'better-sqlite3') return
  const db = rawConnection(dataSource)
  db.pragma('incremental_vacuum')
  db.pragma('wal_checkpoint(TRUNCATE)')
}
