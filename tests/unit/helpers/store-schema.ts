import type { DataSource } from 'typeorm'
import { rawDatabase } from '@main/db/sqlite/connection'
import { postgresShape } from './postgres-shape'
import type { SchemaShape } from './schema-shape'
import { sqliteShape } from './sqlite-shape'

/** The open store's schema by introspection, in the engine-neutral shape, whichever engine runs. */
export async function storeSchema(dataSource: DataSource): Promise<SchemaShape> {
  return dataSource.options.type === 'postgres'
    ? postgresShape(dataSource)
    : sqliteShape(rawDatabase(dataSource))
}
