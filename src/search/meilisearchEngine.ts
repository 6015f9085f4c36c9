import type {
  EnqueuedTaskPromise,
  Index,
  Meilisearch as MeilisearchClient,
  MeilisearchApiError as MeilisearchApiErrorInstance,
  SearchParams as MeilisearchSearchParams,
  SearchResponse,
  Settings as MeilisearchSettings,
  Task,
} from 'meilisearch'

import { SearchError } from './errors.ts'
import { compileMeilisearchFilter } from './filters.ts'
import { isVersionAtLeast, meilisearchMinimumVersion, meilisearchStopWords, meilisearchSynonyms } from './meilisearchSettings.ts'
import { defaultIndexName, resolveSearchParams, trustOf } from './settings.ts'
import type { ResolvedSearchParams } from './settings.ts'
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
} from './types.ts'
import { isValidDocumentId, parseKnowledgeDocument } from './types.ts'
import { loadMeilisearch } from './meilisearchClient.ts'

const { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchRequestTimeOutError, MeilisearchTaskTimeOutError } =
  await loadMeilisearch()

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
  client?: MeilisearchClient
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

const apiErrorCode = (error: unknown): string | undefined =>
  error instanceof MeilisearchApiError ? error.cause?.code : undefined

/** What an error message needs to tell an operator where to look. */
export type MeilisearchErrorContext = {
  /** The server URL (`MEILI_HOST`). */
  host: string
  /** The index the engine works on. */
  indexName: string
}

const authError = (error: MeilisearchApiErrorInstance, code: string, { host, indexName }: MeilisearchErrorContext): SearchError => {
  const isMissing = code === 'missing_authorization_header'
  const message = isMissing
    ? `Meilisearch at ${host} requires an API key and none was sent: set MEILI_API_KEY to a key allowed to manage the index "${indexName}".`
    : `Meilisearch at ${host} refused the API key in MEILI_API_KEY (${error.message}): set MEILI_API_KEY to an existing key allowed to manage the index "${indexName}" (its index, settings, documents, tasks, stats and search actions).`
  return new SearchError('engine-auth', {
    message,
    details: { meilisearchCode: code, httpStatus: error.response.status, setting: 'MEILI_API_KEY' },
    cause: error,
  })
}

const notMeilisearch = (what: string, { host }: MeilisearchErrorContext, cause: unknown): SearchError =>
  new SearchError('engine-bad-response', {
    message: `${host} (MEILI_HOST) ${what}, not an answer from Meilisearch: a proxy, load balancer or web server answered instead. Check that MEILI_HOST is the URL of Meilisearch itself and that Meilisearch is running behind it.`,
    details: { setting: 'MEILI_HOST', host },
    cause,
  })

const isRequestTimeout = (error: unknown): boolean =>
  error instanceof MeilisearchRequestTimeOutError ||
  // meilisearch-js wraps the timeout of a request in the request error.
  (error instanceof MeilisearchRequestError && error.cause instanceof MeilisearchRequestTimeOutError)

const causeMessage = (error: Error): string => {
  const { cause } = error
  if (!(cause instanceof Error)) return error.message
  // Node's fetch says "fetch failed" and keeps the reason (ECONNREFUSED, ENOTFOUND...) one level down.
  return cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message
}

/**
 * Turns whatever the client threw into a `SearchError` with a stable code and
 * a message that tells an operator what to check; the original error stays
 * in `cause`.
 */
export const toSearchError = (error: unknown, context: MeilisearchErrorContext): SearchError => {
  if (error instanceof SearchError) return error
  if (error instanceof MeilisearchApiError) {
    const code = error.cause?.code
    const httpStatus = error.response.status
    // Meilisearch explains every error in a JSON body; an error without one came from something else.
    if (code === undefined) return notMeilisearch(`answered HTTP ${httpStatus} without Meilisearch's error body`, context, error)
    const details = { meilisearchCode: code, httpStatus }
    const message = `Meilisearch: ${error.message}`
    switch (code) {
      case 'missing_authorization_header':
      case 'invalid_api_key':
        return authError(error, code, context)
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
        // A server too old for a setting refuses it as an unknown field (checked at start, unless the key may not read the version).
        if (code.startsWith('invalid_settings_') && error.message.startsWith('Unknown field')) {
          return new SearchError('engine-incompatible', {
            message: `Meilisearch at ${context.host} refused the index settings (${error.message}): it is probably older than ${meilisearchMinimumVersion}, the oldest version Entraide works with. Upgrade Meilisearch.`,
            details: { ...details, minimumVersion: meilisearchMinimumVersion },
            cause: error,
          })
        }
        return new SearchError(httpStatus >= 500 ? 'engine-unavailable' : 'engine-error', { message, details, cause: error })
    }
  }
  // meilisearch-js parses every body as JSON before it looks at the status: an HTML page fails there.
  if (error instanceof SyntaxError) return notMeilisearch(`answered with something that is not JSON (${error.message})`, context, error)
  if (isRequestTimeout(error) || error instanceof MeilisearchTaskTimeOutError) {
    const reason = error instanceof MeilisearchRequestError && error.cause instanceof Error ? error.cause : error
    return new SearchError('engine-timeout', {
      message: `Meilisearch at ${context.host} did not answer in time: ${reason instanceof Error ? reason.message : String(reason)}`,
      cause: error,
    })
  }
  if (error instanceof MeilisearchRequestError) {
    return new SearchError('engine-unavailable', {
      message: `Meilisearch cannot be reached at ${context.host} (MEILI_HOST): ${causeMessage(error)}.`,
      details: { setting: 'MEILI_HOST', host: context.host },
      cause: error,
    })
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

/**
 * The Meilisearch settings equivalent to engine-neutral index settings. Stop
 * words and synonyms are adapted to how Meilisearch reads them (see
 * `meilisearchStopWords` and `meilisearchSynonyms`), and Meilisearch counts
 * one hit past `maxTotalHits`, so that a capped count says "more than
 * maxTotalHits" rather than "maybe exactly maxTotalHits".
 */
export const toMeilisearchSettings = (settings: SearchIndexSettings): MeilisearchSettings => ({
  searchableAttributes: [...settings.searchableAttributes],
  filterableAttributes: [...settings.filterableAttributes],
  sortableAttributes: [...settings.sortableAttributes],
  displayedAttributes: [...documentAttributes],
  rankingRules: [...settings.rankingRules],
  stopWords: meilisearchStopWords(settings.stopWords, settings.synonyms),
  synonyms: meilisearchSynonyms(settings.synonyms),
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
  pagination: { maxTotalHits: settings.maxTotalHits + 1 },
})

/**
 * Which Meilisearch page holds the hits a search asks for. Meilisearch counts
 * exactly (`totalHits`) only with `page`/`hitsPerPage`, and only estimates
 * with `offset`/`limit`, so every search asks for a page: the smallest page
 * size from `limit` up whose page holds the whole range, of which the engine
 * keeps `take` hits after skipping `skip`. Hits past `maxTotalHits` are never
 * asked for, as the embedded engine never returns them.
 */
export type MeilisearchPage = { page: number; hitsPerPage: number; skip: number; take: number }

/** The page of a search (see `MeilisearchPage`). */
export const meilisearchPageOf = ({ offset, limit }: { offset: number; limit: number }, maxTotalHits: number): MeilisearchPage => {
  const end = Math.min(offset + limit, maxTotalHits)
  const start = Math.min(offset, end)
  const take = end - start
  if (take === 0) return { page: 1, hitsPerPage: 0, skip: 0, take: 0 }
  // Ends at `start + take` at the latest, where page 1 holds the range.
  let size = take
  while ((start % size) + take > size) size += 1
  return { page: Math.floor(start / size) + 1, hitsPerPage: size, skip: start % size, take }
}

/** The Meilisearch search request of a resolved search. */
export const toMeilisearchSearchParams = (
  resolved: ResolvedSearchParams,
  settings: SearchIndexSettings,
): MeilisearchSearchParams => {
  const { page, hitsPerPage } = meilisearchPageOf(resolved, settings.maxTotalHits)
  return {
    ...(resolved.filter ? { filter: compileMeilisearchFilter(resolved.filter, settings.filterableAttributes) } : {}),
    ...(resolved.facets.length > 0 ? { facets: [...resolved.facets] } : {}),
    ...(resolved.sort.length > 0 ? { sort: resolved.sort.map(({ attribute, direction }) => `${attribute}:${direction}`) } : {}),
    page,
    hitsPerPage,
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

/** The engine-neutral result of the Meilisearch response to `toMeilisearchSearchParams`. */
export const fromMeilisearchResponse = (
  response: SearchResponse<Record<string, unknown>>,
  resolved: ResolvedSearchParams,
  settings: SearchIndexSettings,
): SearchResult => {
  const { skip, take } = meilisearchPageOf(resolved, settings.maxTotalHits)
  const hits: SearchHit[] = response.hits.slice(skip, skip + take).map((hit) => ({
    document: parseKnowledgeDocument(hit),
    formatted: formattedOf(hit._formatted, resolved),
  }))
  const facets: FacetDistribution = {}
  for (const facet of resolved.facets) facets[facet] = { ...response.facetDistribution?.[facet] }
  // Counted up to maxTotalHits + 1 (see toMeilisearchSettings): past maxTotalHits, more documents match.
  const counted = response.totalHits ?? response.estimatedTotalHits ?? hits.length
  const isTotalExact = typeof response.totalHits === 'number' && counted <= settings.maxTotalHits
  return {
    hits,
    total: Math.min(counted, settings.maxTotalHits),
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
  readonly #client: MeilisearchClient
  readonly #index: Index<Record<string, unknown>>
  readonly #indexName: string
  readonly #waitOptions: { timeout: number; interval: number }
  readonly #batchSize: number
  readonly #context: MeilisearchErrorContext
  #settings: SearchIndexSettings | undefined
  #pending: number[] = []

  constructor(options: MeilisearchEngineOptions) {
    this.#indexName = options.indexName ?? defaultIndexName
    this.#waitOptions = { timeout: options.taskTimeoutMs ?? 30_000, interval: options.taskIntervalMs ?? 50 }
    this.#batchSize = Math.max(1, options.batchSize ?? 1000)
    this.#context = { host: options.host, indexName: this.#indexName }
    this.#client = options.client ?? this.#createClient(options)
    this.#index = this.#client.index(this.#indexName)
  }

  #createClient(options: MeilisearchEngineOptions): MeilisearchClient {
    try {
      return new Meilisearch({
        host: options.host,
        apiKey: options.apiKey,
        timeout: options.requestTimeoutMs ?? 10_000,
        defaultWaitOptions: this.#waitOptions,
      })
    } catch (error) {
      throw new SearchError('engine-unavailable', {
        message: `MEILI_HOST ${JSON.stringify(options.host)} is not a URL Meilisearch can be reached at; write it as http://host:7700 or https://host.`,
        details: { setting: 'MEILI_HOST', host: options.host },
        cause: error,
      })
    }
  }

  /** The Meilisearch index uid this engine writes to. */
  get indexName(): string {
    return this.#indexName
  }

  /**
   * Checks the server's version, creates the index if needed (primary key
   * `id`) and applies the settings, waiting for each task.
   * @throws SearchError `engine-incompatible` naming the version when the server
   * is older than `meilisearchMinimumVersion`, `engine-auth` for a missing or
   * refused key, `engine-unavailable`, `engine-timeout`, `engine-bad-response`,
   * `index-misconfigured` for an index with another primary key.
   */
  async ensureIndex(settings: SearchIndexSettings): Promise<void> {
    await this.#checkVersion()
    let primaryKey: string | null | undefined
    let exists = true
    try {
      primaryKey = (await this.#index.getRawInfo()).primaryKey
    } catch (error) {
      if (apiErrorCode(error) !== 'index_not_found') throw toSearchError(error, this.#context)
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
        throw toSearchError(error, this.#context)
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
      throw toSearchError(error, this.#context)
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
      throw toSearchError(error, this.#context)
    }
    return fromMeilisearchResponse(response, resolved, settings)
  }

  async #checkVersion(): Promise<void> {
    let version: string
    try {
      version = (await this.#client.getVersion()).pkgVersion
    } catch (error) {
      // A key limited to the index may not read the version: an old server is then caught by the settings update.
      if (apiErrorCode(error) === 'invalid_api_key') return
      throw toSearchError(error, this.#context)
    }
    if (isVersionAtLeast(version, meilisearchMinimumVersion) === false) {
      throw new SearchError('engine-incompatible', {
        message: `Meilisearch at ${this.#context.host} is version ${version}; Entraide needs ${meilisearchMinimumVersion} or later (its index settings use typoTolerance.disableOnNumbers). Upgrade Meilisearch.`,
        details: { version, minimumVersion: meilisearchMinimumVersion },
      })
    }
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
      throw toSearchError(error, this.#context)
    }
  }

  // Enqueues, waits, and checks the task succeeded (or failed with a tolerated code).
  async #run(request: EnqueuedTaskPromise, toleratedCodes: readonly string[] = []): Promise<void> {
    let task: Task
    try {
      task = await request.waitTask(this.#waitOptions)
    } catch (error) {
      throw toSearchError(error, this.#context)
    }
    if (task.status === 'succeeded') return
    if (task.status === 'failed' && task.error && toleratedCodes.includes(task.error.code)) return
    throw taskFailure(task)
  }
}
