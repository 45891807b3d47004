import { randomBytes } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createAppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { DamagedStoreError } from '@main/backups/service'
import type { RouteInput } from '@shared/contract'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { INSPECTION_SAMPLE } from '../helpers/route-samples'

interface Photo {
  id: number
  /** Relative, as in `inspection_photos.file`. */
  file: string
  bytes: Buffer
}

/** A JPEG by its first bytes, different every time. */
function jpeg(size: number): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)])
}

async function draft(app: TempApp): Promise<{ id: number; itemIds: number[] }> {
  const units = await app.ok('units:list', {})
  if (units.total === 0) await app.ok('units:create', { code: 'SO', name: 'Sở Tư pháp', kindCode: 'agency' })
  const created = await app.ok('inspections:create', INSPECTION_SAMPLE as RouteInput<'inspections:create'>)
  return { id: created.id, itemIds: created.items.map((i) => i.id) }
}

async function addPhoto(app: TempApp, inspection: { id: number; itemIds: number[] }, n = 0): Promise<Photo> {
  const bytes = jpeg(3000 + n * 517)
  const { id } = await app.ok('inspections:addPhoto', {
    inspectionId: inspection.id,
    itemId: inspection.itemIds[n % inspection.itemIds.length]!,
    fileName: `anh-${n}.jpg`,
    base64: bytes.toString('base64'),
  })
  const [row] = (await app.dataSource.query(`SELECT file FROM inspection_photos WHERE id = ?`, [
    id,
  ])) as Array<{
    file: string
  }>
  return { id, file: row!.file, bytes }
}

/** Relative paths of the photo files under `root`'s attachments/, temporary files left out. */
function photoFiles(root: string): string[] {
  const base = join(root, 'attachments')
  if (!existsSync(base)) return []
  return readdirSync(base)
    .flatMap((folder) => readdirSync(join(base, folder)).map((name) => `attachments/${folder}/${name}`))
    .filter((f) => !f.split('/').pop()!.startsWith('.'))
    .sort()
}

const at = (iso: string) => new Date(iso)

describe('backups carry the inspection photos', () => {
  it('mirrors them beside the backup, and a restore brings them back byte for byte', async () => {
    const app = await tempApp()
    const inspection = await draft(app)
    const photos = [
      await addPhoto(app, inspection, 0),
      await addPhoto(app, inspection, 1),
      await addPhoto(app, inspection, 2),
    ]
    const folder = join(app.dir, 'usb', 'SaoLuu')
    await app.ok('backups:updateSettings', { folder, keep: 14, daily: true })
    const backup = await app.ok('backups:create', {})

    expect(photoFiles(folder)).toEqual(photos.map((p) => p.file).sort())
    for (const p of photos) expect(readFileSync(join(folder, p.file)).equals(p.bytes)).toBe(true)

    // Lost after the backup: one photo deleted by hand, one removed in the app; one added.
    rmSync(join(app.dir, photos[0]!.file))
    await app.ok('inspections:removePhoto', { id: photos[1]!.id })
    const later = await addPhoto(app, inspection, 3)

    const restored = await app.ok('backups:restore', { file: backup.name })
    expect(restored).toMatchObject({ photosCopied: 2, photosMissing: 0, photosMessage: null })
    for (const p of photos) {
      expect(readFileSync(join(app.dir, p.file)).equals(p.bytes)).toBe(true)
      const shown = await app.ok('inspections:photo', { id: p.id })
      expect(Buffer.from(shown.base64, 'base64').equals(p.bytes)).toBe(true)
    }
    // A restore deletes no live file: the photo of the data kept aside is still there.
    expect(readFileSync(join(app.dir, later.file)).equals(later.bytes)).toBe(true)
    const trail = await app.ok('audit:list', { q: 'backups:restore' })
    expect(trail.items[0]?.changes).toEqual({ note: expect.stringContaining('chép lại 2 ảnh kiểm tra') })

    // On another PC, from the USB drive: every photo comes back.
    const other = await tempApp()
    const elsewhere = await other.ok('backups:restore', { file: backup.file })
    expect(elsewhere).toMatchObject({ photosCopied: 3, photosMissing: 0 })
    expect(photoFiles(other.dir)).toEqual(photos.map((p) => p.file).sort())
    for (const p of photos) expect(readFileSync(join(other.dir, p.file)).equals(p.bytes)).toBe(true)
  })

  it('copies only the photos the mirror does not have yet', async () => {
    const app = await tempApp()
    const inspection = await draft(app)
    const first = await addPhoto(app, inspection, 0)
    await app.backups.create(at('2026-11-20T01:00:00Z'))
    const mirrored = join(app.dir, 'backups', first.file)
    const before = statSync(mirrored)

    const second = await addPhoto(app, inspection, 1)
    await app.backups.create(at('2026-11-21T01:00:00Z'))
    // Copying again would go through a new temporary file and a rename: a new inode.
    const after = statSync(mirrored)
    expect(after.ino).toBe(before.ino)
    expect(after.mtimeMs).toBe(before.mtimeMs)
    expect(readFileSync(join(app.dir, 'backups', second.file)).equals(second.bytes)).toBe(true)
    expect(photoFiles(join(app.dir, 'backups'))).toEqual([first.file, second.file].sort())
  })

  it('keeps a mirrored photo while a kept backup references it, and only then removes it', async () => {
    const app = await tempApp()
    await app.ok('backups:updateSettings', { folder: null, keep: 2, daily: true })
    const mirror = join(app.dir, 'backups')
    const inspection = await draft(app)
    const a = await addPhoto(app, inspection, 0)
    await app.backups.create(at('2026-11-20T01:00:00Z')) // A
    const b = await addPhoto(app, inspection, 1)
    await app.backups.create(at('2026-11-21T01:00:00Z')) // A, B
    await app.ok('inspections:removePhoto', { id: a.id })
    await app.backups.create(at('2026-11-22T01:00:00Z')) // B: the first backup is pruned
    expect((await app.backups.overview()).backups).toHaveLength(2)
    // The backup of the 21st still references A.
    expect(photoFiles(mirror)).toEqual([a.file, b.file].sort())

    const c = await addPhoto(app, inspection, 2)
    await app.backups.create(at('2026-11-23T01:00:00Z')) // B, C: the one of the 21st is pruned
    expect(photoFiles(mirror)).toEqual([b.file, c.file].sort())
    expect(readFileSync(join(mirror, b.file)).equals(b.bytes)).toBe(true)
  })

  it('removes nothing from the mirror when a kept backup cannot be read', async () => {
    const app = await tempApp()
    await app.ok('backups:updateSettings', { folder: null, keep: 14, daily: true })
    const inspection = await draft(app)
    const a = await addPhoto(app, inspection, 0)
    const first = await app.backups.create(at('2026-11-20T01:00:00Z'))
    await app.ok('inspections:removePhoto', { id: a.id })
    writeFileSync(first.file, 'hỏng')
    await app.backups.create(at('2026-11-21T01:00:00Z'))
    expect(photoFiles(join(app.dir, 'backups'))).toEqual([a.file])
  })

  it('reports the photos a restore cannot find, and restores the rest of the data', async () => {
    const app = await tempApp()
    const inspection = await draft(app)
    await addPhoto(app, inspection, 0)
    await addPhoto(app, inspection, 1)
    const backup = await app.backups.create(new Date())
    const lone = join(app.dir, 'chi-co-tep', backup.name)
    mkdirSync(join(app.dir, 'chi-co-tep'))
    copyFileSync(backup.file, lone)

    const other = await tempApp()
    const result = await other.ok('backups:restore', { file: lone })
    expect(result).toMatchObject({ photosCopied: 0, photosMissing: 2 })
    expect(result.photosMessage).toMatch(/^Không tìm thấy 2 ảnh kiểm tra/)
    expect(result.photosMessage).toContain(join(app.dir, 'chi-co-tep', 'attachments'))
    expect((await other.ok('inspections:get', { id: inspection.id })).items[0]!.photos).toHaveLength(1)
    const trail = await other.ok('audit:list', { q: 'backups:restore' })
    expect(trail.items[0]?.changes).toEqual({ note: expect.stringContaining('thiếu 2 ảnh') })
  })

  it('says so when the photos cannot be copied, keeping the database backup', async () => {
    const app = await tempApp()
    const inspection = await draft(app)
    await addPhoto(app, inspection, 0)
    const folder = join(app.dir, 'SaoLuu')
    mkdirSync(folder)
    writeFileSync(join(folder, 'attachments'), 'không phải thư mục')
    await app.ok('backups:updateSettings', { folder, keep: 14, daily: true })
    const result = await app.call('backups:create', {})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/không chép được ảnh kiểm tra/)
    expect((await app.backups.overview()).backups).toHaveLength(1)
  })

  it('leaves the live photos alone when the backup folder is the data folder itself', async () => {
    const app = await tempApp()
    await app.ok('backups:updateSettings', { folder: app.dir, keep: 1, daily: true })
    const inspection = await draft(app)
    const a = await addPhoto(app, inspection, 0)
    const first = await app.backups.create(at('2026-11-20T01:00:00Z'))
    const b = await addPhoto(app, inspection, 1)
    // B now belongs only to the data kept aside by the restore; no backup references it.
    await app.ok('backups:restore', { file: first.name })
    await app.backups.create(at('2026-11-21T01:00:00Z'))
    expect(photoFiles(app.dir)).toEqual([a.file, b.file].sort())
    expect(readFileSync(join(app.dir, b.file)).equals(b.bytes)).toBe(true)
  })

  it('the start-up recovery brings the photos back too', async () => {
    const app = await tempApp()
    const inspection = await draft(app)
    const photos = [await addPhoto(app, inspection, 0), await addPhoto(app, inspection, 1)]
    const folder = join(app.dir, 'usb')
    await app.ok('backups:updateSettings', { folder, keep: 14, daily: true })
    await app.ok('backups:create', {})
    await app.close()
    const bytes = readFileSync(app.file)
    bytes.fill(0x33, 0, 100)
    writeFileSync(app.file, bytes)
    rmSync(join(app.dir, 'attachments'), { recursive: true })

    const failure = await createAppCore({ file: app.file, logger: silentLogger }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(DamagedStoreError)
    const recovered = await (failure as DamagedStoreError).recover()
    expect(recovered).toMatchObject({ photosCopied: 2, photosMissing: 0 })
    for (const p of photos) expect(readFileSync(join(app.dir, p.file)).equals(p.bytes)).toBe(true)
  })
})

describe('backups carry the signed scans and the evidence files', () => {
  /** Finalised minutes with a two-page signed scan and one evidence file, as stored. */
  async function filed(
    app: TempApp,
  ): Promise<Array<{ file: string; bytes: Buffer; open: () => Promise<string> }>> {
    const { id, itemIds } = await draft(app)
    const minutes = await app.ok('inspections:update', {
      ...(INSPECTION_SAMPLE as RouteInput<'inspections:update'>),
      id,
      items: itemIds.map((itemId) => ({ id: itemId, result: 'pass' as const, note: null, severity: null })),
      recommendations: [{ content: 'Bổ sung tủ thuốc', ownerName: 'Văn phòng Sở', dueDate: '2021-12-01' }],
    })
    await app.ok('inspections:finalise', { id })
    const pages = [0, 1].map((n) => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(4000 + n)]))
    const scans = []
    for (const [n, bytes] of pages.entries()) {
      const scan = await app.ok('inspections:addSignedScan', {
        inspectionId: id,
        fileName: `trang-${n + 1}.pdf`,
        base64: bytes.toString('base64'),
      })
      scans.push({ id: scan.id, bytes, route: 'inspections:signedScan' as const })
    }
    const evidenceBytes = jpeg(6000)
    const evidence = await app.ok('recommendations:addEvidence', {
      recommendationId: minutes.recommendations[0]!.id,
      fileName: 'hoa-don.jpg',
      base64: evidenceBytes.toString('base64'),
    })
    const all = [
      ...scans,
      { id: evidence.id, bytes: evidenceBytes, route: 'recommendations:evidence' as const },
    ]
    const rows = (await app.dataSource.query(
      `SELECT id, file FROM inspection_documents ORDER BY id`,
    )) as Array<{
      id: number
      file: string
    }>
    return all.map((d) => ({
      file: rows.find((r) => r.id === d.id)!.file,
      bytes: d.bytes,
      open: async () => (await app.ok(d.route, { id: d.id })).base64,
    }))
  }

  it('mirrors them, and restores them byte for byte, from a plain and from an encrypted backup', async () => {
    const app = await tempApp()
    const documents = await filed(app)
    const folder = join(app.dir, 'usb', 'SaoLuu')
    await app.ok('backups:updateSettings', { folder, keep: 14, daily: true })
    const plain = await app.ok('backups:create', {})
    expect(photoFiles(folder)).toEqual(documents.map((d) => d.file).sort())

    rmSync(join(app.dir, 'attachments'), { recursive: true })
    expect(await app.ok('backups:restore', { file: plain.name })).toMatchObject({
      photosCopied: 3,
      photosMissing: 0,
    })
    for (const d of documents) {
      expect(readFileSync(join(app.dir, d.file)).equals(d.bytes)).toBe(true)
      expect(Buffer.from(await d.open(), 'base64').equals(d.bytes)).toBe(true)
    }

    // Encrypted: the mirror holds them sealed, and a new PC gets them back with the passphrase.
    const passphrase = 'Sổ phòng dịch 2026 – két sắt'
    await app.ok('backups:setPassphrase', { passphrase, confirm: passphrase })
    const sealed = await app.ok('backups:create', {})
    for (const d of documents)
      expect(readFileSync(join(folder, d.file)).includes(d.bytes.subarray(0, 64))).toBe(false)
    const other = await tempApp()
    expect(await other.ok('backups:restore', { file: sealed.file, passphrase })).toMatchObject({
      photosCopied: 3,
      photosMissing: 0,
    })
    for (const d of documents) expect(readFileSync(join(other.dir, d.file)).equals(d.bytes)).toBe(true)
  })
})
