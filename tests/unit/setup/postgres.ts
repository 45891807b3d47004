import type { TestProject } from 'vitest/node'
import { buildTemplate } from '../helpers/postgres-databases'
import type { PostgresTarget } from '../helpers/postgres-databases'
import { startPostgres } from '../helpers/postgres-server'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The postgres project's server; absent in the sqlite project, which has no global setup. */
    postgres: PostgresTarget | undefined
  }
}

/**
 * Global setup of the postgres project (vitest.config.ts): one embedded server for the project's
 * run and one migrated template database, which every test database copies (freshDatabase).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres()
  try {
    project.provide('postgres', await buildTemplate(server))
  } catch (error) {
    await server.stop()
    throw error
  }
  return () => server.stop()
}
