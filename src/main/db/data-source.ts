import { dirname } from 'node:path'
import { DataSource } from 'typeorm'
import { entities } from './entities'
import { migrations } from './migrations'
import { privateFile, privateFolder } from '../core/paths'

export const DATABASE_FILE_NAME = 'so-phong-dich.sqlite'

export interface OpenDatabaseOptions {
  /** Absolute path of the SQLite file; created with its folder when missing. */
  file: string
  /** Path to a better_sqlite3.node built for the running ABI (Electron); Node uses the default. */
  nativeBinding?: string
  /** Tests of a single migration open without running them. */
  runMigrations?: boolean
}

/** The one place that creates the DataSource: pragmas first, then pending migrations. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DataSource> {
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
      db.pragma('journal_mode = WAL')
      db.pragma('synchronous = FULL')
      db.pragma('foreign_keys = ON')
      db.pragma('busy_timeout = 5000')
    },
  })
  await dataSource.initialize()
  for (const suffix of ['', '-wal', '-shm']) privateFile(options.file + suffix)
  if (options.runMigrations !== false) await dataSource.runMigrations({ transaction: 'each' })
  return dataSource
}
