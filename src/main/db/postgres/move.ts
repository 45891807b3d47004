import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm'

/**
 * `tables` ordered so that every table comes after the tables its foreign keys point at (read
 * from the server's catalog, so a new migration's keys need no list kept by hand).
 */
export async function foreignKeyOrder(m: EntityManager, tables: string[]): Promise<string[]> {
  const edges = (await m.query(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid <> c.confrelid`,
  )) as Array<{ child: string; parent: string }>
  const parents = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const { child, parent } of edges)
    if (parents.has(child) && parents.has(parent)) parents.get(child)!.add(parent)
  const ordered: string[] = []
  const placed = new Set<string>()
  const place = (table: string, path: Set<string>) => {
    if (placed.has(table)) return
    if (path.has(table)) throw new Error(`foreign keys form a cycle through ${table}`)
    path.add(table)
    for (const parent of parents.get(table)!) place(parent, path)
    placed.add(table)
    ordered.push(table)
  }
  for (const table of tables) place(table, new Set())
  return ordered
}

/** The identity of `table` hands out ids after `lastId` (the copied rows keep theirs). */
export async function moveIdentityPast(m: EntityManager, table: string, lastId: number): Promise<void> {
  await m.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2, true)`, [table, lastId])
}

/**
 * Inserts entity rows with their ids: TypeORM's insert leaves identity columns to the server on
 * PostgreSQL, and a move must keep every id the other rows point at.
 */
export async function insertWithIds(
  m: EntityManager,
  meta: EntityMetadata,
  rows: ObjectLiteral[],
): Promise<void> {
  const columns = meta.columns
  const names = columns.map((c) => `"${c.databaseName}"`).join(', ')
  const params: unknown[] = []
  const tuples = rows.map((row) => {
    const marks = columns.map((c) => {
      params.push(m.connection.driver.preparePersistentValue(c.getEntityValue(row), c))
      return `$${params.length}`
    })
    return `(${marks.join(', ')})`
  })
  await m.query(`INSERT INTO "${meta.tableName}" (${names}) VALUES ${tuples.join(', ')}`, params)
}
