import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { writeAuditEntries } from '@main/audit/service'
import { freshDatabase } from '../helpers/postgres-databases'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'

let server: FileServer
const cleanups: Array<() => Promise<void>> = []

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

afterAll(async () => {
  await server?.release()
})

/** Two seats, each its own app core and data folder, on one fresh server database. */
async function twoSeats(): Promise<[AppCore, AppCore]> {
  const database: TestDatabase = await freshDatabase(server.target)
  cleanups.push(() => database.drop())
  const seat = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spd-seat-'))
    const core = await createAppCore({
      file: join(dir, 'store.sqlite'),
      url: database.url,
      logger: silentLogger,
    })
    cleanups.push(async () => {
      await core.close()
      rmSync(dir, { recursive: true, force: true })
    })
    return core
  }
  return [await seat(), await seat()]
}

describe('the audit chain with two seats on one server', () => {
  it('stays one chain when both seats write at the same instant, session routes included', async () => {
    const [a, b] = await twoSeats()
    const session = systemSession()
    const writes: Array<Promise<unknown>> = []
    for (let i = 0; i < 25; i++)
      for (const [seat, core] of [
        ['A', a],
        ['B', b],
      ] as const) {
        const input = { code: `${seat}${i}`, name: `Đơn vị ${seat} ${i}`, kindCode: 'department' }
        writes.push(core.router.dispatch('units:create', input, session).then((r) => expect(r.ok).toBe(true)))
        // What a session route records (a wrong password) is written outside a write transaction.
        const note = { entity: 'user', entityId: String(i), changes: { note: 'Nhập sai mật khẩu' } }
        writes.push(writeAuditEntries(core.dataSource.manager, null, 'auth:login', [note], false, new Date()))
      }
    await Promise.all(writes)

    for (const core of [a, b]) {
      const report = await core.router.dispatch('audit:verify', {}, session)
      expect(report).toMatchObject({ ok: true, data: { ok: true, firstBreak: null } })
      expect((report as { data: { lines: number } }).data.lines).toBeGreaterThanOrEqual(100)
    }
  })
})
