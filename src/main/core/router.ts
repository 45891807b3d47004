import type { DataSource, EntityManager } from 'typeorm'
import { contract, isRouteName } from '@shared/contract'
import type { ApiError, Result, RouteName, RouteOutput, RouteParsed } from '@shared/contract'
import type { RouteSpec } from '@shared/contract/route'
import { accountMsg } from '@shared/accounts/schemas'
import { backupMsg } from '@shared/backups/schemas'
import { AppError, INTERNAL_ERROR, fieldErrorsOf } from './errors'
import { raceConflict } from './race-conflicts'
import type { Logger } from './logger'
import { SerialQueue } from './serial-queue'
import { changedRows } from '../db/engine'
import { isServerUnreachable } from '../db/postgres/connection'
import { databaseMsg } from '@shared/database/messages'
import { systemSession } from './session'
import type { Session, SessionRegistry } from './session'
import { AuditRecorder } from '../audit/trail'
import { writeAuditEntries } from '../audit/service'
import type { Backups } from '../backups/service'
import type { AuditChainReport } from '@shared/audit/schemas'
import { signOutIfAccountMoved } from '../accounts/epoch'
import type { SeatConfig } from '../database/seat-config'
import type { ServerConnection } from '../db/postgres/connection'

export interface HandlerContext {
  /** Inside a transaction for write routes. */
  m: EntityManager
  session: Session
  sessions: SessionRegistry
  audit: AuditRecorder
  now: Date
  /** Runs once the transaction has committed (session changes follow the data, never lead it). */
  afterCommit(fn: () => void): void
  /** The store itself: backups and restore (session routes only, which run alone). */
  host: Host
}

export interface Host {
  dataSource(): DataSource
  replaceDatabase(swap: (closedFile: string) => Promise<void>): Promise<void>
  backups: Backups
  /** This PC's choice of store and the switch between its file and the office's server. */
  seat: {
    config: SeatConfig
    /** The SQLite file this PC keeps (whether or not it is the store now). */
    file: string
    /** Opens the server (null: the file) and makes it the store; signs every session out. */
    switchStore(server: ServerConnection | null): Promise<void>
  }
  /** What the start-up walk through the audit chain found (audit/startup.ts), once it has finished. */
  auditChainAtStart(): Promise<AuditChainReport | null>
}

export type Handler<N extends RouteName> = (
  input: RouteParsed<N>,
  ctx: HandlerContext,
) => Promise<RouteOutput<N>>
export type Handlers = { [N in RouteName]: Handler<N> }

export interface Router {
  dispatch(name: string, rawInput: unknown, session: Session): Promise<Result<unknown>>
  /**
   * A scheduled write of the main process itself (automatic check-out, retention purge): queued
   * with the routes' writes, one transaction, audited as `job:<name>` by the system.
   */
  runJob<T>(name: string, job: (ctx: HandlerContext) => Promise<T>): Promise<T>
}

export interface RouterDeps {
  host: Host
  handlers: Handlers
  logger: Logger
  sessions: SessionRegistry
  clock?: () => number
}

const readOnlyError = () => new AppError('read_only', backupMsg.readOnly)

/**
 * While the start-up check has failed the store is read-only: a write route may run only when
 * it changes nothing but its own audit line (revealing an ID number, which people still need),
 * so the check is on what the handler did, inside its transaction, which a refusal rolls back.
 */
async function readOnlyGuard<T>(m: EntityManager, handler: () => Promise<T>): Promise<T> {
  const before = await changedRows(m)
  let out: T
  try {
    out = await handler()
  } catch (error) {
    if (error instanceof AppError) throw error
    throw readOnlyError()
  }
  if ((await changedRows(m)) !== before) throw readOnlyError()
  return out
}

const fail = (code: ApiError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message, fieldErrors: {} },
})

/** Sign-in, idle lock and permission, in that order; null when the call may go on. */
function admission(spec: RouteSpec, session: Session, idleMs: number, now: number): Result<never> | null {
  if (spec.permission === 'public') return null
  if (!session.user) return fail('unauthorized', accountMsg.signInRequired)
  if (!session.locked && now - session.lastActivity > idleMs) session.locked = true
  if (session.locked && !spec.whileLocked) return fail('locked', accountMsg.sessionLocked)
  if (spec.permission !== 'signedIn' && !session.permissions.has(spec.permission))
    return fail('forbidden', 'Bạn không có quyền thực hiện thao tác này')
  return null
}

/**
 * The single entry for every transport (IPC, preview HTTP, tests): unknown route, session and
 * permission, schema, then the handler. Writes run one at a time, each in one transaction with
 * its audit entries. Whatever happens, the answer is data.
 */
export function createRouter(deps: RouterDeps): Router {
  const { host, handlers, logger, sessions } = deps
  const clock = deps.clock ?? Date.now
  const queue = new SerialQueue()

  const run = async (name: RouteName, spec: RouteSpec, input: unknown, session: Session) => {
    const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
    const after: Array<() => void> = []
    const audit = new AuditRecorder()
    // Sign-in sets the user and a restore signs everyone out: the trail names whoever it was.
    const who = () => session.user ?? userBefore
    const userBefore = session.user
    const context = (m: EntityManager): HandlerContext => ({
      m,
      session,
      sessions,
      audit,
      now: new Date(clock()),
      afterCommit: (fn) => after.push(fn),
      host,
    })
    const dataSource = host.dataSource()
    if (spec.kind === 'read') {
      const data = await handler(input, context(dataSource.manager))
      // An export or a printout records who took it: the line goes in a short write of its own
      // once the file is made, so rendering never holds the writer, and no file leaves without it.
      if (audit.entries.length)
        await queue.run(() =>
          host
            .dataSource()
            .transaction((m) => writeAuditEntries(m, who(), name, audit.entries, true, new Date(clock()))),
        )
      return data
    }
    let data: unknown
    if (spec.kind === 'write') {
      const readOnly = !host.backups.health.ok
      data = await dataSource.transaction(async (m) => {
        const write = () => handler(input, context(m))
        const out = await (readOnly ? readOnlyGuard(m, write) : write())
        await writeAuditEntries(m, who(), name, audit.entries, true, new Date(clock()))
        return out
      })
    } else {
      // Session and maintenance routes: their own writes are single statements; what they
      // record (a failed sign-in, a lockout) is kept even when they answer with an error.
      try {
        data = await handler(input, context(dataSource.manager))
      } finally {
        await writeAuditEntries(
          host.dataSource().manager,
          who(),
          name,
          audit.entries,
          false,
          new Date(clock()),
        )
      }
    }
    for (const fn of after) fn()
    return data
  }

  const jobSession = systemSession()
  /** What the caller is told of an error: the account check's as well as the route's own. */
  const failureOf = (route: string, error: unknown): Result<never> => {
    if (error instanceof AppError) return { ok: false, error: error.toData() }
    if (isServerUnreachable(error)) {
      logger.error(`route ${route}: the database server is unreachable`, error)
      return fail('unreachable', databaseMsg.serverLost)
    }
    const lost = raceConflict(host.dataSource(), error)
    if (lost) {
      logger.info(`route ${route} lost a race to another writer: ${String(error)}`)
      return { ok: false, error: lost.toData() }
    }
    logger.error(`route ${route} failed`, error)
    return { ok: false, error: INTERNAL_ERROR }
  }

  return {
    runJob(name, job) {
      return queue.run(async () => {
        if (!host.backups.health.ok) throw readOnlyError()
        const audit = new AuditRecorder()
        const now = new Date(clock())
        const after: Array<() => void> = []
        const out = await host.dataSource().transaction(async (m) => {
          const out = await job({
            m,
            session: jobSession,
            sessions,
            audit,
            now,
            afterCommit: (fn) => after.push(fn),
            host,
          })
          if (audit.entries.length)
            await writeAuditEntries(m, jobSession.user, `job:${name}`, audit.entries, true, new Date(clock()))
          return out
        })
        // Still inside the queue: nothing else writes while these run.
        for (const fn of after) fn()
        return out
      })
    },
    async dispatch(name, rawInput, session) {
      if (!isRouteName(name)) return fail('unknown_route', 'Thao tác không tồn tại')
      const spec: RouteSpec = contract[name]
      const now = clock()
      try {
        await signOutIfAccountMoved(host.dataSource().manager, session)
      } catch (error) {
        return failureOf(name, error)
      }
      const refused = admission(spec, session, sessions.idleMinutes * 60_000, now)
      if (refused) return refused
      const parsed = spec.input.safeParse(rawInput ?? {})
      if (!parsed.success)
        return { ok: false, error: AppError.validation(fieldErrorsOf(parsed.error)).toData() }
      if (session.user && !spec.passive) session.lastActivity = now
      try {
        const data = await (spec.kind === 'read'
          ? run(name, spec, parsed.data, session)
          : queue.run(() => run(name, spec, parsed.data, session)))
        return { ok: true, data }
      } catch (error) {
        return failureOf(name, error)
      }
    },
  }
}
