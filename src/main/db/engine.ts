import type {
  DataSource,
  EntityManager,
  InsertQueryBuilder,
  ObjectLiteral,
  SelectQueryBuilder,
} from 'typeorm'
import type { AuditLineRow } from '../audit/entities'
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

/** An audit line to append; `content` is the text its hash covers (audit/chain.ts). */
export type NewAuditLine = Omit<AuditLineRow, 'id' | 'prevHash' | 'hash'> & { content: string }

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
  /** Rows inserted, updated or deleted on this connection so far (triggers included). */
  changedRows(m: EntityManager): Promise<number>
  /** The highest id `table` ever handed out, rows since deleted included; null before the first. */
  lastIssuedId(m: EntityManager, table: string): Promise<number | null>
  /** Holds `key` until the transaction of `m` ends: other writers taking it wait for the commit. */
  lockUntilCommit(m: EntityManager, key: string): Promise<void>
  /**
   * Runs `fn` where no other seat appends to the audit trail until it is done: within `m`'s
   * transaction, or one of its own when `m` has none.
   */
  withAuditTail<T>(m: EntityManager, fn: (m: EntityManager) => Promise<T>): Promise<T>
  /**
   * Appends audit lines that the server chains as the transaction commits, holding the tail
   * for the commit alone; null where the app chains them itself under withAuditTail (one writer).
   */
  appendAuditLines: ((m: EntityManager, lines: NewAuditLine[]) => Promise<void>) | null
  /** A write that lost a race to another writer: the unique constraint it hit (null: no name). */
  lostRace(error: unknown): { constraint: string | null } | null
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
  /**
   * The store is a server several seats share, not a file of this PC: backed up with pg_dump, and
   * attachments' bytes are its rows (`attachment_contents`) rather than files in the data folder.
   */
  server: boolean
}

export function engineOf(source: EntityManager | DataSource): Engine {
  const type = 'connection' in source ? source.connection.options.type : source.options.type
  if (type === 'better-sqlite3') return sqliteEngine
  if (type === 'postgres') return postgresEngine
  throw new Error(`unsupported database engine: ${type}`)
}

/** Rows changed on this connection so far: the read-only guard compares it around a write. */
export const changedRows = (m: EntityManager): Promise<number> => engineOf(m).changedRows(m)

/** Runs an INSERT (an `orIgnore` one, say) and answers how many rows went in: InsertResult drops that count. */
export async function insertedRows(
  m: EntityManager,
  insert: InsertQueryBuilder<ObjectLiteral>,
): Promise<number> {
  if (!m.queryRunner) throw new Error('a counted insert runs inside its transaction')
  const [sql, parameters] = insert.getQueryAndParameters()
  const { affected } = await m.queryRunner.query(sql, parameters, true)
  return affected ?? 0
}

/** The highest id `table` ever handed out: the audit chain notices lines cut from its end. */
export const lastIssuedId = (m: EntityManager, table: string): Promise<number | null> =>
  engineOf(m).lastIssuedId(m, table)

/**
 * Serialises the writers of one rule (`unit-code:<code>`...) across seats: taken before the
 * check a write relies on, so a second seat checks only once the first has committed.
 */
export const lockUntilCommit = (m: EntityManager, key: string): Promise<void> =>
  engineOf(m).lockUntilCommit(m, key)

/** Held while a write chains its lines to the last audit line, and while a check reads the end of the trail. */
export const withAuditTail = <T>(m: EntityManager, fn: (m: EntityManager) => Promise<T>): Promise<T> =>
  engineOf(m).withAuditTail(m, fn)

/** The engine's own append of chained audit lines, if it has one; see Engine. */
export const serverAuditAppend = (
  m: EntityManager,
): ((m: EntityManager, lines: NewAuditLine[]) => Promise<void>) | null => engineOf(m).appendAuditLines

/** Whether attachments' bytes are rows of the store (a server every seat reads), not files of the data folder. */
export const attachmentsInStore = (m: EntityManager): boolean => engineOf(m).server

/** The store is a server several seats share, not this PC's file; see Engine. */
export const isServerStore = (source: EntityManager | DataSource): boolean => engineOf(source).server

/** Whether `error` is a write that lost a race (a unique constraint, a serialisation failure). */
export const lostRace = (source: DataSource, error: unknown): { constraint: string | null } | null =>
  engineOf(source).lostRace(error)
