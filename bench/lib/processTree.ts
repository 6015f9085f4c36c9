import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { z } from 'zod'

import { serverEnvironment } from '../../tests/browser/harness.ts'
import { sleep } from './measure.ts'

/** The fields of /proc/<pid>/stat after the command name (which may hold spaces), or null once it ended. */
const statFields = (pid: number | string): string[] | null => {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return text.slice(text.lastIndexOf(')') + 2).split(' ')
  } catch {
    return null
  }
}

/** A process and all its descendants (a server may run its work in child processes). */
const processTree = (rootPid: number): number[] => {
  const parents = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const fields = statFields(entry)
    if (fields) parents.set(Number(entry), Number(fields[1]))
  }
  const tree: number[] = []
  const pending = [rootPid]
  while (pending.length > 0) {
    const pid = pending.pop() ?? 0
    tree.push(pid)
    for (const [child, parent] of parents) if (parent === pid) pending.push(child)
  }
  return tree
}

/** CPU time (user + system, ms) of a process tree: clock ticks of 10 ms on Linux. */
export const treeCpuMs = (rootPid: number): number =>
  processTree(rootPid).reduce((sum, pid) => {
    const fields = statFields(pid)
    return sum + (fields ? (Number(fields[11]) + Number(fields[12])) * 10 : 0)
  }, 0)

let addressCounter = 0
/** A new client address for every request: 10.x.y.z, never twice in a run. */
export const nextAddress = (): string => {
  addressCounter += 1
  const n = addressCounter
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

/** The production server (`next start`) of this checkout, as a benchmark runs it. */
export type NextServer = {
  url: string
  pid: number
  child: ChildProcess
  output: () => string
  stop: () => Promise<void>
}

/**
 * Spawns `next start` on `port` with the benchmark's `env` (telemetry off, the
 * demo seed off), gathering its output. `stop` ends it: SIGTERM, then SIGKILL
 * after 10 s. Waiting until it answers is the caller's.
 */
export const spawnNextServer = (port: number, env: Record<string, string>): NextServer => {
  const child: ChildProcess = spawn(
    path.resolve('node_modules', '.bin', 'next'),
    ['start', '--port', String(port), '--keepAliveTimeout', '65000'],
    {
      env: serverEnvironment({ ENTRAIDE_SEED: 'false', NEXT_TELEMETRY_DISABLED: '1', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const exited = await Promise.race([
      new Promise<boolean>((resolve) => child.once('exit', () => resolve(true))),
      sleep(10_000).then(() => false),
    ])
    if (!exited) child.kill('SIGKILL')
  }
  return { child, output: () => output, pid: child.pid ?? 0, stop, url: `http://127.0.0.1:${port}` }
}

/**
 * The variables that load `memoryProbe.mjs` into a spawned server's
 * processes, writing to `file` when `probeMemory` asks.
 */
export const memoryProbeEnvironment = (file: string): Record<string, string> => ({
  ENTRAIDE_MEMORY_PROBE_FILE: file,
  NODE_OPTIONS:
    `${process.env.NODE_OPTIONS ?? ''} --import ${pathToFileURL(path.resolve('bench/lib/memoryProbe.mjs')).href}`.trim(),
})

const probeLine = z.object({
  before: z.object({ rss: z.number(), heapUsed: z.number() }),
  after: z.object({ rss: z.number(), heapUsed: z.number(), external: z.number() }),
})

/** What the memory probe found in a process tree, summed over its processes (MB). */
export type ProbedMemory = {
  processes: number
  rssBefore: number
  heapBefore: number
  rssAfter: number
  heapAfter: number
  external: number
}

/**
 * Asks every process of a tree started with `memoryProbeEnvironment(file)`
 * for its memory after two full garbage collections (SIGUSR2), and sums what
 * they wrote. Fails when none answers within 10 s.
 */
export const probeMemory = async (rootPid: number, file: string): Promise<ProbedMemory> => {
  rmSync(file, { force: true })
  const pids = processTree(rootPid)
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGUSR2')
    } catch {
      // Ended meanwhile.
    }
  }
  const deadline = Date.now() + 10_000
  let lines: z.infer<typeof probeLine>[] = []
  while (Date.now() < deadline) {
    await sleep(500)
    if (!existsSync(file)) continue
    lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => probeLine.parse(JSON.parse(line)))
    // Every process of the tree is Node and loads the probe (it inherits NODE_OPTIONS); one that ended
    // meanwhile never answers: the deadline takes what came.
    if (lines.length >= pids.length) break
  }
  if (lines.length === 0) throw new Error(`No process of the server answered the memory probe (${file}).`)
  const sum = (pick: (line: z.infer<typeof probeLine>) => number): number =>
    lines.reduce((total, line) => total + pick(line), 0)
  return {
    external: sum((line) => line.after.external),
    heapAfter: sum((line) => line.after.heapUsed),
    heapBefore: sum((line) => line.before.heapUsed),
    processes: lines.length,
    rssAfter: sum((line) => line.after.rss),
    rssBefore: sum((line) => line.before.rss),
  }
}
