import { DataSource } from 'typeorm'
import type { EntityManager } from 'typeorm'
import { entities } from '@main/db/entities'

/**
 * A store file opened read-only through TypeORM, without the app's pragmas or migrations (a
 * crashed or tampered copy), for services that read through a manager; closed afterwards.
 */
export async function readStoreFile<T>(file: string, read: (m: EntityManager) => Promise<T>): Promise<T> {
  const ds = new DataSource({ type: 'better-sqlite3', database: file, readonly: true, entities })
  await ds.initialize()
  try {
    return await read(ds.manager)
  } finally {
    await ds.destroy()
  }
}
