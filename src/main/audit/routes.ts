import type { Handlers } from '../core/router'
import { exportAudit, listAudit } from './service'
import { verifyAuditChain } from './chain'

type AuditHandlers = Pick<Handlers, `audit:${string}` & keyof Handlers>

/** Read-only by design: no route changes the trail, and triggers refuse UPDATE and DELETE. */
export const auditHandlers: AuditHandlers = {
  'audit:list': (q, { m }) => listAudit(m, q),
  'audit:export': async (q, { m, now, audit }) => {
    const file = await exportAudit(m, q, now)
    // Exporting the trail is itself recorded, like every other export.
    audit.note(null, null, `Xuất nhật ký (${file.fileName})`)
    return file
  },
  'audit:verify': (_input, { m, now }) => verifyAuditChain(m, now),
  'audit:startupCheck': async (_input, { host }) => ({ report: await host.auditChainAtStart() }),
}
