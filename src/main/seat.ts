import type { Result } from '@shared/contract'
import type { AppCore } from './app-core'
import type { Router } from './core/router'
import type { Logger } from './core/logger'
import { Session } from './core/session'
import type { SessionRegistry } from './core/session'
import { DatabaseServerError } from './db/postgres/errors'

/**
 * What the transports (Electron's IPC, the preview's HTTP) talk to: the app core, or, while a
 * seat on the office's server cannot open it, a stand-in that answers every route with the
 * reason and retries on *Thử lại*. Never the local file instead: two stores would drift apart.
 */
export interface Seat {
  router: Router
  session(client: string): Session
  /** The running core; null while the server cannot be opened. */
  core(): AppCore | null
  close(): Promise<void>
}

const unreachable = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'unreachable', message, fieldErrors: {} },
})

export async function startSeat(open: () => Promise<AppCore>, logger: Logger): Promise<Seat> {
  let core: AppCore | null = null
  let problem = ''
  // Sessions of the windows while there is no core; a core brings its own.
  const waiting = new Map<string, Session>()

  const attempt = async (): Promise<boolean> => {
    try {
      core = await open()
      return true
    } catch (error) {
      if (!(error instanceof DatabaseServerError)) throw error
      logger.error('the database server cannot be opened', error)
      problem = error.message
      return false
    }
  }
  await attempt()

  let retrying: Promise<boolean> | null = null
  const router: Router = {
    async dispatch(name, input, session) {
      if (core) return core.router.dispatch(name, input, session)
      if (name !== 'database:retry') return unreachable(problem)
      retrying ??= attempt().finally(() => (retrying = null))
      return (await retrying) ? { ok: true, data: true } : unreachable(problem)
    },
    runJob(name, job) {
      if (!core) return Promise.reject(new DatabaseServerError('unreachable'))
      return core.router.runJob(name, job)
    },
  }
  const sessions = (): SessionRegistry | null => (core as AppCore | null)?.sessions ?? null
  return {
    router,
    session(client) {
      const registry = sessions()
      if (registry) return registry.get(client)
      if (!waiting.has(client)) waiting.set(client, new Session())
      return waiting.get(client)!
    },
    core: () => core,
    close: async () => {
      await (core as AppCore | null)?.close()
    },
  }
}
