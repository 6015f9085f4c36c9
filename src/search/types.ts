import { SearchError } from './errors.ts'

/** The kinds of public knowledge that are searchable. */
export type KnowledgeType = 'procedure' | 'guide' | 'wiki' | 'tip' | 'thread'

/** Every `KnowledgeType`, in the order facets and filters list them. */
export const knowledgeTypes: readonly KnowledgeType[] = ['procedure', 'guide', 'wiki', 'tip', 'thread']

/** The procedure a knowledge document is about, embedded so hits need no join. */
export type KnowledgeProcedure = {
  id: number | string
  slug: string
  title: string
}

/**
 * One entry of the `knowledge` index: a flat document that only holds what
 * anonymous readers may see. The same shape goes into every engine.
 *
 * Filters and facets address the procedure as `procedure.slug` (dot path), so
 * the document carries no duplicated flat slug.
 */
export type KnowledgeDocument = {
  /** `<collection>-<id>`, e.g. `guides-12`: letters, digits, `-` and `_` only (a Meilisearch rule). */
  id: string
  type: KnowledgeType
  title: string
  /** Plain text (see `lexicalToPlainText`), never markup. */
  text: string
  procedure: KnowledgeProcedure | null
  /** Agency slug. */
  agency: string | null
  /** Written or published by the administration (procedure pages, official wiki pages). */
  isOfficial: boolean
  /** Checked by a public agent (validated answer or tip, verified guide). */
  isValidated: boolean
  /** Community score (votes). */
  score: number
  /** Last change, epoch milliseconds. */
  updatedAt: number
  /** Public URL of the item on the host website. */
  url: string
}

/** Attribute paths of a `KnowledgeDocument`, as filters, facets and sorts name them. */
export type KnowledgeAttribute =
  | 'id'
  | 'type'
  | 'title'
  | 'text'
  | 'procedure.id'
  | 'procedure.slug'
  | 'procedure.title'
  | 'agency'
  | 'isOfficial'
  | 'isValidated'
  | 'score'
  | 'updatedAt'
  | 'url'

/** Attributes the full-text search reads. */
export type SearchableAttribute = 'title' | 'procedure.title' | 'text'

/** Attributes that can come back highlighted or cropped in `SearchHit.formatted`. */
export type FormattableAttribute = 'title' | 'text'

/** A value a filter condition compares with. */
export type FilterScalar = string | number | boolean

/**
 * A leaf of the filter tree. String comparisons ignore case and surrounding
 * spaces (as Meilisearch does); `in` matches when the value equals any listed value.
 */
export type FilterCondition =
  | { op: 'equals'; attribute: string; value: string | number }
  | { op: 'in'; attribute: string; values: readonly (string | number)[] }
  | { op: 'boolean'; attribute: string; value: boolean }

/**
 * The engine-neutral filter: conditions combined with `and`, `or` and `not`.
 * Each attribute must be declared filterable in the index settings, otherwise
 * every engine rejects the search with a `filter-not-allowed` `SearchError`.
 * `and`, `or` and `in` must not be empty.
 */
export type SearchFilter =
  | FilterCondition
  | { op: 'and'; filters: readonly SearchFilter[] }
  | { op: 'or'; filters: readonly SearchFilter[] }
  | { op: 'not'; filter: SearchFilter }

export type SortDirection = 'asc' | 'desc'

/** One sort key; the attribute must be declared sortable. */
export type SortCriterion = { attribute: string; direction: SortDirection }

/**
 * How documents that do not contain every query word are kept, as in Meilisearch:
 * `last` drops words from the end of the query, `frequency` drops the most
 * frequent words first, `all` keeps only documents that match every word.
 */
export type MatchingStrategy = 'last' | 'all' | 'frequency'

/** The parameters of one search. */
export type SearchParams = {
  /** What the reader typed; empty or missing browses the filtered documents. */
  query?: string
  filter?: SearchFilter
  /** Attributes to count values of over the whole filtered result set; must be filterable. */
  facets?: readonly string[]
  /** Sort keys, applied after the words, typo and attribute ranking rules (Meilisearch's default place). */
  sort?: readonly SortCriterion[]
  /** Hits per page, 0 to 1000. @default 20 */
  limit?: number
  /** Hits to skip. @default 0 */
  offset?: number
  /** @default 'last' */
  matchingStrategy?: MatchingStrategy
  /** Highlighting of matched words in `SearchHit.formatted`. */
  highlight?: {
    /** @default ['title', 'text'] */
    attributes?: readonly FormattableAttribute[]
    /** @default '<mark>' */
    preTag?: string
    /** @default '</mark>' */
    postTag?: string
  }
  /** Cropping around the best matches in `SearchHit.formatted`. */
  crop?: {
    /** @default ['text'] */
    attributes?: readonly FormattableAttribute[]
    /** Words kept around the matches. @default 24 */
    length?: number
    /** @default '…' */
    marker?: string
  }
}

/**
 * Highlighted and cropped copies of attributes, like Meilisearch's `_formatted`.
 * The values are NOT HTML-escaped (documents are plain text written by
 * contributors): render them with `splitHighlighted`, or escape the text
 * before inserting the tags yourself.
 */
export type FormattedFields = Partial<Record<FormattableAttribute, string>>

export type SearchHit = {
  document: KnowledgeDocument
  formatted: FormattedFields
}

/** Value → number of matching documents, per requested facet attribute. */
export type FacetDistribution = Record<string, Record<string, number>>

export type SearchResult = {
  hits: SearchHit[]
  /** Matching documents over all pages; see `isTotalExact`. */
  total: number
  /**
   * True when `total` is the exact number of matching documents. False when
   * the engine stopped counting at the index's `maxTotalHits`: then `total`
   * is `maxTotalHits` and MORE documents match (Meilisearch caps its counts;
   * the embedded engine always counts exactly).
   */
  isTotalExact: boolean
  facets: FacetDistribution
  processingTimeMs: number
  query: string
  limit: number
  offset: number
}

/** A ranking rule: a built-in Meilisearch rule, or a custom `attribute:direction` rule. */
export type RankingRule =
  'words' | 'typo' | 'proximity' | 'attribute' | 'sort' | 'exactness' | `${CustomRankingAttribute}:${SortDirection}`

/**
 * Numeric attributes a custom ranking rule may use. `trust` is not stored in
 * `KnowledgeDocument`: engines derive it with `trustOf` (settings.ts), because
 * Meilisearch only ranks on numbers and strings, not booleans.
 */
export type CustomRankingAttribute = 'trust' | 'score' | 'updatedAt'

/** One-way synonyms, Meilisearch's format: each key also matches every listed expression. */
export type Synonyms = Readonly<Record<string, readonly string[]>>

/** Everything an engine needs to build the index; see `defaultIndexSettings`. */
export type SearchIndexSettings = {
  /** In priority order: a match in an earlier attribute ranks higher. */
  searchableAttributes: readonly SearchableAttribute[]
  filterableAttributes: readonly KnowledgeAttribute[]
  sortableAttributes: readonly KnowledgeAttribute[]
  rankingRules: readonly RankingRule[]
  stopWords: readonly string[]
  synonyms: Synonyms
  typoTolerance: {
    isEnabled: boolean
    /** Query words of at least this many letters accept one typo. */
    minWordSizeForOneTypo: number
    /** Query words of at least this many letters accept two typos. */
    minWordSizeForTwoTypos: number
    /** Numbers must match exactly (a typo in a year or an amount is another value). */
    isDisabledOnNumbers: boolean
  }
  /** ISO 639-3 codes of the language of the searchable attributes, e.g. `fra`. */
  locales: readonly string[]
  /** Most values returned per facet. */
  maxValuesPerFacet: number
  /**
   * Most hits reachable through pagination: hits past it are never returned,
   * whatever `offset` and `limit` ask. Meilisearch also stops counting there.
   */
  maxTotalHits: number
}

export type SearchEngineStats = {
  documentCount: number
  /** Writes accepted but not yet confirmed searchable (always 0 for the embedded engine). */
  pendingWrites: number
  isIndexing: boolean
}

/**
 * The engine-neutral search interface. Writes are idempotent: `upsert`
 * replaces whole documents by id, `delete` ignores unknown ids. A write
 * resolves once the engine accepted it; `flush` resolves once every accepted
 * write is searchable and rejects with `engine-task-failed` if one failed.
 */
export type SearchEngine = {
  readonly kind: 'meilisearch' | 'embedded'
  /** Creates the index if needed and applies the settings; safe to call again with the same settings. */
  ensureIndex(settings: SearchIndexSettings): Promise<void>
  upsert(documents: readonly KnowledgeDocument[]): Promise<void>
  delete(ids: readonly string[]): Promise<void>
  /** Removes every document, keeping the index and its settings. */
  clear(): Promise<void>
  search(params: SearchParams): Promise<SearchResult>
  flush(): Promise<void>
  stats(): Promise<SearchEngineStats>
}

const documentIdPattern = /^[A-Za-z0-9_-]{1,511}$/

/** Whether `id` is a valid document id (letters, digits, `-`, `_`; 1 to 511 characters). */
export const isValidDocumentId = (id: string): boolean => documentIdPattern.test(id)

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

export const isKnowledgeType = (value: unknown): value is KnowledgeType =>
  typeof value === 'string' && knowledgeTypes.some((type) => type === value)

const invalid = (message: string, id: unknown): SearchError =>
  new SearchError('invalid-document', {
    message,
    details: typeof id === 'string' ? { id } : {},
  })

export const parseProcedure = (value: unknown, id: unknown): KnowledgeProcedure | null => {
  if (value === null || value === undefined) return null
  if (
    !isRecord(value) ||
    (typeof value.id !== 'string' && typeof value.id !== 'number') ||
    typeof value.slug !== 'string' ||
    typeof value.title !== 'string'
  ) {
    throw invalid('procedure must be null or { id, slug, title }.', id)
  }
  return { id: value.id, slug: value.slug, title: value.title }
}

/**
 * Checks an unknown value against the `KnowledgeDocument` shape and returns a
 * copy holding only its fields. Engines run it on every write, and the
 * Meilisearch engine on every hit it reads back.
 * @throws SearchError `invalid-document` naming the first wrong field.
 */
export const parseKnowledgeDocument = (value: unknown): KnowledgeDocument => {
  if (!isRecord(value)) throw invalid('A document must be an object.', undefined)
  const { id } = value
  if (typeof id !== 'string' || !isValidDocumentId(id)) {
    throw invalid(
      `Document id ${JSON.stringify(id)} is invalid: use 1 to 511 letters, digits, "-" or "_" (e.g. "guides-12").`,
      id,
    )
  }
  if (!isKnowledgeType(value.type))
    throw invalid(`Document ${id}: type must be one of ${knowledgeTypes.join(', ')}.`, id)
  if (typeof value.title !== 'string') throw invalid(`Document ${id}: title must be a string.`, id)
  if (typeof value.text !== 'string') throw invalid(`Document ${id}: text must be a string.`, id)
  if (typeof value.url !== 'string') throw invalid(`Document ${id}: url must be a string.`, id)
  if (value.agency !== null && value.agency !== undefined && typeof value.agency !== 'string') {
    throw invalid(`Document ${id}: agency must be a slug or null.`, id)
  }
  if (typeof value.isOfficial !== 'boolean') throw invalid(`Document ${id}: isOfficial must be a boolean.`, id)
  if (typeof value.isValidated !== 'boolean') throw invalid(`Document ${id}: isValidated must be a boolean.`, id)
  if (typeof value.score !== 'number' || !Number.isFinite(value.score)) {
    throw invalid(`Document ${id}: score must be a finite number.`, id)
  }
  if (typeof value.updatedAt !== 'number' || !Number.isFinite(value.updatedAt)) {
    throw invalid(`Document ${id}: updatedAt must be epoch milliseconds.`, id)
  }
  return {
    id,
    type: value.type,
    title: value.title,
    text: value.text,
    procedure: parseProcedure(value.procedure, id),
    agency: typeof value.agency === 'string' ? value.agency : null,
    isOfficial: value.isOfficial,
    isValidated: value.isValidated,
    score: value.score,
    updatedAt: value.updatedAt,
    url: value.url,
  }
}
