import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { receptionJobs } from '@main/visitors/schedule'
import { silentLogger } from '@main/core/logger'
import { rawDatabase } from '@main/db/sqlite/connection'
import { tempApp } from '../helpers/temp-app'
import { SCREENED } from '../helpers/health'

const DAY = 86_400_000

/** Distinctive values: none of them can occur in the file by chance. */
const GONE = {
  fullName: 'Đinh Quang Vĩnh Tường',
  searchKey: 'dinh quang vinh tuong',
  idNumber: '079377215468',
  organisation: 'Hợp tác xã Sao Băng Tím',
  purpose: 'Nộp đơn Tường-Vĩnh riêng tư',
}

function bytesOf(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)))
}

describe('erasure in the file itself', () => {
  it('leaves no byte of a purged visitor in the store or its WAL once the purge has run', async () => {
    let now = Date.parse('2026-10-01T02:00:00Z')
    const app = await tempApp(silentLogger, () => now)
    app.sessions.idleMinutes = 365 * 24 * 60
    const unit = (await app.ok('units:create', { code: 'VP', name: 'Văn phòng', kindCode: 'department' })).id
    const visit = await app.ok('visits:checkIn', {
      visitor: {
        fullName: GONE.fullName,
        idType: 'cccd',
        idNumber: GONE.idNumber,
        organisation: GONE.organisation,
        phone: '0912345678',
      },
      hostUnitId: unit,
      purpose: GONE.purpose,
      health: SCREENED,
    })
    await app.ok('visits:checkOut', { id: visit.id })
    // Others come later and are not due yet; their rows share pages with the purged ones.
    now += 35 * DAY
    for (let i = 0; i < 40; i++) {
      const other = await app.ok('visits:checkIn', {
        visitor: { fullName: `Khách Thứ ${i}`, idType: 'cccd', idNumber: String(100000000000 + i) },
        hostUnitId: unit,
        health: SCREENED,
      })
      await app.ok('visits:checkOut', { id: other.id })
    }
    const db = rawDatabase(app.dataSource)
    db.pragma('wal_checkpoint(TRUNCATE)')
    for (const value of Object.values(GONE))
      expect(bytesOf(app.file).includes(Buffer.from(value, 'utf8')), value).toBe(true)

    now += 5 * DAY
    await receptionJobs(app.router, silentLogger, () => now)()
    expect(
      db.prepare('SELECT anonymised_at IS NOT NULL FROM visitors WHERE id = ?').pluck().get(visit.visitorId),
    ).toBe(1)
    db.pragma('wal_checkpoint(TRUNCATE)')
    const bytes = bytesOf(app.file)
    for (const value of Object.values(GONE))
      expect(bytes.includes(Buffer.from(value, 'utf8')), `${value} still in the file`).toBe(false)
    // The people not yet due are still there, and the file had pages to give back.
    expect(bytes.includes(Buffer.from('Khách Thứ 39', 'utf8'))).toBe(true)
    expect(db.pragma('freelist_count', { simple: true })).toBe(0)
  })
})
