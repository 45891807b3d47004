import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAGIC, newDataKey, openSealedFile, readHeader, sealFile } from '@main/backups/encryption'
import type { RouteInput } from '@shared/contract'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { INSPECTION_SAMPLE } from '../helpers/route-samples'

const PASSPHRASE = 'Sổ phòng dịch 2026 – két sắt'
const CHUNK = 1024 * 1024

async function unitNames(app: TempApp): Promise<string[]> {
  return (await app.ok('units:list', {})).items.map((u) => u.name).sort()
}

/** A store with two units, a photo, and the passphrase set; its backup folder is `share/`. */
async function encryptedStore(): Promise<{ app: TempApp; folder: string }> {
  const app = await tempApp()
  const folder = join(app.dir, 'share')
  await app.ok('backups:updateSettings', { folder, keep: 14, daily: false })
  await app.ok('units:create', { code: 'VP', name: 'Văn phòng Sở Tư pháp', kindCode: 'department' })
  await app.ok('units:create', { code: 'TT', name: 'Thanh tra Sở', kindCode: 'department' })
  const encryption = await app.ok('backups:setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE })
  expect(encryption.keyId).toMatch(/^[0-9a-f]{16}$/)
  return { app, folder }
}

async function addPhoto(app: TempApp): Promise<{ file: string; bytes: Buffer }> {
  const created = await app.ok('inspections:create', INSPECTION_SAMPLE as RouteInput<'inspections:create'>)
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5000)])
  const { id } = await app.ok('inspections:addPhoto', {
    inspectionId: created.id,
    itemId: created.items[0]!.id,
    fileName: 'anh.jpg',
    base64: bytes.toString('base64'),
  })
  const [row] = (await app.dataSource.query('SELECT file FROM inspection_photos WHERE id = ?', [
    id,
  ])) as Array<{
    file: string
  }>
  return { file: row!.file, bytes }
}

const mode = (path: string) => statSync(path).mode & 0o777

describe('encrypted backups', () => {
  it('round trip: the file holds no plain text, restores here, and keeps its photos encrypted', async () => {
    const { app, folder } = await encryptedStore()
    const photo = await addPhoto(app)
    const backup = await app.ok('backups:create', {})
    const bytes = readFileSync(backup.file)
    expect(bytes.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true)
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false)
    expect(bytes.includes(Buffer.from('Thanh tra Sở'))).toBe(false)
    const mirrored = readFileSync(join(folder, photo.file))
    expect(mirrored.subarray(0, MAGIC.length).equals(MAGIC)).toBe(true)
    expect(mirrored.includes(photo.bytes.subarray(0, 64))).toBe(false)

    const names = await unitNames(app)
    await app.ok('units:create', { code: 'SAU', name: 'Sau sao lưu', kindCode: 'other' })
    rmSync(join(app.dir, photo.file))
    const restored = await app.ok('backups:restore', { file: backup.name })
    expect(restored.photosCopied).toBe(1)
    expect(await unitNames(app)).toEqual(names)
    expect(readFileSync(join(app.dir, photo.file)).equals(photo.bytes)).toBe(true)
  })

  it('restores on a new PC only with the passphrase; a wrong one changes nothing', async () => {
    const { app } = await encryptedStore()
    const backup = await app.ok('backups:create', {})
    const names = await unitNames(app)

    const newPc = await tempApp()
    await newPc.ok('units:create', { code: 'KHAC', name: 'Máy mới', kindCode: 'other' })
    const before = await databaseFingerprint(newPc.dataSource)
    const noKey = await newPc.call('backups:restore', { file: backup.file })
    expect(noKey).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        fieldErrors: { passphrase: expect.stringMatching(/Nhập mật khẩu sao lưu/) },
      },
    })
    const wrong = await newPc.call('backups:restore', {
      file: backup.file,
      passphrase: 'không phải mật khẩu',
    })
    expect(wrong).toMatchObject({
      ok: false,
      error: { fieldErrors: { passphrase: expect.stringMatching(/không đúng/) } },
    })
    expect(await databaseFingerprint(newPc.dataSource)).toEqual(before)

    await newPc.ok('backups:restore', { file: backup.file, passphrase: PASSPHRASE })
    expect(await unitNames(newPc)).toEqual(names)
    // The new PC keeps the key: its next backups are encrypted without asking.
    const next = await newPc.ok('backups:create', {})
    expect(readHeader(next.file)?.keyId).toBe(readHeader(backup.file)?.keyId)
  })

  it('refuses a truncated file and one flipped byte with a message, touching nothing', async () => {
    const { app } = await encryptedStore()
    const backup = await app.ok('backups:create', {})
    const bytes = readFileSync(backup.file)
    const before = await databaseFingerprint(app.dataSource)
    const cases: Array<[string, Buffer]> = [
      ['truncated', bytes.subarray(0, bytes.length - 100)],
      ['flipped', Buffer.from(bytes.map((b, i) => (i === bytes.length >> 1 ? b ^ 0x01 : b)))],
      ['header', Buffer.from(bytes.map((b, i) => (i === MAGIC.length + 20 ? b ^ 0x01 : b)))],
    ]
    for (const [label, content] of cases) {
      const file = join(app.dir, `${label}.sqlite`)
      writeFileSync(file, content)
      const refused = await app.call('backups:restore', { file })
      expect(refused, label).toMatchObject({
        ok: false,
        error: {
          code: 'validation',
          message: expect.stringMatching(/bị sửa đổi hoặc bị cắt cụt|không đúng|khoá/),
        },
      })
      expect(await databaseFingerprint(app.dataSource), label).toEqual(before)
    }
  })

  it('leaves no plain copy in the work folder, and removes one a crash left behind', async () => {
    const { app } = await encryptedStore()
    const work = join(app.dir, 'backup-work')
    mkdirSync(work, { recursive: true })
    const left = join(work, 'so-phong-dich-20260101-080000.sqlite')
    writeFileSync(left, 'plain copy of a backup cut short')
    utimesSync(left, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000))
    const backup = await app.ok('backups:create', {})
    await app.ok('backups:restore', { file: backup.name })
    expect(readdirSync(work)).toEqual([])
  })

  it('still restores a plain backup made before the passphrase was set', async () => {
    const app = await tempApp()
    await app.ok('units:create', { code: 'CU', name: 'Bản cũ', kindCode: 'other' })
    const plain = await app.ok('backups:create', {})
    expect(readFileSync(plain.file).subarray(0, 15).toString()).toBe('SQLite format 3')
    await app.ok('backups:setPassphrase', { passphrase: PASSPHRASE, confirm: PASSPHRASE })
    await app.ok('units:create', { code: 'MOI', name: 'Sau mật khẩu', kindCode: 'other' })
    await app.ok('backups:restore', { file: plain.name })
    expect(await unitNames(app)).toEqual(['Bản cũ'])
  })

  it('refuses a passphrase shorter than 12 characters or not typed twice the same', async () => {
    const app = await tempApp()
    expect(await app.call('backups:setPassphrase', { passphrase: 'ngan', confirm: 'ngan' })).toMatchObject({
      ok: false,
      error: { fieldErrors: { passphrase: expect.stringMatching(/12/) } },
    })
    expect(
      await app.call('backups:setPassphrase', { passphrase: PASSPHRASE, confirm: `${PASSPHRASE}x` }),
    ).toMatchObject({ ok: false, error: { fieldErrors: { confirm: expect.stringMatching(/không giống/) } } })
    expect((await app.ok('backups:overview', {})).encryption).toBeNull()
  })

  it.skipIf(process.platform === 'win32')(
    'creates the data and backup folders 0700 and their files 0600',
    async () => {
      const { app, folder } = await encryptedStore()
      const photo = await addPhoto(app)
      const backup = await app.ok('backups:create', {})
      const restored = await app.ok('backups:restore', { file: backup.name })
      expect(mode(app.dir)).toBe(0o700)
      expect(mode(app.file)).toBe(0o600)
      expect(mode(folder)).toBe(0o700)
      expect(mode(backup.file)).toBe(0o600)
      expect(mode(join(folder, photo.file))).toBe(0o600)
      expect(mode(restored.asideFile)).toBe(0o600)
      expect(mode(join(app.dir, 'before-restore'))).toBe(0o700)
      expect(mode(join(app.dir, 'backup-keys.local'))).toBe(0o600)
    },
  )
})

describe('the chunked format', () => {
  const key = newDataKey(PASSPHRASE)
  const keyFor = () => key.key

  function sealed(size: number): { dir: string; plain: Buffer; file: string } {
    const dir = join(process.env.TMPDIR ?? '/tmp', `spd-seal-${randomBytes(4).toString('hex')}`)
    mkdirSync(dir)
    const plain = randomBytes(size)
    writeFileSync(join(dir, 'plain'), plain)
    sealFile(join(dir, 'plain'), join(dir, 'sealed'), key)
    return { dir, plain, file: join(dir, 'sealed') }
  }

  it('round trips any size, and refuses reordered chunks and a cut at a chunk boundary', () => {
    for (const size of [0, 1, CHUNK, 3 * CHUNK + 17]) {
      const { dir, plain, file } = sealed(size)
      try {
        openSealedFile(file, join(dir, 'out'), keyFor)
        expect(readFileSync(join(dir, 'out')).equals(plain), `size ${size}`).toBe(true)
      } finally {
        rmSync(dir, { recursive: true })
      }
    }
    const { dir, file } = sealed(3 * CHUNK + 17)
    try {
      const bytes = readFileSync(file)
      const start = bytes.length - (17 + 16) - 3 * (CHUNK + 16)
      const chunk = (i: number) => bytes.subarray(start + i * (CHUNK + 16), start + (i + 1) * (CHUNK + 16))
      const head = bytes.subarray(0, start)
      const variants: Record<string, Buffer> = {
        reordered: Buffer.concat([
          head,
          chunk(1),
          chunk(0),
          chunk(2),
          bytes.subarray(start + 3 * (CHUNK + 16)),
        ]),
        cutAtBoundary: bytes.subarray(0, start + 2 * (CHUNK + 16)),
        lastChunkDropped: bytes.subarray(0, start + 3 * (CHUNK + 16)),
      }
      for (const [label, content] of Object.entries(variants)) {
        writeFileSync(join(dir, label), content)
        expect(() => openSealedFile(join(dir, label), join(dir, `${label}.out`), keyFor), label).toThrow(
          /altered/,
        )
      }
      expect(() => openSealedFile(file, join(dir, 'nokey.out'), () => null)).toThrow(/no_key/)
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})
