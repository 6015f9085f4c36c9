import type { Endpoint, PayloadRequest } from 'payload'

import { InvalidInputError, ServiceUnavailableError } from '../errors.ts'
import { enforceRateLimit } from '../rateLimit/enforce.ts'
import { isSearchError } from '../search/errors.ts'
import { recordSearchQuery } from '../search/queryLog.ts'
import { searchRuntimeOf } from '../search/engineRegistry.ts'
import { readySearchEngine } from '../search/reindex.ts'
import { knowledgeFacets } from '../search/settings.ts'
import {
  knowledgeTypes,
  type FilterCondition,
  type KnowledgeProcedure,
  type KnowledgeType,
  type SearchFilter,
  type SearchEngine,
  type SearchResult,
} from '../search/types.ts'
import { endpoint } from './http.ts'

/** Longest query accepted, in characters. */
export const maxSearchQueryLength = 200
/** Most hits per page. */
export const maxSearchLimit = 50
/** Deepest page start: the index serves at most this many hits per query. */
export const maxSearchOffset = 1000
const defaultSearchLimit = 10

const searchParamNames = ['q', 'type', 'procedure', 'agency', 'official', 'limit', 'offset', 'suggest'] as const
const slugPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/

/** A search request, checked. */
export type SearchRequest = {
  query: string
  types: KnowledgeType[]
  procedure: string | null
  agency: string | null
  isOfficial: boolean | null
  limit: number
  offset: number
  /**
   * A lookup made while someone types a question (`suggest=true`), to show
   * what may already answer it: not a search of theirs, so not recorded in
   * the search queries (it would count every half-typed title as a search
   * that found nothing).
   */
  isSuggestion: boolean
}

/** One hit of `GET /api/entraide/search`. */
export type SearchApiHit = {
  /** The index id, `<collection>-<id>`. */
  id: string
  type: KnowledgeType
  title: string
  /** The text around the matches, matches wrapped in `<mark>…</mark>`; not HTML-escaped. */
  snippet: string
  url: string
  procedure: KnowledgeProcedure | null
  isOfficial: boolean
  isValidated: boolean
}

/** The response of `GET /api/entraide/search`. */
export type SearchApiResponse = {
  hits: SearchApiHit[]
  /** Matches over all pages, by type, agency slug and procedure slug. */
  facets: { type: Record<string, number>; agency: Record<string, number>; procedure: Record<string, number> }
  /** Matches over all pages; see `isTotalExact`. */
  total: number
  /**
   * True when `total` is the exact number of matches. False when the engine
   * stopped counting at 1,000 (Meilisearch): then more than `total` items match.
   */
  isTotalExact: boolean
  processingTimeMs: number
}

const isKnowledgeType = (value: string): value is KnowledgeType => knowledgeTypes.some((type) => type === value)

const single = (params: URLSearchParams, name: string): string | null => {
  const values = params.getAll(name)
  if (values.length > 1) throw new InvalidInputError(`"${name}" may be given once.`, name)
  return values[0] ?? null
}

const integer = (raw: string | null, name: string, fallback: number, max: number): number => {
  if (raw === null || raw === '') return fallback
  if (!/^\d{1,7}$/.test(raw) || Number(raw) > max) {
    throw new InvalidInputError(`"${name}" must be a whole number from 0 to ${max}.`, name)
  }
  return Number(raw)
}

const slug = (raw: string | null, name: string): string | null => {
  if (raw === null || raw === '') return null
  if (!slugPattern.test(raw)) throw new InvalidInputError(`"${name}" must be a slug (letters, digits, "-" and "_").`, name)
  return raw
}

/**
 * Reads and checks the query string of a search: `q` (at most 200
 * characters), `type` (one or several types, comma-separated), `procedure` and
 * `agency` (slugs), `official` (`true` or `false`), `limit` (0 to 50) and
 * `offset` (0 to 1000), `suggest` (`true` or `false`). Any other parameter is refused, so a misspelt filter
 * is not silently ignored.
 * @throws InvalidInputError (400) naming the parameter and what it accepts.
 */
export const parseSearchRequest = (params: URLSearchParams): SearchRequest => {
  for (const name of new Set(params.keys())) {
    if (!searchParamNames.some((known) => known === name)) {
      throw new InvalidInputError(`Unknown search parameter "${name}"; use ${searchParamNames.join(', ')}.`, name)
    }
  }
  const query = single(params, 'q') ?? ''
  if (query.length > maxSearchQueryLength) {
    throw new InvalidInputError(`"q" is longer than ${maxSearchQueryLength} characters.`, 'q')
  }
  const rawTypes = single(params, 'type')
  const types = rawTypes === null || rawTypes === '' ? [] : [...new Set(rawTypes.split(',').map((type) => type.trim()))]
  for (const type of types) {
    if (!isKnowledgeType(type)) {
      throw new InvalidInputError(`Unknown type "${type}"; use ${knowledgeTypes.join(', ')}.`, 'type')
    }
  }
  const official = single(params, 'official')
  if (official !== null && official !== '' && official !== 'true' && official !== 'false') {
    throw new InvalidInputError('"official" must be true or false.', 'official')
  }
  const suggest = single(params, 'suggest')
  if (suggest !== null && suggest !== '' && suggest !== 'true' && suggest !== 'false') {
    throw new InvalidInputError('"suggest" must be true or false.', 'suggest')
  }
  return {
    agency: slug(single(params, 'agency'), 'agency'),
    isSuggestion: suggest === 'true',
    isOfficial: official === 'true' ? true : official === 'false' ? false : null,
    limit: integer(single(params, 'limit'), 'limit', defaultSearchLimit, maxSearchLimit),
    offset: integer(single(params, 'offset'), 'offset', 0, maxSearchOffset),
    procedure: slug(single(params, 'procedure'), 'procedure'),
    query,
    types: types.filter(isKnowledgeType),
  }
}

/** The engine filter of a search request, or undefined when it filters nothing. */
export const searchFilterOf = (request: SearchRequest): SearchFilter | undefined => {
  const conditions: FilterCondition[] = []
  const [onlyType] = request.types
  if (request.types.length === 1 && onlyType) conditions.push({ attribute: 'type', op: 'equals', value: onlyType })
  if (request.types.length > 1) conditions.push({ attribute: 'type', op: 'in', values: request.types })
  if (request.procedure) conditions.push({ attribute: 'procedure.slug', op: 'equals', value: request.procedure })
  if (request.agency) conditions.push({ attribute: 'agency', op: 'equals', value: request.agency })
  if (request.isOfficial !== null) conditions.push({ attribute: 'isOfficial', op: 'boolean', value: request.isOfficial })
  const [first] = conditions
  if (conditions.length === 1 && first) return first
  return conditions.length === 0 ? undefined : { filters: conditions, op: 'and' }
}

/** The API's response for an engine result. */
export const searchResponseOf = (result: SearchResult): SearchApiResponse => ({
  facets: {
    agency: result.facets.agency ?? {},
    procedure: result.facets['procedure.slug'] ?? {},
    type: result.facets.type ?? {},
  },
  hits: result.hits.map(({ document, formatted }) => ({
    id: document.id,
    isOfficial: document.isOfficial,
    isValidated: document.isValidated,
    procedure: document.procedure,
    snippet: formatted.text ?? '',
    title: document.title,
    type: document.type,
    url: document.url,
  })),
  isTotalExact: result.isTotalExact,
  processingTimeMs: result.processingTimeMs,
  total: result.total,
})

/** How long a search waits for an embedded index still being filled before answering 503. */
const fillWaitMs = 1000
/** What the 503 of an index being filled tells clients to wait, in seconds. */
const fillRetryAfterSeconds = 5

// The embedded index is filled in the background at start (from its snapshot
// at once, or rebuilt from the database): meanwhile searches answer 503 with
// Retry-After rather than waiting for minutes or answering from a partial index.
const engineWithin = async (req: PayloadRequest): Promise<SearchEngine> => {
  const ready = readySearchEngine(req.payload)
  if (searchRuntimeOf(req.payload).engine.kind !== 'embedded') return ready
  let timer: ReturnType<typeof setTimeout> | undefined
  const engine = await Promise.race([
    ready,
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), fillWaitMs)
    }),
  ]).finally(() => clearTimeout(timer))
  if (engine) return engine
  ready.catch(() => undefined)
  throw new ServiceUnavailableError(
    `The search index is being built after a start; try again in ${fillRetryAfterSeconds} seconds.`,
    undefined,
    fillRetryAfterSeconds,
  )
}

const searchKnowledge = async (req: PayloadRequest, request: SearchRequest): Promise<SearchResult> => {
  try {
    const engine = await engineWithin(req)
    return await engine.search({
      facets: knowledgeFacets,
      filter: searchFilterOf(request),
      limit: request.limit,
      offset: request.offset,
      query: request.query,
    })
  } catch (error) {
    if (isSearchError(error) && error.status < 500) throw new InvalidInputError(error.message)
    if (isSearchError(error)) {
      // The message says what to check (MEILI_HOST, MEILI_API_KEY, the server's version).
      req.payload.logger.error({ err: error, msg: `Entraide: the search engine failed to answer a search: ${error.message}` })
      throw new ServiceUnavailableError('Search is unavailable right now. Try again in a moment.', error)
    }
    throw error
  }
}

/**
 * `GET /api/entraide/search?q=&type=&procedure=&agency=&official=&limit=&offset=`:
 * the public knowledge matching the query, best first (at equal relevance,
 * official and validated knowledge first), with facet counts. Anyone may
 * search, within the `search` rate limit. Each first page's query and hit
 * count is recorded for editors, without anything about who searched, except
 * the lookups of `suggest=true`.
 */
export const searchEndpoint = (): Endpoint =>
  endpoint('get', '/entraide/search', async (req) => {
    await enforceRateLimit({ category: 'search', req })
    const request = parseSearchRequest(req.searchParams ?? new URLSearchParams())
    const result = await searchKnowledge(req, request)
    if (request.offset === 0 && !request.isSuggestion) recordSearchQuery({ hits: result.total, payload: req.payload, query: request.query })
    return Response.json(searchResponseOf(result), { headers: { 'Cache-Control': 'no-store' } })
  })
