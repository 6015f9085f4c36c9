/**
 * End-to-end benchmark of search in the app, at 1k, 10k and 50k mixed public
 * documents stored in the database (SQLite, generated French-like content):
 *
 * - reindex from the database, wall and CPU time: cold (the first one after
 *   the database was filled, in a fresh process) and warm (three more, the
 *   median and the spread), against building the same documents straight
 *   into a fresh engine (the engine-only baseline) and against reading and
 *   mapping them without an engine;
 * - the search endpoint's latency (through Payload's REST handler, as the
 *   widget calls it) against the raw engine call with the same parameters,
 *   sampled alternately so both see the same load, wall and CPU time;
 * - publish-to-searchable through the outbox: a citizen posts a tip over REST
 *   and the engine is polled until that tip (by its id) is found, against the
 *   write alone, with the process's CPU time per publish (applying the change to the index included).
 *
 * Each size runs in its own child process on its own database. A size that
 * fails fails the benchmark (exit code 1): nothing is retried. So does a
 * missed target (endpoint ÷ engine p95 ≤ 1.3, publish → searchable p95 ≤
 * 100 ms, warm reindex ≥ 3,000 docs/s), after the whole report is printed.
 * Run: npm run bench:search-e2e [-- --sizes 1000,10000]
 */
import { fork } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createLocalReq, getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'

import { buildAppConfig } from '../setup/appConfig.ts'
import { searchFilterOf, parseSearchRequest } from '../src/endpoints/search.ts'
import { knowledgeCollections, knowledgeDocumentId } from '../src/search/documents.ts'
import { EmbeddedEngine } from '../src/search/embeddedEngine.ts'
import { searchRuntimeOf } from '../src/search/engineRegistry.ts'
import { loadKnowledgePage, type ProcedureCache } from '../src/search/loadDocuments.ts'
import { knowledgeUrlsOf, readySearchEngine, reindexKnowledge } from '../src/search/reindex.ts'
import { defaultIndexSettings, knowledgeFacets } from '../src/search/settings.ts'
import type { KnowledgeDocument, SearchParams } from '../src/search/types.ts'
import { idOf, isRecord, type ID } from '../src/utilities/ids.ts'
import { type SeedCounts, seedContent } from './lib/knowledgeContent.ts'
import { failWith, sleep } from './lib/measure.ts'

// ---------------------------------------------------------------- measuring

type Measure = { p50: number; p95: number; mean: number }
/** Wall and CPU time of one run, in ms. */
type Timed = { wallMs: number; cpuMs: number }
/** A figure over repeated runs: the median with the lowest and highest. */
type Spread = { median: number; low: number; high: number }

const spreadOf = (values: readonly number[]): Spread => {
  const sorted = [...values].sort((left, right) => left - right)
  return { high: sorted.at(-1) ?? 0, low: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 }
}

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const { system, user } = process.cpuUsage(start)
  return (system + user) / 1000
}

const timed = async <T>(run: () => Promise<T>): Promise<{ result: T } & Timed> => {
  const cpuStart = process.cpuUsage()
  const startedAt = performance.now()
  const result = await run()
  return { cpuMs: cpuMsSince(cpuStart), result, wallMs: performance.now() - startedAt }
}

const measure = (samples: readonly number[]): Measure => {
  const sorted = [...samples].sort((left, right) => left - right)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
  return { mean: sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length), p50: at(50), p95: at(95) }
}

type SizeReport = {
  size: number
  seed: SeedCounts
  reindex: {
    documents: number
    cold: Timed
    /** Warm runs: wall and CPU time, median and spread. */
    warmWall: Spread
    warmCpu: Spread
    readAndMap: Timed
    engineOnly: Timed
  }
  endpoint: Record<
    string,
    { endpoint: Measure; engine: Measure; endpointCpu: Measure; engineCpu: Measure; averageTotal: number }
  >
  publish: { toSearchable: Measure; write: Measure; cpu: Measure; samples: number }
  engineKind: string
}

const queries: { name: string; params: Record<string, string> }[] = [
  { name: 'plain', params: { limit: '8', q: 'passeport renouvellement' } },
  { name: 'plain', params: { limit: '8', q: 'allocation logement' } },
  { name: 'plain', params: { limit: '8', q: 'declaration impots' } },
  { name: 'plain', params: { limit: '8', q: 'rendez-vous mairie' } },
  { name: 'typo', params: { limit: '8', q: 'paseport' } },
  { name: 'typo', params: { limit: '8', q: 'renouvelement permis' } },
  { name: 'typo', params: { limit: '8', q: 'justificatf domicile' } },
  { name: 'procedure filter (widget)', params: { limit: '8', procedure: 'procedure-1', q: 'photo' } },
  { name: 'procedure filter (widget)', params: { limit: '8', procedure: 'procedure-3', q: 'déclaration' } },
  { name: 'type + official filters', params: { limit: '8', official: 'true', q: 'carte', type: 'wiki,procedure' } },
  { name: 'type + official filters', params: { agency: 'ants', limit: '8', q: 'demande', type: 'tip' } },
]

const runSize = async (size: number): Promise<SizeReport> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-'))
  const key = `bench-${size}`
  const config: SanitizedConfig = await buildAppConfig({
    databaseUri: `file:${path.join(directory, 'bench.db')}`,
    entraide: { rateLimits: { contributions: { perIp: false, perUser: false } }, search: { snapshot: { directory: path.join(directory, 'search-index') } } },
    secret: 'entraide-bench-secret',
  })
  const payload = await getPayload({ config, key })
  try {
    const api = (method: string, route: string, token?: string, body?: unknown) => {
      const headers = new Headers()
      if (token) headers.set('Authorization', `JWT ${token}`)
      if (body !== undefined) headers.set('Content-Type', 'application/json')
      const request = new Request(`http://localhost:3000/api${route}`, {
        body: body === undefined ? undefined : JSON.stringify(body),
        headers,
        method,
      })
      return handleEndpoints({ config, payloadInstanceCacheKey: key, request })
    }

    process.stderr.write(`  ${size.toLocaleString('en')}: seeding the database…\n`)
    const seed = await seedContent(payload, size)

    // Reindex end to end: cold (the first in this process, right after the
    // database was filled), then warm, three times.
    process.stderr.write(`  ${size.toLocaleString('en')}: reindexing…\n`)
    const cold = await timed(() => reindexKnowledge({ payload }))
    const warm: ({ result: typeof cold.result } & Timed)[] = []
    for (let run = 0; run < 3; run += 1) warm.push(await timed(() => reindexKnowledge({ payload })))
    const report = cold.result
    for (const { result } of warm) {
      if (result.documents !== report.documents) {
        throw new Error(`Reindexing found ${report.documents} documents, then ${result.documents}: the runs disagree.`)
      }
    }

    // Baselines: reading and mapping alone, and the engine alone on the same documents.
    const req = await createLocalReq({}, payload)
    const urls = knowledgeUrlsOf(payload)
    const cache: ProcedureCache = new Map()
    const documents: KnowledgeDocument[] = []
    const readAndMap = await timed(async () => {
      for (const collection of knowledgeCollections) {
        for (let page = 1; ; page += 1) {
          const loaded = await loadKnowledgePage({ cache, collection, limit: 500, page, req, urls })
          documents.push(...loaded.documents)
          if (!loaded.hasNextPage || loaded.read === 0) break
        }
      }
    })
    const baselineEngine = new EmbeddedEngine()
    const engineOnly = await timed(async () => {
      await baselineEngine.ensureIndex(defaultIndexSettings)
      for (let start = 0; start < documents.length; start += 500)
        await baselineEngine.upsert(documents.slice(start, start + 500))
      await baselineEngine.flush()
    })

    // The endpoint against the raw engine call, alternately.
    process.stderr.write(`  ${size.toLocaleString('en')}: searching…\n`)
    const engine = await readySearchEngine(payload)
    const endpoint: SizeReport['endpoint'] = {}
    for (const name of new Set(queries.map((query) => query.name))) {
      const group = queries.filter((query) => query.name === name)
      const endpointSamples: number[] = []
      const engineSamples: number[] = []
      const endpointCpu: number[] = []
      const engineCpu: number[] = []
      let totals = 0
      const repetitions = 240
      for (let index = 0; index < repetitions + 40; index += 1) {
        const { params } = group[index % group.length] ?? { params: {} }
        const request = parseSearchRequest(new URLSearchParams(params))
        const engineParams: SearchParams = {
          facets: knowledgeFacets,
          filter: searchFilterOf(request),
          limit: request.limit,
          offset: request.offset,
          query: request.query,
        }
        const query = new URLSearchParams(params).toString()
        const viaEndpoint = () =>
          timed(async () => {
            const response = await api('GET', `/entraide/search?${query}`)
            const body: unknown = await response.json()
            if (response.status !== 200) throw new Error(`search answered ${response.status}: ${JSON.stringify(body)}`)
          })
        const viaEngine = () =>
          timed(async () => {
            const result = await engine.search(engineParams)
            totals += result.total
          })
        // Alternate which goes first, so neither always meets a warmer cache.
        const [first, second] = index % 2 === 0 ? [viaEndpoint, viaEngine] : [viaEngine, viaEndpoint]
        const a = await first()
        const b = await second()
        if (index < 40) continue
        const [byEndpoint, byEngine] = index % 2 === 0 ? [a, b] : [b, a]
        endpointSamples.push(byEndpoint.wallMs)
        engineSamples.push(byEngine.wallMs)
        endpointCpu.push(byEndpoint.cpuMs)
        engineCpu.push(byEngine.cpuMs)
      }
      endpoint[name] = {
        averageTotal: Math.round(totals / (repetitions + 40)),
        endpoint: measure(endpointSamples),
        endpointCpu: measure(endpointCpu),
        engine: measure(engineSamples),
        engineCpu: measure(engineCpu),
      }
    }

    // Publish to searchable, through the change feed applied after each commit.
    process.stderr.write(`  ${size.toLocaleString('en')}: publishing…\n`)
    const email = `bench-${size}@example.test`
    const password = 'correct horse battery staple'
    await payload.create({
      collection: 'users',
      data: { displayName: 'Banc d’essai', email, password, role: 'citizen' },
      overrideAccess: true,
    })
    const { token } = await payload.login({ collection: 'users', data: { email, password } })
    const { docs } = await payload.find({ collection: 'procedures', limit: 1 })
    const procedureId = docs[0]?.id
    if (!token || !procedureId) throw new Error('no citizen or no procedure to publish on')
    const toSearchable: number[] = []
    const writes: number[] = []
    const cpu: number[] = []
    const samples = 40
    for (let index = 0; index < samples + 5; index += 1) {
      // A word of its own, and the check is on this tip's id: an earlier tip
      // one typo away must not count as this one being searchable.
      const word = `bancessai${randomBytes(6).toString('hex')}`
      const cpuStart = process.cpuUsage()
      const startedAt = performance.now()
      const response = await api('POST', '/tips?depth=0', token, {
        body: `Astuce mesurée ${word} pour le banc d’essai.`,
        procedure: procedureId,
      })
      const writeMs = performance.now() - startedAt
      if (response.status !== 201) throw new Error(`publishing answered ${response.status}`)
      const created: unknown = await response.json()
      const tipId = idOf(isRecord(created) ? created.doc : null)
      if (tipId === null) throw new Error('publishing answered without the new tip')
      const documentId = knowledgeDocumentId('tips', tipId)
      for (;;) {
        const { hits } = await engine.search({ limit: 20, query: word })
        if (hits.some((hit) => hit.document.id === documentId)) break
        if (performance.now() - startedAt > 30_000) throw new Error('a published tip did not become searchable in 30 s')
        await sleep(1)
      }
      const searchableMs = performance.now() - startedAt
      const used = process.cpuUsage(cpuStart)
      if (index < 5) continue
      writes.push(writeMs)
      toSearchable.push(searchableMs)
      cpu.push((used.user + used.system) / 1000)
    }

    return {
      endpoint,
      engineKind: searchRuntimeOf(payload).engine.kind,
      publish: { cpu: measure(cpu), samples, toSearchable: measure(toSearchable), write: measure(writes) },
      reindex: {
        cold: { cpuMs: cold.cpuMs, wallMs: cold.wallMs },
        documents: report.documents,
        engineOnly: { cpuMs: engineOnly.cpuMs, wallMs: engineOnly.wallMs },
        readAndMap: { cpuMs: readAndMap.cpuMs, wallMs: readAndMap.wallMs },
        warmCpu: spreadOf(warm.map(({ cpuMs }) => cpuMs)),
        warmWall: spreadOf(warm.map(({ wallMs }) => wallMs)),
      },
      seed,
      size,
    }
  } finally {
    await payload.destroy()
    rmSync(directory, { force: true, recursive: true })
  }
}

// ---------------------------------------------------------------- report

const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1))
const signed = (value: number): string => `${value < 0 ? '−' : '+'}${ms(Math.abs(value))}`
const perSecond = (count: number, milliseconds: number): string =>
  Math.round((count / milliseconds) * 1000).toLocaleString('en')

const printReport = (reports: readonly SizeReport[]): void => {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  const load = os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ')
  console.log('\n## Search end to end\n')
  console.log(
    `Node ${process.version}, ${cpu} (${os.cpus().length} cores), ${new Date().toISOString().slice(0, 10)}, ${reports[0]?.engineKind ?? '?'} engine on SQLite; load average at the end ${load}.`,
  )
  const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(2)} s`
  const spread = (value: Spread): string => `${seconds(value.median)} (${seconds(value.low)}–${seconds(value.high)})`
  console.log('\n### Reindex from the database (wall / CPU time; warm: median of 3 runs, lowest–highest)\n')
  console.log(
    '| public documents | items in the database (+ answers) | cold reindex | warm reindex, wall | warm reindex, CPU | read + map only | engine only | warm wall ÷ engine only |',
  )
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|')
  for (const { reindex, seed } of reports) {
    console.log(
      `| ${reindex.documents.toLocaleString('en')} | ${seed.items.toLocaleString('en')} (+ ${seed.answers.toLocaleString('en')}) | ${seconds(reindex.cold.wallMs)} / ${seconds(reindex.cold.cpuMs)}, ${perSecond(reindex.documents, reindex.cold.wallMs)} docs/s | ${spread(reindex.warmWall)}, **${perSecond(reindex.documents, reindex.warmWall.median)} docs/s** | ${spread(reindex.warmCpu)} | ${seconds(reindex.readAndMap.wallMs)} / ${seconds(reindex.readAndMap.cpuMs)} | ${seconds(reindex.engineOnly.wallMs)} / ${seconds(reindex.engineOnly.cpuMs)} | ${(reindex.warmWall.median / reindex.engineOnly.wallMs).toFixed(2)}× |`,
    )
  }
  console.log(
    '\n### Search endpoint against the raw engine call (ms, wall p50 / **p95**, CPU p95, ratio and difference of wall p95s)\n',
  )
  console.log(
    '| query kind | ' +
      reports.map(({ reindex }) => `${reindex.documents.toLocaleString('en')} docs`).join(' | ') +
      ' |',
  )
  console.log('|---|' + reports.map(() => '---:').join('|') + '|')
  const names = Object.keys(reports[0]?.endpoint ?? {})
  for (const name of names) {
    const cells = reports.map(({ endpoint }) => {
      const entry = endpoint[name]
      if (!entry) return 'n/a'
      return `endpoint ${ms(entry.endpoint.p50)} / **${ms(entry.endpoint.p95)}** (CPU ${ms(entry.endpointCpu.p95)}), engine ${ms(entry.engine.p50)} / **${ms(entry.engine.p95)}** (CPU ${ms(entry.engineCpu.p95)}), **${(entry.endpoint.p95 / entry.engine.p95).toFixed(2)}×**, ${signed(entry.endpoint.p95 - entry.engine.p95)} ms (~${entry.averageTotal} hits)`
    })
    console.log(`| ${name} | ${cells.join(' | ')} |`)
  }
  console.log('\n### Publish to searchable through the outbox (ms, p50 / **p95**)\n')
  console.log(
    '| documents | write alone (REST) | publish → searchable (this tip found by its id) | extra wait for the index (p95 − write p95) | CPU per publish, index update included |',
  )
  console.log('|---:|---:|---:|---:|---:|')
  for (const { publish, reindex } of reports) {
    console.log(
      `| ${reindex.documents.toLocaleString('en')} | ${ms(publish.write.p50)} / **${ms(publish.write.p95)}** | ${ms(publish.toSearchable.p50)} / **${ms(publish.toSearchable.p95)}** | ${ms(publish.toSearchable.p95 - publish.write.p95)} | ${ms(publish.cpu.p50)} / **${ms(publish.cpu.p95)}** |`,
    )
  }
  const first = reports[0]
  const last = reports.at(-1)
  if (first && last && first !== last) {
    console.log(
      `\n### Growth from ${first.reindex.documents.toLocaleString('en')} to ${last.reindex.documents.toLocaleString('en')} documents\n`,
    )
    console.log('| figure | growth |')
    console.log('|---|---:|')
    console.log(
      `| warm reindex docs/s | ×${(last.reindex.documents / last.reindex.warmWall.median / (first.reindex.documents / first.reindex.warmWall.median)).toFixed(2)} |`,
    )
    for (const name of names) {
      const a = first.endpoint[name]
      const b = last.endpoint[name]
      if (a && b) console.log(`| ${name}: endpoint p95 | ×${(b.endpoint.p95 / a.endpoint.p95).toFixed(1)} |`)
    }
    console.log(
      `| publish → searchable p95 | ×${(last.publish.toSearchable.p95 / first.publish.toSearchable.p95).toFixed(1)} |`,
    )
  }
  const missed: string[] = []
  const verdict = (label: string, isMet: boolean): string => {
    if (!isMet) missed.push(label)
    return isMet ? 'met' : 'MISSED'
  }
  const verdicts = reports.map(({ endpoint, publish, reindex }) => {
    const size = `${reindex.documents.toLocaleString('en')} docs`
    const worstRatio = Math.max(...Object.values(endpoint).map((entry) => entry.endpoint.p95 / entry.engine.p95))
    const rate = (reindex.documents / reindex.warmWall.median) * 1000
    return [
      `${size}: endpoint/engine p95 worst ${worstRatio.toFixed(2)}× (target ≤ 1.3: ${verdict(`${size}: endpoint/engine p95 ${worstRatio.toFixed(2)}×, above 1.3`, worstRatio <= 1.3)})`,
      `publish → searchable p95 ${ms(publish.toSearchable.p95)} ms (target ≤ 100: ${verdict(`${size}: publish → searchable p95 ${ms(publish.toSearchable.p95)} ms, above 100 ms`, publish.toSearchable.p95 <= 100)})`,
      `reindex ${Math.round(rate).toLocaleString('en')} docs/s (target ≥ 3,000: ${verdict(`${size}: reindex ${Math.round(rate).toLocaleString('en')} docs/s, under 3,000`, rate >= 3000)})`,
    ].join(', ')
  })
  console.log(`\nTargets: ${verdicts.join('; ')}.`)
  failWith(missed)
}

// ---------------------------------------------------------------- entry

const sizeArgument = process.argv.indexOf('--size')
if (sizeArgument !== -1) {
  const report = await runSize(Number(process.argv[sizeArgument + 1]))
  // Exits once the report is handed over; without a parent there is nobody to wait for.
  if (process.send) process.send(report, () => process.exit(0))
  else process.exit(0)
} else {
  const sizesArgument = process.argv.indexOf('--sizes')
  const sizes =
    sizesArgument !== -1 ? (process.argv[sizesArgument + 1] ?? '').split(',').map(Number) : [1_000, 10_000, 50_000]
  const reports: SizeReport[] = []
  for (const size of sizes) {
    process.stderr.write(`benchmarking ${size.toLocaleString('en')} items end to end…\n`)
    const report = await new Promise<SizeReport>((resolve, reject) => {
      const child = fork(process.argv[1] ?? '', ['--size', String(size)], {
        env: { ...process.env, ENTRAIDE_SEED: 'false', PAYLOAD_FORCE_DRIZZLE_PUSH: 'true' },
        execArgv: process.execArgv,
        stdio: ['inherit', 'ignore', 'inherit', 'ipc'],
      })
      let received: SizeReport | undefined
      // The child is this script; it sends exactly one SizeReport.
      child.on('message', (message: SizeReport) => {
        received = message
      })
      child.on('error', reject)
      // Any exit but a clean one after the report fails the benchmark; nothing is run again.
      child.on('exit', (code, signal) =>
        received && code === 0
          ? resolve(received)
          : reject(
              new Error(
                `The ${size.toLocaleString('en')}-item run failed: it exited with ${signal ?? `code ${code}`} ${received ? 'after' : 'before'} reporting.`,
              ),
            ),
      )
    })
    reports.push(report)
  }
  printReport(reports)
}
