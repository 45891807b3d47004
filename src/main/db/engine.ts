import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm'
import type { SalvageCount } from './store-files'
import { sqliteEngine } from './sqlite/engine'
import { postgresEngine } from './postgres/engine'

/** How a search narrows a query; see whereSearch() in ./search. */
export interface SearchOptions {
  /** Prefix of the parameter names, so one query can search twice. */
  prefix?: string
  /** The column that must be a matching row's id, when another table's key is filtered (`v.visitor_id`). */
  idColumn?: string
  /** A large table read newest first with a LIMIT: let the index drive, so the scan stops early. */
  drive?: boolean
}

/**
 * What differs between the store's engines. Services never see it: they call the functions of
 * `src/main/db/` (whereSearch, changedRows...), which look the engine up from their manager.
 */
export interface Engine {
  /** Adds the search of `query` over `table`'s search_key to `qb`; false when the query has no word. */
  whereSearch<T extends ObjectLiteral>(
    qb: SelectQueryBuilder<T>,
    table: string,
    alias: string,
    query: string,
    options: SearchOptions,
  ): boolean
  /** Daily upkeep of a search index after many row-by-row writes. */
  optimizeSearchIndex(m: EntityManager, table: string): Promise<void>
  /**
   * Until the transaction ends, the lock that serialises one rule's check-then-write across
   * seats (the last administrator): a rule spanning rows that no constraint can hold.
   */
  lockRule(m: EntityManager, rule: string): Promise<void>
  /** Rows inserted, updated or deleted on this connection so far (triggers included). */
  changedRows(m: EntityManager): Promise<number>
  /** The highest id `table` ever handed out, rows since deleted included; null before the first. */
  lastIssuedId(m: EntityManager, table: string): Promise<number | null>
  /** Once the store is open and migrated: the engine's own upkeep of it. */
  prepareStore(dataSource: DataSource): void
  /** After a retention purge has committed: erased values leave no bytes in the files. */
  reclaimErasedSpace(dataSource: DataSource): void
  /** A consistent, self-contained, checked copy of the open store at `file`; throws StoreFileError. */
  backupTo(dataSource: DataSource, file: string): Promise<void>
  /** The quick structural check of the open store. */
  checkIntegrity(dataSource: DataSource): boolean
  /** What the open (damaged) store holds beyond the good backup `backupFile`, table by table. */
  salvagePreview(dataSource: DataSource, backupFile: string): SalvageCount[]
  /** Puts into the open (restored) store the rows of `damagedFile` newer than its own. */
  salvageInto(dataSource: DataSource, damagedFile: string): SalvageCount[]
}

export function engineOf(source: EntityManager | DataSource): Engine {
  const type = 'connection' in source ? source.connection.options.type : source.options.type
  if (type === 'better-sqlite3') return sqliteEngine
  if (type === 'postgres') return postgresEngine
  throw new Error(`unsupported database engine: ${type}`)
}

/** Serialises `rule`'s check-then-write with every other seat's until the transaction ends. */
export const lockRule = (m: EntityManager, rule: string): Promise<void> => engineOf(m).lockRule(m, rule)

/** Rows changed on this connection so far: the read-only guard compares it around a write. */
export const changedRows = (m: EntityManager): Promise<number> => engineOf(m).changedRows(m)

/** The highest id `table` ever handed out: the audit chain notices lines cut from its end. */
export const lastIssuedId = (m: EntityManager, table: string): Promise<number | null> =>
  engineOf(m).lastIssuedId(m, table)
