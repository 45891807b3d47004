import type { TestProject } from 'vitest/node'
import type { PostgresTarget } from '../helpers/postgres-databases'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's PostgreSQL server, when SPD_TEST_ENGINE=postgres; null otherwise. */
    postgres: PostgresTarget | null
  }
}

/**
 * Global setup: with SPD_TEST_ENGINE=postgres, one embedded server for the whole run and one
 * migrated template database, which every test database copies (freshDatabase).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.SPD_TEST_ENGINE !== 'postgres') {
    project.provide('postgres', null)
    return
  }
  // Loaded only here: a SQLite run pays nothing for the PostgreSQL harness.
  const { startPostgres } = await import('../helpers/postgres-server')
  const { buildTemplate } = await import('../helpers/postgres-databases')
  const server = await startPostgres()
  try {
    project.provide('postgres', await buildTemplate(server))
  } catch (error) {
    await server.stop()
    throw error
  }
  return () => server.stop()
}
