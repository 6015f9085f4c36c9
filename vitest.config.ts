import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@payload-config': path.resolve(import.meta.dirname, 'payload.config.ts'),
      // The demo host imports Entraide by its package name, resolved to the sources here.
      'entraide/client': path.resolve(import.meta.dirname, 'src/exports/client.ts'),
      'entraide/rsc': path.resolve(import.meta.dirname, 'src/exports/rsc.ts'),
      'entraide/widget': path.resolve(import.meta.dirname, 'src/widget/index.ts'),
      'entraide/meilisearch': path.resolve(import.meta.dirname, 'src/exports/meilisearch.ts'),
      entraide: path.resolve(import.meta.dirname, 'src/index.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
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
