import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { freePort, type RunningApp } from '../browser/harness.ts'

/** The repository, whose package is packed. */
export const repositoryDir = path.resolve(import.meta.dirname, '..', '..')

/** The host site, as committed: its own collections and Next.js routes, no Entraide sources. */
export const fixtureDir = path.join(import.meta.dirname, 'fixture')

/** What the fixture must not bring along when it is copied (files a run in place may have left). */
const leftovers = new Set([
  'node_modules',
  '.next',
  'migrations',
  'media',
  'importMap.js',
  'payload-types.ts',
  'next-env.d.ts',
  'package-lock.json',
])

type CommandResult = { output: string; durationMs: number }

/**
 * The environment of the site's commands: this process's, without what the
 * test runner sets for itself (NODE_ENV=test would make `next build` and
 * `next start` misbehave) and without a search server meant for the
 * repository's own tests (the site uses Entraide's embedded engine).
 */
const siteEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...extra }
  for (const name of Object.keys(env)) {
    if (name === 'NODE_ENV' || name.startsWith('VITEST') || name.startsWith('MEILI_') || name.startsWith('TEST_'))
      delete env[name]
  }
  return env
}

/** Runs a command to its end; rejects with the end of its output when it fails. */
const run = (
  command: string,
  args: string[],
  { cwd, env }: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CommandResult> =>
  new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('error', reject)
    child.once('close', (code) => {
      const durationMs = Date.now() - started
      if (code === 0) resolve({ durationMs, output })
      else
        reject(
          new Error(`\`${[command, ...args].join(' ')}\` failed (exit ${code}) in ${cwd}:\n${output.slice(-6000)}`),
        )
    })
  })

/**
 * Runs a command of Payload's CLI until it has done its work, at most five
 * times. The fixture imports the rich-text editor as Payload's templates do,
 * and on Node 20 loading it sometimes never finishes (Lexical's packages
 * settle in an order that leaves one of the editor's modules waiting: see
 * the README on `setup/richTextEditor.ts`); the CLI then ends, with exit code
 * 0 and no output, about one run in five, with or without Entraide. A run
 * that says nothing and leaves nothing behind is run again; one that fails
 * is not. `next build` and `next start` load the editor bundled, unaffected.
 */
const runPayloadCli = async (
  args: string[],
  { cwd, env, isDone }: { cwd: string; env: NodeJS.ProcessEnv; isDone: (result: CommandResult) => boolean },
): Promise<CommandResult & { silentExits: number }> => {
  let durationMs = 0
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const result = await run(path.join(cwd, 'node_modules', '.bin', 'payload'), args, { cwd, env })
    durationMs += result.durationMs
    if (isDone(result)) return { durationMs, output: result.output, silentExits: attempt }
    if (result.output.trim() !== '') {
      throw new Error(`\`payload ${args.join(' ')}\` ended without doing its work:\n${result.output.slice(-6000)}`)
    }
  }
  throw new Error(`\`payload ${args.join(' ')}\` ended at once, with no output, five times in a row.`)
}

/** How long each step of preparing the site took, in seconds, for the log. */
export type SiteTimings = Record<'pack' | 'install' | 'importMap' | 'migrations' | 'build' | 'start', number>

export type HostSite = RunningApp & {
  /** The site's folder (a temporary copy of the fixture). */
  dir: string
  timings: SiteTimings
  /** How many times Payload's CLI ended at once without doing its work, and was run again. */
  silentExits: number
}

/**
 * Packs the package as it would be published (`npm pack` runs `prepack`, the
 * package build), installs the tarball into a temporary copy of the fixture
 * site with the site's own dependencies (from npm's cache when they are
 * there), generates the site's import map and its first migration, applies
 * it, builds the site with `next build` and starts it with `next start` on a
 * free port. `stop()` ends the server and deletes everything that was made.
 */
export const startHostSite = async (): Promise<HostSite> => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'entraide-host-'))
  const dir = path.join(workDir, 'site')
  const databaseFile = path.join(dir, 'site.db')
  const env = siteEnv({ DATABASE_URI: `file:${databaseFile}`, PAYLOAD_SECRET: 'entraide-host-test-secret' })
  const next = path.join(dir, 'node_modules', '.bin', 'next')
  const timings: Partial<SiteTimings> = {}
  const seconds = (ms: number) => Math.round(ms / 100) / 10
  let server: ChildProcess | null = null
  let output = ''
  let silentExits = 0

  const stop = async (): Promise<void> => {
    const child = server
    server = null
    if (child?.pid !== undefined && child.exitCode === null) {
      // The server runs in its own process group: end it and anything it started.
      const exited = new Promise((resolve) => child.once('exit', resolve))
      process.kill(-child.pid, 'SIGTERM')
      const timeout = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 5000)
      await exited
      clearTimeout(timeout)
    }
    process.off('exit', killOnExit)
    rmSync(workDir, { force: true, recursive: true })
  }
  // Should the test process end without its afterAll, the server does not outlive it.
  const killOnExit = () => {
    if (server?.pid !== undefined && server.exitCode === null) process.kill(-server.pid, 'SIGKILL')
  }
  process.on('exit', killOnExit)

  try {
    const packed = await run('npm', ['pack', '--pack-destination', workDir], { cwd: repositoryDir, env: siteEnv({}) })
    const tarball = readdirSync(workDir).find((name) => name.endsWith('.tgz'))
    if (tarball === undefined) throw new Error(`\`npm pack\` made no tarball:\n${packed.output.slice(-6000)}`)
    timings.pack = seconds(packed.durationMs)

    cpSync(fixtureDir, dir, {
      filter: (source) => !leftovers.has(path.basename(source)) && !source.endsWith('.db'),
      recursive: true,
    })
    const installed = await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(workDir, tarball)],
      { cwd: dir, env },
    )
    timings.install = seconds(installed.durationMs)

    const importMap = await runPayloadCli(['generate:importmap'], {
      cwd: dir,
      env,
      isDone: () => existsSync(path.join(dir, 'app', '(payload)', 'admin', 'importMap.js')),
    })
    timings.importMap = seconds(importMap.durationMs)
    const created = await runPayloadCli(['migrate:create', 'entraide'], {
      cwd: dir,
      env,
      isDone: () => existsSync(path.join(dir, 'migrations', 'index.ts')),
    })
    const migrated = await runPayloadCli(['migrate'], {
      cwd: dir,
      env,
      isDone: ({ output }) => output.includes('Migrated:'),
    })
    timings.migrations = seconds(created.durationMs + migrated.durationMs)
    silentExits = importMap.silentExits + created.silentExits + migrated.silentExits
    timings.build = seconds((await run(next, ['build'], { cwd: dir, env })).durationMs)

    const port = await freePort()
    const started = Date.now()
    // Idle connections stay open longer on the server than in the tests' fetch (4 s):
    // a request never goes out on a connection the server is closing (ECONNRESET).
    const child = spawn(next, ['start', '--port', String(port), '--keepAliveTimeout', '65000'], {
      cwd: dir,
      detached: true,
      // Its temporary files (the saved search index) go with the rest, removed at the end.
      env: { ...env, PORT: String(port), TMPDIR: workDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    server = child
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const url = `http://localhost:${port}`
    const deadline = Date.now() + 120_000
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The site exited during start:\n${output.slice(-6000)}`)
      try {
        if ((await fetch(`${url}/api/agencies?limit=1`)).ok) break
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`The site did not answer within two minutes:\n${output.slice(-6000)}`)
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    timings.start = seconds(Date.now() - started)
    return {
      dir,
      outputTail: (characters = 6000) => output.slice(-characters),
      silentExits,
      stop,
      timings: { build: 0, importMap: 0, install: 0, migrations: 0, pack: 0, start: 0, ...timings },
      url,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The versions a package.json asks for, by package name. */
export const dependenciesOf = (file: string): Record<string, string> => {
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    dependencies?: Record<string, string>
    devDependencies?: Record<string, string>
  }
  return { ...manifest.devDependencies, ...manifest.dependencies }
}
