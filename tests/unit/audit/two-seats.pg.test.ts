import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { writeAuditEntries } from '@main/audit/service'
import { GENESIS_HASH, chainedContent, lineHash } from '@main/audit/chain'
import { AuditLineEntity } from '@main/audit/entities'
import { AUDIT_QUEUE } from '@main/db/postgres/audit-tail'
import { freshDatabase } from '../helpers/postgres-databases'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import { runAs } from '../helpers/postgres-server'
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
async function twoSeats(databaseDefaults = ''): Promise<[AppCore, AppCore]> {
  const database: TestDatabase = await freshDatabase(server.target)
  cleanups.push(() => database.drop())
  if (databaseDefaults)
    await runAs(
      database.url,
      `ALTER DATABASE "${new URL(database.url).pathname.slice(1)}" ${databaseDefaults}`,
    )
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
  it.each([
    { defaults: '', server: 'the server as installed' },
    {
      defaults: "SET default_transaction_isolation = 'repeatable read'",
      server: 'a database whose default isolation is stricter',
    },
  ])(
    'stays one chain when both seats write at the same instant, session routes included ($server)',
    async ({ defaults }) => {
      const [a, b] = await twoSeats(defaults)
      const session = systemSession()
      const writes: Array<Promise<unknown>> = []
      for (let i = 0; i < 25; i++)
        for (const [seat, core] of [
          ['A', a],
          ['B', b],
        ] as const) {
          const input = { code: `${seat}${i}`, name: `Đơn vị ${seat} ${i}`, kindCode: 'department' }
          writes.push(
            core.router.dispatch('units:create', input, session).then((r) => expect(r.ok).toBe(true)),
          )
          // What a session route records (a wrong password) is written outside a write transaction.
          const note = { entity: 'user', entityId: String(i), changes: { note: 'Nhập sai mật khẩu' } }
          writes.push(
            writeAuditEntries(core.dataSource.manager, null, 'auth:login', [note], false, new Date()),
          )
        }
      await Promise.all(writes)

      for (const core of [a, b]) {
        const report = await core.router.dispatch('audit:verify', {}, session)
        expect(report).toMatchObject({ ok: true, data: { ok: true, firstBreak: null } })
        expect((report as { data: { lines: number } }).data.lines).toBeGreaterThanOrEqual(100)
      }
    },
  )
})

describe('the server chains audit lines as each transaction commits', () => {
  const queued = async (core: AppCore) =>
    Number(
      ((await core.dataSource.query(`SELECT count(*) AS n FROM ${AUDIT_QUEUE}`)) as Array<{ n: string }>)[0]!
        .n,
    )
  const trail = (core: AppCore) =>
    core.dataSource.getRepository(AuditLineEntity).find({ order: { id: 'ASC' } })

  it("appends a committed write's lines with the hash the app computes, and leaves the queue empty", async () => {
    const [a] = await twoSeats()
    const session = systemSession()
    const before = await trail(a)
    const created = await a.router.dispatch(
      'units:create',
      { code: 'Q1', name: 'Phòng Hộ tịch', kindCode: 'department' },
      session,
    )
    expect(created.ok).toBe(true)
    const lines = await trail(a)
    expect(lines).toHaveLength(before.length + 1)
    const line = lines.at(-1)!
    const prev = lines.at(-2)
    expect(line).toMatchObject({
      route: 'units:create',
      entity: 'unit',
      prevHash: prev?.hash ?? GENESIS_HASH,
    })
    expect(line.hash).toBe(lineHash(line.prevHash!, chainedContent(line)))
    expect(await queued(a)).toBe(0)
  })

  it('appends nothing for a write that rolls back, and issues no line id for it', async () => {
    const [a] = await twoSeats()
    const before = await trail(a)
    await expect(
      a.dataSource.transaction(async (m) => {
        await writeAuditEntries(
          m,
          null,
          'units:create',
          [{ entity: 'unit', entityId: '1', changes: {} }],
          true,
          new Date(),
        )
        throw new Error('the write fails after its audit line')
      }),
    ).rejects.toThrow('the write fails')
    expect(await trail(a)).toEqual(before)
    expect(await queued(a)).toBe(0)
    // The next line follows the last one without a gap: the lost write took no id.
    await writeAuditEntries(
      a.dataSource.manager,
      null,
      'auth:login',
      [{ entity: null, entityId: null, changes: {} }],
      false,
      new Date(),
    )
    const after = await trail(a)
    expect(after.at(-1)!.id).toBe((before.at(-1)?.id ?? 0) + 1)
    const report = await a.router.dispatch('audit:verify', {}, systemSession())
    expect(report).toMatchObject({ ok: true, data: { ok: true } })
  })
})
