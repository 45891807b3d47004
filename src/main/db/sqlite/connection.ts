import type Database from 'better-sqlite3'
import type { DataSource, EntityManager } from 'typeorm'

/** better-sqlite3's handle under TypeORM's driver: pragmas and the online backup are not part of TypeORM. */
export function rawDatabase(source: DataSource | EntityManager): Database.Database {
  const dataSource = 'connection' in source ? source.connection : source
  return (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection
}
