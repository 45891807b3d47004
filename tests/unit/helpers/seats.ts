import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createAppCore } from '@main/app-core'
import type { AppCore } from '@main/app-core'
import { silentLogger } from '@main/core/logger'
import type { Logger } from '@main/core/logger'
import { tempApp } from './temp-app'
import type { TempApp } from './temp-app'

const opened: AppCore[] = []

// Registered after temp-app's hook, so it runs first: seat B closes before the database goes.
afterEach(async () => {
  while (opened.length) await opened.pop()!.close()
})

/**
 * Two seats of one office: on PostgreSQL two app cores (each its own pool and sessions) on one
 * database; on SQLite, where one PC holds the file, the same core twice (two windows).
 */
export async function twoSeats(
  logger: Logger = silentLogger,
  clock?: () => number,
): Promise<{ a: TempApp; b: AppCore; shared: boolean }> {
  const a = await tempApp(logger, clock)
  const url = (a.dataSource.options as { url?: string }).url
  if (a.dataSource.options.type !== 'postgres' || !url) return { a, b: a, shared: true }
  const b = await createAppCore({ file: join(a.dir, 'seat-b.sqlite'), url, logger, clock })
  opened.push(b)
  return { a, b, shared: false }
}
