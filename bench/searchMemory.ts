/**
 * What the embedded index costs in memory, in the app's own process, on
 * SQLite filled with generated knowledge (10,000 and 50,000 items by default,
 * the mix of `bench/searchEndToEnd.ts`):
 *
 * - the baseline: a fresh app process started on the filled database whose
 *   engine keeps nothing (it reads and maps every item as a real start does),
 *   its resident memory (RSS) after a full garbage collection;
 * - a fresh app process started on the same database, once its index holds
 *   every public document, after a full garbage collection;
 * - the index's own size: the bytes of its serialization (the documents it
 *   keeps and MiniSearch's inverted index, as the snapshot saves them).
 *
 * Target: RSS with the index ≤ 1.5 × (RSS with an empty index + the index's
 * own size). Each run (`--runs`, 3 by default) seeds its own database in a
 * child process, then measures each of the two in a fresh one; the median run and the spread. A run that fails fails
 * the benchmark (exit code 1); nothing is retried.
 *
 * Run: npx tsx bench/searchMemory.ts [-- --sizes 10000,50000 --runs 3]
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { getPayload, type SanitizedConfig } from 'payload'

import { buildAppConfig } from '../setup/appConfig.ts'
import { EmbeddedEngine } from '../src/search/embeddedEngine.ts'
import { readySearchEngine } from '../src/search/reindex.ts'
import { positiveOption, sleep, textOption } from './lib/measure.ts'
import { seedContent } from './lib/knowledgeContent.ts'

type RunReport = {
  documents: number
  emptyRssMb: number
  fullRssMb: number
  emptyHeapMb: number
  fullHeapMb: number
  ownSizeMb: number
}

/** What one fresh process measured: its memory once the app started and its index was filled. */
type Measured = { documents: number; rssMb: number; heapMb: number; ownSizeMb: number }

const target = 1.5
const megabytes = (bytes: number): number => bytes / 1024 / 1024

/** The baseline's engine: the embedded engine that keeps nothing it is given. */
class EmptyEngine extends EmbeddedEngine {
  override async upsert(): Promise<void> {}
}

/** A full collection, twice, with a pause for the allocator to hand pages back. */
const settle = async (): Promise<{ rss: number; heap: number }> => {
  const collect: unknown = Reflect.get(globalThis, 'gc')
  if (typeof collect !== 'function') throw new Error('Run with --expose-gc (the parent process passes it to each run).')
  for (let round = 0; round < 2; round += 1) {
    Reflect.apply(collect, globalThis, [])
    await sleep(200)
  }
  const { heapUsed, rss } = process.memoryUsage()
  return { heap: megabytes(heapUsed), rss: megabytes(rss) }
}

const configFor = (directory: string, engine?: EmbeddedEngine): Promise<SanitizedConfig> =>
  buildAppConfig({
    databaseUri: `file:${path.join(directory, 'bench.db')}`,
    entraide: { search: { engine, snapshot: false } },
    secret: 'entraide-bench-secret',
  })

/** Fills the database of `directory` with `size` generated items, in a process of its own. */
const seed = async (directory: string, size: number): Promise<void> => {
  const payload = await getPayload({ config: await configFor(directory), key: 'bench-memory-seed' })
  try {
    await seedContent(payload, size)
  } finally {
    await payload.destroy()
  }
}

/**
 * Starts the app on the filled database, as a node would, waits for its index
 * to be filled from the database, and measures the process. `empty`: the same
 * start with an engine that keeps nothing (the same reading and mapping of
 * every item), the baseline.
 */
const measure = async (directory: string, mode: 'empty' | 'full'): Promise<Measured> => {
  const engine = mode === 'empty' ? new EmptyEngine() : undefined
  const payload = await getPayload({ config: await configFor(directory, engine), key: `bench-memory-${mode}` })
  try {
    const ready = await readySearchEngine(payload)
    if (!(ready instanceof EmbeddedEngine))
      throw new Error('This benchmark measures the embedded engine: unset MEILI_HOST.')
    const { documentCount } = await ready.stats()
    const { heap, rss } = await settle()
    const { parts } = await ready.snapshot()
    return {
      documents: documentCount,
      heapMb: heap,
      ownSizeMb: megabytes(parts.reduce((bytes, part) => bytes + part.byteLength, 0)),
      rssMb: rss,
    }
  } finally {
    await payload.destroy()
  }
}

const median = (values: readonly number[]): { median: number; low: number; high: number } => {
  const sorted = [...values].sort((left, right) => left - right)
  return { high: sorted.at(-1) ?? 0, low: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 }
}

/** Runs this script with `args` in a child process and gives back what it sends; any other end fails. */
const runInChild = <T>(args: readonly string[], what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const child = fork(process.argv[1] ?? '', [...args], {
      env: { ...process.env, ENTRAIDE_SEED: 'false', PAYLOAD_FORCE_DRIZZLE_PUSH: 'true' },
      execArgv: [...process.execArgv, '--expose-gc'],
      stdio: ['inherit', 'ignore', 'inherit', 'ipc'],
    })
    let received: { value: T } | undefined
    child.on('message', (message: T) => {
      received = { value: message }
    })
    child.on('error', reject)
    // Any exit but a clean one after the report fails the benchmark; nothing is run again.
    child.on('exit', (code, signal) =>
      received && code === 0
        ? resolve(received.value)
        : reject(new Error(`${what} failed: it exited with ${signal ?? `code ${code}`}.`)),
    )
  })

const runOnce = async (size: number): Promise<RunReport> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-memory-'))
  try {
    const label = `the ${size.toLocaleString('en')}-item run`
    await runInChild<boolean>(['--seed', directory, '--size', String(size)], `Seeding ${label}`)
    const empty = await runInChild<Measured>(['--measure', directory, '--mode', 'empty'], `The baseline of ${label}`)
    const full = await runInChild<Measured>(['--measure', directory, '--mode', 'full'], `The index of ${label}`)
    return {
      documents: full.documents,
      emptyHeapMb: empty.heapMb,
      emptyRssMb: empty.rssMb,
      fullHeapMb: full.heapMb,
      fullRssMb: full.rssMb,
      ownSizeMb: full.ownSizeMb,
    }
  } finally {
    rmSync(directory, { force: true, recursive: true })
  }
}

const send = (value: unknown): void => {
  if (process.send) process.send(value, () => process.exit(0))
  else process.exit(0)
}

const seedDirectory = textOption('seed')
const measureDirectory = textOption('measure')
if (seedDirectory !== undefined) {
  await seed(seedDirectory, positiveOption('size', 1000))
  send(true)
} else if (measureDirectory !== undefined) {
  send(await measure(measureDirectory, textOption('mode') === 'empty' ? 'empty' : 'full'))
} else {
  const sizes = (textOption('sizes') ?? '10000,50000').split(',').map(Number)
  const runs = positiveOption('runs', 3)
  const failures: string[] = []
  const rows: string[] = []
  for (const size of sizes) {
    const reports: RunReport[] = []
    for (let run = 0; run < runs; run += 1) {
      process.stderr.write(`${size.toLocaleString('en')} items, run ${run + 1} of ${runs}…\n`)
      reports.push(await runOnce(size))
    }
    const ratios = reports.map((report) => report.fullRssMb / (report.emptyRssMb + report.ownSizeMb))
    const cell = (values: readonly number[], digits = 0): string => {
      const { high, low, median: middle } = median(values)
      return `${middle.toFixed(digits)} (${low.toFixed(digits)}–${high.toFixed(digits)})`
    }
    const ratio = median(ratios).median
    rows.push(
      `| ${reports[0]?.documents.toLocaleString('en') ?? 0} | ${cell(reports.map((r) => r.emptyRssMb))} | ${cell(reports.map((r) => r.fullRssMb))} | ${cell(reports.map((r) => r.fullRssMb - r.emptyRssMb))} | ${cell(reports.map((r) => r.fullHeapMb - r.emptyHeapMb))} | ${cell(reports.map((r) => r.ownSizeMb))} | **${cell(ratios, 2)}×** |`,
    )
    if (ratio > target)
      failures.push(`${size.toLocaleString('en')} items: RSS ${ratio.toFixed(2)}× (empty + own size), above ${target}×`)
  }
  console.log(
    `\nRSS in MB after a full garbage collection, median of ${runs} runs (lowest–highest); Node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}\n`,
  )
  console.log(
    "| public documents | RSS, index empty | RSS, index full | added by the index | heap added | index's own size (serialized) | full ÷ (empty + own size), target ≤ 1.5 |",
  )
  console.log('|---:|---:|---:|---:|---:|---:|---:|')
  for (const row of rows) console.log(row)
  if (failures.length > 0) {
    console.log(`\nFAILED:\n${failures.map((failure) => `- ${failure}`).join('\n')}`)
    process.exitCode = 1
  }
}
