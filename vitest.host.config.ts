import { defineConfig } from 'vitest/config'

/**
 * The host test (`npm run test:host`): the package packed, installed into a
 * copy of the fixture site of tests/host/fixture, built and run with Next.js.
 * It imports nothing from src/: the site uses the installed package.
 */
export default defineConfig({
  test: {
    include: ['tests/host/**/*.test.ts'],
    exclude: ['tests/host/fixture/**'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 120_000,
    // Packing, installing and building the site happen once, before the tests.
    hookTimeout: 15 * 60_000,
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', ['./tests/summaryReporter.ts', { file: 'host-summary.txt' }]],
  },
})
