import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { connectionEnv, dumpDatabase, dumpMigrations, findPgTools } from '@main/db/postgres/dump'
import { POSTGRES_MIGRATION_NAMES } from '@main/db/postgres/migrations'
import { openDatabase } from '@main/db/data-source'
import type { RouteInput, RouteName, RouteOutput } from '@shared/contract'
import { backupMsg } from '@shared/backups/schemas'
import { PNG_1PX, INSPECTION_SAMPLE } from '../helpers/route-samples'
import { createDatabase, startToolsServer } from '../helpers/postgres-tools-server'
import type { ToolsServer } from '../helpers/postgres-tools-server'
import { freshDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import { seatConfigOf } from '@main/app-core'
import { fieldsOf } from '../database/server-fields'

/** Backups of a server store with pg_dump, on a server of the tools' own version. */

let server: ToolsServer
let databases = 0
const cleanups: Array<() => Promise<void> | void> = []
const session = systemSession()

beforeAll(async () => {
  server = await startToolsServer()
}, 120_000)

afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean()
})

afterAll(async () => {
  await server?.stop()
})

interface Seat {
  core: AppCore
  dir: string
  backups: string
  call<N extends RouteName>(name: N, input: RouteInput<N>): ReturnType<AppCore['router']['dispatch']>
  ok<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>>
}

/** A seat on `url`: given as SPD_DATABASE_URL is, or saved from the Dữ liệu screen's fields (`fields`). */
async function seat(url: string, keep = 3, fields = false): Promise<Seat> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-dump-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'test.sqlite')
  if (fields) {
    const { password, ...choice } = fieldsOf(url)
    seatConfigOf({ file, logger: silentLogger }).saveServer(choice, password)
  }
  const core = await createAppCore({ file, url: fields ? undefined : url, logger: silentLogger })
  cleanups.push(() => core.close())
  const call = ((name: RouteName, input: unknown) =>
    core.router.dispatch(name, input, session)) as Seat['call']
  const ok = (async (name: RouteName, input: unknown) => {
    const result = await core.router.dispatch(name, input, session)
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.data
  }) as Seat['ok']
  const backups = join(dir, 'backups')
  await ok('backups:updateSettings', { folder: backups, keep, daily: false })
  return { core, dir, backups, call, ok }
}

/** The route's answer when it refuses, with `message` next to `field`. */
const refusedAt = (field: string, message: string) => ({
  ok: false,
  error: expect.objectContaining({ code: 'validation', fieldErrors: { [field]: message } }),
})

async function onToolsServer(keep?: number, fields = false): Promise<Seat> {
  return seat(await createDatabase(server, `spd_dump_${++databases}`), keep, fields)
}

/** The migrations after the photos moved into the database, 0015 included: undone for an older dump. */
const LATER = POSTGRES_MIGRATION_NAMES.slice(
  POSTGRES_MIGRATION_NAMES.indexOf('PostgresAttachmentContents1795000000015'),
)

const unitCodes = async (s: Seat) => (await s.ok('units:list', {})).items.map((u) => u.code).sort()

/** The client tools are found through SPD_PG_TOOLS, as an office would name its folder. */
function withTools(folder: string | undefined) {
  const before = process.env.SPD_PG_TOOLS
  process.env.SPD_PG_TOOLS = folder
  cleanups.push(() => {
    if (before === undefined) delete process.env.SPD_PG_TOOLS
    else process.env.SPD_PG_TOOLS = before
  })
}

describe('backups of a server store with pg_dump', () => {
  it('dumps into the backups folder, keeps the newest N, and a restore brings the rows and photos back', async () => {
    withTools(server.tools)
    const s = await onToolsServer(2)
    const overview = await s.ok('backups:overview', {})
    expect(overview.server).toEqual({
      tools: 'found',
      toolsVersion: expect.any(Number),
      serverVersion: expect.any(Number),
    })

    await s.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
    const draft = await s.ok('inspections:create', INSPECTION_SAMPLE as RouteInput<'inspections:create'>)
    const photo = await s.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    const first = await s.ok('backups:create', {})
    expect(first.name).toMatch(/^so-phong-dich-\d{8}-\d{6}(-\d+)?\.dump$/)
    expect(readFileSync(first.file).subarray(0, 5).toString('latin1')).toBe('PGDMP')
    const second = await s.ok('backups:create', {})
    const third = await s.ok('backups:create', {})
    // keep = 2: the oldest went.
    expect((await s.ok('backups:overview', {})).backups.map((b) => b.name)).toEqual([third.name, second.name])
    expect(readdirSync(s.backups).sort()).toEqual([second.name, third.name].sort())

    await s.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'agency' })
    await s.ok('inspections:removePhoto', { id: photo.id })
    expect(await unitCodes(s)).toEqual(['SO', 'VP'])

    // Every seat's data is replaced: refused until the administrator confirms.
    expect(await s.call('backups:restore', { file: third.name })).toEqual(
      refusedAt('confirmServer', backupMsg.serverConfirm),
    )
    expect(await unitCodes(s)).toEqual(['SO', 'VP'])

    const restored = await s.ok('backups:restore', { file: third.name, confirmServer: true })
    expect(await unitCodes(s)).toEqual(['SO'])
    expect(await s.ok('inspections:photo', { id: photo.id })).toMatchObject({ base64: PNG_1PX })
    // The server's data before the restore was dumped aside first.
    expect(restored.asideFile).toMatch(
      /before-restore[\\/]so-phong-dich\.before-restore-\d{8}-\d{6}(-\d+)?\.dump$/,
    )
    expect(readFileSync(restored.asideFile).subarray(0, 5).toString('latin1')).toBe('PGDMP')
    // The audit trail is whole again after the restore, and the seat goes on writing.
    await s.ok('units:create', { code: 'TTR', name: 'Thanh tra Sở', kindCode: 'department' })
    expect(await unitCodes(s)).toEqual(['SO', 'TTR'])
  })

  it('refuses a damaged dump, or one of a newer app, before anything is touched', async () => {
    withTools(server.tools)
    const s = await onToolsServer()
    await s.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
    const good = await s.ok('backups:create', {})
    const bytes = readFileSync(good.file)
    const cut = join(s.backups, 'so-phong-dich-20211115-083000.dump')
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const junk = join(s.backups, 'so-phong-dich-20211115-083001.dump')
    writeFileSync(junk, 'PGDMP but not really a dump')
    // A dump whose migrations this app does not know (made by a newer version).
    await s.core.dataSource.query(
      `INSERT INTO migrations (timestamp, name) VALUES (1795000000999, 'PostgresFuture1795000000999')`,
    )
    const newer = await s.ok('backups:create', {})
    await s.core.dataSource.query(`DELETE FROM migrations WHERE name = 'PostgresFuture1795000000999'`)
    await s.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'agency' })

    for (const [file, message] of [
      [cut, backupMsg.serverDumpDamaged],
      [junk, backupMsg.serverDumpDamaged],
      [newer.file, backupMsg.serverDumpNewer],
    ] as const)
      expect(await s.call('backups:restore', { file, confirmServer: true }), file).toEqual(
        refusedAt('file', message),
      )
    expect(await unitCodes(s)).toEqual(['SO', 'VP'])
    expect(existsSync(join(s.dir, 'before-restore'))).toBe(false)
  })

  it('restores a backup older than the server’s later migrations: their objects go, and the seat opens again', async () => {
    withTools(server.tools)
    const s = await onToolsServer()
    await s.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
    const draft = await s.ok('inspections:create', INSPECTION_SAMPLE as RouteInput<'inspections:create'>)
    await s.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    // A dump an app before the photos moved into the database (0015) would have made.
    const oldUrl = await createDatabase(server, `spd_dump_${++databases}`)
    const old = await seat(oldUrl)
    await old.ok('units:create', { code: 'CU', name: 'Đơn vị của bản sao lưu cũ', kindCode: 'agency' })
    await old.core.close()
    const before = await openDatabase({ file: '', url: oldUrl })
    for (const _ of LATER) await before.undoLastMigration()
    expect(await before.query(`SELECT to_regclass('attachment_contents') AS t`)).toEqual([{ t: null }])
    await before.destroy()
    const name = 'so-phong-dich-20211115-083000.dump'
    mkdirSync(s.backups, { recursive: true })
    await dumpDatabase(oldUrl, { folder: server.tools, major: 0 }, join(s.backups, name))

    await s.ok('backups:restore', { file: name, confirmServer: true })
    expect(await unitCodes(s)).toEqual(['CU'])
    const ds = s.core.dataSource
    expect(await ds.query(`SELECT name FROM migrations ORDER BY id`)).toEqual(
      POSTGRES_MIGRATION_NAMES.map((n) => ({ name: n })),
    )
    // The photo of the data replaced does not linger in the re-created table.
    expect(await ds.query(`SELECT count(*)::int AS n FROM attachment_contents`)).toEqual([{ n: 0 }])
    await s.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'agency' })
    expect(await unitCodes(s)).toEqual(['CU', 'VP'])
    expect(await s.ok('audit:verify', {})).toMatchObject({ ok: true })
  })

  it('a dump that breaks half-way through its data leaves the server as it was', async () => {
    withTools(server.tools)
    const s = await onToolsServer()
    await s.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
    const good = await s.ok('backups:create', {})
    await s.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'agency' })
    // Its contents and its migrations still read: the break is in the last tables' data.
    const bytes = readFileSync(good.file)
    const broken = join(s.backups, 'so-phong-dich-20211115-083000.dump')
    writeFileSync(broken, bytes.subarray(0, bytes.length - 64))
    const tools = { folder: server.tools, major: 0 }
    expect(await dumpMigrations(tools, broken)).toEqual(POSTGRES_MIGRATION_NAMES)

    expect(await s.call('backups:restore', { file: broken, confirmServer: true })).toEqual(
      refusedAt('file', backupMsg.serverRestoreFailed),
    )
    expect(await unitCodes(s)).toEqual(['SO', 'VP'])
    expect(await s.core.dataSource.query(`SELECT to_regclass('attachment_contents') AS t`)).toEqual([
      { t: 'attachment_contents' },
    ])
    expect(await s.ok('audit:verify', {})).toMatchObject({ ok: true })
  })

  it('a pg_restore gone by the time the restore starts is a refusal next to the file, never a crash', async () => {
    withTools(server.tools)
    const s = await onToolsServer()
    await s.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
    const made = await s.ok('backups:create', {})
    await s.ok('units:create', { code: 'VP', name: 'Văn phòng Sở', kindCode: 'agency' })
    // The tools' folder as an antivirus might leave it: pg_restore removes itself after its
    // third table of contents (the file's check, the aside dump's, then the restore's own).
    const tools = mkdtempSync(join(tmpdir(), 'spd-tools-'))
    cleanups.push(() => rmSync(tools, { recursive: true, force: true }))
    for (const name of readdirSync(server.tools))
      if (name !== 'pg_restore') symlinkSync(join(server.tools, name), join(tools, name))
    const wrapper = join(tools, 'pg_restore')
    writeFileSync(
      wrapper,
      `#!/bin/sh\n"${join(server.tools, 'pg_restore')}" "$@"\ncode=$?\n` +
        `case "$*" in *--list*) echo >> "$0.lists"; [ "$(wc -l < "$0.lists")" -ge 3 ] && rm -- "$0";; esac\nexit $code\n`,
    )
    chmodSync(wrapper, 0o755)
    withTools(tools)

    expect(await s.call('backups:restore', { file: made.file, confirmServer: true })).toEqual(
      refusedAt('file', backupMsg.serverRestoreFailed),
    )
    expect(existsSync(wrapper)).toBe(false)
    expect(await unitCodes(s)).toEqual(['SO', 'VP'])
    expect(await s.ok('audit:verify', {})).toMatchObject({ ok: true })
  })

  it('refuses a dump of a database whose text is not in UTF8, and changes nothing', async () => {
    withTools(server.tools)
    const s = await onToolsServer()
    await s.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
    // Made from a database created in WIN1258 (a Windows server's default could be): the dump's
    // text is in that encoding, and sent as it is it would reach the server mis-decoded.
    const url = await createDatabase(server, `spd_dump_${++databases}`, 'WIN1258')
    const other = new pg.Client({ connectionString: url })
    await other.connect()
    try {
      await other.query(
        `CREATE TABLE migrations (id serial PRIMARY KEY, timestamp bigint NOT NULL, name text NOT NULL)`,
      )
      for (const name of POSTGRES_MIGRATION_NAMES)
        await other.query(`INSERT INTO migrations (timestamp, name) VALUES ($1, $2)`, [
          /\d+$/.exec(name)![0],
          name,
        ])
      await other.query(`CREATE TABLE units (code text, name text)`)
      // WIN1258 spells few of the letters of Vietnamese as one character: these it has.
      await other.query(`INSERT INTO units VALUES ('CU', 'Tư pháp')`)
    } finally {
      await other.end()
    }
    const name = 'so-phong-dich-20211115-083000.dump'
    mkdirSync(s.backups, { recursive: true })
    await dumpDatabase(url, { folder: server.tools, major: 0 }, join(s.backups, name))

    expect(await s.call('backups:restore', { file: name, confirmServer: true })).toEqual(
      refusedAt('file', backupMsg.serverDumpEncoding),
    )
    expect(await unitCodes(s)).toEqual(['SO'])
    expect(await s.ok('audit:verify', {})).toMatchObject({ ok: true })
  })

  it('two backups started together (the daily one and "Sao lưu ngay") both land, under two names', async () => {
    withTools(server.tools)
    const s = await onToolsServer()
    await s.ok('backups:updateSettings', { folder: s.backups, keep: 3, daily: true })
    const [, made] = await Promise.all([s.core.backups.automatic(new Date()), s.ok('backups:create', {})])
    expect(s.core.backups.lastAutomatic).toMatchObject({ ok: true })
    const names = readdirSync(s.backups).sort()
    expect(names).toHaveLength(2)
    expect(names).toContain(made.name)
  })

  it('backs up a seat connected through the Dữ liệu screen (fields, no URL), and restores it', async () => {
    withTools(server.tools)
    const s = await onToolsServer(3, true)
    expect((s.core.dataSource.options as { url?: string }).url).toBeUndefined()
    await s.ok('units:create', { code: 'TRUONG', name: 'Đơn vị qua màn hình Dữ liệu', kindCode: 'agency' })
    const made = await s.ok('backups:create', {})
    expect(readdirSync(s.backups)).toEqual([made.name])
    await s.ok('units:create', { code: 'SAU', name: 'Đơn vị sau bản sao lưu', kindCode: 'agency' })
    await s.ok('backups:restore', { file: made.name, confirmServer: true })
    expect(await unitCodes(s)).toContain('TRUONG')
    expect(await unitCodes(s)).not.toContain('SAU')
  })

  it('never puts the password on a command line: the tools get it in their environment', () => {
    const env = connectionEnv(
      'postgres://so%40phong:p%40ss%20word@db.so-tu-phap.local:6543/spd?sslmode=require',
    )
    expect(env).toEqual({
      PGHOST: 'db.so-tu-phap.local',
      PGPORT: '6543',
      PGUSER: 'so@phong',
      PGPASSWORD: 'p@ss word',
      PGDATABASE: 'spd',
      PGSSLMODE: 'require',
    })
  })
})

describe('what a seat without suitable client tools says', () => {
  it('finds no tools on a PATH without them, and names tools older than the server', async () => {
    expect(await findPgTools(15, { configured: null, path: tmpdir(), roots: [] })).toEqual({
      state: 'missing',
    })
    const found = await findPgTools(1, { configured: server.tools, path: '', roots: [] })
    expect(found).toMatchObject({ state: 'found', tools: { folder: server.tools } })
    const major = found.state === 'found' ? found.tools.major : 0
    expect(await findPgTools(major + 1, { configured: server.tools, path: '', roots: [] })).toEqual({
      state: 'too_old',
      major,
    })
  })

  it('the Backups card of a seat on a server newer than its tools says backups are the server’s job', async () => {
    const shared = await postgresForFile()
    cleanups.push(() => shared.release())
    const database = await freshDatabase(shared.target)
    cleanups.push(() => database.drop())
    withTools(server.tools)
    const s = await seat(database.url)
    const overview = await s.ok('backups:overview', {})
    expect(overview.server).toMatchObject({ tools: 'too_old' })
    expect(overview.server!.serverVersion).toBeGreaterThan(overview.server!.toolsVersion!)
    expect(await s.call('backups:create', {})).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', message: backupMsg.serverNoTools }),
    })
    expect(existsSync(s.backups)).toBe(false)
  })
})
