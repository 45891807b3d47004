import { receptionJobs } from '@main/visitors/schedule'
import { silentLogger } from '@main/core/logger'
import { tempApp } from './temp-app'
import type { TempApp } from './temp-app'
import { SCREENED } from './health'

const DAY = 86_400_000

/** Distinctive values: none of them can occur in the store by chance. */
export const GONE = {
  fullName: 'Đinh Quang Vĩnh Tường',
  searchKey: 'dinh quang vinh tuong',
  idNumber: '079377215468',
  organisation: 'Hợp tác xã Sao Băng Tím',
  purpose: 'Nộp đơn Tường-Vĩnh riêng tư',
}

export interface PurgeScene {
  app: TempApp
  /** The visitor whose values are GONE once the purge has run. */
  visitorId: number
  /** Runs the reception jobs five days later, when only the GONE visitor is past retention. */
  purge(): Promise<void>
}

/**
 * A visitor with the GONE values, checked in and out, then `others` visitors 35 days later
 * (`Khách Thứ 0`…) that are not due yet: the erasure tests of both engines start here.
 */
export async function purgeScene(others: number): Promise<PurgeScene> {
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
  for (let i = 0; i < others; i++) {
    const other = await app.ok('visits:checkIn', {
      visitor: { fullName: `Khách Thứ ${i}`, idType: 'cccd', idNumber: String(100000000000 + i) },
      hostUnitId: unit,
      health: SCREENED,
    })
    await app.ok('visits:checkOut', { id: other.id })
  }
  return {
    app,
    visitorId: visit.visitorId,
    purge: async () => {
      now += 5 * DAY
      await receptionJobs(app.router, silentLogger, () => now)()
    },
  }
}
