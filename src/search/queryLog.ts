import type { Payload } from 'payload'

import { decoders, type SearchQueryDoc } from '../data/documents.ts'
import { detectPersonalData } from '../guard/personalData.ts'
import { readAsSeen } from '../guard/readAsSeen.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { addToWeeks, weekOf } from '../utilities/weeks.ts'
import { perPayload } from './engineRegistry.ts'

type PendingQuery = {
  searches: number
  zeroHitSearches: number
  hits: number
  lastSearchedAt: number
  /** Searches that found nothing, by week (`weekOf`). */
  zeroHitWeeks: Record<string, number>
}

type QueryLogState = {
  pending: Map<string, PendingQuery>
  timer: ReturnType<typeof setTimeout> | null
  flushing: Promise<void> | null
}

const queryLogOf = perPayload<QueryLogState>('queryLog', () => ({ flushing: null, pending: new Map(), timer: null }))

/** Queries are written this long after the first one of a batch, so searching never waits for a write. */
const flushDelayMs = 1000
/** A batch this large is written at once. */
const maxPendingQueries = 500
const maxQueryLength = 200
/** Weeks of zero-hit counts kept per query (about six months). */
const keptWeeks = 26

/**
 * The form a query is kept in: personal identifiers (a social-security or
 * tax number, an IBAN, a phone number, an email…) replaced by their kind in
 * brackets, the rest as a reader sees it (invisible characters removed,
 * digits of every script as ASCII digits, compatibility forms folded, see
 * `readAsSeen`), trimmed, spaces collapsed and lower-cased, so that the same
 * question typed twice is counted once and nothing disguised is kept.
 */
export const normalizeSearchQuery = (query: string): string => {
  // A little past the limit, so an identifier the cut would halve is still recognised and replaced.
  const trimmed = query.trim().slice(0, maxQueryLength + 40)
  let cleaned = ''
  let copiedUpTo = 0
  for (const finding of detectPersonalData(trimmed)) {
    cleaned += `${readAsSeen(trimmed.slice(copiedUpTo, finding.start)).text}[${finding.kind}]`
    copiedUpTo = finding.end
  }
  cleaned += readAsSeen(trimmed.slice(copiedUpTo)).text
  // Kinds in brackets can make it longer than what was typed: cut again.
  return cleaned.replace(/\s+/g, ' ').trim().toLowerCase().slice(0, maxQueryLength).trim()
}

// Recorded queries are keyed as typed (spaces collapsed); the costlier
// normalization runs here, off the search's path, and merges what it joins.
const normalizeBatch = (recorded: Map<string, PendingQuery>): Map<string, PendingQuery> => {
  const batch = new Map<string, PendingQuery>()
  for (const [typed, entry] of recorded) {
    const query = normalizeSearchQuery(typed)
    if (query === '') continue
    const merged = batch.get(query)
    if (!merged) {
      batch.set(query, { ...entry, zeroHitWeeks: { ...entry.zeroHitWeeks } })
      continue
    }
    merged.searches += entry.searches
    merged.zeroHitSearches += entry.zeroHitSearches
    merged.zeroHitWeeks = addToWeeks(merged.zeroHitWeeks, entry.zeroHitWeeks, keptWeeks)
    if (entry.lastSearchedAt >= merged.lastSearchedAt) {
      merged.hits = entry.hits
      merged.lastSearchedAt = entry.lastSearchedAt
    }
  }
  return batch
}

type StoredQuery = Pick<SearchQueryDoc, 'id' | 'searches' | 'zeroHitSearches' | 'zeroHitWeeks'>

const findStored = async (payload: Payload, queries: string[]): Promise<Map<string, StoredQuery>> => {
  const { docs } = await payload.find({
    collection: 'search-queries',
    depth: 0,
    limit: queries.length,
    overrideAccess: true,
    pagination: false,
    where: { query: { in: queries } },
  })
  return new Map(docs.map((doc) => decoders['search-queries'](doc)).map((doc) => [doc.query, doc]))
}

const addTo = (payload: Payload, stored: StoredQuery, entry: PendingQuery) =>
  payload.update({
    collection: 'search-queries',
    data: {
      hits: entry.hits,
      lastSearchedAt: new Date(entry.lastSearchedAt).toISOString(),
      searches: stored.searches + entry.searches,
      zeroHitSearches: stored.zeroHitSearches + entry.zeroHitSearches,
      zeroHitWeeks: addToWeeks(stored.zeroHitWeeks, entry.zeroHitWeeks, keptWeeks),
    },
    depth: 0,
    id: stored.id,
    overrideAccess: true,
  })

// One write per query; a query that fails is logged and skipped, the others
// are still written. A create that loses a race with another app node (the
// query is unique) adds to the entry that node created.
const write = async (payload: Payload, recorded: Map<string, PendingQuery>): Promise<void> => {
  const batch = normalizeBatch(recorded)
  const queries = [...batch.keys()]
  if (queries.length === 0) return
  const stored = await findStored(payload, queries)
  let failures = 0
  let firstError: unknown
  for (const [query, entry] of batch) {
    try {
      const found = stored.get(query)
      if (found) {
        await addTo(payload, found, entry)
        continue
      }
      try {
        await payload.create({
          collection: 'search-queries',
          data: {
            hits: entry.hits,
            lastSearchedAt: new Date(entry.lastSearchedAt).toISOString(),
            query,
            searches: entry.searches,
            zeroHitSearches: entry.zeroHitSearches,
            zeroHitWeeks: entry.zeroHitWeeks,
          },
          depth: 0,
          overrideAccess: true,
        })
      } catch (error) {
        const raced = (await findStored(payload, [query])).get(query)
        if (!raced) throw error
        await addTo(payload, raced, entry)
      }
    } catch (error) {
      failures += 1
      firstError ??= error
    }
  }
  if (failures > 0) {
    payload.logger.warn({ err: firstError, msg: `Entraide: ${failures} of ${batch.size} search queries could not be recorded.` })
  }
}

/**
 * Writes the queries recorded so far to the `search-queries` collection. Runs
 * by itself a second after a search; call it to write them now (tests,
 * shutdown). What cannot be written is logged and dropped: statistics never
 * fail a search.
 */
export const flushSearchQueries = async (payload: Payload): Promise<void> => {
  const state = queryLogOf(payload)
  if (state.timer) {
    clearTimeout(state.timer)
    state.timer = null
  }
  while (state.flushing) await state.flushing
  if (state.pending.size === 0) return
  const batch = state.pending
  state.pending = new Map()
  const flushing = write(payload, batch)
    .catch((error: unknown) => {
      payload.logger.warn({ err: error, msg: `Entraide: ${batch.size} search queries could not be recorded.` })
    })
    .finally(() => {
      state.flushing = null
    })
  state.flushing = flushing
  await flushing
}

/**
 * Counts one search of `query` that found `hits` results, to be written with
 * the next batch. Empty queries (browsing) are not recorded; neither is
 * anything about who searched.
 */
export const recordSearchQuery = ({ hits, payload, query }: { payload: Payload; query: string; hits: number }): void => {
  if (!optionsOf(payload).search.recordQueries) return
  const typed = query.trim().replace(/\s+/g, ' ')
  if (typed === '') return
  const state = queryLogOf(payload)
  const entry = state.pending.get(typed) ?? { hits, lastSearchedAt: 0, searches: 0, zeroHitSearches: 0, zeroHitWeeks: {} }
  entry.hits = hits
  entry.searches += 1
  const now = Date.now()
  if (hits === 0) {
    entry.zeroHitSearches += 1
    const week = weekOf(now)
    entry.zeroHitWeeks[week] = (entry.zeroHitWeeks[week] ?? 0) + 1
  }
  entry.lastSearchedAt = now
  state.pending.set(typed, entry)
  if (state.pending.size >= maxPendingQueries) {
    void flushSearchQueries(payload)
    return
  }
  if (!state.timer) {
    state.timer = setTimeout(() => {
      state.timer = null
      void flushSearchQueries(payload)
    }, flushDelayMs)
    state.timer.unref?.()
  }
}
