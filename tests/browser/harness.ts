import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { setPriority, tmpdir } from 'node:os'
import path from 'node:path'

import { chromium, type Browser } from 'playwright-core'
import { afterEach } from 'vitest'

/** Debian's Chromium, installed by `.ci/run` (apt package `chromium`). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Why the browser tests cannot run here, or null when they can. */
export const browserSkipReason = (): string | null =>
  existsSync(chromiumPath)
    ? null
    : `SKIPPED: Chromium not found at ${chromiumPath}. Install it with \`sudo apt-get install chromium\` (or set CHROMIUM_PATH) to run the browser tests.`

const projectRoot = path.resolve(import.meta.dirname, '..', '..')
/** Written beside the app's build when it is done: the fingerprint of the sources it was built from. */
export const stampFile = path.join(projectRoot, '.next', 'entraide-sources.json')
/** Written when the build fails, with its output: the browser files fail with it. */
export const buildFailureFile = path.join(projectRoot, 'test-results', 'app-build-failure.txt')

/**
 * The demo content, seeded once per run by the first app that starts and
 * copied for each of the others (the browser tests' global setup removes it
 * at the start of a run): each app still gets a database of its own.
 */
export const seededDatabase = path.join(projectRoot, '.next', 'entraide-seeded', 'browser.db')
const seedLockDir = path.join(projectRoot, '.next', 'entraide-seeded-lock')

/** Where screenshots of the browser tests are saved (ignored by git). */
export const artifactsDir = path.resolve('test-results', 'screenshots')

/** A TCP port nothing listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
    server.on('error', reject)
  })

/**
 * Runs a child process at a lower priority (nice 10) than the tests beside
 * it, so that it takes the processor time they leave; where that is not
 * allowed, it keeps the usual priority. Its own children inherit it.
 */
export const lowerPriority = (child: ChildProcess): void => {
  if (child.pid === undefined) return
  try {
    setPriority(child.pid, 10)
  } catch {
    // not allowed here
  }
}

/**
 * The test runner's environment without what would change the app's build or
 * server: vitest's NODE_ENV=test (Next builds and serves production) and
 * another build directory.
 */
export const serverEnvironment = (extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
  ({
    ...Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && name !== 'NEXT_DIST_DIR'),
    ),
    ...extra,
  }) as NodeJS.ProcessEnv

export type RunningApp = {
  url: string
  stop: () => Promise<void>
  /** The end of what the server printed: shown when a test fails. */
  outputTail: (characters?: number) => string
}

/**
 * Prints the end of the app server's output after each failed test of the
 * file, so that a failure seen only in CI comes with what the server said.
 * Call it in the describe block, with a getter for the file's app.
 */
export const printServerOutputOnFailure = (appOf: () => RunningApp | undefined): void => {
  afterEach(({ task }) => {
    const app = appOf()
    if (task.result?.state !== 'fail' || !app) return
    console.error(`The app server's last output, after the failure of "${task.name}":\n${app.outputTail()}`)
  })
}

/**
 * Waits for the production build that the browser tests' global setup
 * (appBuild.ts) started or found current, and fails with its output when it
 * failed.
 */
const appBuilt = async (): Promise<void> => {
  const deadline = Date.now() + 15 * 60_000
  for (;;) {
    if (existsSync(buildFailureFile)) throw new Error(readFileSync(buildFailureFile, 'utf8'))
    if (existsSync(stampFile) && existsSync(path.join(projectRoot, '.next', 'BUILD_ID'))) return
    if (Date.now() > deadline) {
      throw new Error(
        'No production build in .next after 15 minutes: run the browser tests through vitest, whose global setup builds it.',
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
}

/** The SQLite files of a database: the file itself and, when present, its write-ahead log. */
const databaseFiles = (file: string): string[] => [file, `${file}-wal`].filter((name) => existsSync(name))

/** Runs `work` while holding a lock directory shared by the test workers. */
const withSeedLock = async <T>(work: () => Promise<T>): Promise<T> => {
  const deadline = Date.now() + 5 * 60_000
  for (;;) {
    try {
      mkdirSync(seedLockDir)
      break
    } catch {
      if (Date.now() > deadline) throw new Error(`The lock ${seedLockDir} was held for 5 minutes; remove it if no test runs.`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  try {
    return await work()
  } finally {
    rmSync(seedLockDir, { force: true, recursive: true })
  }
}

/**
 * The app servers this worker started and has not stopped: when a file's
 * setup times out while a server starts, nothing else would stop it, so the
 * worker stops them as it exits.
 */
const runningServers = new Set<ChildProcess>()
process.once('exit', () => {
  for (const child of runningServers) child.kill('SIGKILL')
})

/**
 * Starts `next start` on a free port with the SQLite database of `dataDir`
 * (seeding the demo content when it is empty) and waits until it serves the
 * demo procedures.
 */
const serve = async (
  dataDir: string,
  { keepData = false, niced = false }: { keepData?: boolean; niced?: boolean } = {},
): Promise<RunningApp> => {
  const port = await freePort()
  const env = serverEnvironment({
    DATABASE_URI: `file:${path.join(dataDir, 'browser.db')}`,
    NEXT_TELEMETRY_DISABLED: '1',
    ENTRAIDE_SEED: 'true',
    PAYLOAD_SECRET: 'entraide-browser-test-secret',
    PORT: String(port),
    // The app's temporary files (its saved search index) go with its data, removed when it stops.
    TMPDIR: dataDir,
  })
  // Idle connections stay open longer on the server than in the tests' fetch (4 s):
  // a request never goes out on a connection the server is closing (ECONNRESET).
  const child: ChildProcess = spawn(
    path.resolve('node_modules', '.bin', 'next'),
    ['start', '--port', String(port), '--keepAliveTimeout', '65000'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  runningServers.add(child)
  if (niced) lowerPriority(child)
  child.once('exit', () => runningServers.delete(child))
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const url = `http://localhost:${port}`
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start:\n${output.slice(-4000)}`)
    try {
      const response = await fetch(`${url}/api/procedures?limit=1`)
      if (response.ok && ((await response.json()) as { totalDocs?: number }).totalDocs) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM')
      throw new Error(`The app did not become ready in time:\n${output.slice(-4000)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    stop: async () => {
      // `next start` stops gracefully on SIGTERM only once every connection
      // to it is closed, and this process's fetch keeps its idle ones open up
      // to 4 s (a server with none exits within 0.1 s). Nothing the tests
      // check depends on a graceful stop, and its data is thrown away: after
      // a second, it is killed (each file's stop waited 5 s before).
      child.kill('SIGTERM')
      const exited = await new Promise<boolean>((resolve) => {
        if (child.exitCode !== null) resolve(true)
        child.once('exit', () => resolve(true))
        setTimeout(() => resolve(false), 1000)
      })
      if (!exited) {
        child.kill('SIGKILL')
        await new Promise((resolve) => {
          if (child.exitCode !== null) resolve(undefined)
          child.once('exit', resolve)
          setTimeout(resolve, 5000)
        })
      }
      if (!keepData) rmSync(dataDir, { force: true, recursive: true })
    },
    outputTail: (characters = 6000) => output.slice(-characters),
    url,
  }
}

/**
 * Seeds the demo content into `seededDatabase`, once per run, whichever comes
 * first: the browser tests' global setup, as soon as the build is done (its
 * server `niced`, beside the database tests), or the first browser file.
 */
export const ensureSeededDatabase = ({ niced = false }: { niced?: boolean } = {}): Promise<void> =>
  withSeedLock(async () => {
    if (existsSync(seededDatabase)) return
    const dataDir = mkdtempSync(path.join(tmpdir(), 'entraide-browser-seed-'))
    try {
      const seeding = await serve(dataDir, { keepData: true, niced })
      await seeding.stop()
      mkdirSync(path.dirname(seededDatabase), { recursive: true })
      // The log first, the database last under its final name: once it exists, the copy is whole.
      const [main, ...rest] = databaseFiles(path.join(dataDir, 'browser.db'))
      for (const file of rest) copyFileSync(file, path.join(path.dirname(seededDatabase), path.basename(file)))
      if (!main) throw new Error('The seeding app left no database file.')
      copyFileSync(main, `${seededDatabase}.partial`)
      renameSync(`${seededDatabase}.partial`, seededDatabase)
    } finally {
      rmSync(dataDir, { force: true, recursive: true })
    }
  })

/**
 * Starts the Entraide app on a free port with its own throw-away SQLite
 * database holding the demo content, from the production build that the
 * browser tests' global setup (appBuild.ts) made or found current in `.next`.
 */
export const startApp = async (): Promise<RunningApp> => {
  await appBuilt()
  await ensureSeededDatabase()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'entraide-browser-'))
  for (const file of databaseFiles(seededDatabase))
    copyFileSync(file, path.join(dataDir, path.basename(file)))
  return serve(dataDir)
}

/** Launches Debian's Chromium headless with the flags this machine needs. */
export const launchBrowser = async (): Promise<Browser> => {
  mkdirSync(artifactsDir, { recursive: true })
  return chromium.launch({
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
    executablePath: chromiumPath,
  })
}
