import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'
import type { TestProjectInlineConfiguration } from 'vitest/config'

/** Tests of what exists on one engine only: the SQLite file (backups, salvage, bytes on disk, FTS5). */
const SQLITE_ONLY = 'tests/unit/**/*.sqlite.test.ts'
/** Tests that need a PostgreSQL server (the schema parity, the server's own features, two seats). */
const POSTGRES_ONLY = 'tests/unit/**/*.pg.test.ts'
/** `SPD_TEST_ENGINE=postgres npx vitest run <file>` runs one engine's project, as `--project` does. */
const only = process.env.SPD_TEST_ENGINE

export default defineConfig({
  resolve: {
    alias: {
      '@shared': resolve(__dirname, 'src/shared'),
      '@main': resolve(__dirname, 'src/main'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // At least two files at once: a PostgreSQL test waits on the server process much of the time,
    // and vitest's default (cores - 1) is one worker on a two-core PC.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // `vitest run` runs the whole suite once per engine; `--project postgres` (or sqlite) runs one.
    projects: (
      [
        {
          extends: true,
          test: {
            name: 'sqlite',
            exclude: [...configDefaults.exclude, POSTGRES_ONLY],
          },
        },
        {
          extends: true,
          test: {
            name: 'postgres',
            exclude: [...configDefaults.exclude, SQLITE_ONLY],
            // One embedded PostgreSQL server and one migrated template database for the project's run.
            globalSetup: ['tests/unit/setup/postgres.ts'],
          },
        },
      ] satisfies TestProjectInlineConfiguration[]
    ).filter((project) => !only || project.test.name === only),
  },
})
