import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it, vi } from 'vitest'
import { createAppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import { Session } from '@main/core/session'
import { MIGRATION_NAMES } from '@main/db/migrations'
import { DamagedStoreError } from '@main/backups/service'
import { rawDatabase } from '@main/db/sqlite/connection'
import type { Result } from '@shared/contract'
import type { BackupDto, RestoreResult } from '@shared/backups/schemas'
import { tempApp } from '../helpers/temp-app'
import type { TempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { damageTable } from '../helpers/damage'

const PASSWORD = 'mat-khau-dai-8'

function unitCodes(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.prepare('SELECT code FROM units ORDER BY id').pluck().all() as string[]
  } finally {
    db.close()
  }
}

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return db.pragma('integrity_check', { simple: true }) as string
  } finally {
    db.close()
  }
}

async function addUnits(app: TempApp, prefix: string, n: number): Promise<string[]> {
  const codes: string[] = []
  for (let i = 0; i < n; i++) {
    const code = `${prefix}${i}`
    await app.ok('units:create', { code, name: `Đơn vị ${prefix} ${i}`, kindCode: 'other' })
    codes.push(code)
  }
  return codes
}

describe('backups on demand', () => {
  it('writes a verified, self-contained copy into the folder from Settings and records it', async () => {
    const app = await tempApp()
    const codes = await addUnits(app, 'B', 5)
    const folder = join(app.dir, 'usb', 'SaoLuu')
    await app.ok('backups:updateSettings', { folder, keep: 14, daily: true })

    const backup = await app.ok('backups:create', {})
    expect(backup.file).toBe(join(folder, backup.name))
    expect(backup.name).toMatch(/^so-phong-dich-\d{8}-\d{6}\.sqlite$/)
    expect(readdirSync(folder)).toEqual([backup.name])
    expect(integrity(backup.file)).toBe('ok')
    expect(unitCodes(backup.file)).toEqual(codes)

    const overview = await app.ok('backups:overview', {})
    expect(overview.folder).toBe(folder)
    expect(overview.backups.map((b) => b.name)).toEqual([backup.name])
    const audit = await app.ok('audit:list', { q: 'backups:create' })
    expect(audit.items[0]?.changes).toEqual({ note: `Sao lưu vào ${backup.file}` })
    // The folder is also remembered outside the database, for a store too damaged to read it.
    expect(JSON.parse(readFileSync(join(app.dir, 'backup-location.json'), 'utf8'))).toEqual({ folder })
  })

  it('keeps only the newest N backups', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      const app = await tempApp()
      await app.ok('backups:updateSettings', { folder: null, keep: 3, daily: true })
      const names: string[] = []
      for (let minute = 1; minute <= 5; minute++) {
        vi.setSystemTime(new Date(`2026-11-05T09:0${minute}:00+07:00`))
        names.push((await app.ok('backups:create', {})).name)
      }
      const overview = await app.ok('backups:overview', {})
      expect(overview.backups.map((b) => b.name)).toEqual(names.slice(2).reverse())
      expect(names[4]).toBe('so-phong-dich-20261105-090500.sqlite')
    } finally {
      vi.useRealTimers()
    }
  })

  it('explains a folder it cannot write to, and leaves nothing half-written', async () => {
    const app = await tempApp()
    const blocker = join(app.dir, 'not-a-folder')
    writeFileSync(blocker, 'x')
    await app.ok('backups:updateSettings', { folder: join(blocker, 'SaoLuu'), keep: 14, daily: true })
    const result = await app.call('backups:create', {})
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(/Không tạo được thư mục sao lưu/)
  })

  it('refuses a folder that is not a full path', async () => {
    const app = await tempApp()
    const result = await app.call('backups:updateSettings', { folder: 'SaoLuu', keep: 14, daily: true })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.fieldErrors.folder).toMatch(/đường dẫn đầy đủ/)
  })
})

describe('the daily automatic backup', () => {
  it('runs once per Vietnamese calendar day and reports a failure without throwing', async () => {
    const app = await tempApp()
    const at = (iso: string) => new Date(iso)
    await app.backups.automatic(at('2026-11-22T23:30:00Z')) // 06:30 on 23/11 in Vietnam
    await app.backups.automatic(at('2026-11-23T10:00:00Z')) // 17:00, same day: nothing new
    expect((await app.ok('backups:overview', {})).backups.map((b) => b.name)).toEqual([
      'so-phong-dich-20261123-063000.sqlite',
    ])
    await app.backups.automatic(at('2026-11-23T17:05:00Z')) // 00:05 on 24/11
    const overview = await app.ok('backups:overview', {})
    expect(overview.backups.map((b) => b.name)).toEqual([
      'so-phong-dich-20261124-000500.sqlite',
      'so-phong-dich-20261123-063000.sqlite',
    ])
    expect(overview.lastAutomatic).toMatchObject({ ok: true, name: 'so-phong-dich-20261124-000500.sqlite' })

    await app.ok('backups:updateSettings', { folder: null, keep: 14, daily: false })
    await app.backups.automatic(at('2026-11-25T01:00:00Z'))
    expect((await app.ok('backups:overview', {})).backups).toHaveLength(2)

    const blocker = join(app.dir, 'blocker')
    writeFileSync(blocker, 'x')
    await app.ok('backups:updateSettings', { folder: join(blocker, 'x'), keep: 14, daily: true })
    await app.backups.automatic(at('2026-11-26T01:00:00Z'))
    expect((await app.ok('backups:overview', {})).lastAutomatic).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Không tạo được thư mục sao lưu/),
    })
  })

  it('is taken at start when the app is told to (Electron and the preview)', async () => {
    const app = await tempApp()
    await app.close()
    const core = await createAppCore({ file: app.file, logger: silentLogger, background: true })
    await core.backups.idle()
    const overview = await core.backups.overview()
    await core.close()
    expect(overview.backups).toHaveLength(1)
    expect(overview.lastAutomatic?.ok).toBe(true)
  })
})

describe('restore', () => {
  it('round trip under concurrent writes: the backup is a consistent snapshot and restores exactly', async () => {
    const app = await tempApp()
    await app.router.dispatch(
      'auth:setup',
      { username: 'quantri', displayName: 'Quản trị viên', password: PASSWORD, confirm: PASSWORD },
      new Session(),
    )
    const admin = app.sessions.get('window:1')
    expect(
      (await app.router.dispatch('auth:login', { username: 'quantri', password: PASSWORD }, admin)).ok,
    ).toBe(true)
    const acked: string[] = []
    let stop = false
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const code = `W${i}`
        const r = await app.router.dispatch(
          'units:create',
          { code, name: `Đơn vị ${i}`, kindCode: 'other' },
          admin,
        )
        if (r.ok) acked.push(code)
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const backupResult = (await app.router.dispatch('backups:create', {}, admin)) as Result<BackupDto>
    const ackedAtBackup = acked.length
    await new Promise((resolve) => setTimeout(resolve, 100))
    stop = true
    await writer
    expect(backupResult.ok).toBe(true)
    if (!backupResult.ok) return
    const backup = backupResult.data

    expect(integrity(backup.file)).toBe('ok')
    const inBackup = unitCodes(backup.file)
    // Every unit written before the backup began is in it, and nothing that was not written.
    expect(inBackup.length).toBeGreaterThan(0)
    expect(inBackup.length).toBeLessThanOrEqual(ackedAtBackup)
    expect(inBackup).toEqual(acked.slice(0, inBackup.length))
    expect(acked.length).toBeGreaterThan(inBackup.length)
    const fullBefore = await databaseFingerprint(app.dataSource)

    const restored = (await app.router.dispatch(
      'backups:restore',
      { file: backup.name },
      admin,
    )) as Result<RestoreResult>
    expect(restored.ok, JSON.stringify(restored)).toBe(true)
    if (!restored.ok) return
    expect(admin.user).toBeNull()
    expect((await app.ok('units:list', { pageSize: 500 })).total).toBe(inBackup.length)
    expect(unitCodes(app.file)).toEqual(inBackup)
    // The file that was replaced is kept aside, whole.
    expect(existsSync(restored.data.asideFile)).toBe(true)
    expect(integrity(restored.data.asideFile)).toBe('ok')
    expect(unitCodes(restored.data.asideFile)).toEqual(
      fullBefore.units!.map((u) => (u as { code: string }).code),
    )
    // The restore is in the restored trail, under the name of who did it.
    const trail = await app.ok('audit:list', { q: 'backups:restore' })
    expect(trail.items[0]).toMatchObject({ userName: 'quantri', route: 'backups:restore' })
    // And the store takes writes again.
    await addUnits(app, 'AFTER', 1)
    expect(integrity(app.file)).toBe('ok')
  })

  it('runs the migrations a backup from an older version needs', async () => {
    const old = await tempApp()
    await addUnits(old, 'OLD', 2)
    await old.dataSource.undoLastMigration({ transaction: 'each' })
    const backup = await old.backups.create(new Date())

    const app = await tempApp()
    await app.ok('backups:restore', { file: backup.file })
    const migrations = rawDatabase(app.dataSource)
      .prepare('SELECT name FROM migrations ORDER BY id')
      .pluck()
      .all()
    expect(migrations).toEqual(MIGRATION_NAMES)
    expect(unitCodes(app.file)).toEqual(['OLD0', 'OLD1'])
    expect((await app.ok('users:list', {})).total).toBe(0)
  })

  async function refused(app: TempApp, file: string, message: RegExp): Promise<void> {
    const before = await databaseFingerprint(app.dataSource)
    const result = await app.call('backups:restore', { file })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('validation')
    expect(result.error.message).toMatch(message)
    expect(result.error.fieldErrors.file).toMatch(message)
    expect(await databaseFingerprint(app.dataSource)).toEqual(before)
    expect(existsSync(join(app.dir, 'before-restore'))).toBe(false)
  }

  it('refuses a corrupted backup, a foreign file, a newer schema and a non-database, touching nothing', async () => {
    const app = await tempApp()
    await addUnits(app, 'KEEP', 3)
    const good = await app.ok('backups:create', {})

    const corrupt = join(app.dir, 'corrupt.sqlite')
    const bytes = readFileSync(good.file)
    const page = bytes.readUInt16BE(16)
    bytes.fill(0x5a, page * 2 + 16, page * 4)
    writeFileSync(corrupt, bytes)
    await refused(app, corrupt, /bị hỏng/)

    const foreign = join(app.dir, 'khac.sqlite')
    const other = new Database(foreign)
    other.exec('CREATE TABLE t (x)')
    other.close()
    await refused(app, foreign, /không phải bản sao lưu của Sổ Phòng Dịch/)

    const newer = join(app.dir, 'newer.sqlite')
    writeFileSync(newer, readFileSync(good.file))
    const db = new Database(newer)
    db.prepare('INSERT INTO migrations (timestamp, name) VALUES (?, ?)').run(
      1899999999999,
      'Future1899999999999',
    )
    db.close()
    await refused(app, newer, /phiên bản mới hơn/)

    const text = join(app.dir, 'ghi-chu.sqlite')
    writeFileSync(text, 'đây không phải cơ sở dữ liệu'.repeat(20))
    await refused(app, text, /không đúng định dạng SQLite/)

    const missing = await app.call('backups:restore', { file: 'so-phong-dich-20200101-000000.sqlite' })
    expect(missing.ok).toBe(false)
    expect(unitCodes(app.file)).toEqual(['KEEP0', 'KEEP1', 'KEEP2'])
  })
})

describe('the start-up check', () => {
  it('finds a damaged store, offers the newest good backup and recovers it without signing in', async () => {
    const app = await tempApp()
    const codes = await addUnits(app, 'GOOD', 4)
    const folder = join(app.dir, 'share')
    mkdirSync(folder)
    await app.ok('backups:updateSettings', { folder, keep: 14, daily: true })
    const backup = await app.ok('backups:create', {})
    await addUnits(app, 'LOST', 1)
    expect(app.backups.health.ok).toBe(true)
    await app.close()

    damageTable(app.file, 'units')
    const core = await createAppCore({ file: app.file, logger: silentLogger })
    try {
      const nobody = new Session()
      const health = await core.router.dispatch('backups:health', {}, nobody)
      expect(health).toMatchObject({
        ok: true,
        data: { ok: false, message: expect.stringMatching(/bị lỗi/), latestGood: { name: backup.name } },
      })
      const recovered = (await core.router.dispatch('backups:recover', {}, nobody)) as Result<RestoreResult>
      expect(recovered.ok, JSON.stringify(recovered)).toBe(true)
      if (!recovered.ok) return
      expect(recovered.data.restoredFrom).toBe(backup.file)
      expect(core.backups.health.ok).toBe(true)
      expect(unitCodes(app.file)).toEqual(codes)
      // The damaged file is kept, never overwritten.
      expect(existsSync(recovered.data.asideFile)).toBe(true)
      expect(integrity(recovered.data.asideFile)).not.toBe('ok')
      // Once sound, recovering again is refused.
      const again = await core.router.dispatch('backups:recover', {}, nobody)
      expect(again).toEqual({ ok: false, error: expect.objectContaining({ code: 'conflict' }) })
    } finally {
      await core.close()
    }
  })

  it('offers the newest of two backups taken in the same second (the "-2" one)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    try {
      vi.setSystemTime(new Date('2026-11-23T06:43:21Z'))
      const app = await tempApp()
      await app.backups.create(new Date())
      await addUnits(app, 'SAU', 2)
      const second = await app.backups.create(new Date())
      expect(second.name).toBe('so-phong-dich-20261123-134321-2.sqlite')
      await app.close()
      damageTable(app.file, 'units')
      const core = await createAppCore({ file: app.file, logger: silentLogger })
      try {
        expect(core.backups.health.latestGood?.name).toBe(second.name)
        expect((await core.backups.overview()).backups.map((b) => b.name)).toEqual([
          second.name,
          'so-phong-dich-20261123-134321.sqlite',
        ])
      } finally {
        await core.close()
      }
    } finally {
      vi.useRealTimers()
    }
  })

  it('says so when there is no good backup to offer', async () => {
    const app = await tempApp()
    await addUnits(app, 'X', 2)
    await app.close()
    damageTable(app.file, 'units')
    const core = await createAppCore({ file: app.file, logger: silentLogger })
    try {
      expect(core.backups.health).toMatchObject({ ok: false, latestGood: null })
      // No automatic backup of a damaged store either.
      await core.backups.automatic(new Date(Date.now() + 2 * 86_400_000))
      expect((await core.backups.overview()).backups).toEqual([])
      const result = await core.router.dispatch('backups:recover', {}, new Session())
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'not_found' }) })
    } finally {
      await core.close()
    }
  })
})

describe('a store SQLite cannot open at all', () => {
  it('fails to start with the newest good backup offered, and starts after recovering it', async () => {
    const app = await tempApp()
    const codes = await addUnits(app, 'SAFE', 3)
    const folder = join(app.dir, 'usb')
    await app.ok('backups:updateSettings', { folder, keep: 14, daily: true })
    const backup = await app.ok('backups:create', {})
    await app.close()
    const bytes = readFileSync(app.file)
    bytes.fill(0x33, 0, 100)
    writeFileSync(app.file, bytes)

    const failure = await createAppCore({ file: app.file, logger: silentLogger }).catch((e: unknown) => e)
    expect(failure).toBeInstanceOf(DamagedStoreError)
    const damaged = failure as DamagedStoreError
    expect(damaged.message).toMatch(/Không mở được tệp dữ liệu/)
    // Found through the folder remembered beside the store, since the settings cannot be read.
    expect(damaged.latestGood?.file).toBe(backup.file)
    const { asideFile } = await damaged.recover()
    expect(readFileSync(asideFile).subarray(0, 100)).toEqual(Buffer.alloc(100, 0x33))

    const core = await createAppCore({ file: app.file, logger: silentLogger })
    try {
      expect(core.backups.health.ok).toBe(true)
      expect(unitCodes(app.file)).toEqual(codes)
    } finally {
      await core.close()
    }
  })
})
