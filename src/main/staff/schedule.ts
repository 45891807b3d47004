import type { Logger } from '../core/logger'
import type { Router } from '../core/router'
import { readSettings, securityGroup } from '../settings/service'
import { vietnamDay } from '@shared/text/dates'
import { purgeLeftStaff } from './retention'
import { reclaimErasedSpace } from '../db/data-source'
import { claimDailyJob } from '../jobs/claim'

/**
 * The retention purge of staff who left (at start, then once a Vietnamese day for the whole
 * office, on whichever seat claims it first), as an audited system job. A failure is logged
 * and retried at the next run.
 */
export function staffJobs(router: Router, logger: Logger, clock: () => number = Date.now) {
  let purgedOn: string | null = null
  return async function run(): Promise<void> {
    const today = vietnamDay(new Date(clock()))
    if (purgedOn === today) return
    try {
      await router.runJob('purgeStaff', async (ctx) => {
        if (!(await claimDailyJob(ctx.m, 'purgeStaff', today, ctx.now))) return
        const { staffRetentionDays } = await readSettings(ctx.m, securityGroup)
        const { staff } = await purgeLeftStaff(ctx.m, ctx.now, staffRetentionDays)
        if (staff) {
          ctx.audit.note(
            'staff',
            null,
            `Xoá thông tin cá nhân của ${staff} cán bộ đã nghỉ (quá ${staffRetentionDays} ngày)`,
          )
          ctx.afterCommit(() => reclaimErasedSpace(ctx.host.dataSource()))
        }
        logger.info(
          `retention purge: ${staff} staff anonymised (kept ${staffRetentionDays} days after leaving)`,
        )
      })
      purgedOn = today
    } catch (error) {
      logger.error('staff retention purge failed', error)
    }
  }
}
