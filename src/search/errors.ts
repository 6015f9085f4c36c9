/**
 * Stable codes of search failures: callers branch on these, never on messages.
 *
 * - `invalid-filter`: the filter tree is malformed (empty `in`/`and`/`or`, a
 *   non-finite number, nested too deep).
 * - `filter-not-allowed`: a filter or facet names an attribute the index does
 *   not declare filterable.
 * - `sort-not-allowed`: a sort names an attribute the index does not declare sortable.
 * - `invalid-search-params`: limit, offset or formatting options out of range.
 * - `invalid-document`: a document does not have the `KnowledgeDocument` shape.
 * - `index-not-ready`: the engine was used before `ensureIndex`, or the index is gone.
 * - `index-misconfigured`: the existing index cannot be used as is (other primary key).
 * - `engine-task-failed`: the engine accepted a write, then reported it failed.
 * - `engine-unavailable`: the engine cannot be reached.
 * - `engine-timeout`: the engine did not answer, or did not finish a write, in time.
 * - `engine-auth`: the engine refused the API key, or needs one and got none.
 * - `engine-bad-response`: something other than the engine answered (an HTML
 *   page or an empty error from a proxy in front of it, a wrong host).
 * - `engine-incompatible`: the engine's version is older than the one required.
 * - `engine-error`: the engine answered with an error not covered above.
 */
export type SearchErrorCode =
  | 'invalid-filter'
  | 'filter-not-allowed'
  | 'sort-not-allowed'
  | 'invalid-search-params'
  | 'invalid-document'
  | 'index-not-ready'
  | 'index-misconfigured'
  | 'engine-task-failed'
  | 'engine-unavailable'
  | 'engine-timeout'
  | 'engine-auth'
  | 'engine-bad-response'
  | 'engine-incompatible'
  | 'engine-error'

const statusOf: Record<SearchErrorCode, number> = {
  'invalid-filter': 400,
  'filter-not-allowed': 400,
  'sort-not-allowed': 400,
  'invalid-search-params': 400,
  'invalid-document': 400,
  'index-not-ready': 503,
  'index-misconfigured': 500,
  'engine-task-failed': 502,
  'engine-unavailable': 503,
  'engine-timeout': 504,
  // Configuration problems between the app and its engine: retried like outages, since the fix is outside the app.
  'engine-auth': 502,
  'engine-bad-response': 502,
  'engine-incompatible': 502,
  'engine-error': 502,
}

type SearchErrorArgs = {
  message: string
  cause?: unknown
  /** Machine-readable details (the offending attribute, the failed task uid, ...). */
  details?: Record<string, unknown>
}

/**
 * The error every search engine throws. It carries an HTTP status and a stable
 * code like the plugin's `EntraideError`, but the engine layer stays free of
 * Payload: the search endpoint turns it into an `EntraideError` at the edge.
 */
export class SearchError extends Error {
  override readonly name = 'SearchError'
  readonly code: SearchErrorCode
  readonly status: number
  readonly details: Record<string, unknown>

  constructor(code: SearchErrorCode, { cause, details, message }: SearchErrorArgs) {
    super(message, cause === undefined ? undefined : { cause })
    this.code = code
    this.status = statusOf[code]
    this.details = details ?? {}
  }
}

/** Whether `error` is a `SearchError`, optionally with the given code. */
export const isSearchError = (error: unknown, code?: SearchErrorCode): error is SearchError =>
  error instanceof SearchError && (code === undefined || error.code === code)
