import { describe, expect, it } from 'vitest'
import { receptionJobs } from '@main/visitors/schedule'
import { silentLogger } from '@main/core/logger'
import { tempApp } from '../helpers/temp-app'
import { databaseFingerprint } from '../helpers/fingerprint'
import { SCREENED } from '../helpers/health'

const DAY = 86_400_000

/** Distinctive values: none of them can occur in the store by chance. */
const GONE = {
  fullName: 'Đinh Quang Vĩnh Tường',
  searchKey: 'dinh quang vinh tuong',
  idNumber: '079377215468',
  organisation: 'Hợp tác xã Sao Băng Tím',
  purpose: 'Nộp đơn Tường-Vĩnh riêng tư',
}

/**
 * On either engine: once the purge has run, no row of any table (the trail and the search keys
 * included) holds a value of the purged visitor. The bytes of the SQLite file itself are
 * erasure-bytes.sqlite.test.ts; a server's files are its administrator's (autovacuum).
 */
describe('erasure in every table', () => {
  it('leaves no value of a purged visitor in any row once the purge has run', async () => {
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
    now += 35 * DAY
    const other = await app.ok('visits:checkIn', {
      visitor: { fullName: 'Khách Chưa Đến Hạn', idType: 'cccd', idNumber: '100000000001' },
      hostUnitId: unit,
      health: SCREENED,
    })
    await app.ok('visits:checkOut', { id: other.id })
    const stored = async () => JSON.stringify(await databaseFingerprint(app.dataSource))
    const before = await stored()
    for (const value of Object.values(GONE)) expect(before, value).toContain(value)

    now += 5 * DAY
    await receptionJobs(app.router, silentLogger, () => now)()
    const after = await stored()
    for (const value of Object.values(GONE)) expect(after, `${value} still stored`).not.toContain(value)
    expect(after).toContain('Khách Chưa Đến Hạn')
    expect((await app.ok('visits:search', { q: 'dinh quang' })).total).toBe(0)
  })
})
