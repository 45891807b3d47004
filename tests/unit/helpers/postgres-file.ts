import { inject } from 'vitest'
import { buildTemplate } from './postgres-databases'
import { startPostgres } from './postgres-server'
import type { PostgresTarget } from './postgres-databases'

export interface FileServer {
  target: PostgresTarget
  /** Stops the server if this file started it. */
  release(): Promise<void>
}

/**
 * For the tests that need PostgreSQL itself: the postgres project's server, else (a file run
 * in the sqlite project) one of this file's own, with its template. Name such a file
 * `*.pg.test.ts`, so that only the postgres project runs it, on the shared server.
 */
export async function postgresForFile(): Promise<FileServer> {
  const provided = inject('postgres')
  if (provided) return { target: provided, release: async () => {} }
  const server = await startPostgres()
  try {
    return { target: await buildTemplate(server), release: () => server.stop() }
  } catch (error) {
    await server.stop()
    throw error
  }
}
