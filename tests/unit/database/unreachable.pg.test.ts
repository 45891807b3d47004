import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore, seatConfigOf } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { valid } from '../helpers/route-samples'
import { startSeat } from '@main/seat'
import type { Seat } from '@main/seat'
import { databaseMsg } from '@shared/database/messages'
import { freshDatabase } from '../helpers/postgres-databases'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'
import { fieldsOf } from './server-fields'
import { relayTo } from './tcp-proxy'
import type { Relay } from './tcp-proxy'

let server: FileServer
const cleanup: Array<() => Promise<void>> = []
const session = systemSession()

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn()
})

afterAll(async () => {
  await server?.release()
})

/** A seat whose saved choice is the office's server, reached through a relay the test can cut. */
async function seatBehindRelay(): Promise<{ relay: Relay; file: string; db: TestDatabase }> {
  const db = await freshDatabase(server.target)
  cleanup.push(() => db.drop())
  const relay = await relayTo(Number(new URL(db.url).port))
  cleanup.push(() => relay.close())
  const dir = mkdtempSync(join(tmpdir(), 'spd-unreachable-'))
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'so-phong-dich.sqlite')
  const { password, ...choice } = fieldsOf(db.url, { port: relay.port })
  seatConfigOf({ file, logger: silentLogger }).saveServer(choice, password)
  return { relay, file, db }
}

async function start(file: string): Promise<Seat> {
  const seat = await startSeat(() => createAppCore({ file, logger: silentLogger }), silentLogger)
  cleanup.push(() => seat.close())
  return seat
}

describe('a seat on the server that cannot reach it', () => {
  it('starts without a store, answers every route with the reason, never opens the local file, and Thử lại gets in', async () => {
    const { relay, file } = await seatBehindRelay()
    await relay.cut()
    const seat = await start(file)
    expect(seat.core()).toBeNull()
    for (const name of ['auth:status', 'units:list', 'database:status']) {
      expect(await seat.router.dispatch(name, {}, session)).toEqual({
        ok: false,
        error: { code: 'unreachable', message: databaseMsg.unreachable, fieldErrors: {} },
      })
    }
    expect(existsSync(file)).toBe(false)
    expect(await seat.router.dispatch('database:retry', {}, session)).toMatchObject({ ok: false })
    expect(seat.core()).toBeNull()

    await relay.restore()
    expect(await seat.router.dispatch('database:retry', {}, session)).toEqual({ ok: true, data: true })
    expect(await seat.router.dispatch('auth:status', {}, seat.session('preview'))).toMatchObject({ ok: true })
    expect(existsSync(file)).toBe(false)
  })

  it('answers `unreachable` when it loses the server while running, and recovers on Thử lại', async () => {
    const { relay, file } = await seatBehindRelay()
    const seat = await start(file)
    expect(await seat.router.dispatch('units:list', {}, session)).toMatchObject({ ok: true })
    // A signed-in window: its account is checked against the server before every call.
    const window = seat.session('preview')
    const { username, password } = valid['auth:setup'] as { username: string; password: string }
    await seat.router.dispatch('auth:setup', valid['auth:setup'], window)
    expect(await seat.router.dispatch('auth:login', { username, password }, window)).toMatchObject({
      ok: true,
    })
    await relay.cut()
    for (const caller of [session, window]) {
      const lost = await seat.router.dispatch('units:list', {}, caller)
      expect(lost).toEqual({
        ok: false,
        error: { code: 'unreachable', message: databaseMsg.serverLost, fieldErrors: {} },
      })
    }
    expect(await seat.router.dispatch('database:retry', {}, session)).toMatchObject({
      ok: false,
      error: { code: 'unreachable' },
    })
    await relay.restore()
    expect(await seat.router.dispatch('database:retry', {}, session)).toEqual({ ok: true, data: true })
    expect(await seat.router.dispatch('units:list', {}, session)).toMatchObject({ ok: true })
    expect(existsSync(file)).toBe(false)
  })
})
