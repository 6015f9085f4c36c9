import { readdirSync, readFileSync } from 'node:fs'
import { Socket } from 'node:net'
import path from 'node:path'
import { configDefaults, defineConfig } from 'vitest/config'

const root = import.meta.dirname

/**
 * The PostgreSQL server the database tests run on a second time, with text
 * ids (UUIDs) where the first run has SQLite's numeric ids. Set
 * TEST_POSTGRES_URI to another server, or to `off` to leave it out.
 */
const postgresUri = process.env.TEST_POSTGRES_URI ?? 'postgres://postgres@127.0.0.1:5432/test'

/** Whether something listens at the URI's host and port (a second at most). */
const isListening = (uri: string): Promise<boolean> =>
  new Promise((resolve) => {
    let url: URL
    try {
      url = new URL(uri)
    } catch {
      resolve(false)
      return
    }
    const socket = new Socket()
    const done = (result: boolean) => {
      socket.destroy()
      resolve(result)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('error', () => done(false))
    socket.connect(Number(url.port || 5432), url.hostname, () => done(true))
  })

const postgresAvailable = postgresUri !== 'off' && (await isListening(postgresUri))

/** The test files that work on a database (through the test app), found by what they import. */
const databaseTests = readdirSync(path.join(root, 'tests'))
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => ({ file: `tests/${name}`, source: readFileSync(path.join(root, 'tests', name), 'utf8') }))
  .filter(({ source }) => /helpers\/payload|search\/searchApp/.test(source))

/**
 * A database test file whose checks do not depend on the database (the
 * personal-data guard, rate limits, sign-in delays, CORS…) says so on a line
 * of its own, `// Database: SQLite is enough (<why>)`, and runs on SQLite only,
 * unless ENTRAIDE_TEST_POSTGRES=all asks for every database file on
 * PostgreSQL too.
 */
const postgresTests = databaseTests
  .filter(
    ({ source }) =>
      process.env.ENTRAIDE_TEST_POSTGRES === 'all' || !/^\/\/ Database: SQLite is enough \(.+\)$/m.test(source),
  )
  .map(({ file }) => file)

export default defineConfig({
  resolve: {
    alias: {
      '@payload-config': path.resolve(root, 'payload.config.ts'),
      // The demo host imports Entraide by its package name, resolved to the sources here.
      'entraide/client': path.resolve(root, 'src/exports/client.ts'),
      'entraide/rsc': path.resolve(root, 'src/exports/rsc.ts'),
      'entraide/widget': path.resolve(root, 'src/widget/index.ts'),
      'entraide/meilisearch': path.resolve(root, 'src/exports/meilisearch.ts'),
      'entraide/redis': path.resolve(root, 'src/exports/redis.ts'),
      'entraide/instrumentation': path.resolve(root, 'src/exports/instrumentation.ts'),
      entraide: path.resolve(root, 'src/index.ts'),
    },
  },
  test: {
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // What a page shows after a click can take more than a second on a busy
    // two-core machine; a poll that never succeeds still fails.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', './tests/summaryReporter.ts'],
    setupFiles: ['tests/passwordHashing.setup.ts', 'tests/cpuUsage.setup.ts'],
    projects: [
      {
        extends: true,
        // The host test (tests/host) builds a whole site: it has its own run, `npm run test:host`.
        test: {
          name: 'sqlite',
          // The test files share a worker's loaded modules (Payload and the
          // app are imported once per worker, not once per file); each file
          // still boots its own app on its own database, whose schema Payload
          // must then push even when the previous file's was the same.
          isolate: false,
          env: { PAYLOAD_FORCE_DRIZZLE_PUSH: 'true' },
          include: ['tests/**/*.test.ts', 'src/**/*.test.ts'],
          exclude: [
            ...configDefaults.exclude,
            'tests/host/**',
            'tests/browser/**',
            'tests/postgres-unavailable.test.ts',
          ],
        },
      },
      {
        extends: true,
        // One production build for every browser test file, made before the
        // first of them (only when browser tests are in the run) and reused
        // while the sources have not changed.
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/appBuild.ts'],
          // After the database projects: the app builds in the background meanwhile.
          sequence: { groupOrder: 1 },
        },
      },
      postgresAvailable
        ? {
            extends: true,
            test: {
              name: 'postgres',
              include: postgresTests,
              isolate: false,
              // The fuzz test sends 600 hostile requests on SQLite and 200 others (its seed differs) here.
              env: {
                ENTRAIDE_TEST_IDS: 'text',
                FUZZ_REQUESTS: process.env.FUZZ_REQUESTS ?? '200',
                PAYLOAD_FORCE_DRIZZLE_PUSH: 'true',
                TEST_DATABASE_URI: postgresUri,
              },
            },
          }
        : {
            extends: true,
            test: {
              name: 'postgres',
              include: ['tests/postgres-unavailable.test.ts'],
              env: { TEST_POSTGRES_URI: postgresUri },
            },
          },
    ],
  },
})
