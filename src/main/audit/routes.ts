import type { Handlers } from '../core/router'
import { exportAudit, listAudit } from './service'
import { verifyAuditChain } from './chain'
import { rawDatabase } from '../backups/service'

type AuditHandlers = Pick<Handlers, `audit:${string}` & keyof Handlers>

/** Read-only by design: no route changes the trail, and triggers refuse UPDATE and DELETE. */
export const auditHandlers: AuditHandlers = {
  'audit:list': (q, { m }) => listAudit(m, q),
  'audit:export': (q, { m, now }) => exportAudit(m, q, now),
  'audit:verify': async (_input, { host, now }) => verifyAuditChain(rawDatabase(host.dataSource()), now),
  'audit:startupCheck': async (_input, { host }) => ({ report: host.auditChainAtStart() }),
}
