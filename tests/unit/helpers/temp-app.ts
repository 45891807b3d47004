import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, inject } from 'vitest'
import { createAppCore } from '@main/app-core'
import { createRouter } from '@main/core/router'
import type { Handlers, Router } from '@main/core/router'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import type { Logger } from '@main/core/logger'
import { systemSession } from '@main/core/session'
import type { Session } from '@main/core/session'
import type { Result, RouteInput, RouteName, RouteOutput } from '@shared/contract'
import { freshDatabase } from './postgres-databases'
import type { TestDatabase } from './postgres-databases'

export interface TempApp extends AppCore {
  dir: string
  file: string
  /** Signed in with every role; tests of access use their own sessions. */
  session: Session
  call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Result<RouteOutput<N>>>
  /** Calls a route and fails the test unless it succeeded. */
  ok<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>>
}

const open: Array<{ app: TempApp; database: TestDatabase | null }> = []

afterEach(async () => {
  while (open.length) {
    const { app, database } = open.pop()!
    await app.close()
    await database?.drop()
    rmSync(app.dir, { recursive: true, force: true })
  }
})

/**
 * A real app core on a fresh store, closed after the test: a database file in a temporary
 * folder, or in the postgres project (vitest.config.ts) a fresh database on its server (the folder
 * still holds what lives beside the store: backups, keys, photos).
 * `clock` stands in for the main process's clock (reports after 15:00, weeks of draws).
 */
export async function tempApp(logger: Logger = silentLogger, clock?: () => number): Promise<TempApp> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-test-'))
  const file = join(dir, 'test.sqlite')
  const server = inject('postgres')
  const database = server ? await freshDatabase(server) : null
  const core = await createAppCore({ file, url: database?.url, logger, clock })
  const session = systemSession()
  const call = (async (name: RouteName, input: unknown) =>
    core.router.dispatch(name, input, session)) as TempApp['call']
  const ok = (async (name: RouteName, input: unknown) => {
    const result = await core.router.dispatch(name, input, session)
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.data
  }) as TempApp['ok']
  // Object.assign keeps the core's dataSource getter live across a restore.
  const app: TempApp = Object.assign(core, { dir, file, session, call, ok })
  open.push({ app, database })
  return app
}

/** A router over `app`'s store and sessions with another handler table (a failing or watched handler). */
export function routerOver(app: TempApp, table: Handlers, logger: Logger = silentLogger): Router {
  return createRouter({
    host: {
      dataSource: () => app.dataSource,
      replaceDatabase: () => Promise.reject(new Error('unused')),
      backups: app.backups,
      auditChainAtStart: async () => null,
      seat: app.seat,
    },
    handlers: table,
    logger,
    sessions: app.sessions,
  })
}
