import type { DataSource } from 'typeorm'

/**
 * Every row of every table, in key order, read through the entities, so it holds on both
 * engines: two equal fingerprints mean no write happened in between. The search indexes (FTS
 * tables, GIN) are covered through their content tables.
 */
export async function databaseFingerprint(dataSource: DataSource): Promise<Record<string, unknown[]>> {
  const tables = [...dataSource.entityMetadatas].sort((a, b) => a.tableName.localeCompare(b.tableName))
  const out: Record<string, unknown[]> = {}
  for (const table of tables) {
    const qb = dataSource.createQueryBuilder().select('t').from(table.target, 't')
    for (const key of table.primaryColumns) qb.addOrderBy(`t.${key.propertyPath}`, 'ASC')
    out[table.tableName] = await qb.getMany()
  }
  return out
}
