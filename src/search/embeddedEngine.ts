import MiniSearch, { type Options } from 'minisearch'

import { SearchError } from './errors.ts'
import { compileFilterPredicate, readAttribute } from './filters.ts'
import { encodePostings, postingCountOf, SavedPostings } from './savedIndex.ts'
import { resolveSearchParams, trustOf } from './settings.ts'
import type { ResolvedSearchParams } from './settings.ts'
import { foldText, formatText, tokenize } from './text.ts'
import type { FormatOptions } from './text.ts'
import type {
  FacetDistribution,
  FilterScalar,
  FormattedFields,
  KnowledgeDocument,
  KnowledgeProcedure,
  KnowledgeType,
  SearchableAttribute,
  SearchEngine,
  SearchEngineStats,
  SearchFilter,
  SearchHit,
  SearchIndexSettings,
  SearchParams,
  SearchResult,
} from './types.ts'
import { isKnowledgeType, isValidDocumentId, parseKnowledgeDocument, parseProcedure } from './types.ts'
import { createValueColumns, narrowByColumns } from './valueColumns.ts'
import type { ValueColumn } from './valueColumns.ts'
import { yieldToEventLoop } from '../utilities/eventLoop.ts'

/** term → field id → short document id → term frequency: MiniSearch's inverted index entry. */
type Postings = Map<number, Map<number, number>>

/**
 * MiniSearch with read access to its inverted index. The engine derives query
 * terms itself (Meilisearch's typo rules: Damerau transpositions, a typo on the
 * first letter counting double, per-word typo counts for ranking; synonym
 * phrases) and ranks with Meilisearch's bucket rules, which `search()` cannot
 * express; MiniSearch keeps doing what it is good at: tokenized insertion,
 * cheap discard and vacuum, and the radix tree behind prefix and fuzzy lookups.
 */
class KnowledgeMiniSearch extends MiniSearch<KnowledgeDocument> {
  /**
   * A restored index's documents not yet in MiniSearch's id and field-length
   * maps: searches read neither, so the maps (three entries per document,
   * a tenth of a restore at 50,000 documents with their garbage collection)
   * are filled at the first write or lookup by id, not before the index
   * answers.
   */
  #unmapped: {
    documents: readonly KnowledgeDocument[]
    shortIds: Int32Array
    /** The document's words per field, as MiniSearch keeps them (made only here). */
    fieldLengthsAt: (position: number) => number[]
  } | null = null

  #mapRestored(): void {
    const unmapped = this.#unmapped
    if (!unmapped) return
    this.#unmapped = null
    const { documents, fieldLengthsAt, shortIds } = unmapped
    documents.forEach(({ id }, position) => {
      const shortId = shortIds[position] ?? 0
      this._documentIds.set(shortId, id)
      this._idToShortId.set(id, shortId)
      this._fieldLength.set(shortId, fieldLengthsAt(position))
    })
  }

  override add(document: KnowledgeDocument): void {
    this.#mapRestored()
    super.add(document)
  }

  override discard(id: unknown): void {
    this.#mapRestored()
    super.discard(id)
  }

  override has(id: unknown): boolean {
    this.#mapRestored()
    return super.has(id)
  }

  postings(term: string): Postings | undefined {
    return this._index.get(term)
  }

  hasTerm(term: string): boolean {
    return this._index.has(term)
  }

  prefixEntries(prefix: string): Iterable<[string, Postings]> {
    return this._index.atPrefix(prefix).entries()
  }

  fuzzyEntries(term: string, maxDistance: number): Map<string, [Postings, number]> {
    return this._index.fuzzyGet(term, maxDistance)
  }

  shortIdOf(id: string): number | undefined {
    this.#mapRestored()
    return this._idToShortId.get(id)
  }

  /** Words per field of a document, by field id (MiniSearch's own array, not a copy). */
  fieldLengthsOf(shortId: number): readonly number[] {
    this.#mapRestored()
    return this._fieldLength.get(shortId) ?? []
  }

  averageFieldLength(fieldId: number): number {
    return this._avgFieldLength[fieldId] || 1
  }

  get nextShortId(): number {
    return this._nextId
  }

  get liveDocumentCount(): number {
    return this._documentCount
  }

  /** Every term with its postings, in the radix tree's order (for saving). */
  termEntries(): [string, Postings][] {
    return [...this._index]
  }

  /** MiniSearch's own figures, saved beside the postings. */
  savedFigures(): SavedFigures {
    return {
      averageFieldLength: [...this._avgFieldLength],
      dirtCount: this._dirtCount,
      documentCount: this._documentCount,
      fieldIds: { ...this._fieldIds },
      nextId: this._nextId,
    }
  }

  /**
   * Takes over a saved index (on a fresh instance): its figures, its
   * documents' ids and field lengths, and its terms, each with postings read
   * from the saved form only when first used. False when the index was saved
   * with other fields.
   */
  restoreSaved({
    documents,
    fieldLengthsAt,
    figures,
    postings,
    shortIds,
    starts,
    terms,
  }: {
    figures: SavedFigures
    /** In parallel: each document's short id and words per field. */
    documents: readonly KnowledgeDocument[]
    shortIds: Int32Array
    fieldLengthsAt: (position: number) => number[]
    terms: readonly string[]
    postings: Int32Array
    starts: Uint32Array
  }): boolean {
    const fieldIds = Object.entries(this._fieldIds)
    const savedFieldIds = Object.entries(figures.fieldIds)
    if (
      fieldIds.length !== savedFieldIds.length ||
      fieldIds.some(([field, id]) => figures.fieldIds[field] !== id) ||
      figures.averageFieldLength.length !== fieldIds.length
    )
      return false
    this._documentCount = figures.documentCount
    this._nextId = figures.nextId
    this._dirtCount = figures.dirtCount
    this._avgFieldLength = figures.averageFieldLength
    // Two documents never share a short id (ids are unique by construction of the saved index, whose digest is checked).
    const taken = new Uint8Array(figures.nextId)
    for (const shortId of shortIds) {
      if (shortId < 0 || shortId >= taken.length || taken[shortId] === 1) return false
      taken[shortId] = 1
    }
    this.#unmapped = { documents, fieldLengthsAt, shortIds }
    terms.forEach((term, position) => {
      this._index.set(term, new SavedPostings(postings, starts[position] ?? 0, starts[position + 1] ?? 0))
    })
    return true
  }
}

/** What MiniSearch keeps besides its postings and document ids. */
type SavedFigures = {
  documentCount: number
  nextId: number
  dirtCount: number
  fieldIds: Record<string, number>
  averageFieldLength: number[]
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0

const parseFigures = (value: unknown): SavedFigures | null => {
  if (!isRecord(value)) return null
  const { averageFieldLength, dirtCount, documentCount, fieldIds, nextId } = value
  if (!isCount(documentCount) || !isCount(nextId) || !isCount(dirtCount) || !isRecord(fieldIds)) return null
  if (!Array.isArray(averageFieldLength) || !averageFieldLength.every((length) => typeof length === 'number'))
    return null
  const ids: Record<string, number> = {}
  for (const [field, id] of Object.entries(fieldIds)) {
    if (!isCount(id)) return null
    ids[field] = id
  }
  return { averageFieldLength: averageFieldLength.map(Number), dirtCount, documentCount, fieldIds: ids, nextId }
}

type Entry = {
  document: KnowledgeDocument
  shortId: number
}

/**
 * The documents in which a synonym phrase's words follow each other, with the
 * rank of the first field where they do. Found the first time a query needs
 * the phrase (MiniSearch keeps no word positions, so each document holding
 * every word is read again), then kept up to date by every write: the set of
 * phrases is bounded by the synonym settings, and the same ones come back
 * query after query.
 */
type PhraseSet = {
  words: readonly string[]
  /** Short id → field rank. */
  ranks: Map<number, number>
  /** Scores depend on the whole index's figures: kept until the next write. */
  scored: { version: number; matches: PhraseMatches } | undefined
}

/** The index and the documents it holds, swapped as a whole on clear and rebuild. */
type IndexState = {
  index: KnowledgeMiniSearch
  /** By MiniSearch short id (MiniSearch maps ids to short ids); `undefined` once replaced or deleted. */
  entries: (Entry | undefined)[]
  /**
   * `lengths[fieldId][shortId]`: words in that field of a live document, -1 once
   * it is replaced or deleted; scoring reads one typed-array slot per posting.
   */
  lengths: Int32Array[]
  /**
   * `trust[shortId]`: the document's trust (0 to 3), `noDocument` when none is
   * live under that id. Ranking reads it without reaching the document's
   * object, which costs a memory load per candidate.
   */
  trust: Uint8Array
  /** Low-cardinality attributes as value codes by short id: filters narrow and facets count with them. */
  columns: Map<string, ValueColumn>
  /** Phrases of synonym rules already searched, by their words joined with a space. */
  phrases: Map<string, PhraseSet>
  /** Each searchable field's indexed words, in order (the index settings fix both the fields and the stop words). */
  fieldWordsOf: (document: KnowledgeDocument) => string[][]
  /** Bumped by every write. */
  version: number
  /** What the columns made of recent filters, at `version` (see `#narrow`). */
  narrowings: { version: number; byFilter: Map<string, { narrowed: Narrowed | undefined; residual: SearchFilter[] }> }
}

/**
 * The documents a filter leaves, known before matching: `allowed[shortId]` is 1
 * for them and `candidates` lists their short ids (live documents only).
 */
type Narrowed = { allowed: Uint8Array; candidates: Int32Array }

/** What identifies a snapshot's format and the settings its index was built with. */
export type EmbeddedSnapshotHeader = { version: number; fingerprint: string; documentCount: number }

/**
 * The index as saved: a header and binary parts that the file keeps whole and
 * gives back in the same order (see `snapshot`).
 */
export type EmbeddedSnapshot = { header: EmbeddedSnapshotHeader; parts: Uint8Array[] }

// 3: documents as rows, their procedures listed once. 2: binary parts, postings
// decoded on first use, texts read on first use. 1: MiniSearch's JSON.
const snapshotVersion = 3
/** The parts of a snapshot, in order. */
const snapshotParts = ['documents', 'numbers', 'textEnds', 'texts', 'terms', 'termStarts', 'postings'] as const

/**
 * A document restored from a snapshot, whose text stays in the snapshot's
 * bytes and is read when something reads it (a hit's snippet, a long form's
 * check); saving again copies those bytes. One object per document and no
 * function of its own: 50,000 of them are made at start.
 */
class SavedTextDocument implements KnowledgeDocument {
  readonly id: string
  readonly type: KnowledgeDocument['type']
  readonly title: string
  readonly procedure: KnowledgeDocument['procedure']
  readonly agency: string | null
  readonly isOfficial: boolean
  readonly isValidated: boolean
  readonly score: number
  readonly updatedAt: number
  readonly url: string
  readonly #texts: Buffer
  readonly #start: number
  readonly #end: number

  constructor(row: SavedRow, procedure: KnowledgeProcedure | null, texts: Buffer, start: number, end: number) {
    this.id = row[0]
    this.type = row[1]
    this.title = row[2]
    this.procedure = procedure
    this.agency = row[4]
    this.isOfficial = row[5]
    this.isValidated = row[6]
    this.score = row[7]
    this.updatedAt = row[8]
    this.url = row[9]
    this.#texts = texts
    this.#start = start
    this.#end = end
  }

  get text(): string {
    return this.#texts.toString('utf8', this.#start, this.#end)
  }

  get textBytes(): number {
    return this.#end - this.#start
  }

  copyText(target: Buffer, at: number): void {
    this.#texts.copy(target, at, this.#start, this.#end)
  }

  /** As a plain document would be written (the text is on the prototype, which JSON leaves out). */
  toJSON(): KnowledgeDocument {
    return cloneDocument(this)
  }
}

/**
 * JSON with every character past ASCII written as a `\u` escape. The
 * restore decodes ASCII bytes and parses a one-byte string about twice as
 * fast as French text in UTF-8 (17.5 MB of documents at 50,000); a file
 * saved before, in UTF-8, still reads the same.
 */
const asciiJson = (json: string): string =>
  json.replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)

/**
 * A document in a snapshot, without its text: its fields in a row (no key
 * repeated 50,000 times in the JSON), its procedure by position in the
 * snapshot's list of procedures (-1: none), each procedure listed once.
 */
type SavedRow = [
  id: string,
  type: KnowledgeType,
  title: string,
  procedure: number,
  agency: string | null,
  isOfficial: boolean,
  isValidated: boolean,
  score: number,
  updatedAt: number,
  url: string,
]

/** The rows of documents and the procedures they name, each procedure once (by its fields). */
const savedRows = (documents: readonly KnowledgeDocument[]): { rows: SavedRow[]; procedures: KnowledgeProcedure[] } => {
  const procedures: KnowledgeProcedure[] = []
  const positions = new Map<string, number>()
  const positionOf = (procedure: KnowledgeProcedure | null): number => {
    if (procedure === null) return -1
    const key = JSON.stringify([procedure.id, procedure.slug, procedure.title])
    let position = positions.get(key)
    if (position === undefined) {
      position = procedures.push({ id: procedure.id, slug: procedure.slug, title: procedure.title }) - 1
      positions.set(key, position)
    }
    return position
  }
  const rows = documents.map((document): SavedRow => [
    document.id,
    document.type,
    document.title,
    positionOf(document.procedure),
    document.agency,
    document.isOfficial,
    document.isValidated,
    document.score,
    document.updatedAt,
    document.url,
  ])
  return { procedures, rows }
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)

/** Whether a saved row holds what `parseKnowledgeDocument` checks of a document (the row itself is kept: no copy). */
const isSavedRow = (value: unknown, procedureCount: number): value is SavedRow => {
  if (!Array.isArray(value) || value.length !== 10) return false
  const fields: unknown[] = value
  const [id, type, title, procedure, agency, isOfficial, isValidated, score, updatedAt, url] = fields
  return (
    typeof id === 'string' &&
    isValidDocumentId(id) &&
    isKnowledgeType(type) &&
    typeof title === 'string' &&
    typeof procedure === 'number' &&
    Number.isInteger(procedure) &&
    procedure >= -1 &&
    procedure < procedureCount &&
    (agency === null || typeof agency === 'string') &&
    typeof isOfficial === 'boolean' &&
    typeof isValidated === 'boolean' &&
    isFiniteNumber(score) &&
    isFiniteNumber(updatedAt) &&
    typeof url === 'string'
  )
}

/** A snapshot's list of procedures, checked (null when one is wrong). */
const checkedProcedures = (value: unknown): KnowledgeProcedure[] | null => {
  if (!Array.isArray(value)) return null
  const listed: unknown[] = value
  const procedures: KnowledgeProcedure[] = []
  for (const item of listed) {
    try {
      const procedure = parseProcedure(item, undefined)
      if (procedure === null) return null
      procedures.push(procedure)
    } catch {
      return null
    }
  }
  return procedures
}

const bytesOf = (array: Int32Array | Uint32Array): Uint8Array =>
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength)

/** 32-bit words over saved bytes (copied when they do not start on a word boundary), or null when they cannot be. */
const wordsOf = <T extends Int32Array | Uint32Array>(
  bytes: Uint8Array,
  make: (buffer: ArrayBufferLike, offset: number, length: number) => T,
): T | null => {
  if (bytes.byteLength % 4 !== 0) return null
  // A copy (a Buffer's `slice` would be a view at the same offset).
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes)
  return make(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4)
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

type SynonymRule = { key: readonly string[]; alternatives: readonly (readonly string[])[] }

/** What the query words became once the index settings were applied. */
type Compiled = {
  settings: SearchIndexSettings
  stopWords: ReadonlySet<string>
  synonyms: ReadonlyMap<string, readonly SynonymRule[]>
  /** `fieldRank[fieldId]`: position of the field in `searchableAttributes`. */
  fieldRank: readonly number[]
  fieldBoost: readonly number[]
  indexFingerprint: string
}

type DerivedTerm = { typos: number; isExact: boolean; weight: number }

/** Documents holding a synonym phrase, with the score and attribute rank each one earns, in parallel arrays. */
type PhraseMatches = { shortIds: Int32Array; scores: Float64Array; attributes: Uint8Array }

type Candidate = {
  shortId: number
  /** The leading ranking rules' figures packed into one number, higher is better (see `rankingOf`). */
  key: number
  words: number
  typos: number
  attribute: number
  exactness: number
  relevance: number
}

type Comparator = (left: Candidate, right: Candidate) => number

/**
 * A candidate's place in the ranking: `compare` orders two candidates;
 * `weights` pack the figures of the leading rules that are small integers
 * (words, typo, attribute, exactness, trust) into `Candidate.key`, which
 * `compare` reads first, so that most candidates are turned away by one
 * comparison of numbers. A weight is 0 for a rule left to `compare`.
 */
type Ranking = {
  compare: Comparator
  weights: { words: number; typo: number; attribute: number; exactness: number; trust: number }
  isTrustAscending: boolean
}

const rankKey = (
  { isTrustAscending, weights }: Ranking,
  words: number,
  typos: number,
  attribute: number,
  exactness: number,
  trust: number,
): number =>
  weights.words * words +
  weights.typo * (31 - typos) +
  weights.attribute * (31 - attribute) +
  weights.exactness * exactness +
  weights.trust * (isTrustAscending ? 3 - trust : trust)

// Meilisearch reads at most 10 query words; so do we, which also bounds the bit masks below.
const maxQueryWords = 10
// Short prefixes expand to many terms; the most frequent ones are kept (Meilisearch does similar).
const maxPrefixExpansions = 200
const bm25 = { k: 1.2, b: 0.7, d: 0.5 }
const prefixWeight = 0.6
const typoWeight = 0.45
const synonymWeight = 0.8
// What looking a document up in a term's postings costs, in readings of one posting.
const lookupCost = 4
// Filters whose narrowing is kept between writes; past this many, they are all dropped.
const maxKeptNarrowings = 64
// Large upserts give the event loop a turn this often, so searches keep being answered.
const upsertChunk = 1000
// A restore does too, every this many documents (it does less per document than an upsert).
const restoreChunk = 5000
// A snapshot gives the event loop a turn every this many documents, then terms.
const snapshotSlice = 5000

const searchableFields: readonly SearchableAttribute[] = ['title', 'procedure.title', 'text']

const extractField = (document: KnowledgeDocument, field: string): string | undefined => {
  switch (field) {
    case 'id':
      return document.id
    case 'title':
      return document.title
    case 'text':
      return document.text
    case 'procedure.title':
      return document.procedure?.title
    default:
      return undefined
  }
}

// Field by field: a restored document's text is a getter on its prototype, which a spread leaves out.
const cloneDocument = (document: KnowledgeDocument): KnowledgeDocument => ({
  id: document.id,
  type: document.type,
  title: document.title,
  text: document.text,
  procedure: document.procedure ? { ...document.procedure } : null,
  agency: document.agency,
  isOfficial: document.isOfficial,
  isValidated: document.isValidated,
  score: document.score,
  updatedAt: document.updatedAt,
  url: document.url,
})

const isDigits = /^\d+$/

const compareScalars = (left: FilterScalar | null, right: FilterScalar | null): number => {
  // Documents without the value come last whatever the direction, as in Meilisearch.
  if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1
  if (typeof left === 'number' && typeof right === 'number') return left - right
  const a = foldText(String(left))
  const b = foldText(String(right))
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * A search engine that lives in the Node process, on MiniSearch 7: no server,
 * rebuilt from the database at start. It follows the Meilisearch engine's
 * behaviour: accent folding, French stop words, synonyms (multi-word too) as
 * query expansion, typo tolerance (1 typo from 5 letters, 2 from 9, a typo on
 * the first letter counting as two, adjacent swaps as one), prefix search on
 * the last word, Meilisearch's ranking rules (`proximity` excepted, approximated
 * by a BM25 tie-break), filters, facet counts over the filtered set, sorting,
 * exact totals, and `_formatted`-like highlighting and cropping.
 *
 * Writes are applied before `upsert`/`delete`/`clear` resolve, so `flush()`
 * has nothing to wait for.
 */
export class EmbeddedEngine implements SearchEngine {
  readonly kind = 'embedded'
  #compiled: Compiled | undefined
  #state: IndexState | undefined
  /** The changes of the index's earlier states (each replaced one counts its writes and its replacement). */
  #earlierChanges = 0

  #replaceState(state: IndexState): void {
    this.#earlierChanges += (this.#state?.version ?? 0) + 1
    this.#state = state
  }

  /**
   * Goes up with every change to the index, whatever makes it (a write, a
   * clear, a rebuild, a restore): a save records it, and the next save
   * compares.
   */
  get changeCount(): number {
    return this.#earlierChanges + (this.#state?.version ?? 0)
  }
  #generation = 0
  #stamp = new Uint32Array(0)
  #wordStamp = new Uint32Array(0)
  #wordTypos = new Uint8Array(0)
  #wordAttribute = new Uint8Array(0)
  #wordExact = new Uint8Array(0)
  #mask = new Uint16Array(0)
  #exactMask = new Uint16Array(0)
  #typoBits = new Uint32Array(0)
  #attributeBits = new Uint32Array(0)
  #relevance = new Float64Array(0)
  /** Short ids of the documents a query reached, then of those the current word reached. */
  #touched = new Int32Array(0)
  #wordTouched = new Int32Array(0)
  #candidates = new Int32Array(0)

  async ensureIndex(settings: SearchIndexSettings): Promise<void> {
    const compiled = compileSettings(settings)
    const previous = this.#state
    if (!previous || this.#compiled?.indexFingerprint !== compiled.indexFingerprint) {
      const state = createState(compiled)
      if (previous) {
        for (const entry of previous.entries) if (entry) addEntry(state, entry.document)
      }
      this.#replaceState(state)
    }
    this.#compiled = compiled
  }

  async upsert(documents: readonly KnowledgeDocument[]): Promise<void> {
    this.#ready()
    // Validate the whole batch first: a bad document rejects the batch without a partial write.
    const parsed = documents.map(parseKnowledgeDocument)
    for (let index = 0; index < parsed.length; index += 1) {
      const document = parsed[index]
      if (document) addEntry(this.#ready().state, document)
      if ((index + 1) % upsertChunk === 0 && index + 1 < parsed.length) await yieldToEventLoop()
    }
  }

  async delete(ids: readonly string[]): Promise<void> {
    const { state } = this.#ready()
    for (const id of ids) {
      if (typeof id === 'string') removeEntry(state, id)
    }
  }

  async clear(): Promise<void> {
    const { compiled } = this.#ready()
    // A fresh MiniSearch rather than removeAll(): a vacuum still running on the old one stays harmless.
    this.#replaceState(createState(compiled))
  }

  async flush(): Promise<void> {
    this.#ready()
  }

  async stats(): Promise<SearchEngineStats> {
    const { state } = this.#ready()
    return { documentCount: state.index.liveDocumentCount, pendingWrites: 0, isIndexing: false }
  }

  /**
   * The whole index, to be saved to disk and given back to `restoreSnapshot`
   * by a later process, in binary parts: the documents without their texts
   * (JSON: a row of fields each, and their procedures listed once), their
   * short ids and field lengths, their texts (UTF-8, one after the other,
   * with where each ends), the terms, and every term's postings in one
   * Int32Array (see `savedIndex.ts`). A restart then reads the postings
   * of a term, and a document's text, only when first used.
   *
   * Made a slice at a time (`snapshotSlice` documents or terms), with the
   * event loop served in between, so that searches are answered while a
   * large index is saved. The caller keeps writes out meanwhile (the search
   * runtime's write turn); a change that lands anyway is caught at the end,
   * and the snapshot refused with an error rather than saved half old, half new.
   */
  async snapshot(): Promise<EmbeddedSnapshot> {
    const { compiled, state } = this.#ready()
    const changesAtStart = this.changeCount
    const { index } = state
    const fieldCount = compiled.settings.searchableAttributes.length
    const width = 1 + fieldCount
    const entries = state.entries.filter((entry) => entry !== undefined)
    const figures = index.savedFigures()
    const numbers = new Int32Array(entries.length * width)
    const textEnds = new Uint32Array(entries.length)
    let textBytes = 0
    for (let position = 0; position < entries.length; position += 1) {
      const entry = entries[position]
      if (!entry) continue
      const { document } = entry
      textBytes += document instanceof SavedTextDocument ? document.textBytes : Buffer.byteLength(document.text)
      if (textBytes > 0xffffffff) throw new Error('The texts of the index exceed 4 GiB: it cannot be saved.')
      textEnds[position] = textBytes
      numbers[position * width] = entry.shortId
      for (let field = 0; field < fieldCount; field += 1) {
        numbers[position * width + 1 + field] = Math.max(0, state.lengths[field]?.[entry.shortId] ?? 0)
      }
      if ((position + 1) % snapshotSlice === 0) await yieldToEventLoop()
    }
    const texts = Buffer.allocUnsafe(textBytes)
    for (let position = 0; position < entries.length; position += 1) {
      const start = position === 0 ? 0 : (textEnds[position - 1] ?? 0)
      const document = entries[position]?.document
      if (document instanceof SavedTextDocument) document.copyText(texts, start)
      else if (document) texts.write(document.text, start)
      if ((position + 1) % snapshotSlice === 0) await yieldToEventLoop()
    }
    await yieldToEventLoop()
    const { postings, starts, terms } = await encodePostings(index.termEntries(), snapshotSlice)
    const { procedures, rows } = savedRows(entries.map((entry) => entry.document))
    // The JSON of `{ documents, figures, procedures }`, the rows written a slice at a time.
    const json = ['{"documents":[']
    for (let start = 0; start < rows.length; start += snapshotSlice) {
      await yieldToEventLoop()
      json.push(`${start === 0 ? '' : ','}${asciiJson(JSON.stringify(rows.slice(start, start + snapshotSlice)).slice(1, -1))}`)
    }
    json.push(`],"figures":${asciiJson(JSON.stringify(figures))},"procedures":${asciiJson(JSON.stringify(procedures))}}`)
    if (this.changeCount !== changesAtStart || this.#state !== state) {
      throw new Error('The search index changed while it was being saved; it will be saved again.')
    }
    const parts: Record<(typeof snapshotParts)[number], Uint8Array> = {
      documents: Buffer.from(json.join(''), 'latin1'),
      numbers: bytesOf(numbers),
      postings: bytesOf(postings),
      termStarts: bytesOf(starts),
      terms: Buffer.from(terms.join('\n')),
      textEnds: bytesOf(textEnds),
      texts,
    }
    return {
      header: { documentCount: entries.length, fingerprint: compiled.indexFingerprint, version: snapshotVersion },
      parts: snapshotParts.map((name) => parts[name]),
    }
  }

  /**
   * Replaces the index with one saved by `snapshot` (after `ensureIndex`).
   * Returns false, leaving the index as it was, when the snapshot does not
   * fit: another version, other index settings, or parts that disagree.
   * Throws on parts that cannot be read (the caller treats it as false).
   * Gives the event loop a turn every few thousand documents, so other
   * requests are answered meanwhile; the index is swapped in at the end, whole.
   */
  async restoreSnapshot({ header, parts }: { header: unknown; parts: readonly Uint8Array[] }): Promise<boolean> {
    const { compiled } = this.#ready()
    if (!isRecord(header) || header.version !== snapshotVersion || header.fingerprint !== compiled.indexFingerprint)
      return false
    if (parts.length !== snapshotParts.length) return false
    const [documentsPart, numbersPart, textEndsPart, textsPart, termsPart, termStartsPart, postingsPart] = parts
    if (!documentsPart || !numbersPart || !textEndsPart || !textsPart || !termsPart || !termStartsPart || !postingsPart)
      return false
    const bufferOf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    const saved: unknown = JSON.parse(bufferOf(documentsPart).toString('utf8'))
    if (!isRecord(saved) || !Array.isArray(saved.documents)) return false
    const procedures = checkedProcedures(saved.procedures)
    if (!procedures) return false
    const figures = parseFigures(saved.figures)
    const described: unknown[] = saved.documents
    const fieldCount = compiled.settings.searchableAttributes.length
    const width = 1 + fieldCount
    const numbers = wordsOf(numbersPart, (buffer, offset, length) => new Int32Array(buffer, offset, length))
    const textEnds = wordsOf(textEndsPart, (buffer, offset, length) => new Uint32Array(buffer, offset, length))
    const starts = wordsOf(termStartsPart, (buffer, offset, length) => new Uint32Array(buffer, offset, length))
    const postings = wordsOf(postingsPart, (buffer, offset, length) => new Int32Array(buffer, offset, length))
    if (!figures || !numbers || !textEnds || !starts || !postings) return false
    if (numbers.length !== described.length * width || textEnds.length !== described.length) return false
    if ((textEnds.at(-1) ?? 0) !== textsPart.byteLength) return false
    const terms = termsPart.byteLength === 0 ? [] : bufferOf(termsPart).toString('utf8').split('\n')
    if (starts.length !== terms.length + 1 || starts[terms.length] !== postings.length) return false
    for (let position = 0; position < terms.length; position += 1) {
      if ((starts[position] ?? 0) > (starts[position + 1] ?? 0)) return false
    }
    const texts = bufferOf(textsPart)
    const restored: KnowledgeDocument[] = []
    const shortIds = new Int32Array(described.length)
    let textStart = 0
    for (let position = 0; position < described.length; position += 1) {
      const value = described[position]
      const textEnd = textEnds[position] ?? 0
      const shortId = numbers[position * width] ?? -1
      if (textEnd < textStart || shortId < 0 || shortId >= figures.nextId) return false
      // Checked as any document written to the engine is; the text is read from the bytes when needed.
      if (!isSavedRow(value, procedures.length)) return false
      restored.push(new SavedTextDocument(value, procedures[value[3]] ?? null, texts, textStart, textEnd))
      textStart = textEnd
      shortIds[position] = shortId
      if ((position + 1) % restoreChunk === 0) await yieldToEventLoop()
    }
    const index = new KnowledgeMiniSearch(miniSearchOptions(compiled))
    // False too when two documents share a short id.
    // Words per field read from the numbers where they were saved, not copied into an array per document.
    const fieldLengthsAt = (position: number): number[] =>
      Array.from(numbers.subarray(position * width + 1, (position + 1) * width))
    if (!index.restoreSaved({ documents: restored, fieldLengthsAt, figures, postings, shortIds, starts, terms }))
      return false
    const state = emptyState(compiled, index)
    for (let position = 0; position < restored.length; position += 1) {
      const document = restored[position]
      // The field lengths as read: MiniSearch's maps are filled later (`KnowledgeMiniSearch`).
      if (document) attachEntry(state, document, shortIds[position] ?? 0, numbers, position * width + 1)
      if ((position + 1) % restoreChunk === 0) await yieldToEventLoop()
    }
    if (restored.length !== index.liveDocumentCount) return false
    this.#replaceState(state)
    return true
  }

  async search(params: SearchParams): Promise<SearchResult> {
    const startedAt = performance.now()
    const { compiled, state } = this.#ready()
    const resolved = resolveSearchParams(params, compiled.settings)
    const { filterableAttributes } = compiled.settings
    // Column-backed conditions select the candidate documents before any word
    // is matched; only what they cannot answer is checked per document.
    const { narrowed, residual } = resolved.filter
      ? this.#narrow(state, resolved.filter)
      : { narrowed: undefined, residual: [] }
    const [onlyResidual] = residual
    const predicate =
      residual.length === 0
        ? undefined
        : compileFilterPredicate(
            residual.length === 1 && onlyResidual ? onlyResidual : { op: 'and', filters: residual },
            filterableAttributes,
          )
    const plan = planQuery(resolved.query, compiled, state.index)
    const ranking = rankingOf(compiled, resolved, state)
    const keep = Math.min(resolved.offset + resolved.limit, compiled.settings.maxTotalHits)
    const top = new TopK(keep, ranking.compare)
    const facetCounts = resolved.facets.map(() => new Map<string, number>())
    // Facets on a column count value codes; the others read each document.
    const facetColumns = resolved.facets.map((facet) => state.columns.get(facet))
    const codeCounts = facetColumns.map((column) => new Int32Array(column ? column.values.length : 0))
    let total = 0

    // The document's object is reached only when a filter or a facet needs it.
    const needsDocument = predicate !== undefined || facetColumns.some((column) => column === undefined)
    const consider = (candidate: Candidate): void => {
      const document = needsDocument ? documentAt(state, candidate.shortId) : unusedDocument
      if (predicate && !predicate(document)) return
      total += 1
      for (let index = 0; index < resolved.facets.length; index += 1) {
        const column = facetColumns[index]
        if (column) {
          const code = column.codes[candidate.shortId] ?? -1
          const counts = codeCounts[index]
          if (code >= 0 && counts) counts[code] = (counts[code] ?? 0) + 1
          continue
        }
        const value = readAttribute(document, resolved.facets[index] ?? '')
        const counts = facetCounts[index]
        if (value === null || !counts) continue
        const key = String(value)
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
      top.offer(candidate)
    }

    if (plan.words.length === 0) {
      const probe = emptyCandidate()
      if (narrowed) {
        for (const shortId of narrowed.candidates) {
          const trust = state.trust[shortId] ?? noDocument
          if (trust === noDocument) continue
          probe.shortId = shortId
          probe.key = rankKey(ranking, 0, 0, 0, 0, trust)
          consider(probe)
        }
      } else {
        // By short id, from the typed array: the documents' objects are not reached.
        const { trust } = state
        for (let shortId = 0; shortId < trust.length; shortId += 1) {
          const documentTrust = trust[shortId] ?? noDocument
          if (documentTrust === noDocument) continue
          probe.shortId = shortId
          probe.key = rankKey(ranking, 0, 0, 0, 0, documentTrust)
          consider(probe)
        }
      }
    } else {
      this.#match(state, compiled, plan, resolved, ranking, narrowed, consider)
    }
    facetColumns.forEach((column, index) => {
      const counts = facetCounts[index]
      const byCode = codeCounts[index]
      if (!column || !counts || !byCode) return
      byCode.forEach((count, code) => {
        if (count === 0) return
        const key = String(column.values[code])
        counts.set(key, (counts.get(key) ?? 0) + count)
      })
    })

    const highlightLength = (folded: string): number => {
      const exact = plan.highlights.get(folded)
      if (exact !== undefined) return exact
      const last = plan.prefix
      return last !== undefined && folded.startsWith(last) ? last.length : 0
    }
    const hits: SearchHit[] = top
      .sorted()
      .slice(resolved.offset)
      .map((candidate) => {
        const document = documentAt(state, candidate.shortId)
        return {
          document: cloneDocument(document),
          formatted: formatHit(document, resolved, plan.words.length > 0 ? highlightLength : undefined, {
            isStopWord: (word) => compiled.stopWords.has(word),
            words: plan.phrases,
          }),
        }
      })
    return {
      hits,
      total,
      isTotalExact: true,
      facets: facetDistribution(resolved.facets, facetCounts, compiled.settings.maxValuesPerFacet),
      processingTimeMs: Math.round((performance.now() - startedAt) * 100) / 100,
      query: resolved.query,
      limit: resolved.limit,
      offset: resolved.offset,
    }
  }

  #ready(): { compiled: Compiled; state: IndexState } {
    const compiled = this.#compiled
    const state = this.#state
    if (!compiled || !state) {
      throw new SearchError('index-not-ready', {
        message: 'Call ensureIndex(settings) before using the search engine.',
      })
    }
    return { compiled, state }
  }

  #grow(size: number): void {
    if (this.#stamp.length >= size) return
    const capacity = Math.max(size, this.#stamp.length * 2, 1024)
    this.#stamp = new Uint32Array(capacity)
    this.#wordStamp = new Uint32Array(capacity)
    this.#wordTypos = new Uint8Array(capacity)
    this.#wordAttribute = new Uint8Array(capacity)
    this.#wordExact = new Uint8Array(capacity)
    this.#mask = new Uint16Array(capacity)
    this.#exactMask = new Uint16Array(capacity)
    this.#typoBits = new Uint32Array(capacity)
    this.#attributeBits = new Uint32Array(capacity)
    this.#relevance = new Float64Array(capacity)
    this.#touched = new Int32Array(capacity)
    this.#wordTouched = new Int32Array(capacity)
    this.#candidates = new Int32Array(capacity)
    this.#generation = 0
  }

  /**
   * What the columns make of a filter: the live documents it allows, and the
   * conditions left to check per document. Kept by filter until the next
   * write, as the same filters come back query after query (a procedure's
   * widget, a page's facets); each one costs a pass over every document.
   */
  #narrow(state: IndexState, filter: SearchFilter): { narrowed: Narrowed | undefined; residual: SearchFilter[] } {
    const { narrowings } = state
    if (narrowings.version !== state.version || narrowings.byFilter.size >= maxKeptNarrowings) {
      narrowings.byFilter.clear()
      narrowings.version = state.version
    }
    const key = JSON.stringify(filter)
    const kept = narrowings.byFilter.get(key)
    if (kept) return kept
    const narrowing = narrowByColumns(filter, state.columns, state.index.nextShortId)
    let made: { narrowed: Narrowed | undefined; residual: SearchFilter[] } = { narrowed: undefined, residual: [filter] }
    if (narrowing) {
      const { allowed, residual } = narrowing
      this.#grow(allowed.length)
      const buffer = this.#candidates
      const { trust } = state
      let count = 0
      const end = Math.min(allowed.length, trust.length)
      for (let shortId = 0; shortId < end; shortId += 1) {
        if (allowed[shortId] === 1 && trust[shortId] !== noDocument) buffer[count++] = shortId
      }
      made = { narrowed: { allowed, candidates: buffer.slice(0, count) }, residual }
    }
    narrowings.byFilter.set(key, made)
    return made
  }

  #nextGeneration(): number {
    if (this.#generation >= 0xfffffff0) {
      this.#stamp.fill(0)
      this.#wordStamp.fill(0)
      this.#generation = 0
    }
    this.#generation += 1
    return this.#generation
  }

  // Scores every document matching at least one query word, then hands the
  // ones its matching strategy keeps to `consider`. Per-document state lives in
  // typed arrays indexed by short id and stamped by generation, so nothing is
  // cleared or allocated per document.
  #match(
    state: IndexState,
    compiled: Compiled,
    plan: QueryPlan,
    resolved: ResolvedSearchParams,
    ranking: Ranking,
    narrowed: Narrowed | undefined,
    consider: (candidate: Candidate) => void,
  ): void {
    const { index } = state
    const trustById = state.trust
    this.#grow(index.nextShortId)
    const stamp = this.#stamp
    const wordStamp = this.#wordStamp
    const wordTypos = this.#wordTypos
    const wordAttribute = this.#wordAttribute
    const wordExact = this.#wordExact
    const mask = this.#mask
    const exactMask = this.#exactMask
    const typoBits = this.#typoBits
    const attributeBits = this.#attributeBits
    const relevance = this.#relevance
    const queryGeneration = this.#nextGeneration()
    const touched = this.#touched
    let touchedCount = 0
    const documentCount = Math.max(1, index.liveDocumentCount)
    const wordCount = plan.words.length
    const documentFrequency = new Array<number>(wordCount).fill(0)
    const wordTouched = this.#wordTouched
    let wordTouchedCount = 0
    // The `frequency` strategy drops words by how many documents of the whole
    // index hold them (as Meilisearch does), so every posting is still read;
    // the filter then applies when candidates are ranked.
    const scope = resolved.matchingStrategy === 'frequency' && wordCount > 1 ? undefined : narrowed
    const allowed = narrowed?.allowed
    // Walks the postings of one term in one field, over the candidates only
    // when they are far fewer than the documents holding the term: looking a
    // candidate up in the postings costs several times reading one posting.
    const eachPosting = (documents: Map<number, number>, use: (shortId: number, frequency: number) => void): void => {
      if (scope && documents.size > lookupCost * scope.candidates.length) {
        for (const shortId of scope.candidates) {
          const frequency = documents.get(shortId)
          if (frequency !== undefined) use(shortId, frequency)
        }
        return
      }
      if (!scope) documents.forEach((frequency, shortId) => use(shortId, frequency))
      else {
        const { allowed } = scope
        documents.forEach((frequency, shortId) => {
          if (allowed[shortId] === 1) use(shortId, frequency)
        })
      }
    }

    const visit = (
      shortId: number,
      typos: number,
      attribute: number,
      isExact: boolean,
      score: number,
      word: number,
    ) => {
      if (stamp[shortId] !== queryGeneration) {
        stamp[shortId] = queryGeneration
        mask[shortId] = 0
        exactMask[shortId] = 0
        typoBits[shortId] = 0
        attributeBits[shortId] = 0
        relevance[shortId] = 0
        touched[touchedCount++] = shortId
      }
      relevance[shortId] = (relevance[shortId] ?? 0) + score
      if (wordStamp[shortId] !== word) {
        wordStamp[shortId] = word
        wordTypos[shortId] = typos
        wordAttribute[shortId] = attribute
        wordExact[shortId] = isExact ? 1 : 0
        wordTouched[wordTouchedCount++] = shortId
      } else {
        if (typos < (wordTypos[shortId] ?? 0)) wordTypos[shortId] = typos
        if (attribute < (wordAttribute[shortId] ?? 0)) wordAttribute[shortId] = attribute
        if (isExact) wordExact[shortId] = 1
      }
    }

    for (let word = 0; word < wordCount; word += 1) {
      const wordGeneration = this.#nextGeneration()
      wordTouchedCount = 0
      for (const [term, derived] of plan.derived[word] ?? []) {
        for (const [fieldId, documents] of index.postings(term) ?? []) {
          const rank = compiled.fieldRank[fieldId] ?? 3
          const weight =
            derived.weight * (compiled.fieldBoost[fieldId] ?? 1) * inverseFrequency(documentCount, documents.size)
          const average = index.averageFieldLength(fieldId)
          const fieldLengths = state.lengths[fieldId] ?? new Int32Array(0)
          const use = (frequency: number, shortId: number): void => {
            const length = fieldLengths[shortId] ?? -1
            if (length < 0) return
            const score = weight * termFrequencyScore(frequency, length, average)
            visit(shortId, derived.typos, rank, derived.isExact, score, wordGeneration)
          }
          // Map#forEach, not for…of: no entry array is made per posting.
          if (!scope) documents.forEach(use)
          else eachPosting(documents, (shortId, frequency) => use(frequency, shortId))
        }
      }
      for (const span of plan.spans) {
        if (word < span.start || word > span.end) continue
        for (const alternative of span.alternatives) {
          const { attributes, scores, shortIds } = phraseMatches(state, compiled, alternative)
          for (let position = 0; position < shortIds.length; position += 1) {
            const shortId = shortIds[position] ?? 0
            if (scope && scope.allowed[shortId] !== 1) continue
            visit(shortId, 0, attributes[position] ?? 0, false, synonymWeight * (scores[position] ?? 0), wordGeneration)
          }
        }
      }
      documentFrequency[word] = wordTouchedCount
      const bit = 1 << word
      const shift = 2 * word
      for (let position = 0; position < wordTouchedCount; position += 1) {
        const shortId = wordTouched[position] ?? 0
        mask[shortId] = (mask[shortId] ?? 0) | bit
        if (wordExact[shortId]) exactMask[shortId] = (exactMask[shortId] ?? 0) | bit
        typoBits[shortId] = (typoBits[shortId] ?? 0) | (Math.min(3, wordTypos[shortId] ?? 0) << shift)
        attributeBits[shortId] = (attributeBits[shortId] ?? 0) | (Math.min(3, wordAttribute[shortId] ?? 0) << shift)
      }
    }

    // The order in which words are dropped: from the end for `last`, most
    // frequent first for `frequency` (so the rarest words are kept longest).
    const order = Array.from({ length: wordCount }, (_, index) => index)
    if (resolved.matchingStrategy === 'frequency') {
      order.sort((left, right) => (documentFrequency[left] ?? 0) - (documentFrequency[right] ?? 0) || left - right)
    }
    const probe = emptyCandidate()
    for (let position = 0; position < touchedCount; position += 1) {
      const shortId = touched[position] ?? 0
      const trust = trustById[shortId] ?? noDocument
      if (trust === noDocument || (allowed && allowed[shortId] !== 1)) continue
      const documentMask = mask[shortId] ?? 0
      let words = 0
      let typos = 0
      let attribute = 0
      let exactness = 0
      for (const word of order) {
        if ((documentMask & (1 << word)) === 0) break
        words += 1
        typos += ((typoBits[shortId] ?? 0) >>> (2 * word)) & 3
        attribute += ((attributeBits[shortId] ?? 0) >>> (2 * word)) & 3
        if ((exactMask[shortId] ?? 0) & (1 << word)) exactness += 1
      }
      if (words === 0 || (resolved.matchingStrategy === 'all' && words < wordCount)) continue
      probe.shortId = shortId
      probe.words = words
      probe.typos = typos
      probe.attribute = attribute
      probe.exactness = exactness
      probe.relevance = relevance[shortId] ?? 0
      probe.key = rankKey(ranking, words, typos, attribute, exactness, trust)
      consider(probe)
    }
  }
}

/**
 * The rank of the first searchable field in which `words` follow each other
 * (stop words between them do not count, as they are not indexed), or
 * undefined when no field holds them in that order.
 */
const phraseRank = (fields: readonly (readonly string[])[], words: readonly string[]): number | undefined => {
  const [first] = words
  if (first === undefined) return undefined
  for (let rank = 0; rank < fields.length; rank += 1) {
    const fieldWords = fields[rank] ?? []
    const last = fieldWords.length - words.length
    for (
      let start = fieldWords.indexOf(first);
      start !== -1 && start <= last;
      start = fieldWords.indexOf(first, start + 1)
    ) {
      let offset = 1
      while (offset < words.length && fieldWords[start + offset] === words[offset]) offset += 1
      if (offset === words.length) return rank
    }
  }
  return undefined
}

const inverseFrequency = (documentCount: number, documentsWithTerm: number): number =>
  Math.log(1 + (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5))

const termFrequencyScore = (frequency: number, length: number, average: number): number =>
  bm25.d + (frequency * (bm25.k + 1)) / (frequency + bm25.k * (1 - bm25.b + (bm25.b * length) / average))

const holds = (index: KnowledgeMiniSearch, word: string, shortId: number): boolean => {
  for (const documents of index.postings(word)?.values() ?? []) if (documents.has(shortId)) return true
  return false
}

/**
 * The documents of the index in which `words` follow each other, found the
 * first time (from the word with the fewest postings: the documents holding
 * every word, then the order of their words read) and kept by the index state.
 */
const phraseSet = (state: IndexState, compiled: Compiled, words: readonly string[]): PhraseSet => {
  const key = words.join(' ')
  const known = state.phrases.get(key)
  if (known) return known
  const { entries, index } = state
  const ranks = new Map<number, number>()
  const [onlyWord] = words
  if (words.length === 1 && onlyWord !== undefined) {
    // One word: the first field holding it is read from the postings.
    for (const [fieldId, documents] of index.postings(onlyWord) ?? []) {
      const rank = compiled.fieldRank[fieldId] ?? 3
      documents.forEach((_, shortId) => {
        if (entries[shortId] !== undefined && rank < (ranks.get(shortId) ?? 255)) ranks.set(shortId, rank)
      })
    }
  } else {
    let anchor = words[0] ?? ''
    // Counted without decoding the postings of a restored term.
    const postingCount = (word: string): number => {
      const postings = index.postings(word)
      return postings ? postingCountOf(postings) : 0
    }
    for (const word of words) if (postingCount(word) < postingCount(anchor)) anchor = word
    const seen = new Uint8Array(index.nextShortId)
    let found: number[] = []
    for (const documents of index.postings(anchor)?.values() ?? []) {
      documents.forEach((_, shortId) => {
        if (seen[shortId] === 1 || entries[shortId] === undefined) return
        seen[shortId] = 1
        found.push(shortId)
      })
    }
    for (const word of words) if (word !== anchor) found = found.filter((shortId) => holds(index, word, shortId))
    for (const shortId of found) {
      // Holding every word is not enough: "carte … d'identité" in "carte grise, pièce
      // d'identité" is not a "carte d'identité". The words must follow each other.
      const entry = entries[shortId]
      const rank = entry && phraseRank(state.fieldWordsOf(entry.document), words)
      if (rank !== undefined) ranks.set(shortId, rank)
    }
  }
  const phrase: PhraseSet = { ranks, scored: undefined, words }
  state.phrases.set(key, phrase)
  return phrase
}

/** A phrase's documents with the BM25 score each earns (the sum over its words), scored again after a write. */
const phraseMatches = (state: IndexState, compiled: Compiled, words: readonly string[]): PhraseMatches => {
  const phrase = phraseSet(state, compiled, words)
  if (phrase.scored?.version === state.version) return phrase.scored.matches
  const { index } = state
  const shortIds = Int32Array.from(phrase.ranks.keys())
  const attributes = Uint8Array.from(phrase.ranks.values())
  const scores = new Float64Array(shortIds.length)
  const documentCount = Math.max(1, index.liveDocumentCount)
  for (const word of phrase.words) {
    for (const [fieldId, documents] of index.postings(word) ?? []) {
      const weight = (compiled.fieldBoost[fieldId] ?? 1) * inverseFrequency(documentCount, documents.size)
      const average = index.averageFieldLength(fieldId)
      const fieldLengths = state.lengths[fieldId] ?? new Int32Array(0)
      for (let position = 0; position < shortIds.length; position += 1) {
        const shortId = shortIds[position] ?? 0
        const frequency = documents.get(shortId)
        const length = fieldLengths[shortId] ?? -1
        if (frequency === undefined || length < 0) continue
        scores[position] = (scores[position] ?? 0) + weight * termFrequencyScore(frequency, length, average)
      }
    }
  }
  const matches: PhraseMatches = { attributes, scores, shortIds }
  phrase.scored = { matches, version: state.version }
  return matches
}

const emptyCandidate = (): Candidate => ({
  shortId: 0,
  key: 0,
  words: 0,
  typos: 0,
  attribute: 0,
  exactness: 0,
  relevance: 0,
})

/** The live document under a short id (a search is synchronous: its candidates stay live while it runs). */
const documentAt = (state: IndexState, shortId: number): KnowledgeDocument =>
  state.entries[shortId]?.document ?? unusedDocument

// Stands for a document no longer in the index (never the case while a search runs: it is synchronous).
const unusedDocument: KnowledgeDocument = {
  id: 'placeholder',
  type: 'tip',
  title: '',
  text: '',
  procedure: null,
  agency: null,
  isOfficial: false,
  isValidated: false,
  score: 0,
  updatedAt: 0,
  url: '',
}

const compileSettings = (settings: SearchIndexSettings): Compiled => {
  if (settings.searchableAttributes.length === 0) {
    throw new SearchError('index-misconfigured', { message: 'searchableAttributes must list at least one attribute.' })
  }
  for (const attribute of settings.searchableAttributes) {
    if (!searchableFields.includes(attribute)) {
      throw new SearchError('index-misconfigured', {
        message: `"${attribute}" cannot be searchable; use ${searchableFields.join(', ')}.`,
      })
    }
  }
  const stopWords = new Set(settings.stopWords.flatMap((word) => tokenize(word)))
  const meaningful = (expression: string): string[] => tokenize(expression).filter((word) => !stopWords.has(word))
  const rules = new Map<string, { key: string[]; alternatives: string[][] }>()
  for (const [key, expressions] of Object.entries(settings.synonyms)) {
    const keyWords = meaningful(key)
    if (keyWords.length === 0) continue
    const ruleKey = keyWords.join(' ')
    const rule = rules.get(ruleKey) ?? { key: keyWords, alternatives: [] }
    for (const expression of expressions) {
      const words = meaningful(expression)
      const joined = words.join(' ')
      if (words.length === 0 || joined === ruleKey || rule.alternatives.some((other) => other.join(' ') === joined))
        continue
      rule.alternatives.push(words)
    }
    rules.set(ruleKey, rule)
  }
  const synonyms = new Map<string, SynonymRule[]>()
  for (const rule of rules.values()) {
    const first = rule.key[0]
    if (first === undefined || rule.alternatives.length === 0) continue
    synonyms.set(first, [...(synonyms.get(first) ?? []), rule])
  }
  const fieldRank = settings.searchableAttributes.map((_, rank) => rank)
  return {
    settings,
    stopWords,
    synonyms,
    fieldRank,
    fieldBoost: fieldRank.map((rank) => Math.max(1, 3 - rank)),
    indexFingerprint: JSON.stringify([settings.searchableAttributes, [...stopWords].sort()]),
  }
}

const miniSearchOptions = (compiled: Compiled): Options<KnowledgeDocument> => {
  const { stopWords } = compiled
  return {
    fields: [...compiled.settings.searchableAttributes],
    idField: 'id',
    extractField,
    tokenize: (text) => tokenize(text),
    processTerm: (term) => (stopWords.has(term) ? null : term),
  }
}

const emptyState = (compiled: Compiled, index: KnowledgeMiniSearch): IndexState => ({
  index,
  entries: [],
  lengths: compiled.settings.searchableAttributes.map(() => new Int32Array(0)),
  trust: new Uint8Array(0),
  columns: createValueColumns(),
  phrases: new Map(),
  fieldWordsOf: (document) =>
    compiled.settings.searchableAttributes.map((attribute) =>
      tokenize(extractField(document, attribute) ?? '').filter((word) => !compiled.stopWords.has(word)),
    ),
  version: 0,
  narrowings: { byFilter: new Map(), version: 0 },
})

const createState = (compiled: Compiled): IndexState =>
  emptyState(compiled, new KnowledgeMiniSearch(miniSearchOptions(compiled)))

const noDocument = 255

/** A typed array by short id, grown to hold `size` slots at least, the new ones `empty`. */
const grow = <T extends Int32Array | Uint8Array>(
  array: T,
  size: number,
  empty: number,
  make: (length: number) => T,
): T => {
  const grown = make(Math.max(size, array.length * 2, 1024))
  grown.fill(empty)
  grown.set(array)
  return grown
}

// Records a document MiniSearch already holds under `shortId`, with its
// words per field from `fieldLengths` (MiniSearch's array, or the saved
// numbers of a restore) from `offset` on.
const attachEntry = (
  state: IndexState,
  document: KnowledgeDocument,
  shortId: number,
  fieldLengths: ArrayLike<number> = state.index.fieldLengthsOf(shortId),
  offset = 0,
): void => {
  const entry: Entry = { document, shortId }
  state.entries[shortId] = entry
  // In place: a restore attaches 50,000 documents in a row.
  for (let fieldId = 0; fieldId < state.lengths.length; fieldId += 1) {
    const lengths = state.lengths[fieldId] ?? new Int32Array(0)
    const grown =
      lengths.length > shortId ? lengths : grow(lengths, shortId + 1, -1, (length) => new Int32Array(length))
    grown[shortId] = fieldLengths[offset + fieldId] ?? 0
    state.lengths[fieldId] = grown
  }
  if (state.trust.length <= shortId) {
    state.trust = grow(state.trust, shortId + 1, noDocument, (length) => new Uint8Array(length))
  }
  state.trust[shortId] = trustOf(document)
  for (const column of state.columns.values()) column.set(shortId, document)
  state.version += 1
  if (state.phrases.size === 0) return
  const fields = state.fieldWordsOf(document)
  for (const phrase of state.phrases.values()) {
    const rank = phraseRank(fields, phrase.words)
    if (rank !== undefined) phrase.ranks.set(shortId, rank)
  }
}

const removeEntry = (state: IndexState, id: string): void => {
  const shortId = state.index.shortIdOf(id)
  const existing = shortId === undefined ? undefined : state.entries[shortId]
  if (!existing) return
  state.index.discard(id)
  state.entries[existing.shortId] = undefined
  for (const lengths of state.lengths) if (existing.shortId < lengths.length) lengths[existing.shortId] = -1
  if (existing.shortId < state.trust.length) state.trust[existing.shortId] = noDocument
  for (const column of state.columns.values()) column.unset(existing.shortId)
  for (const phrase of state.phrases.values()) phrase.ranks.delete(existing.shortId)
  state.version += 1
}

const addEntry = (state: IndexState, document: KnowledgeDocument): void => {
  removeEntry(state, document.id)
  state.index.add(document)
  const shortId = state.index.shortIdOf(document.id)
  if (shortId === undefined) return
  attachEntry(state, document, shortId)
}

type QueryPlan = {
  /** Folded query words, stop words removed. */
  words: string[]
  /** Per word: index terms it matches, with their typo count. */
  derived: Map<string, DerivedTerm>[]
  /** Synonym rules found in the query: words `start..end` also match each alternative phrase. */
  spans: { start: number; end: number; alternatives: readonly (readonly string[])[] }[]
  /** Folded word → highlighted length, for formatting. */
  highlights: Map<string, number>
  /** Synonym expressions of several words, highlighted only where their words follow each other. */
  phrases: (readonly string[])[]
  /** The last word, matched as a prefix. */
  prefix: string | undefined
}

const typoBudget = (word: string, compiled: Compiled): number => {
  const { typoTolerance } = compiled.settings
  if (!typoTolerance.isEnabled || (typoTolerance.isDisabledOnNumbers && isDigits.test(word))) return 0
  const length = [...word].length
  if (length >= typoTolerance.minWordSizeForTwoTypos) return 2
  if (length >= typoTolerance.minWordSizeForOneTypo) return 1
  return 0
}

const deriveTerms = (
  word: string,
  isLast: boolean,
  index: KnowledgeMiniSearch,
  compiled: Compiled,
  highlights: Map<string, number>,
): Map<string, DerivedTerm> => {
  const terms = new Map<string, DerivedTerm>()
  const add = (term: string, typos: number, isExact: boolean, weight: number, highlightLength: number): void => {
    const existing = terms.get(term)
    if (!existing || typos < existing.typos || (typos === existing.typos && weight > existing.weight)) {
      terms.set(term, { typos, isExact: isExact || (existing?.isExact ?? false), weight })
    }
    highlights.set(term, Math.max(highlights.get(term) ?? 0, highlightLength))
  }
  if (index.hasTerm(word)) add(word, 0, true, 1, word.length)
  if (isLast) {
    const expansions: [string, number][] = []
    for (const [term, postings] of index.prefixEntries(word)) {
      if (term === word) continue
      // Counted without decoding the postings of a restored term: most expansions are dropped.
      expansions.push([term, postingCountOf(postings)])
    }
    // Sorted by frequency, then term: which terms are kept must not depend on the
    // order the radix tree was filled in (a restored index is filled in another).
    expansions.sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1))
    if (expansions.length > maxPrefixExpansions) expansions.length = maxPrefixExpansions
    for (const [term] of expansions) add(term, 0, false, prefixWeight, word.length)
  }
  const budget = typoBudget(word, compiled)
  if (budget > 0) {
    for (const [term, [, distance]] of index.fuzzyEntries(word, budget)) {
      if (term === word) continue
      // A typo on the first letter counts as two, as in Meilisearch.
      const typos = distance + (term[0] === word[0] ? 0 : 1)
      if (typos <= budget) add(term, typos, false, typoWeight / typos, term.length)
    }
    // MiniSearch measures plain Levenshtein distance, where a swap costs 2; Meilisearch counts it as one typo.
    for (let position = 0; position + 1 < word.length; position += 1) {
      if (word[position] === word[position + 1]) continue
      const swapped =
        word.slice(0, position) +
        word.slice(position + 1, position + 2) +
        word.slice(position, position + 1) +
        word.slice(position + 2)
      const typos = position === 0 ? 2 : 1
      if (typos <= budget && index.hasTerm(swapped)) add(swapped, typos, false, typoWeight / typos, swapped.length)
    }
  }
  return terms
}

const planQuery = (query: string, compiled: Compiled, index: KnowledgeMiniSearch): QueryPlan => {
  const allWords = tokenize(query)
  const meaningful = allWords.filter((word) => !compiled.stopWords.has(word))
  // A query made only of stop words still searches them (as prefixes, since they are not indexed).
  const words = (meaningful.length > 0 ? meaningful : allWords).slice(0, maxQueryWords)
  const highlights = new Map<string, number>()
  const derived = words.map((word, position) =>
    deriveTerms(word, position === words.length - 1, index, compiled, highlights),
  )
  const phrases: (readonly string[])[] = []
  return {
    words,
    derived,
    spans: findSynonymSpans(words, compiled, highlights, phrases),
    highlights,
    phrases,
    prefix: words.at(-1),
  }
}

const findSynonymSpans = (
  words: readonly string[],
  compiled: Compiled,
  highlights: Map<string, number>,
  phrases: (readonly string[])[],
): QueryPlan['spans'] => {
  const spans: QueryPlan['spans'] = []
  words.forEach((word, start) => {
    for (const rule of compiled.synonyms.get(word) ?? []) {
      const end = start + rule.key.length - 1
      if (end >= words.length || rule.key.some((keyWord, offset) => words[start + offset] !== keyWord)) continue
      spans.push({ start, end, alternatives: rule.alternatives })
      for (const alternative of rule.alternatives) {
        const [onlyWord] = alternative
        if (alternative.length === 1 && onlyWord !== undefined) highlights.set(onlyWord, onlyWord.length)
        else phrases.push(alternative)
      }
    }
  })
  return spans
}

/** How many values each packable rule's figure can take (query words are at most 10, 2 bits each for typos and attribute). */
const packedRange = { words: 16, typo: 32, attribute: 32, exactness: 16, trust: 4 } as const
type PackedRule = keyof typeof packedRange

const rankingOf = (compiled: Compiled, resolved: ResolvedSearchParams, state: IndexState): Ranking => {
  const documentOf = (candidate: Candidate): KnowledgeDocument => documentAt(state, candidate.shortId)
  const comparators: Comparator[] = []
  const sortComparators: Comparator[] = resolved.sort.map(({ attribute, direction }) => {
    const sign = direction === 'asc' ? 1 : -1
    return (left, right) => {
      const a = readAttribute(documentOf(left), attribute)
      const b = readAttribute(documentOf(right), attribute)
      if (a === null || b === null) return compareScalars(a, b)
      return sign * compareScalars(a, b)
    }
  })
  // Rules are packed into the key while they come first; from the first one
  // that cannot be (a sort, a custom attribute), each rule is a comparator.
  const packed: PackedRule[] = []
  let isPacking = true
  let isTrustAscending = false
  const packOr = (rule: PackedRule, comparator: Comparator): void => {
    if (isPacking && !packed.includes(rule)) packed.push(rule)
    else if (!isPacking) comparators.push(comparator)
  }
  let hasSortRule = false
  for (const rule of compiled.settings.rankingRules) {
    switch (rule) {
      case 'words':
        packOr('words', (left, right) => right.words - left.words)
        break
      case 'typo':
        packOr('typo', (left, right) => left.typos - right.typos)
        break
      case 'proximity':
        // Positions are not indexed; the BM25 tie-break below stands in for it.
        break
      case 'attribute':
        packOr('attribute', (left, right) => left.attribute - right.attribute)
        break
      case 'sort':
        hasSortRule = true
        if (sortComparators.length > 0) isPacking = false
        comparators.push(...sortComparators)
        break
      case 'exactness':
        packOr('exactness', (left, right) => right.exactness - left.exactness)
        break
      default: {
        const [attribute, direction] = rule.split(':')
        const sign = direction === 'asc' ? 1 : -1
        if (attribute === 'trust') {
          if (isPacking && !packed.includes('trust')) isTrustAscending = direction === 'asc'
          const { trust } = state
          packOr('trust', (left, right) => sign * ((trust[left.shortId] ?? 0) - (trust[right.shortId] ?? 0)))
        } else if (attribute) {
          isPacking = false
          comparators.push(
            (left, right) =>
              sign *
              compareScalars(readAttribute(documentOf(left), attribute), readAttribute(documentOf(right), attribute)),
          )
        }
      }
    }
  }
  if (!hasSortRule) comparators.push(...sortComparators)
  comparators.push((left, right) => right.relevance - left.relevance)
  comparators.push((left, right) => left.shortId - right.shortId)
  const weights = { attribute: 0, exactness: 0, trust: 0, typo: 0, words: 0 }
  let weight = 1
  for (const rule of packed.toReversed()) {
    weights[rule] = weight
    weight *= packedRange[rule]
  }
  return {
    compare: (left, right) => {
      if (left.key !== right.key) return right.key - left.key
      for (const compare of comparators) {
        const result = compare(left, right)
        if (result !== 0) return result
      }
      return 0
    },
    isTrustAscending,
    weights,
  }
}

/** Keeps the best `size` candidates seen, in a heap whose root is the worst kept one. */
class TopK {
  readonly #size: number
  readonly #compare: Comparator
  readonly #heap: Candidate[] = []

  constructor(size: number, compare: Comparator) {
    this.#size = size
    this.#compare = compare
  }

  // `candidate` may be a reused probe: it is copied only when kept.
  offer(candidate: Candidate): void {
    if (this.#size === 0) return
    const heap = this.#heap
    if (heap.length < this.#size) {
      heap.push({ ...candidate })
      this.#siftUp(heap.length - 1)
      return
    }
    const worst = heap[0]
    if (!worst || candidate.key < worst.key || this.#compare(candidate, worst) >= 0) return
    heap[0] = { ...candidate }
    this.#siftDown(0)
  }

  sorted(): Candidate[] {
    return [...this.#heap].sort(this.#compare)
  }

  #siftUp(start: number): void {
    const heap = this.#heap
    let index = start
    while (index > 0) {
      const parent = (index - 1) >> 1
      const child = heap[index]
      const up = heap[parent]
      if (!child || !up || this.#compare(child, up) <= 0) return
      heap[index] = up
      heap[parent] = child
      index = parent
    }
  }

  #siftDown(start: number): void {
    const heap = this.#heap
    let index = start
    for (;;) {
      const left = 2 * index + 1
      const right = left + 1
      let worst = index
      const worstItem = (): Candidate | undefined => heap[worst]
      const leftItem = heap[left]
      const rightItem = heap[right]
      const current = worstItem()
      if (leftItem && current && this.#compare(leftItem, current) > 0) worst = left
      const afterLeft = worstItem()
      if (rightItem && afterLeft && this.#compare(rightItem, afterLeft) > 0) worst = right
      if (worst === index) return
      const item = heap[index]
      const swap = heap[worst]
      if (!item || !swap) return
      heap[index] = swap
      heap[worst] = item
      index = worst
    }
  }
}

const formatHit = (
  document: KnowledgeDocument,
  resolved: ResolvedSearchParams,
  matchLength: ((folded: string) => number) | undefined,
  phrases: FormatOptions['phrases'],
): FormattedFields => {
  const formatted: FormattedFields = {}
  const attributes = new Set([...resolved.highlight.attributes, ...resolved.crop.attributes])
  for (const attribute of attributes) {
    const isHighlighted = resolved.highlight.attributes.includes(attribute)
    const isCropped = resolved.crop.attributes.includes(attribute)
    formatted[attribute] = formatText(document[attribute], {
      matchLength,
      phrases,
      highlight: isHighlighted ? { preTag: resolved.highlight.preTag, postTag: resolved.highlight.postTag } : undefined,
      crop: isCropped ? { length: resolved.crop.length, marker: resolved.crop.marker } : undefined,
    })
  }
  return formatted
}

const facetDistribution = (
  facets: readonly string[],
  counts: readonly Map<string, number>[],
  maxValues: number,
): FacetDistribution => {
  const distribution: FacetDistribution = {}
  facets.forEach((facet, index) => {
    const values = [...(counts[index] ?? new Map<string, number>())]
      .sort(([leftValue, left], [rightValue, right]) => right - left || (leftValue < rightValue ? -1 : 1))
      .slice(0, maxValues)
    distribution[facet] = Object.fromEntries(values)
  })
  return distribution
}
