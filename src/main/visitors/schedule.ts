import { serviceContext } from '../core/context'
import type { ServiceContext } from '../core/context'
import type { Logger } from '../core/logger'
import type { HandlerContext, Router } from '../core/router'
import { readSettings, receptionGroup } from '../settings/service'
import { vietnamDay, vietnamDayStart } from '@shared/text/dates'
import { autoCheckOut } from './check-out'
import { purgeExpiredVisitors } from './retention'
import { reclaimErasedSpace } from '../db/data-source'
import { claimDailyJob } from '../jobs/claim'

/** The latest instant at or before `now` when clocks in Vietnam showed `time` (HH:mm). */
export function lastCutoff(now: Date, time: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number]
  const today = new Date(vietnamDayStart(vietnamDay(now)).getTime() + (h * 60 + m) * 60_000)
  return today <= now ? today : new Date(today.getTime() - 86_400_000)
}

const jobContext = (ctx: HandlerContext): ServiceContext => ({ ...serviceContext(ctx), userId: null })

/**
 * The reception desk's own writes: the automatic check-out once the time set in Settings has
 * passed, and the retention purge of visitors' personal data (at start, then once a Vietnamese
 * day), which first closes the visits left open for a day. Each runs once a day for the whole
 * office, on whichever seat claims it first (job_runs); this seat also remembers the purge it
 * saw done, to skip the claim. A failure is logged and retried at the next run.
 */
export function receptionJobs(router: Router, logger: Logger, clock: () => number = Date.now) {
  let purgedOn: string | null = null
  return async function run(): Promise<void> {
    try {
      await router.runJob('autoCheckOut', async (ctx) => {
        const { autoCheckOutTime } = await readSettings(ctx.m, receptionGroup)
        if (!autoCheckOutTime) return
        const cutoff = lastCutoff(ctx.now, autoCheckOutTime)
        if (!(await claimDailyJob(ctx.m, 'autoCheckOut', vietnamDay(cutoff), ctx.now))) return
        const { count } = await autoCheckOut(jobContext(ctx), cutoff)
        if (count) logger.info(`automatic check-out: ${count} visits`)
      })
    } catch (error) {
      logger.error('automatic check-out failed', error)
    }
    const today = vietnamDay(new Date(clock()))
    if (purgedOn === today) return
    try {
      await router.runJob('purgeVisitors', async (ctx) => {
        if (!(await claimDailyJob(ctx.m, 'purgeVisitors', today, ctx.now))) return
        const { retentionDays } = await readSettings(ctx.m, receptionGroup)
        const { visitors, closed } = await purgeExpiredVisitors(ctx.m, ctx.now, retentionDays)
        if (closed)
          ctx.audit.note(
            'visit',
            null,
            `Đóng ${closed} lượt khách quá một ngày chưa ghi giờ ra (không ghi giờ ra)`,
          )
        if (visitors) {
          ctx.audit.note(
            'visitor',
            null,
            `Xoá thông tin cá nhân của ${visitors} khách (quá ${retentionDays} ngày)`,
          )
          ctx.afterCommit(() => reclaimErasedSpace(ctx.host.dataSource()))
        }
        logger.info(
          `retention purge: ${visitors} visitors anonymised (kept ${retentionDays} days), ${closed} open visits closed`,
        )
      })
      purgedOn = today
    } catch (error) {
      logger.error('retention purge failed', error)
    }
  }
}
