import type { DataSource, EntityManager } from 'typeorm'
import { contract, isRouteName } from '@shared/contract'
import type { Permission, Result, RouteName, RouteOutput, RouteParsed } from '@shared/contract'
import { AppError, INTERNAL_ERROR, fieldErrorsOf } from './errors'
import type { Logger } from './logger'
import { SerialQueue } from './serial-queue'

/** Who is asking. Accounts fill this in; until then the local desk session holds every permission. */
export interface Session {
  userId: number | null
  displayName: string
  permissions: ReadonlySet<Permission>
}

export interface HandlerContext {
  /** Inside a transaction for write routes. */
  m: EntityManager
  session: Session
}

export type Handler<N extends RouteName> = (
  input: RouteParsed<N>,
  ctx: HandlerContext,
) => Promise<RouteOutput<N>>
export type Handlers = { [N in RouteName]: Handler<N> }

export interface Router {
  dispatch(name: string, rawInput: unknown, session: Session): Promise<Result<unknown>>
}

/**
 * The single entry for every transport (IPC, preview HTTP, tests): unknown route, permission,
 * schema, then the handler; writes in one transaction. Whatever happens, the answer is data.
 */
export function createRouter(dataSource: DataSource, handlers: Handlers, logger: Logger): Router {
  const queue = new SerialQueue()
  return {
    async dispatch(name, rawInput, session) {
      if (!isRouteName(name)) {
        return {
          ok: false,
          error: { code: 'unknown_route', message: 'Thao tác không tồn tại', fieldErrors: {} },
        }
      }
      const spec = contract[name]
      if (!session.permissions.has(spec.permission)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Bạn không có quyền thực hiện thao tác này', fieldErrors: {} },
        }
      }
      const parsed = spec.input.safeParse(rawInput ?? {})
      if (!parsed.success)
        return { ok: false, error: AppError.validation(fieldErrorsOf(parsed.error)).toData() }
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => Promise<unknown>
      try {
        const data = await queue.run(() =>
          spec.kind === 'write'
            ? dataSource.transaction((m) => handler(parsed.data, { m, session }))
            : handler(parsed.data, { m: dataSource.manager, session }),
        )
        return { ok: true, data }
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toData() }
        logger.error(`route ${name} failed`, error)
        return { ok: false, error: INTERNAL_ERROR }
      }
    },
  }
}
