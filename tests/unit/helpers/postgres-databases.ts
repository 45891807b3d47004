import { randomBytes } from 'node:crypto'
import { openDatabase } from '@main/db/data-source'
import { runAs } from './postgres-server'
import type { PostgresServer } from './postgres-server'

/** The migrated database the global setup builds once; each test file's database is a copy. */
export const TEMPLATE_DATABASE = 'spd_template'

/** What the global setup hands the test files (vitest `provide`): the run's server. */
export interface PostgresTarget {
  /** The superuser's URL of the server's `postgres` database. */
  adminUrl: string
}

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

/** Creates the template database on `server` and runs this app's PostgreSQL migrations on it. */
export async function buildTemplate(server: PostgresServer): Promise<PostgresTarget> {
  await server.admin(`CREATE DATABASE ${TEMPLATE_DATABASE}`)
  const migrated = await openDatabase({ file: '', url: server.urlOf(TEMPLATE_DATABASE) })
  await migrated.destroy()
  return { adminUrl: server.urlOf('postgres') }
}

/**
 * A fresh database for one test, removed by drop(): a copy of the migrated template, or with
 * `empty` one this app has never migrated.
 */
export async function freshDatabase(target: PostgresTarget, empty = false): Promise<TestDatabase> {
  const name = `spd_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await runAs(target.adminUrl, `CREATE DATABASE ${name}${empty ? '' : ` TEMPLATE ${TEMPLATE_DATABASE}`}`)
  return {
    url: withDatabase(target.adminUrl, name),
    drop: () => runAs(target.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}
