import type { Payload, PayloadRequest, Where } from 'payload'

import type { AnswerDoc, ThreadDoc } from '../data/documents.ts'
import { isPublic, publicWhere } from '../policies/visibility.ts'
import { findAllDocs, findDocs } from '../data/local.ts'
import { distinctIds, idKey, idOf, type ID } from '../utilities/ids.ts'
import {
  guideDocument,
  knowledgeDocumentId,
  procedureDocument,
  threadDocument,
  tipDocument,
  wikiPageDocument,
  type AnswerRecord,
  type KnowledgeCollection,
  type KnowledgeUrls,
  type ProcedureContext,
} from './documents.ts'
import { perPayload } from './engineRegistry.ts'
import type { KnowledgeDocument } from './types.ts'

/**
 * ProcedureDoc contexts (title, slug, agency slug) by procedure id, loaded on
 * demand and kept for the batch or job at hand; null for a procedure that no
 * longer exists.
 */
export type ProcedureCache = Map<string, ProcedureContext | null>

/** Past this many procedures, the kept contexts start again from none. */
const maxKeptProcedures = 10_000

const keptProcedures = perPayload<{ contexts: ProcedureCache }>('procedureContexts', () => ({ contexts: new Map() }))

/**
 * The procedure contexts kept between syncs in this process, so that a tip,
 * a thread, a guide or a wiki page synced after a write reads only itself.
 * Whoever syncs a procedure's or an agency's change (they come through the
 * feed like every change) forgets what was kept of it first; a rebuild
 * forgets them all, then keeps those it reads.
 */
export const keptProcedureContexts = (payload: Payload): ProcedureCache => {
  const kept = keptProcedures(payload)
  if (kept.contexts.size > maxKeptProcedures) kept.contexts = new Map()
  return kept.contexts
}

/** Forgets every kept procedure context. */
export const forgetProcedureContexts = (payload: Payload): void => {
  keptProcedures(payload).contexts = new Map()
}

/** What anonymous readers may see of each collection, as a query (contributions: `policies/visibility.ts`). */
const publicOf: Record<KnowledgeCollection, Where> = {
  guides: { _status: { equals: 'published' } },
  procedures: {},
  threads: publicWhere,
  tips: publicWhere,
  'wiki-pages': { _status: { equals: 'published' } },
}

const and = (...conditions: Where[]): Where => {
  const kept = conditions.filter((condition) => Object.keys(condition).length > 0)
  return kept.length === 0 ? {} : kept.length === 1 ? (kept[0] ?? {}) : { and: kept }
}

const uniqueIds = distinctIds

/** Loads the procedures (and their agencies' slugs) the cache does not hold yet. */
const loadProcedures = async (req: PayloadRequest, ids: readonly ID[], cache: ProcedureCache): Promise<void> => {
  const missing = ids.filter((id) => !cache.has(String(id)))
  if (missing.length === 0) return
  const docs = await findAllDocs({ collection: 'procedures', req, where: { id: { in: missing } } })
  const agencyIds = uniqueIds(docs.map((procedure) => procedure.agency))
  const agencies = new Map<string, string>()
  if (agencyIds.length > 0) {
    const found = await findAllDocs({ collection: 'agencies', req, where: { id: { in: agencyIds } } })
    for (const agency of found) agencies.set(String(agency.id), agency.slug)
  }
  for (const id of missing) cache.set(String(id), null)
  for (const procedure of docs) {
    const agencyId = idKey(procedure.agency)
    cache.set(String(procedure.id), {
      agency: agencyId === null ? null : (agencies.get(agencyId) ?? null),
      id: procedure.id,
      slug: procedure.slug,
      title: procedure.title,
    })
  }
}

const contextOf = (cache: ProcedureCache, value: unknown): ProcedureContext | null => {
  const key = idKey(value)
  return key === null ? null : (cache.get(key) ?? null)
}

/** The answers that go into the documents of these threads: accepted or validated, published. */
const loadThreadAnswers = async (
  req: PayloadRequest,
  threads: readonly ThreadDoc[],
): Promise<Map<string, AnswerRecord[]>> => {
  const byThread = new Map<string, AnswerRecord[]>()
  if (threads.length === 0) return byThread
  const acceptedIds = uniqueIds(threads.map((thread) => thread.acceptedAnswer))
  const docs = await findAllDocs({
    collection: 'answers',
    req,
    where: {
      and: [
        { thread: { in: threads.map((thread) => thread.id) } },
        publicWhere,
        {
          or: [
            { isAccepted: { equals: true } },
            { validatedAt: { exists: true } },
            ...(acceptedIds.length > 0 ? [{ id: { in: acceptedIds } }] : []),
          ],
        },
      ],
    },
  })
  for (const answer of docs) {
    const threadId = idKey(answer.thread)
    if (threadId === null) continue
    byThread.set(threadId, [...(byThread.get(threadId) ?? []), answerRecord(answer)])
  }
  return byThread
}

const answerRecord = (answer: AnswerDoc): AnswerRecord => ({
  body: answer.body,
  id: answer.id,
  isAccepted: answer.isAccepted,
  needsReview: answer.needsReview,
  updatedAt: answer.updatedAt,
  validatedAt: answer.validatedAt,
  visibility: answer.visibility,
})

type Loaded = {
  documents: KnowledgeDocument[]
  /** Items read from the database, shown or not. */
  read: number
  hasNextPage: boolean
  totalDocs: number
}

type LoadArgs = {
  req: PayloadRequest
  urls: KnowledgeUrls
  cache: ProcedureCache
  where: Where
  /** 0 for every match in one go. */
  limit: number
  page: number
}

// Main records only (`draft: false`): on guides and wiki pages they hold the
// published version, whatever drafts wait for review.
const findPage = async <T extends KnowledgeCollection>(collection: T, { limit, page, req, where }: LoadArgs) =>
  findDocs({ collection, draft: false, limit, page, pagination: limit > 0, req, sort: 'id', where })

const kept = (documents: readonly (KnowledgeDocument | null)[]): KnowledgeDocument[] =>
  documents.filter((document): document is KnowledgeDocument => document !== null)

const loaders: { [K in KnowledgeCollection]: (args: LoadArgs) => Promise<Loaded> } = {
  guides: async (args) => {
    const result = await findPage('guides', args)
    await loadProcedures(args.req, uniqueIds(result.docs.map((guide) => guide.procedure)), args.cache)
    return {
      documents: kept(
        result.docs.map((guide) =>
          guideDocument({ guide, procedure: contextOf(args.cache, guide.procedure), urls: args.urls }),
        ),
      ),
      hasNextPage: result.hasNextPage,
      read: result.docs.length,
      totalDocs: result.totalDocs,
    }
  },
  procedures: async (args) => {
    const result = await findPage('procedures', args)
    await loadProcedures(
      args.req,
      result.docs.map((procedure) => procedure.id),
      args.cache,
    )
    return {
      documents: result.docs.map((procedure) =>
        procedureDocument({ agency: args.cache.get(String(procedure.id))?.agency ?? null, procedure, urls: args.urls }),
      ),
      hasNextPage: result.hasNextPage,
      read: result.docs.length,
      totalDocs: result.totalDocs,
    }
  },
  threads: async (args) => {
    const result = await findPage('threads', args)
    const threads = result.docs
    await loadProcedures(args.req, uniqueIds(threads.map((thread) => thread.procedure)), args.cache)
    const answers = await loadThreadAnswers(
      args.req,
      threads.filter((thread) => isPublic(thread)),
    )
    return {
      documents: kept(
        threads.map((thread) =>
          threadDocument({
            answers: answers.get(String(thread.id)) ?? [],
            procedure: contextOf(args.cache, thread.procedure),
            thread,
            urls: args.urls,
          }),
        ),
      ),
      hasNextPage: result.hasNextPage,
      read: result.docs.length,
      totalDocs: result.totalDocs,
    }
  },
  tips: async (args) => {
    const result = await findPage('tips', args)
    await loadProcedures(args.req, uniqueIds(result.docs.map((tip) => tip.procedure)), args.cache)
    return {
      documents: kept(
        result.docs.map((tip) =>
          tipDocument({ procedure: contextOf(args.cache, tip.procedure), tip, urls: args.urls }),
        ),
      ),
      hasNextPage: result.hasNextPage,
      read: result.docs.length,
      totalDocs: result.totalDocs,
    }
  },
  'wiki-pages': async (args) => {
    const result = await findPage('wiki-pages', args)
    await loadProcedures(args.req, uniqueIds(result.docs.map((page) => page.procedure)), args.cache)
    return {
      documents: kept(
        result.docs.map((page) =>
          wikiPageDocument({ page, procedure: contextOf(args.cache, page.procedure), urls: args.urls }),
        ),
      ),
      hasNextPage: result.hasNextPage,
      read: result.docs.length,
      totalDocs: result.totalDocs,
    }
  },
}

/**
 * The current document of one item, read from the database: null when the
 * item is gone or not public (draft, pending, hidden, unpublished), so the
 * caller deletes it from the index.
 */
export const loadKnowledgeDocument = async ({
  collection,
  id,
  req,
  urls,
  cache = new Map(),
}: {
  req: PayloadRequest
  collection: KnowledgeCollection
  id: ID
  urls: KnowledgeUrls
  cache?: ProcedureCache
}): Promise<KnowledgeDocument | null> => {
  const { documents } = await loaders[collection]({
    cache,
    limit: 0,
    page: 1,
    req,
    urls,
    where: { id: { equals: id } },
  })
  const expected = knowledgeDocumentId(collection, id)
  return documents.find((document) => document.id === expected) ?? null
}

/**
 * One page of the public documents of a collection, in id order, optionally
 * narrowed (e.g. to one procedure's items). Items that cannot be shown (a
 * missing procedure) are left out of `documents`.
 */
export const loadKnowledgePage = async ({
  cache,
  collection,
  limit,
  page,
  req,
  urls,
  where = {},
}: {
  req: PayloadRequest
  collection: KnowledgeCollection
  urls: KnowledgeUrls
  cache: ProcedureCache
  limit: number
  page: number
  where?: Where
}): Promise<Loaded> => loaders[collection]({ cache, limit, page, req, urls, where: and(publicOf[collection], where) })

/** How many public items a collection has (for progress reports). */
export const countPublicItems = async ({
  collection,
  req,
}: {
  req: PayloadRequest
  collection: KnowledgeCollection
}): Promise<number> =>
  (await req.payload.count({ collection, overrideAccess: true, req, where: publicOf[collection] })).totalDocs
