import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@payload-config': path.resolve(import.meta.dirname, 'payload.config.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts', 'collections/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // What a page shows after a click can take more than a second on a busy
    // two-core machine; a poll that never succeeds still fails.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', './tests/summaryReporter.ts'],
  },
})
