/**
 * Notification fan-out benchmark: one event (an agent validates an answer in
 * a thread) told to N followers of the thread (10,000 by default), on SQLite.
 *
 * - time from the validation's response to the last follower's notification;
 * - the process's peak RSS and heap during the fan-out, against before it;
 * - the p95 of unrelated requests (a page of the procedures list, through
 *   Payload's REST handler) sampled during the fan-out, as a ratio to the
 *   same requests sampled just before, with no fan-out (target ≤ 1.2).
 *
 * Run: npx tsx bench/notificationFanOut.ts [-- --followers 10000]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { commitTransaction, createLocalReq, getPayload, handleEndpoints, initTransaction, type SanitizedConfig } from 'payload'

import { buildAppConfig } from '../setup/appConfig.ts'
import { waitForNotificationRuns } from '../src/notifications/runner.ts'
import { isRecord, type ID } from '../src/utilities/ids.ts'
import { idOrFail, percentile, sleep } from './lib/measure.ts'

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`)
  const value = index === -1 ? Number.NaN : Number(process.argv[index + 1])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

const followers = argument('followers', 10_000)

const main = async (): Promise<void> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'entraide-bench-'))
  const key = 'bench-fan-out'
  const config: SanitizedConfig = await buildAppConfig({
    databaseUri: `file:${path.join(directory, 'bench.db')}`,
    // No mail server: followers get `followed-update` in the app only by default, so no email is sent.
    email: undefined,
    entraide: { rateLimits: false },
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
    const person = async (role: 'citizen' | 'agent', agency?: ID) => {
      const email = `${role}-${Math.random().toString(36).slice(2)}@bench.test`
      const password = 'correct horse battery staple'
      const user = await payload.create({ collection: 'users', data: { agency, displayName: role, email, password, role }, overrideAccess: true })
      const { token } = await payload.login({ collection: 'users', data: { email, password } })
      return { id: idOrFail(user), token: token ?? '' }
    }

    const agency = idOrFail(await payload.create({ collection: 'agencies', data: { name: 'Agence', slug: 'agence' } }))
    const procedure = idOrFail(await payload.create({ collection: 'procedures', data: { agency, slug: 'passeport', title: 'Passeport' } }))
    const asker = await person('citizen')
    const helper = await person('citizen')
    const agent = await person('agent', agency)
    const docOf = async (response: Response): Promise<ID> => {
      const body: unknown = await response.json()
      return idOrFail(isRecord(body) ? body.doc : null)
    }
    const threadId = await docOf(await api('POST', '/threads?depth=0', asker.token, { body: 'Une question.', procedure, title: 'Une question ?' }))
    const answerId = await docOf(await api('POST', '/answers?depth=0', helper.token, { body: 'Une réponse.', thread: threadId }))
    // The answer's own notifications are delivered before the followers arrive.
    for (;;) {
      await waitForNotificationRuns(payload)
      const waiting = await payload.count({
        collection: 'payload-jobs',
        where: { and: [{ queue: { equals: 'entraide-notifications' } }, { completedAt: { exists: false } }] },
      })
      if (waiting.totalDocs === 0) break
      await sleep(20)
    }

    // Followers written straight through the adapter, in transactions of 500.
    process.stderr.write(`seeding ${followers.toLocaleString('en')} followers…\n`)
    const seedStart = performance.now()
    const req = await createLocalReq({}, payload)
    for (let index = 0; index < followers; index += 1) {
      if (index % 500 === 0) await initTransaction(req)
      const user = idOrFail(
        await payload.db.create({ collection: 'users', data: { displayName: `Suiveur ${index}`, email: `follower-${index}@bench.test`, role: 'citizen' }, req }),
      )
      await payload.db.create({
        collection: 'subscriptions',
        data: { key: `${String(user)}:threads:${String(threadId)}`, targetCollection: 'threads', targetId: String(threadId), targetKey: `threads:${String(threadId)}`, user },
        req,
      })
      if (index % 500 === 499 || index === followers - 1) await commitTransaction(req)
    }
    process.stderr.write(`  seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s\n`)

    const unrelated = async (): Promise<number> => {
      const startedAt = performance.now()
      const response = await api('GET', '/procedures?depth=0&limit=10')
      await response.arrayBuffer()
      return performance.now() - startedAt
    }
    // Warm up, and wait until the database is quiet after the seeding (no event-loop stall for 2 s),
    // then the baseline: the same requests with no fan-out.
    for (let index = 0; index < 50; index += 1) await unrelated()
    for (let quiet = 0; quiet < 40; ) {
      const startedAt = performance.now()
      await sleep(50)
      quiet = performance.now() - startedAt < 70 ? quiet + 1 : 0
    }
    const baseline: number[] = []
    const baselineUntil = performance.now() + 5000
    while (performance.now() < baselineUntil) {
      baseline.push(await unrelated())
      await sleep(5)
    }

    global.gc?.()
    const before = process.memoryUsage()
    let peakRss = before.rss
    let peakHeap = before.heapUsed
    const memoryTimer = setInterval(() => {
      const now = process.memoryUsage()
      peakRss = Math.max(peakRss, now.rss)
      peakHeap = Math.max(peakHeap, now.heapUsed)
    }, 50)

    const already = (await payload.count({ collection: 'notifications', where: { kind: { equals: 'followed-update' } } })).totalDocs
    if (already > 0) throw new Error(`${already} followers were told before the event`)
    const validatedAt = performance.now()
    const validated = await api('POST', `/answers/${String(answerId)}/validate`, agent.token, {})
    if (validated.status !== 200) throw new Error(`validate answered ${validated.status}`)
    const respondedMs = performance.now() - validatedAt
    const during: number[] = []
    let delivered = 0
    let lastCount = performance.now()
    for (;;) {
      during.push(await unrelated())
      await sleep(5)
      if (performance.now() - lastCount > 250) {
        lastCount = performance.now()
        delivered = (await payload.count({ collection: 'notifications', where: { kind: { equals: 'followed-update' } } })).totalDocs
        if (delivered >= followers) break
        if (performance.now() - validatedAt > 30 * 60_000) throw new Error(`only ${delivered} delivered after 30 minutes`)
      }
    }
    const deliveredMs = performance.now() - validatedAt
    clearInterval(memoryTimer)

    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
    const ms = (value: number) => value.toFixed(2)
    const baseP95 = percentile(baseline, 95)
    const duringP95 = percentile(during, 95)
    console.log(`\n### Notification fan-out: one event to ${followers.toLocaleString('en')} followers (SQLite)\n`)
    console.log(`| measure | value |`)
    console.log(`|---|---|`)
    console.log(`| the validating request's response | ${ms(respondedMs)} ms |`)
    console.log(`| all ${followers.toLocaleString('en')} notifications created | ${(deliveredMs / 1000).toFixed(1)} s (${Math.round(followers / (deliveredMs / 1000)).toLocaleString('en')}/s) |`)
    console.log(`| peak RSS during the fan-out (before) | ${mb(peakRss)} (${mb(before.rss)}) |`)
    console.log(`| peak heap during the fan-out (before) | ${mb(peakHeap)} (${mb(before.heapUsed)}) |`)
    console.log(`| unrelated request p50, without / during | ${ms(percentile(baseline, 50))} / ${ms(percentile(during, 50))} ms |`)
    console.log(`| unrelated request p95, without / during | ${ms(baseP95)} / ${ms(duringP95)} ms (${baseline.length} / ${during.length} samples) |`)
    console.log(`| **p95 ratio (target ≤ 1.2)** | **${(duringP95 / baseP95).toFixed(2)}×** |`)
  } finally {
    await payload.destroy()
    rmSync(directory, { force: true, recursive: true })
  }
}

await main()
