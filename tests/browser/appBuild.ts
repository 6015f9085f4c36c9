/**
 * Global setup of the browser tests: one production build of the app, shared
 * by every browser test file and reused while the sources have not changed.
 *
 * The build runs in the background while the other projects' tests run (the
 * browser files come last: their project's group order is higher); each
 * browser file waits for it in `startApp` (harness.ts), through the files
 * below: the fingerprint once the build is done, the failure file if it fails.
 *
 * The build goes to `.next`, as `npm run build` does (a running `npm run dev`
 * keeps its own files in `.next/dev`, which a build leaves alone). Beside it,
 * `.next/entraide-sources.json` records a fingerprint of every source file the
 * build read; a later run whose fingerprint matches skips the build.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import {
  browserSkipReason,
  buildFailureFile,
  ensureSeededDatabase,
  lowerPriority,
  seededDatabase,
  serverEnvironment,
  stampFile,
} from './harness'

const projectRoot = path.resolve(import.meta.dirname, '..', '..')
const distDir = path.join(projectRoot, '.next')
const lockDir = path.join(projectRoot, '.next-build-lock')

/** Files that do not go into the app's build. */
const notBuilt = (file: string): boolean =>
  /^(tests|bench|\.ci|\.github)\//.test(file) || /\.(md|test\.tsx?)$/.test(file) || file === 'LICENSE'

/** The project's files: git's list when this is a clone, a walk of the folder otherwise. */
const sourceFiles = (root: string): string[] => {
  try {
    const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    return listed.split('\0').filter((file) => file !== '')
  } catch {
    const skipped = new Set(['node_modules', '.git', 'data', 'dist', 'test-results', 'public'])
    const walk = (folder: string): string[] =>
      readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
        const relative = folder === '' ? entry.name : `${folder}/${entry.name}`
        if (entry.isDirectory()) return skipped.has(entry.name) || entry.name.startsWith('.next') ? [] : walk(relative)
        return entry.isFile() ? [relative] : []
      })
    return walk('')
  }
}

/** A digest of the content of every file the build reads, and of the versions that build it. */
export const sourcesFingerprint = (root: string = projectRoot): string => {
  const hash = createHash('sha256')
  hash.update(`node ${process.version}\n`)
  for (const file of sourceFiles(root)
    .filter((name) => !notBuilt(name))
    .sort()) {
    const filePath = path.join(root, file)
    if (!existsSync(filePath) || !statSync(filePath).isFile()) continue // deleted but not yet staged
    hash.update(`${file}\0`)
    hash.update(readFileSync(filePath))
    hash.update('\0')
  }
  return hash.digest('hex')
}

const readStamp = (): string | null => {
  if (!existsSync(path.join(distDir, 'BUILD_ID')) || !existsSync(stampFile)) return null
  try {
    return (JSON.parse(readFileSync(stampFile, 'utf8')) as { fingerprint?: string }).fingerprint ?? null
  } catch {
    return null
  }
}

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Holds a lock so that two test runs in one checkout never build at the same time. */
const withLock = async <T>(work: () => Promise<T>): Promise<T> => {
  for (;;) {
    try {
      mkdirSync(lockDir)
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid))
      break
    } catch {
      let holder = Number.NaN
      try {
        holder = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8'))
      } catch {
        // the holder has not written its pid yet
      }
      if (Number.isInteger(holder) && !isRunning(holder)) {
        rmSync(lockDir, { force: true, recursive: true })
        continue
      }
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  try {
    return await work()
  } finally {
    rmSync(lockDir, { force: true, recursive: true })
  }
}

/**
 * Runs `npm run build` (the widget bundle, then `next build`), printing its
 * progress. The type check is left out: `npm run typecheck` does it (CI runs it
 * before the tests), and `npm run build` on its own still does it.
 *
 * Turbopack's build cache (`.next/cache`) is written only when a build is
 * already there, that is when the sources changed since the tests' last
 * build: writing it takes about 15 s of a 58 s build on two cores, and only a
 * later build reads it (23 s instead of 43 s). A fresh clone, CI's included,
 * builds once and would never read it.
 */
const build = (label: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const rebuilding = existsSync(path.join(distDir, 'BUILD_ID')) || existsSync(path.join(distDir, 'cache'))
    const env = serverEnvironment({
      ENTRAIDE_BUILD_CACHE: rebuilding ? 'true' : 'false',
      ENTRAIDE_BUILD_WITHOUT_TYPECHECK: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
    })
    const child = spawn('npm', ['run', 'build'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
    // At a lower priority than the database tests it runs beside: it takes the
    // processor time they leave (about a quarter of it, waiting on timers and
    // the database), not theirs. Set before npm starts `next build`, which inherits it.
    lowerPriority(child)
    let output = ''
    const keep = (chunk: Buffer) => {
      output += chunk.toString()
      const lines = output.split('\n')
      output = lines.slice(-200).join('\n')
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    const started = Date.now()
    const progress = setInterval(
      () => console.log(`${label}: still building the app (${Math.round((Date.now() - started) / 1000)} s)…`),
      30_000,
    )
    child.on('error', (error) => {
      clearInterval(progress)
      reject(error)
    })
    child.on('exit', (code) => {
      clearInterval(progress)
      if (code === 0) {
        console.log(`${label}: app built in ${Math.round((Date.now() - started) / 1000)} s.`)
        resolve()
      } else {
        reject(new Error(`The app's build (npm run build) failed with code ${String(code)}:\n${output}`))
      }
    })
  })

/**
 * Makes the production build in `.next` current: builds it unless its
 * fingerprint matches the sources (another run in this checkout building
 * meanwhile is waited for). `label` starts the progress lines.
 */
export const buildAppIfStale = async (label: string): Promise<'reused' | 'built'> => {
  const fingerprint = sourcesFingerprint()
  if (readStamp() === fingerprint) return 'reused'
  // Nothing may take an older build for this one.
  rmSync(stampFile, { force: true })
  return withLock(async () => {
    if (readStamp() === fingerprint) return 'reused' // another run in this checkout built it meanwhile
    rmSync(stampFile, { force: true })
    await build(label)
    writeFileSync(stampFile, JSON.stringify({ builtAt: new Date().toISOString(), fingerprint }, null, 2))
    return 'built'
  })
}

let building: Promise<unknown> | null = null

/**
 * Seeds the demo database the browser files copy, in the background once the
 * build is there: the seeding server (about 10 s, more on a busy machine)
 * then runs beside the database tests, at a lower priority, instead of
 * holding the first browser files. When it fails, the first browser file
 * seeds it again and fails with the reason.
 */
const seedInBackground = (): Promise<void> => {
  const started = Date.now()
  return ensureSeededDatabase({ niced: true }).then(
    () => console.log(`Browser tests: demo content seeded in ${Math.round((Date.now() - started) / 1000)} s.`),
    (error: unknown) =>
      console.log(
        `Browser tests: seeding the demo content in the background failed; the first browser file tries again. ${error instanceof Error ? error.message : String(error)}`,
      ),
  )
}

export function setup(): void {
  rmSync(buildFailureFile, { force: true })
  // Seeded again in this run, from this run's sources and at today's date.
  rmSync(path.dirname(seededDatabase), { force: true, recursive: true })
  if (browserSkipReason() !== null) return // the browser tests say why they skip
  if (readStamp() === sourcesFingerprint()) {
    console.log('Browser tests: the production build in .next is current; reused.')
    building = seedInBackground()
    return
  }
  console.log(
    'Browser tests: building the app once for all browser test files, while the other tests run (npm run build: about 2 minutes on two cores; reused while the sources do not change)…',
  )
  building = buildAppIfStale('Browser tests').then(seedInBackground, (error: unknown) => {
    mkdirSync(path.dirname(buildFailureFile), { recursive: true })
    writeFileSync(buildFailureFile, error instanceof Error ? error.message : String(error))
  })
}

/** A run that ends early (a filter without browser files, a bail) still waits for the build and the seeding it started. */
export async function teardown(): Promise<void> {
  await building
}
