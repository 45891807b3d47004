import type { DataSource } from 'typeorm'
import type { AuditChainReport } from '@shared/audit/schemas'
import type { Logger } from '../core/logger'
import type { Router } from '../core/router'
import { verifyAuditChainInSteps } from './chain'

/** The administrator's warning when the chain is broken; the app goes on (the store itself is sound). */
export const CHAIN_BROKEN_NOTE = 'Kiểm tra toàn vẹn nhật ký khi khởi động: chuỗi nhật ký bị phá vỡ.'

/**
 * The start-up walk through the audit chain, run beside the app once it is open (the walk
 * yields between pages). A break is logged and itself audited; it never stops the app. A store too damaged to read is the start-up store check's business: null.
 */
export async function checkAuditChainAtStart(
  dataSource: DataSource,
  router: Router,
  logger: Logger,
  now: Date,
): Promise<AuditChainReport | null> {
  let report: AuditChainReport
  try {
    report = await verifyAuditChainInSteps(dataSource.manager, now)
  } catch (error) {
    logger.error('audit chain not verified at start', error)
    return null
  }
  if (report.ok) return report
  logger.error(`audit chain broken: ${report.firstBreak!.message}`)
  try {
    await router.runJob('auditChainCheck', async (ctx) => {
      ctx.audit.note('audit', report.firstBreak!.id, `${CHAIN_BROKEN_NOTE} ${report.firstBreak!.message}`)
    })
  } catch (error) {
    logger.error('audit chain warning not recorded', error)
  }
  return report
}
