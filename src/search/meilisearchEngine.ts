import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  MeilisearchTaskTimeOutError,
} from 'meilisearch'
import type {
  EnqueuedTaskPromise,
  Index,
  SearchParams as MeilisearchSearchParams,
  SearchResponse,
  Settings as MeilisearchSettings,
  Task,
} from 'meilisearch'

import { SearchError } from './errors'
import { compileMeilisearchFilter } from './filters'
import { defaultIndexName, resolveSearchParams, trustOf } from './settings'
import type { ResolvedSearchParams } from './settings'
import { foldText } from './text'
import type {
  FacetDistribution,
  FormattedFields,
  KnowledgeDocument,
  SearchEngine,
  SearchEngineStats,
  SearchHit,
  SearchIndexSettings,
  SearchParams,
  SearchResult,
} from './types'
import { isValidDocumentId, parseKnowledgeDocument } from './types'

/** What Meilisearch stores: the document plus the derived `trust` ranking value. */
type StoredDocument = KnowledgeDocument & { trust: number }

/** The attributes returned in hits; `trust` stays internal. */
const documentAttributes: (keyof KnowledgeDocument)[] = [
  'id',
  'type',
  'title',
  'text',
  'procedure',
  'agency',
  'isOfficial',
  'isValidated',
  'score',
  'updatedAt',
  'url',
]

export type MeilisearchEngineOptions = {
  /** Meilisearch URL, e.g. `http://localhost:7700` (the `MEILI_HOST` variable). */
  host: string
  /** A key allowed to manage the index and its documents (the `MEILI_API_KEY` variable). */
  apiKey?: string
  /** @default 'knowledge' */
  indexName?: string
  /** Longest wait for one task (index creation, settings, a write) in `ensureIndex` and `flush`. @default 30000 */
  taskTimeoutMs?: number
  /** Task polling interval. @default 50 */
  taskIntervalMs?: number
  /** Timeout of each HTTP request. @default 10000 */
  requestTimeoutMs?: number
  /** Documents per `addDocuments` request. @default 1000 */
  batchSize?: number
  /** An existing client, instead of one built from `host` and `apiKey`. */
  client?: Meilisearch
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

const apiErrorCode = (error: unknown): string | undefined =>
  error instanceof MeilisearchApiError ? error.cause?.code : undefined

/**
 * Turns whatever the client threw into a `SearchError` with a stable code; the
 * original error stays in `cause`.
 */
export const toSearchError = (error: unknown): SearchError => {
  if (error instanceof SearchError) return error
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code
    const details = { meilisearchCode: code, httpStatus: error.response.status }
    const message = `Meilisearch: ${error.message}`
    switch (code) {
      case 'index_not_found':
        return new SearchError('index-not-ready', { message, details, cause: error })
      case 'invalid_search_filter':
      case 'invalid_search_facets':
        return new SearchError('invalid-filter', { message, details, cause: error })
      case 'invalid_search_sort':
        return new SearchError('sort-not-allowed', { message, details, cause: error })
      case 'invalid_document_id':
      case 'missing_document_id':
      case 'invalid_document_fields':
        return new SearchError('invalid-document', { message, details, cause: error })
      default:
        return new SearchError(error.response.status >= 500 ? 'engine-unavailable' : 'engine-error', {
          message,
          details,
          cause: error,
        })
    }
  }
  if (error instanceof MeilisearchRequestTimeOutError || error instanceof MeilisearchTaskTimeOutError) {
    return new SearchError('engine-timeout', { message: `Meilisearch: ${error.message}`, cause: error })
  }
  if (error instanceof MeilisearchRequestError) {
    return new SearchError('engine-unavailable', { message: `Meilisearch cannot be reached: ${error.message}`, cause: error })
  }
  return new SearchError('engine-error', {
    message: `Meilisearch: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  })
}

const taskFailure = (task: Task): SearchError =>
  new SearchError('engine-task-failed', {
    message: `Meilisearch task ${task.uid} (${task.type}) ${task.status}${task.error ? `: ${task.error.message}` : ''}`,
    details: { taskUid: task.uid, type: task.type, status: task.status, meilisearchCode: task.error?.code },
    cause: task.error ?? undefined,
  })

/** The Meilisearch settings equivalent to engine-neutral index settings. */
export const toMeilisearchSettings = (settings: SearchIndexSettings): MeilisearchSettings => ({
  searchableAttributes: [...settings.searchableAttributes],
  filterableAttributes: [...settings.filterableAttributes],
  sortableAttributes: [...settings.sortableAttributes],
  displayedAttributes: [...documentAttributes],
  rankingRules: [...settings.rankingRules],
  // Listed as written and folded, so they apply whether or not the server folds accents in stop words.
  stopWords: [...new Set([...settings.stopWords, ...settings.stopWords.map(foldText)])],
  synonyms: Object.fromEntries(Object.entries(settings.synonyms).map(([key, values]) => [key, [...values]])),
  typoTolerance: {
    enabled: settings.typoTolerance.isEnabled,
    minWordSizeForTypos: {
      oneTypo: settings.typoTolerance.minWordSizeForOneTypo,
      twoTypos: settings.typoTolerance.minWordSizeForTwoTypos,
    },
    disableOnNumbers: settings.typoTolerance.isDisabledOnNumbers,
  },
  localizedAttributes: [{ attributePatterns: [...settings.searchableAttributes], locales: [...settings.locales] }],
  faceting: { maxValuesPerFacet: settings.maxValuesPerFacet, sortFacetValuesBy: { '*': 'count' } },
  pagination: { maxTotalHits: settings.maxTotalHits },
})

/**
 * The Meilisearch search request of a resolved search. Pages aligned on the
 * limit use `page`/`hitsPerPage`, for which Meilisearch counts the total
 * exactly; other offsets fall back to `offset`/`limit` and an estimated total.
 */
export const toMeilisearchSearchParams = (
  resolved: ResolvedSearchParams,
  settings: SearchIndexSettings,
): MeilisearchSearchParams => {
  const isPageAligned = resolved.limit === 0 || resolved.offset % resolved.limit === 0
  return {
    ...(resolved.filter ? { filter: compileMeilisearchFilter(resolved.filter, settings.filterableAttributes) } : {}),
    ...(resolved.facets.length > 0 ? { facets: [...resolved.facets] } : {}),
    ...(resolved.sort.length > 0 ? { sort: resolved.sort.map(({ attribute, direction }) => `${attribute}:${direction}`) } : {}),
    ...(isPageAligned
      ? { hitsPerPage: resolved.limit, page: resolved.limit === 0 ? 1 : resolved.offset / resolved.limit + 1 }
      : { offset: resolved.offset, limit: resolved.limit }),
    matchingStrategy: resolved.matchingStrategy,
    attributesToRetrieve: [...documentAttributes],
    attributesToHighlight: [...resolved.highlight.attributes],
    highlightPreTag: resolved.highlight.preTag,
    highlightPostTag: resolved.highlight.postTag,
    attributesToCrop: [...resolved.crop.attributes],
    cropLength: resolved.crop.length,
    cropMarker: resolved.crop.marker,
  }
}

const formattedOf = (value: unknown, resolved: ResolvedSearchParams): FormattedFields => {
  const formatted: FormattedFields = {}
  if (!isRecord(value)) return formatted
  for (const attribute of new Set([...resolved.highlight.attributes, ...resolved.crop.attributes])) {
    const text = value[attribute]
    if (typeof text === 'string') formatted[attribute] = text
  }
  return formatted
}

/** The engine-neutral result of a Meilisearch search response. */
export const fromMeilisearchResponse = (
  response: SearchResponse<Record<string, unknown>>,
  resolved: ResolvedSearchParams,
): SearchResult => {
  const hits: SearchHit[] = response.hits.map((hit) => ({
    document: parseKnowledgeDocument(hit),
    formatted: formattedOf(hit._formatted, resolved),
  }))
  const facets: FacetDistribution = {}
  for (const facet of resolved.facets) facets[facet] = { ...response.facetDistribution?.[facet] }
  const isTotalExact = typeof response.totalHits === 'number'
  return {
    hits,
    total: response.totalHits ?? response.estimatedTotalHits ?? hits.length,
    isTotalExact,
    facets,
    processingTimeMs: response.processingTimeMs,
    query: resolved.query,
    limit: resolved.limit,
    offset: resolved.offset,
  }
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size))
  return result
}

/**
 * The production engine, on a Meilisearch server through the official client.
 * Writes resolve once Meilisearch has enqueued them; `flush()` waits for every
 * enqueued task and rejects with `engine-task-failed` (and Meilisearch's own
 * message) when one failed, since the client reports failed tasks without throwing.
 */
export class MeilisearchEngine implements SearchEngine {
  readonly kind = 'meilisearch'
  readonly #client: Meilisearch
  readonly #index: Index<Record<string, unknown>>
  readonly #indexName: string
  readonly #waitOptions: { timeout: number; interval: number }
  readonly #batchSize: number
  #settings: SearchIndexSettings | undefined
  #pending: number[] = []

  constructor(options: MeilisearchEngineOptions) {
    this.#indexName = options.indexName ?? defaultIndexName
    this.#waitOptions = { timeout: options.taskTimeoutMs ?? 30_000, interval: options.taskIntervalMs ?? 50 }
    this.#batchSize = Math.max(1, options.batchSize ?? 1000)
    this.#client =
      options.client ??
      new Meilisearch({
        host: options.host,
        apiKey: options.apiKey,
        timeout: options.requestTimeoutMs ?? 10_000,
        defaultWaitOptions: this.#waitOptions,
      })
    this.#index = this.#client.index(this.#indexName)
  }

  /** The Meilisearch index uid this engine writes to. */
  get indexName(): string {
    return this.#indexName
  }

  async ensureIndex(settings: SearchIndexSettings): Promise<void> {
    let primaryKey: string | null | undefined
    let exists = true
    try {
      primaryKey = (await this.#index.getRawInfo()).primaryKey
    } catch (error) {
      if (apiErrorCode(error) !== 'index_not_found') throw toSearchError(error)
      exists = false
    }
    if (!exists) {
      // Another process may create it at the same time: that failure means the index is there.
      await this.#run(this.#client.createIndex(this.#indexName, { primaryKey: 'id' }), ['index_already_exists'])
    } else if (primaryKey === null || primaryKey === undefined) {
      await this.#run(this.#client.updateIndex(this.#indexName, { primaryKey: 'id' }))
    } else if (primaryKey !== 'id') {
      throw new SearchError('index-misconfigured', {
        message: `Meilisearch index "${this.#indexName}" has primary key "${primaryKey}"; the knowledge index needs "id". Delete it or use another indexName.`,
        details: { indexName: this.#indexName, primaryKey },
      })
    }
    await this.#run(this.#index.updateSettings(toMeilisearchSettings(settings)))
    this.#settings = settings
  }

  async upsert(documents: readonly KnowledgeDocument[]): Promise<void> {
    this.#ready()
    const stored: StoredDocument[] = documents.map((document) => {
      const parsed = parseKnowledgeDocument(document)
      return { ...parsed, trust: trustOf(parsed) }
    })
    for (const batch of chunks(stored, this.#batchSize)) {
      await this.#enqueue(this.#index.addDocuments(batch, { primaryKey: 'id' }))
    }
  }

  async delete(ids: readonly string[]): Promise<void> {
    this.#ready()
    // An id Meilisearch would reject cannot be in the index: nothing to delete.
    const valid = ids.filter((id) => typeof id === 'string' && isValidDocumentId(id))
    for (const batch of chunks(valid, this.#batchSize)) {
      await this.#enqueue(this.#index.deleteDocuments(batch))
    }
  }

  async clear(): Promise<void> {
    this.#ready()
    await this.#enqueue(this.#index.deleteAllDocuments())
  }

  async flush(): Promise<void> {
    const uids = this.#pending
    this.#pending = []
    let failure: SearchError | undefined
    for (let position = 0; position < uids.length; position += 1) {
      const uid = uids[position]
      if (uid === undefined) continue
      let task: Task
      try {
        task = await this.#client.tasks.waitForTask(uid, this.#waitOptions)
      } catch (error) {
        // Still unknown: keep them for the next flush.
        this.#pending = [...uids.slice(position), ...this.#pending]
        throw toSearchError(error)
      }
      if (task.status !== 'succeeded' && !failure) failure = taskFailure(task)
    }
    if (failure) throw failure
  }

  async stats(): Promise<SearchEngineStats> {
    try {
      const stats = await this.#index.getStats()
      return { documentCount: stats.numberOfDocuments, pendingWrites: this.#pending.length, isIndexing: stats.isIndexing }
    } catch (error) {
      throw toSearchError(error)
    }
  }

  async search(params: SearchParams): Promise<SearchResult> {
    const settings = this.#ready()
    const resolved = resolveSearchParams(params, settings)
    const request = toMeilisearchSearchParams(resolved, settings)
    let response: SearchResponse<Record<string, unknown>>
    try {
      response = await this.#index.search(resolved.query, request)
    } catch (error) {
      throw toSearchError(error)
    }
    return fromMeilisearchResponse(response, resolved)
  }

  #ready(): SearchIndexSettings {
    if (!this.#settings) {
      throw new SearchError('index-not-ready', { message: 'Call ensureIndex(settings) before using the search engine.' })
    }
    return this.#settings
  }

  async #enqueue(request: EnqueuedTaskPromise): Promise<number> {
    try {
      const { taskUid } = await request
      this.#pending.push(taskUid)
      return taskUid
    } catch (error) {
      throw toSearchError(error)
    }
  }

  // Enqueues, waits, and checks the task succeeded (or failed with a tolerated code).
  async #run(request: EnqueuedTaskPromise, toleratedCodes: readonly string[] = []): Promise<void> {
    let task: Task
    try {
      task = await request.waitTask(this.#waitOptions)
    } catch (error) {
      throw toSearchError(error)
    }
    if (task.status === 'succeeded') return
    if (task.status === 'failed' && task.error && toleratedCodes.includes(task.error.code)) return
    throw taskFailure(task)
  }
}
