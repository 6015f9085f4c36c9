// Database: SQLite is enough (the saved index and the start behaviour are the engine's, in the app process)
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'
import { afterAll, describe, expect, it } from 'vitest'

import { buildAppConfig } from '../setup/appConfig.ts'
import { hasPendingRead, readSearchIndexEarly, snapshotFileIn } from '../src/search/earlyRead.ts'
import { onSearchChanges, saveSearchIndex, searchFeedStatus, type SearchChange } from '../src/search/feed.ts'
import { EmbeddedEngine } from '../src/search/embeddedEngine.ts'
import { MeilisearchEngine } from '../src/search/meilisearchEngine.ts'
import { searchRuntimeOf } from '../src/search/engineRegistry.ts'
import { readySearchEngine, reindexKnowledge } from '../src/search/reindex.ts'
import type { KnowledgeDocument } from '../src/search/types.ts'
import { createProcedure } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { startFakeMeilisearch, type FakeMeilisearch } from './search/fakeMeilisearch.ts'
import { FlakyEngine, pendingSyncJobs, runSyncJobs, startSearchApp } from './search/searchApp.ts'

// Several apps in one file: each new SQLite database needs its schema pushed.
process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'

describe('an app whose index is still being built', () => {
  let app: TestApp | undefined
  afterAll(async () => {
    await app?.close()
  })

  it('answers searches 503 with Retry-After and a message until the index is ready, and serves everything else', async () => {
    const engine = new FlakyEngine(0)
    // Building the index takes 3 s (the engine is slow to answer its first write).
    engine.delayMs = 3000
    app = await startTestApp({ entraide: { rateLimits: false, search: { engine } } })
    const startedAt = Date.now()
    const response = await app.api('GET', '/entraide/search?q=passeport')
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe('5')
    const body = await response.json()
    expect(body.errors[0].message).toMatch(/being built/)
    expect(Date.now() - startedAt).toBeLessThan(2500)
    // The rest of the app does not wait for the index.
    expect((await app.api('GET', '/procedures?limit=1')).status).toBe(200)
    engine.delayMs = 0
    await readySearchEngine(app.payload)
    expect((await app.api('GET', '/entraide/search?q=passeport')).status).toBe(200)
  })
})

/** The embedded engine, slow to take its first write: a build of the index takes seconds, as at 50,000 documents. */
class SlowFirstWrite extends EmbeddedEngine {
  isFirst = true
  override async upsert(documents: readonly KnowledgeDocument[]): Promise<void> {
    if (this.isFirst) await new Promise((resolve) => setTimeout(resolve, 2500))
    this.isFirst = false
    await super.upsert(documents)
  }
}

describe('an index built from the database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entraide-built-'))
  const apps: Payload[] = []
  afterAll(async () => {
    for (const app of apps) await app.destroy()
    rmSync(dir, { force: true, recursive: true })
  })

  /** An app on a database of its own holding one procedure, whose index took seconds to build; and its snapshot file. */
  const builtSlowly = async (name: string): Promise<{ payload: Payload; file: string }> => {
    const databaseUri = `file:${path.join(dir, `${name}.db`)}`
    const directory = path.join(dir, `${name}-index`)
    const config = await buildAppConfig({
      databaseUri,
      entraide: { rateLimits: false, search: { engine: new SlowFirstWrite(), snapshot: { directory } } },
      secret: 'entraide-test-secret',
    })
    const payload = await getPayload({ config, key: `built-${path.basename(dir)}-${name}` })
    apps.push(payload)
    const agency = await payload.create({ collection: 'agencies', data: { name: 'ANTS', slug: 'ants' } })
    await payload.create({
      collection: 'procedures',
      data: { agency: agency.id, slug: 'carte-grise', title: 'Immatriculer un véhicule' },
    })
    await readySearchEngine(payload)
    expect(searchFeedStatus(payload).origin).toBe('rebuild')
    return { file: snapshotFileIn(directory, databaseUri), payload }
  }

  it('is saved as soon as a build that took seconds ends, without waiting for a shutdown', async () => {
    const { file } = await builtSlowly('saved-at-once')
    await expect.poll(() => existsSync(file), { interval: 50, timeout: 5000 }).toBe(true)
  })

  it('is on disk when a save asked for during that save returns (it waits for the save under way)', async () => {
    const { file, payload } = await builtSlowly('asked-meanwhile')
    await saveSearchIndex(payload)
    expect(existsSync(file)).toBe(true)
  })
})

/** The embedded engine, each of whose writes can be slowed: a rebuild then takes seconds, batch after batch. */
class SlowWrites extends EmbeddedEngine {
  delayMs = 0
  override async upsert(documents: readonly KnowledgeDocument[]): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs))
    await super.upsert(documents)
  }
}

describe('an index rebuilt by an editor’s reindex', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entraide-reindexed-'))
  const databaseUri = `file:${path.join(dir, 'site.db')}`
  const directory = path.join(dir, 'search-index')
  const file = snapshotFileIn(directory, databaseUri)
  let payload: Payload | undefined
  let instance = 0

  /** The app on the same database and index directory, reading one item per batch when it reindexes. */
  const start = async (engine?: EmbeddedEngine): Promise<Payload> => {
    instance += 1
    const config = await buildAppConfig({
      databaseUri,
      entraide: { rateLimits: false, search: { engine, reindexBatchSize: 1, snapshot: { directory } } },
      secret: 'entraide-test-secret',
    })
    payload = await getPayload({ config, key: `reindexed-${path.basename(dir)}-${instance}` })
    await readySearchEngine(payload)
    return payload
  }
  const stop = async (): Promise<void> => {
    await payload?.destroy()
    payload = undefined
  }
  const titles = async (app: Payload, q: string): Promise<string[]> =>
    (await searchRuntimeOf(app).engine.search({ query: q })).hits.map(({ document }) => document.title)
  /** How many documents the index saved on disk holds (its header line says). */
  const savedDocuments = (): number =>
    (JSON.parse(readFileSync(file, 'utf8').split('\n')[0] ?? '{}') as { documentCount?: number }).documentCount ?? -1

  afterAll(async () => {
    await stop()
    rmSync(dir, { force: true, recursive: true })
  })

  it('is saved at shutdown when the reindex found items written around the feed (a bulk import), and a restart finds them', async () => {
    const first = await start()
    const agency = await first.create({ collection: 'agencies', data: { name: 'ANTS', slug: 'ants' } })
    await first.create({
      collection: 'procedures',
      data: { agency: agency.id, slug: 'carte-grise', title: 'Immatriculer un véhicule' },
    })
    await expect
      .poll(() => titles(first, 'immatriculer'), { interval: 50, timeout: 5000 })
      .toEqual(['Immatriculer un véhicule'])
    await saveSearchIndex(first)
    expect(savedDocuments()).toBe(1)
    // A bulk import: straight into the database, with no hook and no row in the change feed.
    await first.db.create({
      collection: 'procedures',
      data: { agency: agency.id, slug: 'permis', title: 'Échanger un permis étranger' },
    })
    await reindexKnowledge({ payload: first })
    expect(await titles(first, 'permis étranger')).toEqual(['Échanger un permis étranger'])
    await stop()

    const second = await start()
    expect(searchFeedStatus(second).origin).toBe('snapshot')
    expect(await titles(second, 'permis étranger')).toEqual(['Échanger un permis étranger'])
    await stop()
  })

  it('saves, when asked during a reindex, the index the reindex ends with, never one emptied and half filled again', async () => {
    const engine = new SlowWrites()
    const app = await start(engine)
    expect(searchFeedStatus(app).origin).toBe('snapshot')
    engine.delayMs = 300
    const reindexed = reindexKnowledge({ payload: app })
    // The rebuild emptied the index and wrote its first item of two.
    await expect.poll(async () => (await engine.stats()).documentCount, { interval: 10, timeout: 5000 }).toBe(1)
    await saveSearchIndex(app)
    expect(savedDocuments()).toBe(2)
    await reindexed
  })
})

describe('a restart with a saved index', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entraide-restart-'))
  const snapshotDir = path.join(dir, 'search-index')
  let payload: Payload | undefined
  let instance = 0

  const databaseUri = `file:${path.join(dir, 'site.db')}`
  const start = async ({ isWriterOnly = false } = {}): Promise<{
    payload: Payload
    config: SanitizedConfig
    key: string
  }> => {
    instance += 1
    const config = await buildAppConfig({
      databaseUri,
      entraide: {
        rateLimits: false,
        // A writer only: it applies nothing and saves no index (a script, or another node).
        search: isWriterOnly ? { runSyncJobs: 'manual', snapshot: false } : { snapshot: { directory: snapshotDir } },
      },
      secret: 'entraide-test-secret',
    })
    const key = `restart-${path.basename(dir)}-${instance}`
    payload = await getPayload({ config, key })
    return { config, key, payload }
  }
  const titles = async ({ config, key }: { config: SanitizedConfig; key: string }, q: string): Promise<string[]> => {
    const response = await handleEndpoints({
      config,
      payloadInstanceCacheKey: key,
      request: new Request(`http://localhost:3000/api/entraide/search?q=${encodeURIComponent(q)}`),
    })
    const { hits } = (await response.json()) as { hits: Array<{ title: string }> }
    return hits.map(({ title }) => title)
  }

  afterAll(async () => {
    await payload?.destroy()
    rmSync(dir, { force: true, recursive: true })
  })

  it('loads the index saved at shutdown, answers at once, and catches up with the changes made meanwhile', async () => {
    const first = await start()
    await readySearchEngine(first.payload)
    expect(searchFeedStatus(first.payload).origin).toBe('rebuild')
    const agency = await first.payload.create({ collection: 'agencies', data: { name: 'ANTS', slug: 'ants' } })
    await first.payload.create({
      collection: 'procedures',
      data: { agency: agency.id, slug: 'carte-grise', title: 'Immatriculer un véhicule' },
    })
    await expect
      .poll(() => titles(first, 'immatriculer'), { interval: 50, timeout: 5000 })
      .toEqual(['Immatriculer un véhicule'])
    await first.payload.destroy()
    payload = undefined
    expect(readdirSync(snapshotDir).filter((name) => name.endsWith('.snapshot'))).toHaveLength(1)

    // Written while the app was stopped, by another process: only in the feed.
    const writer = await start({ isWriterOnly: true })
    await writer.payload.create({
      collection: 'procedures',
      data: { agency: agency.id, slug: 'permis', title: 'Échanger un permis étranger' },
    })
    await writer.payload.destroy()

    // The site's instrumentation hook starts reading the saved index before Payload starts; Payload takes that read.
    const snapshotFile = snapshotFileIn(snapshotDir, databaseUri)
    readSearchIndexEarly({ databaseUri: `${databaseUri}?another=address`, directory: snapshotDir })
    expect(hasPendingRead(snapshotFile)).toBe(false)
    readSearchIndexEarly({ databaseUri, directory: snapshotDir })
    expect(hasPendingRead(snapshotFile)).toBe(true)
    const second = await start()
    expect(hasPendingRead(snapshotFile)).toBe(false)
    await readySearchEngine(second.payload)
    expect(searchFeedStatus(second.payload).origin).toBe('snapshot')
    expect(await titles(second, 'immatriculer')).toEqual(['Immatriculer un véhicule'])
    await expect
      .poll(() => titles(second, 'permis étranger'), { interval: 50, timeout: 1000 })
      .toEqual(['Échanger un permis étranger'])
    await second.payload.destroy()
    payload = undefined

    // One byte of the saved index changed on disk: the start's early read refuses it and the index is rebuilt.
    const [file] = readdirSync(snapshotDir).filter((name) => name.endsWith('.snapshot'))
    if (!file) throw new Error('No snapshot was saved at the second shutdown.')
    const bytes = readFileSync(path.join(snapshotDir, file))
    const at = bytes.length - 5
    bytes[at] = (bytes[at] ?? 0) ^ 0xff
    writeFileSync(path.join(snapshotDir, file), bytes)
    const third = await start()
    await readySearchEngine(third.payload)
    expect(searchFeedStatus(third.payload).origin).toBe('rebuild')
    expect(await titles(third, 'permis étranger')).toEqual(['Échanger un permis étranger'])
  })
})

describe('with Meilisearch (one index shared by every node)', () => {
  let server: FakeMeilisearch | undefined
  let app: TestApp | undefined
  afterAll(async () => {
    await app?.close()
    await server?.close()
  })

  it('is fed from the change feed by the node that holds its lease, while the feed tells the app’s listeners', async () => {
    server = await startFakeMeilisearch()
    const engine = new MeilisearchEngine({
      apiKey: 'test-key',
      host: server.url,
      taskIntervalMs: 5,
      taskTimeoutMs: 2000,
    })
    app = await startSearchApp({}, engine)
    const heard: SearchChange[] = []
    onSearchChanges(app.payload, (changes) => heard.push(...changes))
    const { procedure } = await createProcedure(app, { slug: 'cni' })
    expect(await pendingSyncJobs(app)).toBeGreaterThan(0)
    await runSyncJobs(app)
    expect(await pendingSyncJobs(app)).toBe(0)
    expect([...server.documents.keys()]).toContain(`procedures-${procedure.id}`)
    expect(heard.map(({ collection, id }) => `${collection}:${String(id)}`)).toContain(
      `procedures:${String(procedure.id)}`,
    )
  })
})
