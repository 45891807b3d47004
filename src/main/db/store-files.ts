import type { DataSource } from 'typeorm'
import { engineOf } from './engine'
import { checkpointFile, inspectFile, isDamagedFileError, readTable } from './sqlite/files'

export { StoreFileError } from './store-file-error'

/**
 * A store as files: backups, a copy set aside by a restore, the live file while it is closed.
 * Backups call these plain functions and the engine's methods below; only the SQLite engine
 * keeps its store in one file, so the file functions are its own.
 */

/** Electron opens SQLite through its own build of better-sqlite3; tests and the preview use the default. */
export interface StoreFileOptions {
  nativeBinding?: string
}

/** What a store file is, read without changing it. */
export type StoreFileState =
  | { ok: true; migrations: string[] }
  | { ok: false; reason: 'unreadable' | 'not_store' | 'corrupt' | 'foreign' }

/** Per table, the rows of a damaged store newer than a good one, and how many of those were put back. */
export interface SalvageCount {
  table: string
  readable: number
  unreadable: number
  saved: number
  notSaved: number
}

/** The engine's answer for a file that is not (or no longer) a store: it cannot be opened. */
export const isDamagedStoreError = (error: unknown): boolean => isDamagedFileError(error)

/** Opens `file` read-only and checks it whole; `applicationId` tells our stores from others. */
export const inspectStoreFile = (
  file: string,
  applicationId: number,
  options: StoreFileOptions = {},
): StoreFileState => inspectFile(file, applicationId, options)

/** Folds a WAL a crash left beside the closed `file` into it; StoreFileError 'in_use' when held. */
export const checkpointStoreFile = (file: string, options: StoreFileOptions = {}): void =>
  checkpointFile(file, options)

/** `columns` of every row of `table` in a store file: [] when the table is not there, null when unreadable. */
export const readStoreTable = (
  file: string,
  table: string,
  columns: string[],
  options: StoreFileOptions = {},
): Array<Record<string, unknown>> | null => readTable(file, table, columns, options)

/**
 * A consistent, self-contained, checked copy of the open store at `file` (a new name). Throws
 * StoreFileError: 'write' (the folder), 'busy' (writes left no gap), 'check' (the copy is bad).
 */
export const backupStoreTo = (dataSource: DataSource, file: string): Promise<void> =>
  engineOf(dataSource).backupTo(dataSource, file)

/** The quick structural check of the open store, at start and after a restore. */
export const storeIsSound = (dataSource: DataSource): boolean =>
  engineOf(dataSource).checkIntegrity(dataSource)

/** What the open (damaged) store holds that the good backup `backupFile` lacks, table by table. */
export const salvagePreview = (dataSource: DataSource, backupFile: string): SalvageCount[] =>
  engineOf(dataSource).salvagePreview(dataSource, backupFile)

/** Puts into the open (restored) store the rows of `damagedFile` newer than its own. */
export const salvageInto = (dataSource: DataSource, damagedFile: string): SalvageCount[] =>
  engineOf(dataSource).salvageInto(dataSource, damagedFile)
