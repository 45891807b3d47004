import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { Logger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { freshDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'

let server: FileServer

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterAll(async () => {
  await server?.release()
})

describe('a seat on a server store', () => {
  it('without client tools as new as the server, leaves the daily backup to the server: no failed backup reported, no error logged, no file', async () => {
    const database = await freshDatabase(server.target)
    const dir = mkdtempSync(join(tmpdir(), 'spd-seat-'))
    const errors: string[] = []
    const logger: Logger = { info: () => {}, error: (message) => errors.push(message) }
    const core = await createAppCore({ file: join(dir, 'store.sqlite'), url: database.url, logger })
    try {
      await core.backups.automatic(new Date('2026-11-23T01:00:00Z'))
      const overview = await core.router.dispatch('backups:overview', {}, systemSession())
      expect(overview).toMatchObject({ ok: true, data: { lastAutomatic: null, backups: [] } })
      expect(errors).toEqual([])
      const folder = join(dir, 'backups')
      expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([])
    } finally {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
      await database.drop()
    }
  })
})
