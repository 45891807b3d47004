import { dirname, resolve } from 'node:path'
import { DataSource } from 'typeorm'
import { entities } from './entities'
import { migrations } from './migrations'
import { privateFile, privateFolder } from '../core/paths'
import { engineOf } from './engine'
import { prepareConnection } from './sqlite/pragmas'
import { openPostgres } from './postgres/data-source'
import type { ServerConnection } from './postgres/connection'

export const DATABASE_FILE_NAME = 'so-phong-dich.sqlite'

export interface OpenDatabaseOptions {
  /** Absolute path of the SQLite file; created with its folder when missing. */
  file: string
  /**
   * `postgres://…` of the office's server; `SPD_DATABASE_URL` when not given. Without either, the
   * SQLite file is the store.
   */
  url?: string
  /** The server saved on the Dữ liệu screen; the URL (or SPD_DATABASE_URL) wins over it. */
  server?: ServerConnection
  /** Path to a better_sqlite3.node built for the running ABI (Electron); Node uses the default. */
  nativeBinding?: string
  /** Tests of a single migration open without running them. */
  runMigrations?: boolean
}

/** The one place that creates the DataSource: the connection's settings first, then pending migrations. */
const dataFolders = new WeakMap<DataSource, string>()

/**
 * The PC's data folder beside the store (attachments, backups): the SQLite file's folder, or the
 * folder the app would keep that file in when the store is a server.
 */
export function dataFolderOf(dataSource: DataSource): string {
  return dataFolders.get(dataSource) ?? dirname(resolve(String(dataSource.options.database)))
}

/** Which engine holds the store: the Dữ liệu screen says so (services never ask). */
export const storeEngine = (dataSource: DataSource): 'sqlite' | 'postgres' =>
  dataSource.options.type === 'postgres' ? 'postgres' : 'sqlite'

/** One round trip: a server lost since the last call fails it (the router answers `unreachable`). */
export async function pingStore(dataSource: DataSource): Promise<void> {
  await dataSource.query('SELECT 1')
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DataSource> {
  const target = options.url ?? process.env.SPD_DATABASE_URL ?? options.server
  if (target) {
    const server = await openPostgres(target, options.runMigrations !== false)
    dataFolders.set(server, dirname(resolve(options.file)))
    return server
  }
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
    prepareDatabase: prepareConnection,
  })
  await dataSource.initialize()
  for (const suffix of ['', '-wal', '-shm']) privateFile(options.file + suffix)
  if (options.runMigrations !== false) await dataSource.runMigrations({ transaction: 'each' })
  engineOf(dataSource).prepareStore(dataSource)
  return dataSource
}

/**
 * After a retention purge has committed: free pages go back to the file system and the WAL,
 * which still holds the pages as they were before the purge, is folded in and emptied.
 */
export function reclaimErasedSpace(dataSource: DataSource): void {
  engineOf(dataSource).reclaimErasedSpace(dataSource)
}
