import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createAppCore, localSession } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import type { Logger } from '@main/core/logger'
import type { Result, RouteInput, RouteName, RouteOutput } from '@shared/contract'

export interface TempApp extends AppCore {
  dir: string
  file: string
  call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<Result<RouteOutput<N>>>
  /** Calls a route and fails the test unless it succeeded. */
  ok<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>>
}

const open: TempApp[] = []

afterEach(async () => {
  while (open.length) {
    const app = open.pop()!
    await app.close()
    rmSync(app.dir, { recursive: true, force: true })
  }
})

/** A real app core on a fresh database file in a temporary folder, closed after the test. */
export async function tempApp(logger: Logger = silentLogger): Promise<TempApp> {
  const dir = mkdtempSync(join(tmpdir(), 'spd-test-'))
  const file = join(dir, 'test.sqlite')
  const core = await createAppCore({ file, logger })
  const call = (async (name: RouteName, input: unknown) =>
    core.router.dispatch(name, input, localSession)) as TempApp['call']
  const ok = (async (name: RouteName, input: unknown) => {
    const result = await core.router.dispatch(name, input, localSession)
    if (!result.ok) throw new Error(`${name} failed: ${JSON.stringify(result.error)}`)
    return result.data
  }) as TempApp['ok']
  const app: TempApp = { ...core, dir, file, call, ok }
  open.push(app)
  return app
}
