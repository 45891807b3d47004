import type { EntityManager } from 'typeorm'
import type { AuditRecorder } from '../audit/trail'
import type { HandlerContext } from './router'

/** What a feature's write service needs from a route or a job: one shape for every feature. */
export interface ServiceContext {
  /** Inside the route's transaction. */
  m: EntityManager
  now: Date
  audit: AuditRecorder
  /** Who acts; null for the main process's own jobs. */
  userId: number | null
}

export const serviceContext = (ctx: HandlerContext): ServiceContext => ({
  m: ctx.m,
  now: ctx.now,
  audit: ctx.audit,
  userId: ctx.session.user?.id ?? null,
})
