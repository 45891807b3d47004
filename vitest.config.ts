import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@shared': resolve(__dirname, 'src/shared'),
      '@main': resolve(__dirname, 'src/main'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // One embedded PostgreSQL per run when SPD_TEST_ENGINE=postgres; nothing otherwise.
    globalSetup: ['tests/unit/setup/postgres.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
})
