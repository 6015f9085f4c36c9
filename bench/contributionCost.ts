/**
 * What a contribution costs against a plain Payload create, in the app's own
 * process, on SQLite holding generated knowledge (10,000 documents by default):
 *
 * - a citizen posts a tip (`POST /api/tips`, through Payload's REST handler,
 *   with the demo's pre-moderation of new accounts, the rate limits, the
 *   personal-data guard, the search change feed and the notifications);
 * - the same citizen creates a document of a plain collection the benchmark
 *   adds to the host (`POST /api/plain-notes`, one text field, no hook): the
 *   baseline of the targets;
 * - and, as context, the same tip stored by Payload alone (`POST
 *   /api/bare-tips`, a collection the benchmark adds with the tips' fields,
 *   columns and indexes, but none of Entraide's hooks, access rules,
 *   validations or change feed; the author sent in the body): what storing
 *   this document costs Payload, so that Entraide's own share shows.
 *
 * The three are measured in alternation, the order turning, so all see the
 * same load.
 *
 * For each: the response time (wall), and the process's CPU time all told,
 * from the request until the tip is in the search index and the background
 * work it caused has run. Repeated rounds; the median round and the spread.
 * Targets: response ≤ 1.2× the plain create, CPU all told ≤ 2×. It exits
 * with code 1 when one is missed; nothing is retried.
 *
 * It also counts the SQL statements of each (`BEGIN` and `COMMIT` included),
 * in the request and after the response; `--list-statements` prints those of
 * one tip.
 *
 * Run: npx tsx bench/contributionCost.ts [-- --documents 10000 --rounds 5 --samples 40 --list-statements]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { getPayload, handleEndpoints, type Field, type Plugin } from 'payload'

import { onSearchChanges } from '../src/search/feed.ts'
import { waitForNotificationRuns } from '../src/notifications/runner.ts'
import { idOf, isRecord, type ID } from '../src/utilities/ids.ts'
import { buildAppConfig } from '../setup/appConfig.ts'
import { seedContent } from './lib/knowledgeContent.ts'
import { failWith, idOrFail, percentile, positiveOption, sleep } from './lib/measure.ts'
import { recordStatements } from './lib/sqlStatements.ts'

const documents = positiveOption('documents', 10_000)
const rounds = positiveOption('rounds', 5)
const samples = positiveOption('samples', 40)
const listStatements = process.argv.includes('--list-statements')
const targets = { cpu: 2, response: 1.2 } as const

/** A collection as any Payload site has: one field, signed-in people may create. */
const plainNotes: Plugin = (config) => ({
  ...config,
  collections: [
    ...(config.collections ?? []),
    {
      slug: 'plain-notes',
      access: { create: ({ req }) => Boolean(req.user), read: () => true },
      fields: [{ name: 'body', type: 'text', required: true }],
    },
  ],
})

/** A field as Payload stores it, without what Entraide adds to it (access rules, validation, hooks, admin panel). */
const bareField = (field: Field): Field[] => {
  if (field.type === 'ui') return []
  if ((field.type === 'row' || field.type === 'collapsible') && 'fields' in field) {
    // Rows and collapsibles: their fields, bare.
    return field.fields.flatMap(bareField)
  }
  const kept = { ...field }
  for (const key of ['access', 'admin', 'hooks', 'validate']) Reflect.deleteProperty(kept, key)
  return [kept]
}

/** The tips' fields (as Entraide configured them) in a collection of their own, with no hook, no access rule but sign-in. */
const bareTips: Plugin = (config) => {
  const tips = config.collections?.find((collection) => collection.slug === 'tips')
  if (!tips) throw new Error('The host has no tips collection to copy.')
  return {
    ...config,
    collections: [
      ...(config.collections ?? []),
      {
        slug: 'bare-tips',
        access: { create: ({ req }) => Boolean(req.user), read: () => true },
        fields: tips.fields.flatMap(bareField),
      },
    ],
  }
}

type Side = 'tip' | 'note' | 'bare'

/** Times, and SQL statements: those run before the response, and those after it (index update, background work). */
type Sample = { wallMs: number; cpuMs: number; statementsInRequest: number; statementsAfter: number }

const cpuMsSince = (start: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

const main = async (): Promise<void> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'entraide-contribution-bench-'))
  const key = 'contribution-bench'
  const config = await buildAppConfig({
    databaseUri: `file:${path.join(directory, 'bench.db')}`,
    entraide: {
      // The demo's moderation: new accounts are pre-moderated until two contributions are published.
      moderation: { preModeratedContributions: 2, reportsToHide: 3, trustedReputation: 50 },
      rateLimits: { contributions: { perIp: false, perUser: false } },
      search: { snapshot: false },
    },
    plugins: [plainNotes, bareTips],
    secret: 'entraide-contribution-bench-secret',
  })
  const payload = await getPayload({ config, key })
  try {
    const api = async (route: string, token: string, body: unknown): Promise<Response> =>
      handleEndpoints({
        config,
        payloadInstanceCacheKey: key,
        request: new Request(`http://localhost:3000/api${route}`, {
          body: JSON.stringify(body),
          headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
          method: 'POST',
        }),
      })

    const seeded = await seedContent(payload, documents)
    process.stderr.write(
      `${seeded.items.toLocaleString('en')} documents generated in ${seeded.seconds.toFixed(1)} s.\n`,
    )
    const { docs } = await payload.find({ collection: 'procedures', depth: 0, limit: 1 })
    const procedureId = idOrFail(docs[0])
    const email = 'contribution-bench@example.test'
    const password = 'correct horse battery staple'
    const citizen = await payload.create({
      collection: 'users',
      data: { displayName: 'Banc d’essai', email, password, role: 'citizen' },
      overrideAccess: true,
    })
    // Two published contributions: past pre-moderation, as most contributors are.
    for (const body of ['Première astuce publiée du banc d’essai.', 'Deuxième astuce publiée du banc d’essai.']) {
      await payload.create({
        collection: 'tips',
        data: { author: citizen.id, body, procedure: procedureId, visibility: 'published' },
        overrideAccess: true,
      })
    }
    const { token } = await payload.login({ collection: 'users', data: { email, password } })
    if (!token) throw new Error('The citizen could not sign in.')

    // Each tip is done once the change feed has brought it into the index.
    const applied = new Map<string, () => void>()
    onSearchChanges(payload, (changes) => {
      for (const change of changes) applied.get(`${change.collection}:${String(change.id)}`)?.()
    })

    const log = recordStatements(payload.db)
    const listed: { inRequest: string[]; after: string[] } = { after: [], inRequest: [] }

    const postTip = async (index: number): Promise<Sample> => {
      log.take()
      const cpuStart = process.cpuUsage()
      const startedAt = performance.now()
      const response = await api('/tips?depth=0', token, {
        body: `Astuce mesurée numéro ${index} : gardez une copie du récépissé.`,
        procedure: procedureId,
      })
      const wallMs = performance.now() - startedAt
      const inRequest = log.take()
      if (response.status !== 201)
        throw new Error(`Posting a tip answered ${response.status}: ${await response.text()}`)
      const created: unknown = await response.json()
      const id: ID | null = idOf(isRecord(created) ? created.doc : null)
      if (id === null) throw new Error('Posting a tip answered without the tip.')
      if (isRecord(created) && isRecord(created.doc) && created.doc.visibility !== 'published') {
        throw new Error('The tip waits for moderation: the citizen should be past pre-moderation.')
      }
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('A tip did not reach the index within 10 s.')), 10_000)
        applied.set(`tips:${String(id)}`, () => {
          clearTimeout(timer)
          resolve()
        })
      })
      applied.delete(`tips:${String(id)}`)
      await sleep(5)
      await waitForNotificationRuns(payload)
      const cpuMs = cpuMsSince(cpuStart)
      const after = log.take()
      listed.after = after.map(({ sql }) => sql)
      listed.inRequest = inRequest.map(({ sql }) => sql)
      return { cpuMs, statementsAfter: after.length, statementsInRequest: inRequest.length, wallMs }
    }

    /** A create through Payload alone (the baselines): timed, then a short rest for anything it set off. */
    const postPlain = async (route: string, body: unknown, what: string): Promise<Sample> => {
      log.take()
      const cpuStart = process.cpuUsage()
      const startedAt = performance.now()
      const response = await api(route, token, body)
      const wallMs = performance.now() - startedAt
      const inRequest = log.take()
      if (response.status !== 201)
        throw new Error(`Creating ${what} answered ${response.status}: ${await response.text()}`)
      await sleep(5)
      const cpuMs = cpuMsSince(cpuStart)
      return { cpuMs, statementsAfter: log.take().length, statementsInRequest: inRequest.length, wallMs }
    }
    const postNote = (index: number): Promise<Sample> =>
      postPlain('/plain-notes?depth=0', { body: `Note ordinaire numéro ${index}.` }, 'a plain note')
    const postBare = (index: number): Promise<Sample> =>
      postPlain(
        '/bare-tips?depth=0',
        {
          author: citizen.id,
          body: `Astuce mesurée numéro ${index} : gardez une copie du récépissé.`,
          procedure: procedureId,
        },
        'a bare tip',
      )

    const post: Record<Side, (index: number) => Promise<Sample>> = { bare: postBare, note: postNote, tip: postTip }
    const orders: Side[][] = [
      ['tip', 'note', 'bare'],
      ['note', 'bare', 'tip'],
      ['bare', 'tip', 'note'],
    ]
    // Warm-up of the three paths.
    for (let index = 0; index < 10; index += 1) {
      for (const side of orders[0] ?? []) await post[side](-index)
    }
    const perRound: Record<Side, Sample[]>[] = []
    let counter = 0
    for (let round = 0; round < rounds; round += 1) {
      const samplesOf: Record<Side, Sample[]> = { bare: [], note: [], tip: [] }
      for (let index = 0; index < samples; index += 1) {
        counter += 1
        // Alternated, the order turning each time.
        for (const side of orders[index % orders.length] ?? []) samplesOf[side].push(await post[side](counter))
      }
      perRound.push(samplesOf)
      process.stderr.write(`round ${round + 1} of ${rounds} done\n`)
    }

    const median = (values: readonly number[]): number => percentile(values, 50)
    const spread = (values: readonly number[]): string =>
      `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}`
    const figure = (pick: (sample: Sample) => number, side: Side, p: number): number[] =>
      perRound.map((round) => percentile(round[side].map(pick), p))
    const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1))

    console.log(
      `\n${documents.toLocaleString('en')} documents (SQLite), ${rounds} rounds of ${samples} of each, alternated; Node ${process.version}, ${os.cpus().length} cores\n`,
    )
    console.log(
      '| | tip (`POST /api/tips`) | plain create (`POST /api/plain-notes`) | tip ÷ plain create, median round (min–max) | target | the same tip by Payload alone (`POST /api/bare-tips`) | tip ÷ Payload alone |',
    )
    console.log('|---|---|---|---|---|---|---|')
    const failures: string[] = []
    const rows: { name: string; pick: (sample: Sample) => number; p: number; target: number | null }[] = [
      { name: 'response p50', p: 50, pick: (sample) => sample.wallMs, target: null },
      { name: 'response p95', p: 95, pick: (sample) => sample.wallMs, target: null },
      { name: 'response, mean of the round', p: -1, pick: (sample) => sample.wallMs, target: targets.response },
      { name: 'CPU all told p50', p: 50, pick: (sample) => sample.cpuMs, target: null },
      { name: 'CPU all told, mean of the round', p: -1, pick: (sample) => sample.cpuMs, target: targets.cpu },
    ]
    for (const row of rows) {
      const of = (side: Side): number[] =>
        row.p === -1
          ? perRound.map((round) => round[side].reduce((sum, sample) => sum + row.pick(sample), 0) / round[side].length)
          : figure(row.pick, side, row.p)
      const tips = of('tip')
      const notes = of('note')
      const bare = of('bare')
      const ratios = tips.map((value, index) => value / (notes[index] ?? 1))
      const ratio = median(ratios)
      const bareRatios = tips.map((value, index) => value / (bare[index] ?? 1))
      const verdict = row.target === null ? '' : `≤ ${row.target}×: ${ratio <= row.target ? 'met' : 'missed'}`
      console.log(
        `| ${row.name} | ${ms(median(tips))} ms (${spread(tips)}) | ${ms(median(notes))} ms (${spread(notes)}) | **${ratio.toFixed(2)}×** (${spread(ratios)}) | ${verdict} | ${ms(median(bare))} ms (${spread(bare)}) | ${median(bareRatios).toFixed(2)}× (${spread(bareRatios)}) |`,
      )
      if (row.target !== null && ratio > row.target)
        failures.push(`${row.name}: ${ratio.toFixed(2)}× the plain create, above ${row.target}×`)
    }
    const statements = (side: Side, pick: (sample: Sample) => number): string => {
      const all = perRound.flatMap((round) => round[side].map(pick))
      const mean = all.reduce((sum, value) => sum + value, 0) / all.length
      return `${mean.toFixed(1)} (${Math.min(...all)}–${Math.max(...all)})`
    }
    for (const [name, pick] of [
      ['in the request', (sample: Sample) => sample.statementsInRequest],
      ['after the response', (sample: Sample) => sample.statementsAfter],
    ] as const) {
      console.log(
        `| SQL statements ${name}, mean (min–max) | ${statements('tip', pick)} | ${statements('note', pick)} | | | ${statements('bare', pick)} | |`,
      )
    }
    if (listStatements) {
      const short = (sql: string): string => (sql.length > 160 ? `${sql.slice(0, 160)}…` : sql)
      console.log(
        `\nThe statements of the last tip, in the request:\n${listed.inRequest.map((sql, index) => `${index + 1}. ${short(sql)}`).join('\n')}`,
      )
      console.log(`After the response:\n${listed.after.map((sql, index) => `${index + 1}. ${short(sql)}`).join('\n')}`)
    }
    failWith(failures)
  } finally {
    await payload.destroy()
    rmSync(directory, { force: true, recursive: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error)
  process.exit(1)
})
