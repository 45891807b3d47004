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
 * For the tests that check PostgreSQL whatever the engine of the run: the run's server when
 * there is one (SPD_TEST_ENGINE=postgres), else one of this file's own, with its template.
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
