/**
 * HTTP load benchmark against the production server (`next start`, the build
 * `npm run build` makes), on SQLite holding generated knowledge (10,000
 * documents by default, as bench/searchEndToEnd.ts generates them).
 *
 * Three routes, each loaded by autocannon with 50 connections (keep-alive,
 * one request at a time per connection, as many browsers would):
 * - the baseline: a plain Payload REST read of one document,
 *   `GET /api/procedures/:id`, cycling over the procedures;
 * - the widget's anonymous procedure page, `GET /api/entraide/procedures/:slug`,
 *   cycling over 20 procedures;
 * - the search endpoint, `GET /api/entraide/search?q=…`, cycling over
 *   one- and two-word queries.
 * Every request comes from its own client address (`X-Forwarded-For`, the
 * server believing loopback as its proxy), as from many readers: the per-address
 * rate limits then count as in production and refuse nothing.
 *
 * Each round measures the three in turn (the order turning from round to
 * round), after a warm-up of each; the ratios are taken within a round, so the
 * machine's load weighs on both sides. Reported: requests per second (median
 * and min–max over the rounds), latency p50 / p95 / p99 of every response, the
 * server's CPU time per request (its process tree, from /proc), errors,
 * timeouts and non-2xx answers. It exits with code 1 when a target is missed
 * or any request failed, timed out or was not answered 2xx; nothing is retried.
 *
 * Run: npx tsx bench/httpLoad.ts [-- --documents 10000 --connections 50 --seconds 10 --rounds 3]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'
import { getPayload } from 'payload'
import { z } from 'zod'

import { saveSearchIndex } from '../src/search/feed.ts'
import { reindexKnowledge } from '../src/search/reindex.ts'
import { snapshotFileOf } from '../src/search/snapshot.ts'
import { buildAppConfig } from '../setup/appConfig.ts'
import { buildAppIfStale } from '../tests/browser/appBuild.ts'
import { freePort } from '../tests/browser/harness.ts'
import { topics } from './lib/frenchText.ts'
import { seedContent } from './lib/knowledgeContent.ts'
import { failWith, percentile, positiveOption, sleep } from './lib/measure.ts'
import {
  memoryProbeEnvironment,
  nextAddress,
  probeMemory,
  spawnNextServer,
  treeCpuMs,
  type NextServer,
  type ProbedMemory,
} from './lib/processTree.ts'

const documents = positiveOption('documents', 10_000)
const connections = positiveOption('connections', 50)
const seconds = positiveOption('seconds', 10, { isWhole: false })
const rounds = positiveOption('rounds', 3)
const warmUpSeconds = 3
const secret = 'entraide-http-benchmark-secret'

/** Targets: each route's throughput as a share of the plain Payload read's, in the same round. */
const targets = { page: 0.8, search: 0.7 } as const

// ---------------------------------------------------------------- server

const startServer = async (databaseUri: string, probeFile: string): Promise<NextServer> => {
  const port = await freePort()
  const server = spawnNextServer(port, {
    DATABASE_URI: databaseUri,
    PAYLOAD_SECRET: secret,
    TRUSTED_PROXIES: 'loopback',
    ...memoryProbeEnvironment(probeFile),
  })
  const { child, output, url } = server
  const deadline = Date.now() + 180_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited during start:\n${output().slice(-4000)}`)
    const answer = await fetch(`${url}/api/procedures?limit=1&depth=0`).catch(() => null)
    if (answer?.ok) break
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`The server did not answer within 3 minutes:\n${output().slice(-4000)}`)
    }
    await sleep(250)
  }
  return server
}

// ---------------------------------------------------------------- load

type RouteName = 'baseline' | 'page' | 'search'

type Run = {
  requestsPerSecond: number
  latencies: number[]
  cpuMsPerRequest: number
  errors: number
  timeouts: number
  non2xx: number
  statusCodes: Record<string, number>
}

const load = async (server: NextServer, paths: readonly string[], durationSeconds: number): Promise<Run> => {
  const latencies: number[] = []
  const cpuBefore = treeCpuMs(server.pid)
  const result = await autocannon({
    connections,
    duration: durationSeconds,
    requests: paths.map((route) => ({
      method: 'GET',
      path: route,
      setupRequest: (request) => ({
        ...request,
        headers: { ...request.headers, 'x-forwarded-for': nextAddress() },
      }),
    })),
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, responseTime: number) => latencies.push(responseTime))
    },
    timeout: 10,
    url: server.url,
  })
  const cpuMs = treeCpuMs(server.pid) - cpuBefore
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count ?? 0]),
  )
  return {
    cpuMsPerRequest: result.requests.total > 0 ? cpuMs / result.requests.total : 0,
    errors: result.errors,
    latencies,
    non2xx: result.non2xx,
    requestsPerSecond: result.requests.total / (result.duration || durationSeconds),
    statusCodes,
    timeouts: result.timeouts,
  }
}

// ---------------------------------------------------------------- report

const searchAnswer = z.object({ hits: z.array(z.unknown()) })
const procedureList = z.object({ docs: z.array(z.object({ id: z.union([z.string(), z.number()]), slug: z.string() })) })

const median = (values: readonly number[]): number => percentile(values, 50)
const spread = (values: readonly number[]): string =>
  `${Math.min(...values).toFixed(values.every((value) => value >= 100) ? 0 : 2)}–${Math.max(...values).toFixed(
    values.every((value) => value >= 100) ? 0 : 2,
  )}`
const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1))

const main = async (): Promise<void> => {
  const built = await buildAppIfStale('HTTP benchmark')
  console.log(`Production build ${built === 'reused' ? 'current, reused' : 'made'}.`)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'entraide-http-bench-'))
  const databaseUri = `file:${path.join(dataDir, 'bench.db')}`
  const probeFile = path.join(dataDir, 'memory.jsonl')
  let server: NextServer | null = null
  // The index's snapshot, which the server loads, in the OS temporary directory: removed at the end.
  let snapshot: string | null = null
  try {
    // The production server makes the schema with its migrations, as at a first deployment.
    const first = await startServer(databaseUri, probeFile)
    await first.stop()
    const config = await buildAppConfig({ databasePush: false, databaseUri, secret })
    const payload = await getPayload({ config, key: 'http-benchmark-seed' })
    const seeded = await seedContent(payload, documents)
    // The items were written straight to the database, around the change feed, while the start's
    // own build read it: the index is built again from them all, and saved for the server to load.
    await reindexKnowledge({ payload })
    await saveSearchIndex(payload)
    snapshot = snapshotFileOf(payload)
    await payload.destroy()
    console.log(
      `${seeded.items.toLocaleString('en')} documents generated (${seeded.publicItems.toLocaleString('en')} public, ${seeded.answers.toLocaleString('en')} answers) in ${seeded.seconds.toFixed(1)} s.`,
    )

    const startedAt = performance.now()
    server = await startServer(databaseUri, probeFile)
    const running = server
    const probe = `${running.url}/api/entraide/search?q=${encodeURIComponent(topics[0]?.[0] ?? 'passeport')}`
    for (;;) {
      const answer = await fetch(probe, { headers: { 'x-forwarded-for': nextAddress() } })
      const body = answer.ok ? searchAnswer.safeParse(await answer.json()) : null
      if (body?.success && body.data.hits.length > 0) break
      if (performance.now() - startedAt > 300_000) throw new Error(`Search found nothing 5 minutes after the start.`)
      await sleep(250)
    }
    console.log(`Server started and searching in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`)
    const memoryIdle = await probeMemory(running.pid, probeFile)

    const listed = procedureList.parse(
      await (await fetch(`${running.url}/api/procedures?limit=20&depth=0&sort=slug`)).json(),
    )
    if (listed.docs.length === 0) throw new Error('The generated database has no procedure.')
    const words = topics.flatMap((topic) => topic.slice(0, 3))
    const paths: Record<RouteName, string[]> = {
      baseline: listed.docs.map((procedure) => `/api/procedures/${encodeURIComponent(String(procedure.id))}`),
      page: listed.docs.map((procedure) => `/api/entraide/procedures/${encodeURIComponent(procedure.slug)}`),
      search: words.flatMap((word, index) => [
        `/api/entraide/search?q=${encodeURIComponent(word)}`,
        `/api/entraide/search?q=${encodeURIComponent(`${word} ${words[(index + 7) % words.length] ?? ''}`.trim())}`,
      ]),
    }
    const names: RouteName[] = ['baseline', 'page', 'search']
    for (const name of names) await load(running, paths[name], warmUpSeconds)

    const runs: Record<RouteName, Run[]> = { baseline: [], page: [], search: [] }
    for (let round = 0; round < rounds; round += 1) {
      const order = names.map((_, index) => names[(index + round) % names.length] ?? 'baseline')
      for (const name of order) {
        const run = await load(running, paths[name], seconds)
        runs[name].push(run)
        console.log(
          `round ${round + 1}, ${name}: ${run.requestsPerSecond.toFixed(0)} req/s, p95 ${ms(percentile(run.latencies, 95))} ms, CPU ${ms(run.cpuMsPerRequest)} ms/request`,
        )
      }
    }
    const memoryLoaded = await probeMemory(running.pid, probeFile)

    const labels: Record<RouteName, string> = {
      baseline: '`GET /api/procedures/:id` (plain Payload read)',
      page: '`GET /api/entraide/procedures/:slug` (anonymous)',
      search: '`GET /api/entraide/search?q=…`',
    }
    console.log(
      `\n${documents.toLocaleString('en')} documents, ${connections} connections, ${rounds} rounds of ${seconds} s per route; Node ${process.version}, ${os.cpus().length} cores\n`,
    )
    console.log(
      '| route | req/s, median (min–max) | ÷ baseline, same round: median (min–max) | latency p50 / p95 / p99 | server CPU per request | errors, timeouts, non-2xx |',
    )
    console.log('|---|---|---|---|---|---|')
    const failures: string[] = []
    for (const name of names) {
      const list = runs[name]
      const perSecond = list.map((run) => run.requestsPerSecond)
      const ratios = list.map((run, index) => run.requestsPerSecond / (runs.baseline[index]?.requestsPerSecond ?? 1))
      const latencies = list.flatMap((run) => run.latencies)
      const errors = list.reduce((sum, run) => sum + run.errors, 0)
      const timeouts = list.reduce((sum, run) => sum + run.timeouts, 0)
      const non2xx = list.reduce((sum, run) => sum + run.non2xx, 0)
      const cpu = median(list.map((run) => run.cpuMsPerRequest))
      const target = name === 'baseline' ? null : targets[name]
      const ratioText =
        target === null
          ? '1'
          : `**${median(ratios).toFixed(2)}×** (${spread(ratios)}); target ≥ ${target}: ${median(ratios) >= target ? 'met' : 'missed'}`
      console.log(
        `| ${labels[name]} | ${median(perSecond).toFixed(0)} (${spread(perSecond)}) | ${ratioText} | ${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(percentile(latencies, 99))} ms | ${ms(cpu)} ms | ${errors}, ${timeouts}, ${non2xx} |`,
      )
      if (target !== null && median(ratios) < target) {
        failures.push(`${name}: ${median(ratios).toFixed(2)}× the baseline's throughput, under the target ${target}×`)
      }
      if (errors + timeouts + non2xx > 0) {
        const codes = list.map((run) => JSON.stringify(run.statusCodes)).join(', ')
        failures.push(
          `${name}: ${errors} errors, ${timeouts} timeouts, ${non2xx} non-2xx answers (status codes per round: ${codes})`,
        )
      }
    }
    console.log(
      `\nServer memory (RSS of its process tree): ${memoryIdle.rssBefore.toFixed(0)} MB started, ${memoryLoaded.rssBefore.toFixed(0)} MB after the load.`,
    )
    const memoryLine = (when: string, memory: ProbedMemory): string =>
      `| ${when} | ${memory.rssBefore.toFixed(0)} MB | ${memory.heapBefore.toFixed(0)} MB | ${memory.rssAfter.toFixed(0)} MB | ${memory.heapAfter.toFixed(0)} MB | ${memory.external.toFixed(0)} MB |`
    console.log(
      [
        `\nAfter two full garbage collections (${memoryLoaded.processes} Node process(es) of the server):`,
        '| | RSS before | heap used before | RSS after | heap used after | external (buffers) after |',
        '|---|---|---|---|---|---|',
        memoryLine('started', memoryIdle),
        memoryLine('after the load', memoryLoaded),
      ].join('\n'),
    )
    failWith(failures)
  } catch (error) {
    if (server) console.error(server.output().slice(-4000))
    throw error
  } finally {
    await server?.stop()
    rmSync(dataDir, { force: true, recursive: true })
    if (snapshot) rmSync(snapshot, { force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error)
  process.exit(1)
})
