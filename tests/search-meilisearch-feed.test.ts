import { randomUUID } from 'node:crypto'

import { getPayload, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { buildAppConfig } from '../setup/appConfig.ts'
import type { EntraideOptions } from '../src/options.ts'
import { runSearchConsumer, searchConsumerStatus, stopSearchConsumer } from '../src/search/meilisearchConsumer.ts'
import { searchSyncQueue, searchSyncTaskSlug } from '../src/search/syncRunner.ts'
import { MeilisearchEngine } from '../src/search/meilisearchEngine.ts'
import type { ID } from '../src/utilities/ids.ts'
import { createProcedure } from './helpers/fixtures.ts'
import { endPool, startTestApp, testDatabaseKind, type TestApp } from './helpers/payload.ts'
import { meilisearchError, startFakeMeilisearch, type FakeMeilisearch } from './search/fakeMeilisearch.ts'

// Meilisearch is fed from the change feed by exactly one node, the holder of
// the lease. Two Payload instances on one database and one (fake)
// Meilisearch stand for two app nodes; each has its own engine object, as
// two processes would. Both run in 'auto' mode with short periods, so that
// a handover happens within a few seconds.

// Several apps in one file: each new SQLite database needs its schema pushed.
process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'

const leaseMs = 2000
const searchOptions = (server: FakeMeilisearch): EntraideOptions['search'] => ({
  engine: new MeilisearchEngine({ apiKey: 'test-key', host: server.url, taskIntervalMs: 5, taskTimeoutMs: 2000 }),
  feed: { leaseMs, pollMs: 50 },
  retry: { attempts: 3, delayMs: 50 },
  runSyncJobs: 'auto',
})

/** The database address of a test app, for a second instance on the same database. */
const databaseUriOf = (payload: Payload): string => {
  const db: unknown = payload.db
  const uri: unknown =
    testDatabaseKind() === 'postgres'
      ? Reflect.get(Reflect.get(db as object, 'poolOptions') ?? {}, 'connectionString')
      : Reflect.get(Reflect.get(db as object, 'clientConfig') ?? {}, 'url')
  if (typeof uri !== 'string') throw new Error('the test database has no address')
  return uri
}

/** A second Payload instance on the database of `app`, as another app node. */
const startSecondNode = async (app: TestApp, search: EntraideOptions['search']): Promise<Payload> => {
  const config = await buildAppConfig({
    databasePush: false,
    databaseUri: databaseUriOf(app.payload),
    entraide: { rateLimits: false, search: { snapshot: false, ...search } },
    secret: 'entraide-test-secret',
  })
  return getPayload({ config, key: `second-node-${randomUUID()}` })
}

/**
 * Stops a second node: Payload's destroy, then its PostgreSQL pool ended
 * (Payload leaves it open), its connections told to expect the database's drop.
 */
const stopSecondNode = async (payload: Payload): Promise<void> => {
  await payload.destroy()
  const instances: unknown = Reflect.get(globalThis, '_payload')
  if (instances instanceof Map) {
    for (const [key, value] of instances) if (value === payload || value?.payload === payload) instances.delete(key)
  }
  endPool(Reflect.get(payload.db, 'pool'))
}

const tipText = (server: FakeMeilisearch, id: ID): string => String(server.documents.get(`tips-${String(id)}`)?.text ?? '')

const kind = testDatabaseKind()
const twoNodesSkipReason =
  kind === 'postgres' ? '' : ' — SKIPPED: two app nodes share a database server (PostgreSQL project), not a SQLite file'

/** A fake Meilisearch whose document writes answer 503 while `down.isDown`. */
const startServer = async (): Promise<{ server: FakeMeilisearch; down: { isDown: boolean } }> => {
  const server = await startFakeMeilisearch()
  server.masterKey = 'test-key'
  const down = { isDown: false }
  server.route((request) =>
    down.isDown && request.path.startsWith('/indexes/knowledge/documents')
      ? meilisearchError(503, 'unavailable', 'Meilisearch is restarting.', 'system')
      : undefined,
  )
  return { down, server }
}

const postTip = async (payload: Payload, procedure: ID, body: string): Promise<ID> => {
  const tip = await payload.create({ collection: 'tips', data: { body, procedure, visibility: 'published' } })
  return tip.id
}

describe('Meilisearch fed from the change feed (one node)', () => {
  let server: FakeMeilisearch
  let down: { isDown: boolean }
  let a: TestApp
  let procedure: ID

  beforeAll(async () => {
    ;({ down, server } = await startServer())
    a = await startTestApp({ entraide: { rateLimits: false, search: searchOptions(server) } })
    procedure = (await createProcedure(a, { slug: 'titre-de-sejour' })).procedure.id
  }, 120_000)

  afterAll(async () => {
    await a?.close()
    await server?.close()
  })

  it('lets exactly one of several simultaneous takers insert a period of the lease', async () => {
    const slot = `race@${Date.now()}`
    const tries = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        a.payload.create({
          collection: 'search-leases',
          data: { consumer: 'race', epoch: 1, holder: `taker-${index}`, slot },
          overrideAccess: true,
        }),
      ),
    )
    expect(tries.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1)
    const { totalDocs } = await a.payload.count({ collection: 'search-leases', where: { slot: { equals: slot } } })
    expect(totalDocs).toBe(1)
  })

  it('ends with the newest of quick updates of one item', async () => {
    const id = await postTip(a.payload, procedure, 'Première version : le héron.')
    await a.payload.update({ collection: 'tips', data: { body: 'Deuxième version : le héron gris.' }, id })
    await a.payload.update({ collection: 'tips', data: { body: 'Troisième version : le héron cendré.' }, id })
    await expect.poll(() => tipText(server, id), { interval: 50, timeout: 10_000 }).toContain('cendré')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(tipText(server, id)).toContain('Troisième version')
    expect(searchConsumerStatus(a.payload).isHolder).toBe(true)
  })

  it('keeps the changes of a Meilisearch outage in the feed and lands every one when it is back', async () => {
    down.isDown = true
    const during: ID[] = []
    for (let index = 0; index < 4; index += 1) {
      during.push(await postTip(a.payload, procedure, `Pendant la panne ${index}, le macareux attend.`))
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(during.filter((id) => server.documents.has(`tips-${String(id)}`))).toEqual([])
    // Nothing was pruned: every change of the outage is still in the feed.
    const kept = await a.payload.count({ collection: 'search-changes', overrideAccess: true })
    expect(kept.totalDocs).toBeGreaterThanOrEqual(during.length)
    down.isDown = false
    await expect
      .poll(() => during.filter((id) => tipText(server, id).includes('macareux')).length, { interval: 50, timeout: 15_000 })
      .toBe(during.length)
  })

  it('applies again, after a reindex, the changes made around it', async () => {
    const id = await postTip(a.payload, procedure, 'Juste avant la reconstruction : le grèbe.')
    const key = `tips:${String(id)}`
    await expect.poll(() => searchConsumerStatus(a.payload).deliveries[key], { interval: 50, timeout: 5000 }).toBe(1)
    const editor = await a.signUp({ role: 'editor' })
    const response = await a.api('POST', '/entraide/reindex', { token: editor.token })
    expect(response.status).toBe(200)
    expect(server.documents.has(`procedures-${String(procedure)}`)).toBe(true)
    // The reindex's last feed row has the holder apply again what changed since it began (and a lookback before).
    await expect.poll(() => searchConsumerStatus(a.payload).deliveries[key], { interval: 50, timeout: 5000 }).toBe(2)
    expect(tipText(server, id)).toContain('grèbe')
  })
})

describe('Meilisearch fed from the change feed, after an upgrade from the sync jobs', () => {
  let server: FakeMeilisearch
  let a: TestApp
  afterAll(async () => {
    await a?.close()
    await server?.close()
  })

  it('applies the sync jobs an earlier version left, then deletes them', async () => {
    ;({ server } = await startServer())
    // 'manual': the jobs are queued before anything feeds Meilisearch, as before the upgrade.
    a = await startTestApp({ entraide: { rateLimits: false, search: { ...searchOptions(server), runSyncJobs: 'manual' } } })
    const procedure = (await createProcedure(a, { slug: 'ancienne-version' })).procedure.id
    // Written around the feed, with its sync job queued as earlier versions did.
    const tip = await a.payload.create({
      collection: 'tips',
      context: { skipSearchSync: true },
      data: { body: 'Laissé par l’ancienne version : le cormoran.', procedure, visibility: 'published' },
    })
    await a.payload.jobs.queue({
      input: { collection: 'tips', id: String(tip.id) },
      queue: searchSyncQueue,
      task: searchSyncTaskSlug,
    })
    // The node that takes the lease turns the job into a feed row, then applies the feed.
    expect(await runSearchConsumer(a.payload)).toEqual({ isCaughtUp: true, isHolder: true })
    expect(tipText(server, tip.id)).toContain('ancienne version')
    const { totalDocs } = await a.payload.count({ collection: 'payload-jobs', where: { queue: { equals: searchSyncQueue } } })
    expect(totalDocs).toBe(0)
  })
})

describe.skipIf(kind !== 'postgres')(`Meilisearch fed from the change feed by one of two nodes${twoNodesSkipReason}`, () => {
  let server: FakeMeilisearch
  let a: TestApp
  let b: Payload | undefined
  let procedure: ID

  const holders = (): string[] =>
    [
      ['a', a.payload],
      ['b', b],
    ]
      .filter(([, payload]) => payload && searchConsumerStatus(payload as Payload).isHolder)
      .map(([name]) => String(name))

  beforeAll(async () => {
    ;({ server } = await startServer())
    a = await startTestApp({ entraide: { rateLimits: false, search: searchOptions(server) } })
    b = await startSecondNode(a, searchOptions(server))
    procedure = (await createProcedure(a, { slug: 'titre-de-sejour' })).procedure.id
  }, 120_000)

  afterAll(async () => {
    if (b) await stopSecondNode(b)
    await a?.close()
    await server?.close()
  })

  it('lets exactly one of two nodes inserting a period at once take it', async () => {
    const slot = `race@${Date.now()}`
    const tries = await Promise.allSettled(
      [a.payload, b as Payload, a.payload, b as Payload].map((payload, index) =>
        payload.create({
          collection: 'search-leases',
          data: { consumer: 'race', epoch: 1, holder: `taker-${index}`, slot },
          overrideAccess: true,
        }),
      ),
    )
    expect(tries.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1)
  })

  it('has exactly one node apply each change, whichever node wrote it, and the newest state win', async () => {
    await expect.poll(holders, { interval: 50, timeout: 10_000 }).toHaveLength(1)
    const written: ID[] = []
    for (let index = 0; index < 6; index += 1) {
      written.push(await postTip(index % 2 === 0 ? a.payload : (b as Payload), procedure, `Le récépissé ${index} du cormoran.`))
    }
    await expect
      .poll(() => written.filter((id) => tipText(server, id).includes('cormoran')).length, { interval: 50, timeout: 10_000 })
      .toBe(written.length)
    // Some time for a second application, which must not come.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const deliveries = [searchConsumerStatus(a.payload), searchConsumerStatus(b as Payload)].map((status) => status.deliveries)
    for (const id of written) {
      const key = `tips:${String(id)}`
      expect((deliveries[0]?.[key] ?? 0) + (deliveries[1]?.[key] ?? 0)).toBe(1)
    }
    // The node that does not hold the lease applied nothing.
    expect(holders()).toHaveLength(1)
    const idle = holders()[0] === 'a' ? deliveries[1] : deliveries[0]
    expect(Object.keys(idle ?? {})).toEqual([])

    // Searchable soon after the commit: at once through the holder, within a poll through the other node.
    const [holding, other] = holders()[0] === 'a' ? [a.payload, b as Payload] : [b as Payload, a.payload]
    for (const [payload, text] of [
      [holding, 'Par le détenteur : le guillemot.'],
      [other, 'Par l’autre nœud : le guillemot.'],
    ] as const) {
      const startedAt = Date.now()
      const tip = await postTip(payload, procedure, text)
      await expect.poll(() => tipText(server, tip), { interval: 10, timeout: 5000 }).toContain('guillemot')
      expect(Date.now() - startedAt).toBeLessThan(2000)
    }

    // Two quick updates of one item through the two nodes: the newest ends in the index.
    const id = written[0] as ID
    await a.payload.update({ collection: 'tips', data: { body: 'Le récépissé du cormoran gris.' }, id })
    await (b as Payload).update({ collection: 'tips', data: { body: 'Le récépissé du cormoran huppé.' }, id })
    await expect.poll(() => tipText(server, id), { interval: 50, timeout: 10_000 }).toContain('huppé')
  })

  it('hands over to the other node when the holder stops, and loses nothing committed meanwhile', async () => {
    await expect.poll(holders, { interval: 50, timeout: 10_000 }).toHaveLength(1)
    const holder = holders()[0]
    const [stopping, staying] = holder === 'a' ? [a.payload, b as Payload] : [b as Payload, a.payload]
    // Written just before the holder stops: committed, maybe not applied yet.
    const before = await postTip(stopping, procedure, 'Juste avant l’arrêt : le fou de Bassan.')
    if (holder === 'b') {
      await stopSecondNode(b as Payload)
      b = undefined
    } else {
      // The test app is the holder: its consumer stops as at shutdown, its database stays open for the test.
      await stopSearchConsumer(a.payload)
    }
    const stoppedAt = Date.now()
    const meanwhile = await postTip(staying, procedure, 'Pendant la relève : le pétrel.')
    await expect
      .poll(() => [before, meanwhile].filter((id) => server.documents.has(`tips-${String(id)}`)).length, {
        interval: 50,
        timeout: 4 * leaseMs + 5000,
      })
      .toBe(2)
    // Within two periods of the lease, plus a poll.
    expect(Date.now() - stoppedAt).toBeLessThan(2 * leaseMs + 2000)
    expect(searchConsumerStatus(staying).isHolder).toBe(true)
  })
})
