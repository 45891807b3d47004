import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { Session, systemSession } from '@main/core/session'
import { storeEngine } from '@main/db/data-source'
import { databaseMsg, seatMsg } from '@shared/database/messages'
import type { RouteInput, RouteName } from '@shared/contract'
import { freshDatabase } from '../helpers/postgres-databases'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'
import { fieldsOf } from './server-fields'

let server: FileServer
const databases: TestDatabase[] = []
const cores: AppCore[] = []
const dirs: string[] = []

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  for (const db of databases.splice(0)) await db.drop()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

afterAll(async () => {
  await server?.release()
})

async function database(): Promise<TestDatabase> {
  const db = await freshDatabase(server.target)
  databases.push(db)
  return db
}

/** A seat on its own file (whatever engine the run is on), as `npm start` opens it. */
async function seatOn(file: string): Promise<AppCore> {
  const core = await createAppCore({ file, logger: silentLogger })
  cores.push(core)
  return core
}

const session = systemSession()
async function ok<N extends RouteName>(core: AppCore, name: N, input: RouteInput<N>) {
  const result = await core.router.dispatch(name, input, session)
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`)
  return result.data as never
}

const unitNames = async (core: AppCore) =>
  ((await ok(core, 'units:list', {})) as { items: Array<{ name: string }> }).items.map((u) => u.name)

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spd-seat-'))
  dirs.push(dir)
  return join(dir, 'so-phong-dich.sqlite')
}

describe('switching this seat between its file and the server', () => {
  it('connects to the server, keeps the choice (password apart) for the next start, and switches back', async () => {
    const file = tempFile()
    const db = await database()
    const core = await seatOn(file)
    await ok(core, 'units:create', { code: 'MAY', name: 'Đơn vị trên máy', kindCode: 'department' })
    const signedIn = core.sessions.get('window:1')
    signedIn.signIn(session.user!, Date.now())

    const status = await ok(core, 'database:connect', fieldsOf(db.url))
    expect(status).toMatchObject({
      engine: 'postgres',
      choice: 'server',
      passwordKept: true,
      overriddenBy: null,
    })
    expect(storeEngine(core.dataSource)).toBe('postgres')
    expect(await unitNames(core)).toEqual([])
    // Accounts belong to the store: whoever was signed in signs in again on the server's.
    expect(signedIn.user).toBeNull()

    // The choice is beside the data, private, and without the password.
    const config = join(file, '..', 'database.json')
    const password = fieldsOf(db.url).password
    expect(readFileSync(config, 'utf8')).not.toContain(password)
    expect(statSync(config).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(file, '..', 'database-password.local'), 'utf8')).toBe(password)

    await ok(core, 'units:create', { code: 'CHU', name: 'Đơn vị trên máy chủ', kindCode: 'department' })
    await core.close()
    cores.pop()
    const restarted = await seatOn(file)
    expect(storeEngine(restarted.dataSource)).toBe('postgres')
    expect(await unitNames(restarted)).toEqual(['Đơn vị trên máy chủ'])

    expect(await ok(restarted, 'database:useLocal', {})).toMatchObject({ engine: 'sqlite', choice: 'local' })
    expect(await unitNames(restarted)).toEqual(['Đơn vị trên máy'])
    await restarted.close()
    cores.pop()
    const again = await seatOn(file)
    expect(storeEngine(again.dataSource)).toBe('sqlite')
    // The server's fields stay filled in for next time.
    expect(await ok(again, 'database:status', {})).toMatchObject({
      choice: 'local',
      server: { host: '127.0.0.1', database: fieldsOf(db.url).database },
    })
  })

  it('uses the kept password when the field is left empty for the same server', async () => {
    const file = tempFile()
    const db = await database()
    const core = await seatOn(file)
    await ok(core, 'database:connect', fieldsOf(db.url))
    await ok(core, 'database:useLocal', {})
    const status = await ok(core, 'database:connect', fieldsOf(db.url, { password: '' }))
    expect(status).toMatchObject({ engine: 'postgres' })
  })

  it('stays on its file, with nothing saved, when the server refuses the password', async () => {
    const file = tempFile()
    const db = await database()
    const core = await seatOn(file)
    const result = await core.router.dispatch(
      'database:connect',
      fieldsOf(db.url, { password: 'sai' }),
      session,
    )
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ fieldErrors: { password: databaseMsg.wrongPassword } }),
    })
    expect(storeEngine(core.dataSource)).toBe('sqlite')
    expect(await ok(core, 'database:status', {})).toMatchObject({
      choice: 'local',
      server: null,
      passwordKept: false,
    })
  })

  it('shows that SPD_DATABASE_URL decides, and refuses to switch meanwhile', async () => {
    const file = tempFile()
    const db = await database()
    const core = await seatOn(file)
    process.env.SPD_DATABASE_URL = db.url
    try {
      const status = (await ok(core, 'database:status', {})) as { overriddenBy: string }
      expect(status.overriddenBy).toBe(`127.0.0.1:${new URL(db.url).port}${new URL(db.url).pathname}`)
      expect(status.overriddenBy).not.toContain(fieldsOf(db.url).password)
      const refused = await core.router.dispatch('database:connect', fieldsOf(db.url), session)
      expect(refused).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'conflict', message: seatMsg.overridden }),
      })
    } finally {
      delete process.env.SPD_DATABASE_URL
    }
  })

  it('is for administrators only, enforced in main', async () => {
    const core = await seatOn(tempFile())
    const office = new Session()
    office.signIn({ ...session.user!, roles: ['office'] }, Date.now())
    for (const name of ['database:status', 'database:useLocal', 'database:moveProgress'] as const) {
      const result = await core.router.dispatch(name, {}, office)
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden' }) })
    }
  })
})
