import { createSearchEngine } from '../../src/search/createEngine.ts'
import { EmbeddedEngine } from '../../src/search/embeddedEngine.ts'
import { readySearchEngine } from '../../src/search/reindex.ts'
import { catchUpSearchFeed, pendingSearchChanges } from '../../src/search/feed.ts'
import { SearchError } from '../../src/search/errors.ts'
import { isFedByConsumer, pendingConsumerChanges } from '../../src/search/meilisearchConsumer.ts'
import type { KnowledgeDocument, SearchEngine, SearchIndexSettings, SearchParams } from '../../src/search/types.ts'
import type { EntraideOptions } from '../../src/options.ts'
import { json } from '../helpers/fixtures.ts'
import { startTestApp, type TestApp } from '../helpers/payload.ts'
import type { ID } from '../../src/utilities/ids.ts'

let indexCounter = 0

/**
 * A fresh engine for one test app: Meilisearch on its own index when
 * MEILI_HOST is set (so the suite runs against a live server), the embedded
 * engine otherwise.
 */
export const freshEngine = (): SearchEngine => {
  indexCounter += 1
  return process.env.MEILI_HOST
    ? createSearchEngine({ meilisearch: { indexName: `entraide_test_${process.pid}_${Date.now()}_${indexCounter}` } })
    : new EmbeddedEngine()
}

/**
 * An engine that is down for its next `failures` writes (upsert, delete,
 * clear), as during an outage, then works again; each write first waits
 * `delayMs`, as a server that is slow to answer. Searches always work.
 */
export class FlakyEngine implements SearchEngine {
  readonly kind = 'embedded'
  readonly inner: SearchEngine
  failures: number
  delayMs = 0
  writesRefused = 0

  constructor(failures: number, inner: SearchEngine = new EmbeddedEngine()) {
    this.failures = failures
    this.inner = inner
  }

  async #fail(): Promise<void> {
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs))
    if (this.failures <= 0) return
    this.failures -= 1
    this.writesRefused += 1
    throw new SearchError('engine-unavailable', { message: 'The search engine cannot be reached (simulated outage).' })
  }

  ensureIndex(settings: SearchIndexSettings): Promise<void> {
    return this.inner.ensureIndex(settings)
  }

  async upsert(documents: readonly KnowledgeDocument[]): Promise<void> {
    await this.#fail()
    await this.inner.upsert(documents)
  }

  async delete(ids: readonly string[]): Promise<void> {
    await this.#fail()
    await this.inner.delete(ids)
  }

  async clear(): Promise<void> {
    await this.#fail()
    await this.inner.clear()
  }

  search(params: SearchParams) {
    return this.inner.search(params)
  }

  flush(): Promise<void> {
    return this.inner.flush()
  }

  stats() {
    return this.inner.stats()
  }
}

/** A test app whose index follows the feed only when the test says so. */
export const startSearchApp = async (
  options: EntraideOptions = {},
  engine: SearchEngine = freshEngine(),
): Promise<TestApp & { engine: SearchEngine }> => {
  const app = await startTestApp({
    entraide: {
      rateLimits: false,
      ...options,
      search: { engine, retry: { attempts: 5, delayMs: 0 }, runSyncJobs: 'manual', ...options.search },
    },
  })
  // The index is filled in the background at start: tests begin once it is.
  await readySearchEngine(app.payload)
  return { ...app, engine }
}

/**
 * Brings the index up to date as the app does by itself in `'auto'` mode:
 * applies the change feed (to the embedded engine, or to Meilisearch as the
 * holder of its lease); returns whether everything was applied.
 */
export const runSyncJobs = async (app: TestApp): Promise<boolean> => catchUpSearchFeed(app.payload)

/** Changes not applied yet: feed rows this process has not applied (embedded engine), or that the Meilisearch consumer has not. */
export const pendingSyncJobs = async (app: TestApp): Promise<number> =>
  isFedByConsumer(app.payload) ? pendingConsumerChanges(app.payload) : pendingSearchChanges(app.payload)

export type ApiHit = {
  id: ID
  type: string
  title: string
  snippet: string
  url: string
  procedure: { id: ID; slug: string; title: string } | null
  isOfficial: boolean
  isValidated: boolean
}

/** `GET /api/entraide/search` with these parameters; fails the test unless it answers 200. */
export const search = async (
  app: TestApp,
  params: Record<string, string>,
): Promise<{ hits: ApiHit[]; total: number; facets: Record<string, Record<string, number>> }> => {
  const response = await app.api('GET', `/entraide/search?${new URLSearchParams(params).toString()}`)
  const body = await json(response)
  if (response.status !== 200) throw new Error(`search answered ${response.status}: ${JSON.stringify(body)}`)
  return { facets: body.facets, hits: body.hits, total: body.total }
}

/** The titles found for a query. */
export const titlesFor = async (app: TestApp, q: string, params: Record<string, string> = {}): Promise<string[]> =>
  (await search(app, { q, ...params })).hits.map((hit) => hit.title)
