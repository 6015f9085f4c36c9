import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

/**
 * How many fresh starts: 6 in `npm test`, 30 in `npm run test:start` (which
 * CI runs after it), or what ENTRAIDE_START_RUNS says.
 */
const runs = Number(process.env.ENTRAIDE_START_RUNS ?? 6)
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`ENTRAIDE_START_RUNS must be a whole number of starts, got "${process.env.ENTRAIDE_START_RUNS}".`)
/** Starts running at once. */
const parallel = 2
/** A start that has not printed `started` and exited by then is taken as hung. */
const startTimeoutMs = 60_000

type Outcome = {
  run: number
  code: number | null
  signal: NodeJS.Signals | null
  isStarted: boolean
  ms: number
  output: string
}

// The start script and the app's own sources, bundled once into plain
// JavaScript: each start then costs what loading Payload and its packages
// costs, which is where a start can hang. The packages stay outside the
// bundle and load afresh in each process, as they do in the app.
let bundleDir = ''
let script = ''
beforeAll(async () => {
  bundleDir = mkdtempSync(path.join(tmpdir(), 'entraide-start-test-'))
  symlinkSync(path.join(root, 'node_modules'), path.join(bundleDir, 'node_modules'), 'dir')
  script = path.join(bundleDir, 'startApp.mjs')
  await build({
    bundle: true,
    entryPoints: [path.join(root, 'tests', 'fixtures', 'startApp.ts')],
    format: 'esm',
    logLevel: 'warning',
    outfile: script,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    tsconfig: path.join(root, 'tsconfig.json'),
  })
})
afterAll(() => {
  if (bundleDir) rmSync(bundleDir, { force: true, recursive: true })
})

const startOnce = (run: number): Promise<Outcome> =>
  new Promise((resolve, reject) => {
    const began = Date.now()
    const child = spawn(process.execPath, [script], {
      cwd: root,
      env: { ...process.env, ENTRAIDE_SEED: 'false', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), startTimeoutMs)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, isStarted: /^started$/m.test(output), ms: Date.now() - began, output, run, signal })
    })
  })

describe('starting the app', () => {
  it(
    `starts ${runs} times out of ${runs} on fresh SQLite databases`,
    async () => {
      const outcomes: Outcome[] = []
      let next = 0
      const worker = async () => {
        while (next < runs) {
          next += 1
          outcomes.push(await startOnce(next))
        }
      }
      await Promise.all(Array.from({ length: Math.min(parallel, runs) }, worker))

      const failed = outcomes.filter((outcome) => outcome.code !== 0 || !outcome.isStarted)
      const describeFailure = ({ code, ms, output, run, signal }: Outcome) =>
        `start ${run}: ${signal === 'SIGKILL' ? `hung (killed after ${ms} ms)` : `exited with code ${code}`}${code === 13 ? ' (unsettled top-level await)' : ''}\n${output.slice(-2000)}`
      expect(failed.map(describeFailure)).toEqual([])
      expect(outcomes).toHaveLength(runs)
    },
    Math.ceil(runs / parallel) * startTimeoutMs + 10_000,
  )
})
