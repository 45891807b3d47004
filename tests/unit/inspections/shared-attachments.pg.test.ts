import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import { openDatabase } from '@main/db/data-source'
import { copyAttachmentFilesInto } from '@main/inspections/attachment-store'
import type { RouteInput, RouteName, RouteOutput } from '@shared/contract'
import { freshDatabase } from '../helpers/postgres-databases'
import type { TestDatabase } from '../helpers/postgres-databases'
import { postgresForFile } from '../helpers/postgres-file'
import type { FileServer } from '../helpers/postgres-file'
import { inspectPdf } from '../helpers/pdf'
import { failAuditOf } from '../helpers/attachments'
import { INSPECTION_SAMPLE, PNG_1PX } from '../helpers/route-samples'

/** Several seats on one server, each with its own data folder: attachments are rows every seat reads. */

let server: FileServer
const cleanups: Array<() => Promise<void> | void> = []

beforeAll(async () => {
  server = await postgresForFile()
}, 120_000)

afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean()
})

afterAll(async () => {
  await server?.release()
})

const session = systemSession()

interface Seat {
  core: AppCore
  dir: string
  ok<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>>
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spd-seat-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A seat: an app core with its own data folder, on `url` (or its own SQLite file). */
async function seat(url?: string): Promise<Seat> {
  const dir = tempDir()
  const core = await createAppCore({ file: join(dir, 'test.sqlite'), url, logger: silentLogger })
  cleanups.push(() => core.close())
  const ok = (async (name: RouteName, input: unknown) => {
    const result = await core.router.dispatch(name, input, session)
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.data
  }) as Seat['ok']
  return { core, dir, ok }
}

async function database(): Promise<TestDatabase> {
  const db = await freshDatabase(server.target)
  cleanups.push(() => db.drop())
  return db
}

/** Two seats on one fresh server database. */
async function twoSeats(): Promise<[Seat, Seat]> {
  const { url } = await database()
  return [await seat(url), await seat(url)]
}

async function draftOn(a: Seat) {
  await a.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
  return a.ok('inspections:create', INSPECTION_SAMPLE as RouteInput<'inspections:create'>)
}

const contents = (s: Seat) =>
  s.core.dataSource.query(`SELECT file, content FROM attachment_contents ORDER BY file`) as Promise<
    Array<{ file: string; content: Buffer }>
  >

/** How many images a PDF embeds (a PNG's alpha channel, listed as `smask`, not counted). */
function imageCount(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'spd-pdfimages-'))
  try {
    writeFileSync(join(dir, 'doc.pdf'), pdf)
    const list = execFileSync('pdfimages', ['-list', join(dir, 'doc.pdf')], { encoding: 'utf8' })
    return list
      .split('\n')
      .slice(2)
      .filter((line) => line.trim().split(/\s+/)[2] === 'image').length
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('attachments on a server store', () => {
  it('a photo added on seat A opens and prints in the minutes on seat B, whose data folder has no file', async () => {
    const [a, b] = await twoSeats()
    const draft = await draftOn(a)
    const photo = await a.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      caption: 'Tủ thuốc tại phòng tiếp dân',
      fileName: 'tu-thuoc.png',
      base64: PNG_1PX,
    })
    expect(existsSync(join(a.dir, 'attachments'))).toBe(false)
    expect(existsSync(join(b.dir, 'attachments'))).toBe(false)

    expect(await b.ok('inspections:photo', { id: photo.id })).toMatchObject({
      mimeType: 'image/png',
      base64: PNG_1PX,
    })
    const pdf = Buffer.from((await b.ok('inspections:minutesPdf', { id: draft.id })).base64, 'base64')
    const text = inspectPdf(pdf).plain.replace(/\s+/g, ' ')
    expect(text).toContain('Ảnh 1. Tủ thuốc tại phòng tiếp dân')
    expect(text).not.toContain('Không tìm thấy tệp ảnh')
    expect(imageCount(pdf)).toBe(1)
    // The Word copy embeds the picture too (its name in the zip's directory).
    const docx = await b.ok('inspections:minutesDocx', { id: draft.id })
    expect(Buffer.from(docx.base64, 'base64').toString('latin1')).toMatch(/word\/media\//)
  })

  it('removing the photo on seat B removes its row: seat A no longer opens it', async () => {
    const [a, b] = await twoSeats()
    const draft = await draftOn(a)
    const photo = await a.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'a.png',
      base64: PNG_1PX,
    })
    expect(await contents(a)).toEqual([
      {
        file: expect.stringMatching(/^attachments\/\d+\/[0-9a-f-]+\.png$/),
        content: Buffer.from(PNG_1PX, 'base64'),
      },
    ])
    await b.ok('inspections:removePhoto', { id: photo.id })
    expect(await contents(a)).toEqual([])
    const shown = await a.core.router.dispatch('inspections:photo', { id: photo.id }, session)
    expect(shown).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found' }) })
  })

  it('a signed scan whose transaction fails leaves no row; one that commits opens on the other seat', async () => {
    const [a, b] = await twoSeats()
    const draft = await draftOn(a)
    await a.ok('inspections:update', {
      ...(draft as unknown as RouteInput<'inspections:update'>),
      items: draft.items.map((x) => ({ id: x.id, result: 'pass' as const, note: null, severity: null })),
    })
    await a.ok('inspections:finalise', { id: draft.id })
    const pdf = Buffer.from('%PDF-1.4\n% ky\n%%EOF\n').toString('base64')
    const scan = { inspectionId: draft.id, fileName: 'bien-ban.pdf', base64: pdf }
    await failAuditOf({ dataSource: a.core.dataSource, dir: a.dir }, 'inspections:addSignedScan')
    const failed = await a.core.router.dispatch('inspections:addSignedScan', scan, session)
    expect(failed).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal' }) })
    expect(await contents(a)).toEqual([])
    expect(await a.core.dataSource.query(`SELECT id FROM inspection_documents`)).toEqual([])

    await a.core.dataSource.query(`DROP TRIGGER test_fail_audit ON audit_log`)
    const added = await a.ok('inspections:addSignedScan', scan)
    expect(await b.ok('inspections:signedScan', { id: added.id })).toEqual({
      fileName: 'bien-ban.pdf',
      mimeType: 'application/pdf',
      base64: pdf,
    })
  })

  it('a violation removed from a draft takes the bytes of its photos; deleting the draft takes the rest', async () => {
    const [a] = await twoSeats()
    const draft = await draftOn(a)
    const withViolation = await a.ok('inspections:update', {
      ...(draft as unknown as RouteInput<'inspections:update'>),
      violations: [{ offenderKind: 'unit', offender: 'Văn phòng Sở', description: 'Không có tủ thuốc' }],
    })
    const violationId = withViolation.violations[0]!.id
    await a.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      violationId,
      fileName: 'v.png',
      base64: PNG_1PX,
    })
    const other = Buffer.from(PNG_1PX, 'base64')
    other.writeUInt8(other.readUInt8(other.length - 13) ^ 1, other.length - 13)
    await a.ok('inspections:addPhoto', {
      inspectionId: draft.id,
      itemId: draft.items[0]!.id,
      fileName: 'i.png',
      base64: other.toString('base64'),
    })
    expect(await contents(a)).toHaveLength(2)
    await a.ok('inspections:update', {
      ...(withViolation as unknown as RouteInput<'inspections:update'>),
      violations: [],
    })
    expect((await contents(a)).map((c) => c.content)).toEqual([other])
    await a.ok('inspections:delete', { id: draft.id })
    expect(await contents(a)).toEqual([])
  })
})

describe('copyAttachmentFilesInto, for the move of a SQLite store to a server', () => {
  it('inserts the files of a SQLite data folder as rows, takes a pending one, and names those found nowhere', async () => {
    const lite = await seat()
    const draft = await draftOn(lite)
    const other = Buffer.from(PNG_1PX, 'base64')
    other.writeUInt8(other.readUInt8(other.length - 13) ^ 1, other.length - 13)
    for (const [n, bytes] of [Buffer.from(PNG_1PX, 'base64'), other].entries())
      await lite.ok('inspections:addPhoto', {
        inspectionId: draft.id,
        itemId: draft.items[n]!.id,
        fileName: `${n}.png`,
        base64: bytes.toString('base64'),
      })
    const files = (
      (await lite.core.dataSource.query(`SELECT file FROM inspection_photos ORDER BY id`)) as Array<{
        file: string
      }>
    ).map((r) => r.file)
    // A crash between a commit and the rename left the second one under its pending name.
    const second = join(lite.dir, files[1]!)
    const pendingName = join(lite.dir, files[1]!.replace(/([^/]+)$/, '.$1.tmp'))
    renameSync(second, pendingName)
    const gone = `attachments/${draft.id}/00000000-0000-0000-0000-000000000000.png`

    const target = await openDatabase({ file: '', url: (await database()).url })
    cleanups.push(() => target.destroy())
    const done = await target.transaction((m) => copyAttachmentFilesInto(m, lite.dir, [...files, gone]))
    expect(done).toEqual({ copied: 2, missing: [gone] })
    expect(await target.query(`SELECT file, content FROM attachment_contents ORDER BY file`)).toEqual(
      [
        { file: files[0], content: readFileSync(join(lite.dir, files[0]!)) },
        { file: files[1], content: other },
      ].sort((x, y) => (x.file! < y.file! ? -1 : 1)),
    )
    await expect(
      target.transaction((m) => copyAttachmentFilesInto(m, lite.dir, ['attachments/../../etc/passwd'])),
    ).rejects.toThrow(/outside/)
  })
})
