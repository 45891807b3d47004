import type { Handlers } from '../core/router'
import { exportAudit, listAudit } from './service'

type AuditHandlers = Pick<Handlers, `audit:${string}` & keyof Handlers>

/** Read-only by design: no route changes the trail, and triggers refuse UPDATE and DELETE. */
export const auditHandlers: AuditHandlers = {
  'audit:list': (q, { m }) => listAudit(m, q),
  'audit:export': (q, { m, now }) => exportAudit(m, q, now),
}
