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
 * A copy of the template: FILE_COPY copies its files at once (with fsync off, its checkpoints
 * cost little), where the default WAL_LOG strategy writes every page of it through the WAL,
 * five times slower for a database this small.
 */
async function copyTemplate(target: PostgresTarget): Promise<string> {
  const name = `spd_test_${process.pid}_${randomBytes(4).toString('hex')}`
  await runAs(target.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE} STRATEGY FILE_COPY`)
  return name
}

/** The next test's copy, made while this one runs (one test file runs its tests one after another). */
let spare: { target: PostgresTarget; name: Promise<string> } | null = null

/**
 * A fresh database for one test, removed by drop(): a copy of the migrated template, or with
 * `empty` one this app has never migrated.
 */
export async function freshDatabase(target: PostgresTarget, empty = false): Promise<TestDatabase> {
  let name: string
  if (empty) {
    name = `spd_test_${process.pid}_${randomBytes(4).toString('hex')}`
    await runAs(target.adminUrl, `CREATE DATABASE ${name}`)
  } else {
    name = await (spare?.target === target ? spare.name : copyTemplate(target))
    spare = { target, name: copyTemplate(target) }
    // A failed copy is reported to the test that takes it.
    spare.name.catch(() => undefined)
  }
  return {
    url: withDatabase(target.adminUrl, name),
    drop: () => runAs(target.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  }
}
