/**
 * Benchmark of the embedded index's restart: an index of 1k, 10k and 50k
 * generated documents is saved as a running app saves it (`saveSnapshot`),
 * then loaded into a fresh engine (`loadSnapshot`), against building the
 * same index from the documents, measured in the same run. Each figure is
 * wall / CPU time; each size runs in its own child process. Beside the save,
 * the longest the event loop went unserved during it (searches wait that long).
 *
 * Run: npm run bench:search-snapshot [-- --sizes 1000,10000]
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { EmbeddedEngine } from '../src/search/embeddedEngine.ts'
import { defaultIndexSettings } from '../src/search/settings.ts'
import { loadSnapshot, saveSnapshot } from '../src/search/snapshot.ts'
import { generateCorpus } from './lib/knowledgeCorpus.ts'

type Timed = { wallMs: number; cpuMs: number }
type SizeReport = {
  size: number
  build: Timed
  save: Timed
  longestPauseMs: number
  load: Timed
  bytes: number
  firstSearch: Timed
}

const timed = async (work: () => Promise<unknown>): Promise<Timed> => {
  const cpu = process.cpuUsage()
  const startedAt = performance.now()
  await work()
  const used = process.cpuUsage(cpu)
  return { cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - startedAt }
}

const runSize = async (size: number): Promise<SizeReport> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'entraide-snapshot-bench-'))
  try {
    const documents = generateCorpus(size)
    const built = new EmbeddedEngine()
    await built.ensureIndex(defaultIndexSettings)
    const build = await timed(() => built.upsert(documents))
    const file = path.join(directory, 'index.snapshot')
    let bytes = 0
    // The longest the app's thread goes without serving its event loop while the index is saved:
    // a timer due every millisecond records the longest gap between two of its runs.
    let longestPauseMs = 0
    let tickedAt = performance.now()
    const ticker = setInterval(() => {
      const now = performance.now()
      longestPauseMs = Math.max(longestPauseMs, now - tickedAt)
      tickedAt = now
    }, 1)
    const save = await timed(async () => {
      bytes = (await saveSnapshot({ engine: built, file, position: { cursor: 1, marker: { at: 1, id: '1' } } })).bytes
    })
    clearInterval(ticker)
    longestPauseMs = Math.max(longestPauseMs, performance.now() - tickedAt)
    const loaded = new EmbeddedEngine()
    await loaded.ensureIndex(defaultIndexSettings)
    const load = await timed(async () => {
      const result = await loadSnapshot({ engine: loaded, file })
      if (result?.documents !== size)
        throw new Error(`the saved index gave back ${String(result?.documents)} documents, not ${size}`)
    })
    const firstSearch = await timed(() => loaded.search({ query: 'passeport' }))
    return { build, bytes, firstSearch, load, longestPauseMs, save, size }
  } finally {
    rmSync(directory, { force: true, recursive: true })
  }
}

const cell = ({ cpuMs, wallMs }: Timed): string => `${(wallMs / 1000).toFixed(2)} s / ${(cpuMs / 1000).toFixed(2)} s`

const sizeArgument = process.argv.indexOf('--size')
if (sizeArgument !== -1) {
  process.send?.(await runSize(Number(process.argv[sizeArgument + 1])))
} else {
  const sizesArgument = process.argv.indexOf('--sizes')
  const sizes =
    sizesArgument !== -1 ? (process.argv[sizesArgument + 1] ?? '').split(',').map(Number) : [1_000, 10_000, 50_000]
  const reports: SizeReport[] = []
  for (const size of sizes) {
    process.stderr.write(`${size.toLocaleString('en')} documents…\n`)
    reports.push(
      await new Promise<SizeReport>((resolve, reject) => {
        const child = fork(process.argv[1] ?? '', ['--size', String(size)], { execArgv: process.execArgv })
        let received: SizeReport | undefined
        child.on('message', (message: SizeReport) => {
          received = message
        })
        child.on('error', reject)
        child.on('exit', (code) =>
          received && code === 0 ? resolve(received) : reject(new Error(`size ${size} exited with ${String(code)}`)),
        )
      }),
    )
  }
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')
  console.log(
    `\n## Restart from a saved index\n\nNode ${process.version}, ${os.cpus()[0]?.model ?? 'CPU'} (${os.cpus().length} cores), load average at the end ${load}.\n`,
  )
  console.log(
    '| documents | build from the documents (wall / CPU) | save | longest pause of the event loop during the save | load the saved index | first search after loading | file size |',
  )
  console.log('|---:|---:|---:|---:|---:|---:|---:|')
  for (const report of reports) {
    console.log(
      `| ${report.size.toLocaleString('en')} | ${cell(report.build)} | ${cell(report.save)} | ${report.longestPauseMs.toFixed(0)} ms | ${cell(report.load)} | ${report.firstSearch.wallMs.toFixed(1)} ms | ${(report.bytes / 1_000_000).toFixed(1)} MB |`,
    )
  }
}
