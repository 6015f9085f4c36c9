import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
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
 * `next dev` lists its build directory in tsconfig.json and next-env.d.ts at
 * start; a test server's directory is thrown away, so its lines (and only
 * its own: servers may run side by side) are taken out again.
 */
const forgetBuildDir = (distDir: string): void => {
  for (const file of ['tsconfig.json', 'next-env.d.ts']) {
    const filePath = path.resolve(file)
    if (!existsSync(filePath)) continue
    const text = readFileSync(filePath, 'utf8')
    const kept = text
      .split('\n')
      .filter((line) => !line.includes(`${distDir}/`))
      .join('\n')
      .replace(/,(\s*\])/g, '$1')
    if (kept !== text) writeFileSync(filePath, kept)
  }
}

/**
 * Starts the Entraide app on a free port with its own throw-away SQLite
 * database (seeded with the demo content at start): the production build in
 * CI (`.ci/run` builds just before), `next dev` elsewhere.
 */
export const startApp = async (): Promise<RunningApp> => {
  const port = await freePort()
  const dataDir = mkdtempSync(path.join(tmpdir(), 'entraide-browser-'))
  // CI builds right before the tests, so its build is current; elsewhere a
  // build in .next may be older than the code, and `next dev` is used.
  const hasBuild = process.env.CI === 'true' && existsSync(path.resolve('.next', 'BUILD_ID'))
  const args = hasBuild ? ['start', '--port', String(port)] : ['dev', '--port', String(port)]
  const distDir = hasBuild ? null : `.next-test/${port}`
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URI: `file:${path.join(dataDir, 'browser.db')}`,
    NEXT_TELEMETRY_DISABLED: '1',
    ENTRAIDE_SEED: 'true',
    PAYLOAD_SECRET: 'entraide-browser-test-secret',
    PORT: String(port),
    ...(distDir === null ? {} : { NEXT_DIST_DIR: distDir }),
  }
  const child: ChildProcess = spawn(path.resolve('node_modules', '.bin', 'next'), args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  // `next dev` refuses its hot-reload socket to pages opened on 127.0.0.1 (a
  // cross-origin dev request) and the page then reloads itself in a loop.
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
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  if (distDir !== null) forgetBuildDir(distDir)
  return {
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((resolve) => {
        if (child.exitCode !== null) resolve(undefined)
        child.once('exit', resolve)
        setTimeout(resolve, 5000)
      })
      rmSync(dataDir, { force: true, recursive: true })
      if (distDir !== null) {
        forgetBuildDir(distDir)
        rmSync(path.resolve(distDir), { force: true, recursive: true })
      }
    },
    outputTail: (characters = 6000) => output.slice(-characters),
    url,
  }
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
