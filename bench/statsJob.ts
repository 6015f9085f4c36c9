/**
 * Public figures job benchmark, on SQLite, on generated data (10,000 then
 * 100,000 questions by default, spread over 13 months, with 1.5 answers each
 * on average, a third of them validated, a tip per ten questions and a guide
 * per procedure):
 *
 * - the job's run time (queued and run as the scheduler does), wall and CPU,
 *   over several runs with their spread, against a baseline measured in the
 *   same process: one read of every question's fields the job reads, a page
 *   of 500 at a time, with nothing computed;
 * - the p95 of the search endpoint (`GET /api/entraide/search`, through
 *   Payload's REST handler) while the job runs, as a ratio to the same
 *   searches with no job running, sampled in alternation (target ≤ 1.1).
 *
 * Exits non-zero when a target is missed.
 *
 * Run: npx tsx bench/statsJob.ts [-- --questions 10000,100000 --runs 5]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { commitTransaction, createLocalReq, getPayload, handleEndpoints, initTransaction, type CollectionSlug, type Payload } from 'payload'

import { buildAppConfig } from '../setup/appConfig.ts'
import { publicFiguresQueue, publicFiguresTaskSlug } from '../src/jobs/publicFigures.ts'
import { reindexKnowledge } from '../src/search/reindex.ts'
import { readPublicFigures } from '../src/stats/store.ts'
import { idOf, isRecord, type ID } from '../src/utilities/ids.ts'
import { idOrFail, percentile, sleep } from './lib/measure.ts'

const listArgument = (name: string, fallback: number[]): number[] => {
  const index = process.argv.indexOf(`--${name}`)
  const values = index === -1 ? [] : (process.argv[index + 1] ?? '').split(',').map(Number)
  return values.length > 0 && values.every((value) => Number.isInteger(value) && value > 0) ? values : fallback
}

const sizes = listArgument('questions', [10_000, 100_000])
const [runs = 5] = listArgument('runs', [5])
/** The search endpoint's p95 while the job runs, over its p95 without: at most this. */
const ratioTarget = 1.1

/** A small deterministic generator, so that every run seeds the same data. */
const generator = (seed: number) => {
  let state = seed >>> 0
  const random = (): number => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0
    return state / 2 ** 32
  }
  return { below: (max: number) => Math.floor(random() * max), chance: (p: number) => random() < p, random }
}

const topics = ['passeport', 'carte d’identité', 'impôts', 'allocations logement', 'carte vitale', 'permis de conduire', 'chômage', 'bourse étudiante']

type Seeded = { questions: number; answers: number; validated: number; tips: number; procedures: number; seconds: number }

/**
 * Writes the data straight through the database adapter (no hooks, no jobs),
 * in transactions of 500 rows, dated over the last 13 months.
 */
const seed = async (payload: Payload, questions: number): Promise<Seeded> => {
  const startedAt = performance.now()
  const g = generator(questions)
  const req = await createLocalReq({}, payload)
  let inBatch = 0
  const write = async (collection: CollectionSlug, data: Record<string, unknown>): Promise<ID> => {
    if (inBatch === 0) await initTransaction(req)
    const created: unknown = await payload.db.create({ collection, data, req })
    inBatch += 1
    if (inBatch >= 500) {
      await commitTransaction(req)
      inBatch = 0
    }
    return idOrFail(created)
  }
  const now = Date.now()
  const day = 24 * 60 * 60 * 1000
  const hour = 60 * 60 * 1000
  const iso = (ms: number) => new Date(ms).toISOString()
  const people: ID[] = []
  for (let index = 0; index < 300; index++) {
    people.push(await write('users', { displayName: `Usager ${index}`, email: `usager-${index}@bench.test`, role: 'citizen' }))
  }
  const agencies: ID[] = []
  for (const slug of ['ants', 'dgfip', 'caf', 'cpam', 'france-travail']) {
    agencies.push(await write('agencies', { name: slug.toUpperCase(), slug }))
  }
  const procedureCount = 50
  const procedures: ID[] = []
  for (let index = 0; index < procedureCount; index++) {
    const topic = topics[index % topics.length] ?? 'démarche'
    procedures.push(
      await write('procedures', {
        agency: agencies[index % agencies.length],
        slug: `procedure-${index + 1}`,
        summary: `Tout sur ${topic}.`,
        title: `Demande de ${topic} ${index + 1}`,
      }),
    )
    await write('guides', {
      _status: 'published',
      needsReview: g.chance(0.1),
      procedure: procedures[index],
      score: 0,
      title: `Guide de ${topic}`,
      verifiedAt: iso(now - g.below(500) * day),
    })
  }
  const person = () => people[g.below(people.length)]
  let answers = 0
  let validated = 0
  let tips = 0
  for (let index = 0; index < questions; index++) {
    const procedureIndex = g.below(procedureCount)
    const procedure = procedures[procedureIndex]
    const topic = topics[procedureIndex % topics.length] ?? 'démarche'
    const askedAt = now - g.random() * 395 * day
    const asker = person()
    const thread = await write('threads', {
      author: asker,
      body: `Je cherche comment faire pour ${topic}, quelles pièces fournir et quel délai prévoir.`,
      createdAt: iso(askedAt),
      procedure,
      score: 0,
      status: 'open',
      title: `Question ${index + 1} sur ${topic}`,
      updatedAt: iso(askedAt),
      visibility: g.chance(0.95) ? 'published' : 'hidden',
    })
    const count = g.below(4)
    for (let reply = 0; reply < count; reply++) {
      const postedAt = askedAt + g.random() * 120 * hour
      const isValidated = g.chance(0.33)
      await write('answers', {
        author: g.chance(0.1) ? asker : person(),
        body: `Pour ${topic}, il faut prendre rendez-vous et apporter un justificatif de domicile récent.`,
        createdAt: iso(postedAt),
        procedure,
        score: 0,
        thread,
        updatedAt: iso(postedAt),
        validatedAt: isValidated ? iso(postedAt + g.random() * 200 * hour) : null,
        visibility: 'published',
      })
      answers += 1
      if (isValidated) validated += 1
    }
    if (index % 10 === 0) {
      const postedAt = askedAt
      const isValidated = g.chance(0.5)
      await write('tips', {
        author: person(),
        body: `Astuce pour ${topic} : venir tôt le matin.`,
        createdAt: iso(postedAt),
        procedure,
        score: 0,
        updatedAt: iso(postedAt),
        validatedAt: isValidated ? iso(postedAt + g.random() * 300 * hour) : null,
        visibility: 'published',
      })
      tips += 1
    }
  }
  if (inBatch > 0) await commitTransaction(req)
  return { answers, procedures: procedureCount, questions, seconds: (performance.now() - startedAt) / 1000, tips, validated }
}

type Measured = { wallMs: number; cpuMs: number }

const measure = async (work: () => Promise<unknown>): Promise<Measured> => {
  const cpu = process.cpuUsage()
  const startedAt = performance.now()
  await work()
  const wallMs = performance.now() - startedAt
  const used = process.cpuUsage(cpu)
  return { cpuMs: (used.user + used.system) / 1000, wallMs }
}

const spread = (values: readonly number[]): string => {
  const sorted = [...values].sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0
  const seconds = (ms: number) => (ms / 1000).toFixed(2)
  return `${seconds(median)} s (${seconds(sorted[0] ?? 0)}–${seconds(sorted.at(-1) ?? 0)})`
}

type Report = {
  seeded: Seeded
  job: Measured[]
  baseline: Measured[]
  figuresKb: number
  search: { without: number[]; during: number[] }
}

const benchmark = async (questions: number): Promise<Report> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-stats-'))
  const key = `bench-stats-${questions}`
  const config = await buildAppConfig({
    databaseUri: `file:${path.join(directory, 'bench.db')}`,
    email: undefined,
    entraide: { rateLimits: false, search: { recordQueries: false, runSyncJobs: 'manual' } },
    secret: 'entraide-bench-secret',
  })
  const payload = await getPayload({ config, key })
  try {
    process.stderr.write(`${questions.toLocaleString('en')} questions: seeding…\n`)
    const seeded = await seed(payload, questions)
    process.stderr.write(`  seeded in ${seeded.seconds.toFixed(1)} s; reindexing for the searches…\n`)
    await reindexKnowledge({ payload })

    const runJob = async () => {
      await payload.jobs.queue({ input: {}, queue: publicFiguresQueue, task: publicFiguresTaskSlug })
      const result = await payload.jobs.run({ queue: publicFiguresQueue, silent: true })
      const statuses = Object.values(result.jobStatus ?? {})
      if (statuses.length !== 1 || statuses.some(({ status }) => status !== 'success')) {
        throw new Error(`the figures job did not succeed: ${JSON.stringify(result.jobStatus)}`)
      }
    }
    // The baseline: reading every question's fields the job reads, as the job pages through them.
    const readQuestions = async () => {
      let afterId: ID | null = null
      for (;;) {
        const { docs } = await payload.find({
          collection: 'threads',
          depth: 0,
          limit: 500,
          pagination: false,
          select: { author: true, createdAt: true, procedure: true },
          sort: 'id',
          where: afterId === null ? {} : { id: { greater_than: afterId } },
        })
        const last: unknown = docs.at(-1)
        afterId = isRecord(last) ? idOf(last.id) : null
        if (docs.length < 500 || afterId === null) return
      }
    }
    process.stderr.write(`  job runs…\n`)
    await runJob()
    await readQuestions()
    const job: Measured[] = []
    const baseline: Measured[] = []
    for (let run = 0; run < runs; run++) {
      baseline.push(await measure(readQuestions))
      job.push(await measure(runJob))
    }
    const figures = await readPublicFigures(payload)
    const figuresKb = Buffer.byteLength(JSON.stringify(figures)) / 1024

    const queries = ['passeport', 'impôts délai', 'carte vitale perdue', 'allocations logement', 'rendez-vous', 'justificatif domicile']
    let queryIndex = 0
    const search = async (): Promise<number> => {
      const query = queries[queryIndex++ % queries.length] ?? 'passeport'
      const startedAt = performance.now()
      const request = new Request(`http://localhost:3000/api/entraide/search?q=${encodeURIComponent(query)}`)
      const response = await handleEndpoints({ config, payloadInstanceCacheKey: key, request })
      if (response.status !== 200) throw new Error(`search answered ${response.status}`)
      await response.arrayBuffer()
      return performance.now() - startedAt
    }
    for (let index = 0; index < 50; index++) await search()
    process.stderr.write(`  searches without and during the job…\n`)
    const without: number[] = []
    const during: number[] = []
    for (let run = 0; run < runs; run++) {
      // As long without the job as the job took, then during one.
      const windowMs = job[run]?.wallMs ?? 1000
      const until = performance.now() + windowMs
      while (performance.now() < until) {
        without.push(await search())
        await sleep(5)
      }
      let isDone = false
      const running = runJob().finally(() => {
        isDone = true
      })
      while (!isDone) {
        during.push(await search())
        await sleep(5)
      }
      await running
    }
    return { baseline, figuresKb, job, search: { during, without }, seeded }
  } finally {
    await payload.destroy()
    rmSync(directory, { force: true, recursive: true })
  }
}

const reports: Report[] = []
for (const size of sizes) reports.push(await benchmark(size))

const ms = (value: number) => value.toFixed(2)
console.log(`\n### Public figures job (SQLite, ${runs} runs each: median, then min–max)\n`)
console.log('| questions (answers, validated, tips) | job, wall | job, CPU | baseline: reading the questions once, wall | job ÷ baseline | stored figures |')
console.log('|---|---|---|---|---|---|')
for (const { baseline, figuresKb, job, seeded } of reports) {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
  const ratio = median(job.map(({ wallMs }) => wallMs)) / median(baseline.map(({ wallMs }) => wallMs))
  console.log(
    `| ${seeded.questions.toLocaleString('en')} (${seeded.answers.toLocaleString('en')}, ${seeded.validated.toLocaleString('en')}, ${seeded.tips.toLocaleString('en')}) | ${spread(job.map(({ wallMs }) => wallMs))} | ${spread(job.map(({ cpuMs }) => cpuMs))} | ${spread(baseline.map(({ wallMs }) => wallMs))} | ${ratio.toFixed(1)}× | ${figuresKb.toFixed(0)} kB |`,
  )
}
console.log(`\n### Search endpoint while the job runs\n`)
console.log('| questions | search p50 without / during | search p95 without / during (samples) | p95 ratio (target ≤ 1.1) |')
console.log('|---|---|---|---|')
const missed: string[] = []
for (const { search, seeded } of reports) {
  const ratio = percentile(search.during, 95) / percentile(search.without, 95)
  if (ratio > ratioTarget) missed.push(`${seeded.questions.toLocaleString('en')} questions: search p95 ratio ${ratio.toFixed(2)} > ${ratioTarget}`)
  console.log(
    `| ${seeded.questions.toLocaleString('en')} | ${ms(percentile(search.without, 50))} / ${ms(percentile(search.during, 50))} ms | ${ms(percentile(search.without, 95))} / ${ms(percentile(search.during, 95))} ms (${search.without.length} / ${search.during.length}) | **${ratio.toFixed(2)}×** ${ratio <= ratioTarget ? 'met' : 'MISSED'} |`,
  )
}
if (missed.length > 0) {
  console.error(`\nTarget missed: ${missed.join('; ')}`)
  process.exitCode = 1
}
