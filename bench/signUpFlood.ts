/**
 * Sign-up flood benchmark, on SQLite, over real HTTP.
 *
 * A server process (Payload's REST handler behind `node:http`, on a fresh
 * database, with email confirmation on and a local SMTP server receiving the
 * confirmation emails) takes 150 anonymous sign-ups fired at once, each from
 * its own client address (behind one trusted proxy, so the per-address
 * sign-up limit applies as in production). Meanwhile a signed-in citizen,
 * another person, keeps doing ordinary things one after the other: reading
 * the procedure page and voting on a tip.
 *
 * Reported per run: the sign-ups' answers (201, 429, 5xx, other), the other
 * person's p50/p95 per kind of request during the flood beside the same
 * requests just before it (the baseline, same run, same process), the flood's
 * wall time and the server's CPU time (user + system) during it. Several runs,
 * each on its own fresh database, with the spread.
 *
 * Fails (exit 1) on any 5xx, or when the other person's p95 during the flood
 * reaches 2 s in any run.
 *
 * Run: npm run bench:sign-up-flood [-- --runs 3 --sign-ups 150]
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { getPayload, handleEndpoints } from 'payload'

import { buildAppConfig } from '../setup/appConfig.ts'
import { idOf, isRecord, type ID } from '../src/utilities/ids.ts'
import { emailAdapterFor, startSmtpServer } from '../tests/helpers/smtp.ts'

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`)
  const value = index === -1 ? Number.NaN : Number(process.argv[index + 1])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const limitMs = 2_000
const password = 'correct horse battery staple'

// ---------------------------------------------------------------- server (child)

type Ready = { kind: 'ready'; port: number; token: string; tips: ID[]; procedure: string }
type Cpu = { kind: 'cpu'; ms: number }
type Sent = { kind: 'emails'; count: number }
type FromServer = Ready | Cpu | Sent

const serve = async (): Promise<void> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-flood-'))
  const smtp = await startSmtpServer()
  const key = 'bench-sign-up-flood'
  const config = await buildAppConfig({
    databaseUri: `file:${path.join(directory, 'bench.db')}`,
    email: emailAdapterFor(smtp),
    // Votes are not limited here: the other person votes far more often than a
    // person would, to measure the write path; sign-ups keep their limit.
    entraide: { rateLimits: { votes: { perIp: false, perUser: false } }, trustedProxies: 1 },
    secret: 'entraide-bench-secret',
  })
  const payload = await getPayload({ config, key })

  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.on('end', () => {
      const headers = new Headers()
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === 'string') headers.set(name, value)
        else if (Array.isArray(value)) headers.set(name, value.join(', '))
      }
      const method = incoming.method ?? 'GET'
      const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks)
      const request = new Request(`http://localhost:3000${incoming.url ?? '/'}`, { body, headers, method })
      handleEndpoints({ config, payloadInstanceCacheKey: key, request })
        .then(async (response) => {
          const text = Buffer.from(await response.arrayBuffer())
          outgoing.writeHead(response.status, Object.fromEntries(response.headers.entries()))
          outgoing.end(text)
        })
        .catch((error: unknown) => {
          outgoing.writeHead(500, { 'Content-Type': 'text/plain' })
          outgoing.end(String(error))
        })
    })
  })
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))

  const idOrFail = (doc: unknown): ID => {
    const id = idOf(doc)
    if (id === null) throw new Error('The database returned a document without an id.')
    return id
  }
  const agency = idOrFail(await payload.create({ collection: 'agencies', data: { name: 'Agence', slug: 'agence' } }))
  await payload.create({
    collection: 'procedures',
    data: {
      agency,
      slug: 'passeport',
      steps: [{ title: 'Pré-demande' }],
      summary: 'Renouveler un passeport.',
      title: 'Passeport',
    },
  })
  const procedure = (await payload.find({ collection: 'procedures', limit: 1 })).docs[0]
  const email = 'autre-personne@bench.test'
  const person = await payload.create({
    collection: 'users',
    data: { displayName: 'Autre personne', email, password, role: 'citizen' },
    overrideAccess: true,
  })
  const author = await payload.create({
    collection: 'users',
    data: { displayName: 'Autrice', email: 'autrice@bench.test', password, role: 'citizen' },
    overrideAccess: true,
  })
  const tips: ID[] = []
  for (let index = 0; index < 4; index += 1) {
    const tip = await payload.create({
      collection: 'tips',
      data: {
        author: author.id,
        body: `Astuce ${index} : prenez rendez-vous tôt.`,
        procedure: procedure?.id,
        visibility: 'published',
      },
    })
    tips.push(idOrFail(tip))
  }
  const { token } = await payload.login({ collection: 'users', data: { email, password } })
  if (!token || !person) throw new Error('the other person could not sign in')
  const address: AddressInfo | string | null = server.address()
  if (address === null || typeof address === 'string') throw new Error('the server has no port')

  let cpuStart = process.cpuUsage()
  process.on('message', (message: unknown) => {
    if (!isRecord(message)) return
    if (message.kind === 'cpu-start') cpuStart = process.cpuUsage()
    if (message.kind === 'cpu') {
      const used = process.cpuUsage(cpuStart)
      process.send?.({ kind: 'cpu', ms: (used.user + used.system) / 1000 } satisfies Cpu)
    }
    if (message.kind === 'emails') process.send?.({ count: smtp.messages.length, kind: 'emails' } satisfies Sent)
    if (message.kind === 'stop') {
      server.closeAllConnections()
      server.close()
      void Promise.all([payload.destroy(), smtp.close()]).finally(() => {
        rmSync(directory, { force: true, recursive: true })
        process.exit(0)
      })
    }
  })
  process.send?.({ kind: 'ready', port: address.port, procedure: 'passeport', tips, token } satisfies Ready)
}

// ---------------------------------------------------------------- load (parent)

const percentile = (samples: readonly number[], p: number): number => {
  const sorted = [...samples].sort((left, right) => left - right)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

type Kind = 'page' | 'vote'
type Sample = { kind: Kind; ms: number; status: number }

type RunReport = {
  signUps: { created: number; limited: number; serverErrors: number; other: number; wallMs: number; cpuMs: number }
  emails: number
  baseline: Record<Kind, number[]>
  flood: Record<Kind, number[]>
  otherPersonServerErrors: number
}

const startServer = (): Promise<{ child: ChildProcess; ready: Ready }> =>
  new Promise((resolve, reject) => {
    const child = fork(process.argv[1] ?? '', ['--serve'], {
      env: { ...process.env, ENTRAIDE_SEED: 'false', PAYLOAD_FORCE_DRIZZLE_PUSH: 'true' },
      execArgv: process.execArgv,
      stdio: ['inherit', 'ignore', 'inherit', 'ipc'],
    })
    child.once('message', (message: FromServer) => {
      if (message.kind === 'ready') resolve({ child, ready: message })
    })
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      reject(new Error(`The server exited with ${signal ?? `code ${code}`} before it was ready.`)),
    )
  })

const ask = <T extends FromServer>(child: ChildProcess, kind: string): Promise<T> =>
  new Promise((resolve) => {
    child.once('message', (message: T) => resolve(message))
    child.send({ kind })
  })

const run = async (signUps: number, runIndex: number): Promise<RunReport> => {
  const { child, ready } = await startServer()
  try {
    const base = `http://127.0.0.1:${ready.port}/api`
    let voteValue = 1
    let tipIndex = 0
    const otherPersonRequest = async (kind: Kind): Promise<Sample> => {
      const startedAt = performance.now()
      const response =
        kind === 'page'
          ? await fetch(`${base}/entraide/procedures/${ready.procedure}`, {
              headers: { Authorization: `JWT ${ready.token}` },
            })
          : await fetch(`${base}/tips/${ready.tips[tipIndex++ % ready.tips.length]}/vote`, {
              body: JSON.stringify({ value: (voteValue = -voteValue) }),
              headers: {
                Authorization: `JWT ${ready.token}`,
                'Content-Type': 'application/json',
                'X-Forwarded-For': '192.0.2.1',
              },
              method: 'POST',
            })
      await response.arrayBuffer()
      return { kind, ms: performance.now() - startedAt, status: response.status }
    }
    const samples: Record<'baseline' | 'flood', Record<Kind, number[]>> = {
      baseline: { page: [], vote: [] },
      flood: { page: [], vote: [] },
    }
    let otherPersonServerErrors = 0
    const record = (phase: 'baseline' | 'flood', sample: Sample) => {
      samples[phase][sample.kind].push(sample.ms)
      if (sample.status >= 500) otherPersonServerErrors += 1
      else if (sample.status >= 300) throw new Error(`the other person's ${sample.kind} answered ${sample.status}`)
    }

    // Warm up, then the baseline: the same requests with no flood.
    for (let index = 0; index < 10; index += 1) await otherPersonRequest(index % 2 === 0 ? 'page' : 'vote')
    for (let index = 0; index < 60; index += 1)
      record('baseline', await otherPersonRequest(index % 2 === 0 ? 'page' : 'vote'))

    // The flood: every sign-up at once, each from its own address; the other person goes on meanwhile.
    child.send({ kind: 'cpu-start' })
    const floodStart = performance.now()
    let isFlooding = true
    const answers = Promise.all(
      Array.from({ length: signUps }, async (_, index) => {
        const response = await fetch(`${base}/users`, {
          body: JSON.stringify({
            displayName: `Nouvelle ${index}`,
            email: `flood-${runIndex}-${index}@bench.test`,
            password,
          }),
          headers: {
            'Accept-Language': index % 2 === 0 ? 'fr' : 'en',
            'Content-Type': 'application/json',
            'X-Forwarded-For': `10.${runIndex}.${Math.floor(index / 250)}.${(index % 250) + 1}`,
          },
          method: 'POST',
        })
        await response.arrayBuffer()
        return response.status
      }),
    ).finally(() => {
      isFlooding = false
    })
    const otherPerson = (async () => {
      let index = 0
      while (isFlooding) record('flood', await otherPersonRequest(index++ % 2 === 0 ? 'page' : 'vote'))
    })()
    const statuses = await answers
    const wallMs = performance.now() - floodStart
    await otherPerson
    const { ms: cpuMs } = await ask<Cpu>(child, 'cpu')
    // The confirmation emails leave inside each sign-up's request: all are there once the answers are.
    const { count: emails } = await ask<Sent>(child, 'emails')
    return {
      baseline: samples.baseline,
      emails,
      flood: samples.flood,
      otherPersonServerErrors,
      signUps: {
        cpuMs,
        created: statuses.filter((status) => status === 201).length,
        limited: statuses.filter((status) => status === 429).length,
        other: statuses.filter((status) => status !== 201 && status !== 429 && status < 500).length,
        serverErrors: statuses.filter((status) => status >= 500).length,
        wallMs,
      },
    }
  } finally {
    child.send({ kind: 'stop' })
    await new Promise((resolve) => {
      if (child.exitCode !== null) resolve(undefined)
      child.once('exit', resolve)
      setTimeout(resolve, 10_000)
    })
  }
}

const spread = (values: readonly number[]): string => {
  const sorted = [...values].sort((left, right) => left - right)
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0
  return `median ${Math.round(median)} (min ${Math.round(sorted[0] ?? 0)}, max ${Math.round(sorted.at(-1) ?? 0)})`
}

const main = async (): Promise<void> => {
  const runs = argument('runs', 3)
  const signUps = argument('sign-ups', 150)
  const reports: RunReport[] = []
  for (let index = 0; index < runs; index += 1) {
    process.stderr.write(`run ${index + 1} of ${runs}: ${signUps} sign-ups at once…\n`)
    reports.push(await run(signUps, index + 1))
  }
  const rows = reports.map((report, index) => {
    const { signUps: s } = report
    const p = (phase: 'baseline' | 'flood', kind: Kind) => Math.round(percentile(report[phase][kind], 95))
    return (
      `| ${index + 1} | ${s.created} / ${s.limited} / ${s.serverErrors + report.otherPersonServerErrors} / ${s.other} | ${report.emails} | ` +
      `${p('baseline', 'page')} → ${p('flood', 'page')} ms (${report.flood.page.length}) | ` +
      `${p('baseline', 'vote')} → ${p('flood', 'vote')} ms (${report.flood.vote.length}) | ` +
      `${(s.wallMs / 1000).toFixed(1)} s | ${(s.cpuMs / 1000).toFixed(1)} s |`
    )
  })
  console.log(
    `\nSign-up flood: ${signUps} anonymous sign-ups at once over HTTP, SQLite, ${os.cpus().length} cores, ${runs} runs\n`,
  )
  console.log(
    '| run | sign-ups 201 / 429 / 5xx / other | confirmation emails | other person, page p95: before → during (samples) | other person, vote p95: before → during (samples) | flood wall time | server CPU during the flood |',
  )
  console.log('|---|---|---|---|---|---|---|')
  for (const row of rows) console.log(row)
  const during = (kind: Kind): number[] => reports.map((report) => percentile(report.flood[kind], 95))
  const before = (kind: Kind): number[] => reports.map((report) => percentile(report.baseline[kind], 95))
  console.log(`\npage p95 before: ${spread(before('page'))} ms; during: ${spread(during('page'))} ms`)
  console.log(`vote p95 before: ${spread(before('vote'))} ms; during: ${spread(during('vote'))} ms`)
  console.log(
    `flood wall time: ${spread(reports.map((report) => report.signUps.wallMs))} ms; server CPU: ${spread(reports.map((report) => report.signUps.cpuMs))} ms`,
  )

  const serverErrors = reports.reduce(
    (sum, report) => sum + report.signUps.serverErrors + report.otherPersonServerErrors,
    0,
  )
  const worst = Math.max(...during('page'), ...during('vote'))
  const failures: string[] = []
  if (serverErrors > 0) failures.push(`${serverErrors} answers were 5xx`)
  if (worst >= limitMs)
    failures.push(`the other person's p95 during the flood reached ${Math.round(worst)} ms (limit ${limitMs} ms)`)
  if (failures.length > 0) {
    console.log(`\nFAILED: ${failures.join('; ')}.`)
    process.exit(1)
  }
  console.log(
    `\nPassed: no 5xx, the other person's worst p95 during the flood ${Math.round(worst)} ms < ${limitMs} ms.`,
  )
}

if (process.argv.includes('--serve')) {
  await serve()
} else {
  await main()
}
