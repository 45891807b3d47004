import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { rawDatabase } from '@main/db/sqlite/connection'
import { DATABASE_FILE_NAME } from '@main/db/data-source'
import { silentLogger } from '@main/core/logger'
import { visitCount } from './visits/history'
import { measureVisits } from './visits/measure'
import { sqliteStore } from './visits/sqlite-store'

export const name = 'visits'

/** The reception desk on this PC's SQLite file; `visits.pg` runs the same on PostgreSQL. */
export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-bench-visits-'))
  const file = join(dir, DATABASE_FILE_NAME)
  let core: AppCore | undefined
  try {
    core = await createAppCore({ file, logger: silentLogger })
    const store = sqliteStore(rawDatabase(core.dataSource), file)
    await measureVisits(
      core,
      store,
      'visits',
      { checkinP95: 5, searchP95: 30, speedup: 10, traceP95: 100, daylistMs: 1_000 },
      visitCount(),
    )
  } finally {
    await core?.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
