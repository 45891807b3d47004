import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import type { DataSource } from 'typeorm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { openDatabase, storeEngine } from '@main/db/data-source'
import { MIGRATION_NAMES } from '@main/db/migrations'
import { TableHasher, moveStore } from '@main/db/move/move-store'
import type { MoveStep } from '@main/db/move/move-store'
import { verifyAuditChain } from '@main/audit/chain'
import { seatMsg } from '@shared/database/messages'
import type { RouteInput, RouteName } from '@shared/contract'
import { freshDatabase } from '../helpers/postgres-databases'
import { runAs } from '../helpers/postgres-server'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'
import { ERA_FILLS } from '../db/era-rows'
import { fieldsOf } from './server-fields'
import { INSPECTION_SAMPLE, PNG_1PX } from '../helpers/route-samples'

let server: FileServer
const databases: TestDatabase[] = []
const opened: Array<AppCore | DataSource> = []
const dirs: string[] = []

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterEach(async () => {
  for (const o of opened.splice(0).reverse())
    if ('router' in o) await o.close()
    else if (o.isInitialized) await o.destroy()
  for (const db of databases.splice(0)) await db.drop()
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

afterAll(async () => {
  await server?.release()
})

/** A database on the server: never set up (`empty`), or migrated by this app. */
async function database(empty: boolean): Promise<TestDatabase> {
  const db = await freshDatabase(server.target, empty)
  databases.push(db)
  return db
}

const session = systemSession()
async function ok<N extends RouteName>(core: AppCore, name: N, input: RouteInput<N>) {
  const result = await core.router.dispatch(name, input, session)
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`)
  return result.data as never
}

const raw = (ds: DataSource) =>
  (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection

/**
 * An existing office's file: every table filled as the releases that created them wrote it
 * (era fills, as the upgrade tests do), then more through the routes on this release.
 */
async function officeFile(): Promise<{ file: string; core: AppCore }> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-move-'))
  dirs.push(dir)
  const file = join(dir, 'so-phong-dich.sqlite')
  const ds = await openDatabase({ file })
  const [last, ...earlier] = MIGRATION_NAMES.map((name) => Number(name.slice(-2))).reverse()
  await ds.undoLastMigration({ transaction: 'each' })
  for (const era of earlier.reverse()) ERA_FILLS[era]?.(raw(ds))
  await ds.runMigrations({ transaction: 'each' })
  ERA_FILLS[last!]?.(raw(ds))
  await ds.destroy()
  const core = await createAppCore({ file, logger: silentLogger })
  opened.push(core)
  const unit = (await ok(core, 'units:create', {
    code: 'PTP',
    name: 'Phòng Tư pháp huyện',
    kindCode: 'department',
  })) as { id: number }
  await ok(core, 'visits:checkIn', {
    visitor: { fullName: 'Lê Thị Cúc', idType: 'cccd', idNumber: '093195001234' },
    hostUnitId: unit.id,
    health: { temperature: 36.6, symptoms: [], contactWithCase: false, fromCaseArea: false },
  })
  return { file, core }
}

/** Every row of every table, read through its entity in primary-key order. */
async function everyRow(ds: DataSource): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const meta of ds.entityMetadatas) {
    const order = Object.fromEntries(meta.primaryColumns.map((c) => [c.propertyPath, 'ASC' as const]))
    out[meta.tableName] = await ds.getRepository(meta.target).find({ order })
  }
  return out
}

async function track(ds: Promise<DataSource>): Promise<DataSource> {
  const d = await ds
  opened.push(d)
  return d
}

describe('Chuyển dữ liệu lên máy chủ', () => {
  it('copies every table, keeps ids and the audit chain, switches the seat and leaves the file as it was', async () => {
    const { file, core } = await officeFile()
    const before = await everyRow(core.dataSource)
    // On a file the attachments' bytes are files, never rows (the photos test below moves them).
    expect(
      Object.entries(before)
        .filter(([, rows]) => rows.length === 0)
        .map(([t]) => t),
    ).toEqual(['attachment_contents'])
    const total = Object.values(before).reduce((n, rows) => n + rows.length, 0)
    const db = await database(true)

    const progress = await ok(core, 'database:move', fieldsOf(db.url))
    expect(progress).toMatchObject({ state: 'done', done: total, total })
    expect(await ok(core, 'database:moveProgress', {})).toEqual(progress)
    expect(storeEngine(core.dataSource)).toBe('postgres')
    expect(await ok(core, 'database:status', {})).toMatchObject({ engine: 'postgres', choice: 'server' })

    const after = await everyRow(core.dataSource)
    // The era fills name photo files that were never written: nothing to move for them.
    const { audit_log: trail, attachment_contents: moved, ...tables } = after
    const { audit_log: trailBefore, attachment_contents: _none, ...tablesBefore } = before
    expect(tables).toEqual(tablesBefore)
    expect(moved).toEqual([])
    expect((progress as { message: string }).message).toMatch(
      /ảnh hoặc bản quét không có trong thư mục dữ liệu/,
    )
    // The move itself is the server trail's next line, chained to the copied ones.
    expect(trail!.slice(0, trailBefore!.length)).toEqual(trailBefore)
    expect(trail).toHaveLength(trailBefore!.length + 1)
    expect(await verifyAuditChain(core.dataSource.manager, new Date())).toMatchObject({
      ok: true,
      lines: trail!.length,
    })
    // New rows on the server get ids after the copied ones.
    const unit = (await ok(core, 'units:create', {
      code: 'MOI',
      name: 'Đơn vị mới',
      kindCode: 'department',
    })) as {
      id: number
    }
    expect(unit.id).toBeGreaterThan(Math.max(...(before.units as Array<{ id: number }>).map((u) => u.id)))

    const fileAfter = await track(openDatabase({ file, url: undefined }))
    expect(await everyRow(fileAfter)).toEqual(before)
  })

  it('refuses a server database that already holds an office, and writes nothing there', async () => {
    const { core } = await officeFile()
    const db = await database(false)
    const other = await track(openDatabase({ file: '', url: db.url }))
    await other.query(
      `INSERT INTO users (username, display_name, password_hash, roles, created_at, updated_at)
       VALUES ('khac', 'Cơ quan khác', 'x', 'admin', 'x', 'x')`,
    )
    const result = await core.router.dispatch('database:move', fieldsOf(db.url), session)
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', message: seatMsg.targetNotEmpty }),
    })
    expect(storeEngine(core.dataSource)).toBe('sqlite')
    expect(await other.query(`SELECT username FROM users`)).toEqual([{ username: 'khac' }])
    expect(await other.query(`SELECT count(*)::int AS n FROM units`)).toEqual([{ n: 0 }])
  })

  it('refuses when a table differs after the copy, rolls the server back and leaves the seat on its file', async () => {
    const { core } = await officeFile()
    const db = await database(false)
    // A server that changes what it is given (a trigger someone left there).
    await runAs(
      db.url,
      `CREATE FUNCTION spd_alter() RETURNS trigger AS $$ BEGIN NEW.name := NEW.name || '.'; RETURN NEW; END $$ LANGUAGE plpgsql;
       CREATE TRIGGER units_altered BEFORE INSERT ON units FOR EACH ROW EXECUTE FUNCTION spd_alter();`,
    )
    const result = await core.router.dispatch('database:move', fieldsOf(db.url), session)
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'conflict', message: seatMsg.mismatch('units') }),
    })
    expect(await ok(core, 'database:moveProgress', {})).toMatchObject({
      state: 'failed',
      message: seatMsg.mismatch('units'),
    })
    expect(storeEngine(core.dataSource)).toBe('sqlite')
    expect(await ok(core, 'database:status', {})).toMatchObject({ choice: 'local', engine: 'sqlite' })
    const server = await track(openDatabase({ file: '', url: db.url }))
    expect(await server.query(`SELECT count(*)::int AS n FROM units`)).toEqual([{ n: 0 }])
    expect(await server.query(`SELECT count(*)::int AS n FROM audit_log`)).toEqual([{ n: 0 }])
  })

  it('hands the attachments step exactly the stored file paths, inside the copy, and reports progress to the end', async () => {
    const { core } = await officeFile()
    const photos = (await core.dataSource.query(`SELECT file FROM inspection_photos ORDER BY id`)) as Array<{
      file: string
    }>
    const documents = (await core.dataSource.query(
      `SELECT file FROM inspection_documents ORDER BY id`,
    )) as Array<{
      file: string
    }>
    const target = await track(openDatabase({ file: '', url: (await database(true)).url }))
    const seen: { files: string[]; photoRows: unknown } = { files: [], photoRows: null }
    const steps: MoveStep[] = []
    await moveStore({
      source: core.dataSource,
      target,
      onProgress: (step) => steps.push(step),
      attachments: async (m, files) => {
        seen.files = files
        seen.photoRows = await m.query(`SELECT file FROM inspection_photos ORDER BY id`)
        return new TableHasher().result('attachment_contents')
      },
    })
    expect(seen.files).toEqual([...photos, ...documents].map((r) => r.file))
    expect(seen.files.length).toBeGreaterThan(0)
    // The hook runs in the copy's transaction: it sees the copied rows.
    expect(seen.photoRows).toEqual(photos)
    const dones = steps.map((s) => s.done)
    expect(dones).toEqual([...dones].sort((a, b) => a - b))
    expect(steps.at(-1)).toMatchObject({ done: steps[0]!.total })
  })

  it('moves the photos and signed scans as rows every seat reads, and refuses when a copied one differs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spd-move-'))
    dirs.push(dir)
    const core = await createAppCore({ file: join(dir, 'so-phong-dich.sqlite'), logger: silentLogger })
    opened.push(core)
    await ok(core, 'units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
    const draft = (await ok(core, 'inspections:create', INSPECTION_SAMPLE as never)) as {
      id: number
      items: Array<{ id: number }>
    }
    const photo = (await ok(core, 'inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'tu-thuoc.png',
      base64: PNG_1PX,
    })) as { id: number }
    const [{ file }] = (await core.dataSource.query(`SELECT file FROM inspection_photos`)) as [
      { file: string },
    ]
    expect(existsSync(join(dir, file))).toBe(true)

    // A server trigger that alters the bytes on their way in: the check must see it.
    const bad = await database(false)
    await runAs(
      bad.url,
      `CREATE FUNCTION spoil() RETURNS trigger AS $$ BEGIN NEW.content := NEW.content || '\\x00'::bytea; RETURN NEW; END $$ LANGUAGE plpgsql;
       CREATE TRIGGER spoil BEFORE INSERT ON attachment_contents FOR EACH ROW EXECUTE FUNCTION spoil();`,
    )
    const refused = await core.router.dispatch('database:move', fieldsOf(bad.url), session)
    expect(refused).toMatchObject({ ok: false, error: { message: seatMsg.mismatch('attachment_contents') } })
    expect(storeEngine(core.dataSource)).toBe('sqlite')

    const db = await database(true)
    const progress = (await ok(core, 'database:move', fieldsOf(db.url))) as { message: string }
    expect(progress.message).not.toMatch(/không có trong thư mục/)
    expect(storeEngine(core.dataSource)).toBe('postgres')
    expect(await core.dataSource.query(`SELECT file, content FROM attachment_contents`)).toEqual([
      { file, content: readFileSync(join(dir, file)) },
    ])
    // Another seat, with a data folder of its own, opens the moved photo.
    const other = mkdtempSync(join(tmpdir(), 'spd-seat-'))
    dirs.push(other)
    const seatB = await createAppCore({ file: join(other, 'x.sqlite'), url: db.url, logger: silentLogger })
    opened.push(seatB)
    expect(await ok(seatB, 'inspections:photo', { id: photo.id })).toMatchObject({ base64: PNG_1PX })
  })
})
