import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { DATABASE_FILE_NAME } from '@main/db/data-source'
import { silentLogger } from '@main/core/logger'
import { startPostgres } from '../tests/unit/helpers/postgres-server'
import type { PostgresServer } from '../tests/unit/helpers/postgres-server'
import { visitCount } from './visits/history'
import { measureVisits } from './visits/measure'
import { postgresStore } from './visits/postgres-store'
import { describeServer } from './postgres'

export const name = 'visits.pg'

/**
 * The visits bench on PostgreSQL: its own embedded server, with the default durability an
 * office server keeps (fsync and synchronous commit on), one seat's app core on it.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-bench-visits-pg-'))
  let server: PostgresServer | undefined
  let core: AppCore | undefined
  let client: pg.Client | undefined
  try {
    server = await startPostgres({ durable: true })
    await server.admin('CREATE DATABASE spd_bench')
    const url = server.urlOf('spd_bench')
    core = await createAppCore({ file: join(dir, DATABASE_FILE_NAME), url, logger: silentLogger })
    client = new pg.Client({ connectionString: url })
    await client.connect()
    console.log(`visits.pg: ${await describeServer(client)}`)
    await measureVisits(
      core,
      postgresStore(client),
      'visits.pg',
      { checkinP95: 10, searchP95: 50, speedup: 10, traceP95: 150 },
      visitCount(),
    )
  } finally {
    await client?.end()
    await core?.close()
    await server?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
