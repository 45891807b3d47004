import { createHash } from 'node:crypto'
import type { DataSource, EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm'
import { lastIssuedId } from '../engine'
import { holdsOfficeData } from '../postgres/connection'
import { foreignKeyOrder, insertWithIds, moveIdentityPast } from '../postgres/move'

/** Rows read and written at a time: well under PostgreSQL's 65,535 parameters per statement. */
const BATCH = 500

export interface MoveStep {
  table: string
  /** Rows copied so far, all tables together, and how many there are in all. */
  done: number
  total: number
}

export interface TableCheck {
  table: string
  rows: number
  checksum: string
}

/** Why a move stopped; nothing was written to the server (its transaction rolled back). */
export class MoveRefusedError extends Error {
  constructor(
    readonly reason: 'notEmpty' | 'mismatch',
    readonly table: string | null = null,
  ) {
    super(reason === 'notEmpty' ? 'the target holds data' : `table ${table} differs after the copy`)
    this.name = 'MoveRefusedError'
  }
}

export interface MoveOptions {
  /** This PC's store (SQLite), read while nothing writes to it. */
  source: DataSource
  /** The server's database, migrated by this app and holding no office's data. */
  target: DataSource
  onProgress?(step: MoveStep): void
  /**
   * After the tables, in the same transaction: brings the attachment files the rows name
   * (photos, signed scans; paths as stored) into the server's `attachment_contents`, and answers
   * the check of what it read (TableHasher), which the server's rows must then match.
   */
  attachments?(target: EntityManager, files: string[]): Promise<TableCheck>
}

/** On SQLite the attachments' bytes are files, so this table is checked against what the step read. */
const CONTENTS_TABLE = 'attachment_contents'

/** Entities whose rows name a file of the data folder (photos, signed scans), in their `file` column. */
const FILE_ENTITIES = ['inspection_photos', 'inspection_documents']

const orderOf = (meta: EntityMetadata) =>
  Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyPath, 'ASC' as const]))

/** One table's rows in primary-key order, a batch at a time. */
async function* batches(m: EntityManager, meta: EntityMetadata): AsyncGenerator<ObjectLiteral[]> {
  const repo = m.getRepository(meta.target)
  for (let skip = 0; ; skip += BATCH) {
    const rows = await repo.find({ order: orderOf(meta), skip, take: BATCH })
    if (rows.length) yield rows
    if (rows.length < BATCH) return
  }
}

const valueText = (value: unknown): unknown => (Buffer.isBuffer(value) ? value.toString('base64') : value)

/** Row count and a SHA-256 of rows given as their column values in entity order, in key order. */
export class TableHasher {
  private readonly hash = createHash('sha256')
  private rows = 0

  add(values: unknown[]): void {
    this.hash.update(JSON.stringify(values.map(valueText)))
    this.hash.update('\n')
    this.rows++
  }

  result(table: string): TableCheck {
    return { table, rows: this.rows, checksum: this.hash.digest('hex') }
  }
}

/** Every row of a table read back through the entity, on either engine. */
async function checkTable(m: EntityManager, meta: EntityMetadata): Promise<TableCheck> {
  const hasher = new TableHasher()
  for await (const batch of batches(m, meta))
    for (const row of batch) hasher.add(meta.columns.map((c) => c.getEntityValue(row)))
  return hasher.result(meta.tableName)
}

/**
 * Copies every table of `source` into the empty `target` in one transaction, ids kept, then
 * compares row counts and checksums table by table; any difference rolls it all back.
 */
export async function moveStore(options: MoveOptions): Promise<TableCheck[]> {
  const { source, target } = options
  const byTable = new Map(source.entityMetadatas.map((meta) => [meta.tableName, meta]))
  return target.transaction(async (m) => {
    if (await holdsOfficeData((sql) => m.query(sql))) throw new MoveRefusedError('notEmpty')
    const tables = (await foreignKeyOrder(m, [...byTable.keys()])).map((t) => byTable.get(t)!)
    const counts = await Promise.all(tables.map((meta) => source.getRepository(meta.target).count()))
    const total = counts.reduce((a, b) => a + b, 0)
    // The rows the migrations seeded (unit kinds, templates, settings) come from the source as it has them.
    for (const meta of [...tables].reverse())
      await m.getRepository(meta.target).createQueryBuilder().delete().execute()
    let done = 0
    for (const meta of tables) {
      options.onProgress?.({ table: meta.tableName, done, total })
      for await (const rows of batches(source.manager, meta)) {
        await insertWithIds(m, meta, rows)
        done += rows.length
        options.onProgress?.({ table: meta.tableName, done, total })
      }
      const generated = meta.primaryColumns.find((c) => c.isGenerated)
      if (generated) {
        const { max } = (await source
          .getRepository(meta.target)
          .createQueryBuilder('r')
          .select(`MAX(r.${generated.propertyPath})`, 'max')
          .getRawOne()) as { max: number | null }
        const issued = Math.max(max ?? 0, (await lastIssuedId(source.manager, meta.tableName)) ?? 0)
        if (issued > 0) await moveIdentityPast(m, meta.tableName, issued)
      }
    }
    const read = options.attachments && (await options.attachments(m, await storedFiles(source)))
    const checks: TableCheck[] = []
    for (const meta of tables) {
      const from = read && meta.tableName === CONTENTS_TABLE ? read : await checkTable(source.manager, meta)
      const to = await checkTable(m, meta)
      if (from.rows !== to.rows || from.checksum !== to.checksum)
        throw new MoveRefusedError('mismatch', meta.tableName)
      checks.push(to)
    }
    return checks
  })
}

/** Every attachment path the rows name, as stored (relative to the data folder). */
async function storedFiles(source: DataSource): Promise<string[]> {
  const files: string[] = []
  for (const meta of source.entityMetadatas.filter((e) => FILE_ENTITIES.includes(e.tableName))) {
    const rows = await source.getRepository<{ file: string }>(meta.target).find({ order: orderOf(meta) })
    files.push(...rows.map((r) => r.file))
  }
  return files
}
