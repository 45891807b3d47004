import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { accountMsg } from '@shared/accounts/schemas'
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

const PASSWORD = 'mat-khau-dai-8'

describe('the first run on an office server', () => {
  it('creates one administrator when two seats submit the first-run form at the same instant', async () => {
    const database = await freshDatabase(server.target)
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'spd-seat-')))
    const seats: AppCore[] = []
    try {
      for (const dir of dirs)
        seats.push(
          await createAppCore({ file: join(dir, 'store.sqlite'), url: database.url, logger: silentLogger }),
        )
      const answers = await Promise.all(
        seats.map((seat, i) =>
          seat.router.dispatch(
            'auth:setup',
            { username: `quantri${i}`, displayName: `Quản trị ${i}`, password: PASSWORD, confirm: PASSWORD },
            systemSession(),
          ),
        ),
      )
      expect(answers.filter((a) => a.ok)).toHaveLength(1)
      expect(answers.find((a) => !a.ok)).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: accountMsg.setupDone },
      })
      const status = await seats[1]!.router.dispatch('auth:status', {}, systemSession())
      expect(status).toMatchObject({ ok: true, data: { needsSetup: false } })
    } finally {
      for (const seat of seats) await seat.close()
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
      await database.drop()
    }
  })
})
