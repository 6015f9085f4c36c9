import type { PayloadRequest, Where } from 'payload'

import type { Answer, Guide, Procedure, Thread, Tip, WikiPage } from '../../payload-types'
import { idOf, type ID } from '../utilities/ids'
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
} from './documents'
import type { KnowledgeDocument } from './types'

/**
 * Procedure contexts (title, slug, agency slug) by procedure id, loaded on
 * demand and kept for the batch or job at hand; null for a procedure that no
 * longer exists.
 */
export type ProcedureCache = Map<ID, ProcedureContext | null>

/** What anonymous readers may see of each collection, as a query. */
const publicWhere: Record<KnowledgeCollection, Where> = {
  guides: { _status: { equals: 'published' } },
  procedures: {},
  threads: { visibility: { equals: 'published' } },
  tips: { visibility: { equals: 'published' } },
  'wiki-pages': { _status: { equals: 'published' } },
}

const and = (...conditions: Where[]): Where => {
  const kept = conditions.filter((condition) => Object.keys(condition).length > 0)
  return kept.length === 0 ? {} : kept.length === 1 ? (kept[0] ?? {}) : { and: kept }
}

const uniqueIds = (values: readonly unknown[]): ID[] => [
  ...new Set(values.map(idOf).filter((id): id is ID => id !== null)),
]

/** Loads the procedures (and their agencies' slugs) the cache does not hold yet. */
const loadProcedures = async (req: PayloadRequest, ids: readonly ID[], cache: ProcedureCache): Promise<void> => {
  const missing = ids.filter((id) => !cache.has(id))
  if (missing.length === 0) return
  const { docs } = await req.payload.find({
    collection: 'procedures',
    depth: 0,
    limit: missing.length,
    overrideAccess: true,
    pagination: false,
    req,
    where: { id: { in: missing } },
  })
  const agencyIds = uniqueIds(docs.map((procedure) => procedure.agency))
  const agencies = new Map<ID, string>()
  if (agencyIds.length > 0) {
    const found = await req.payload.find({
      collection: 'agencies',
      depth: 0,
      limit: agencyIds.length,
      overrideAccess: true,
      pagination: false,
      req,
      where: { id: { in: agencyIds } },
    })
    for (const agency of found.docs) agencies.set(agency.id, agency.slug)
  }
  for (const id of missing) cache.set(id, null)
  for (const procedure of docs) {
    const agencyId = idOf(procedure.agency)
    cache.set(procedure.id, {
      agency: agencyId === null ? null : (agencies.get(agencyId) ?? null),
      id: procedure.id,
      slug: procedure.slug,
      title: procedure.title,
    })
  }
}

const contextOf = (cache: ProcedureCache, value: unknown): ProcedureContext | null => {
  const id = idOf(value)
  return id === null ? null : (cache.get(id) ?? null)
}

/** The answers that go into the documents of these threads: accepted or validated, published. */
const loadThreadAnswers = async (req: PayloadRequest, threads: readonly Thread[]): Promise<Map<ID, AnswerRecord[]>> => {
  const byThread = new Map<ID, AnswerRecord[]>()
  if (threads.length === 0) return byThread
  const acceptedIds = uniqueIds(threads.map((thread) => thread.acceptedAnswer))
  const { docs } = await req.payload.find({
    collection: 'answers',
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: {
      and: [
        { thread: { in: threads.map((thread) => thread.id) } },
        { visibility: { equals: 'published' } },
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
    const threadId = idOf(answer.thread)
    if (threadId === null) continue
    byThread.set(threadId, [...(byThread.get(threadId) ?? []), answerRecord(answer)])
  }
  return byThread
}

const answerRecord = (answer: Answer): AnswerRecord => ({
  body: answer.body,
  id: answer.id,
  isAccepted: answer.isAccepted,
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
const findPage = async <T extends KnowledgeCollection>(
  collection: T,
  { limit, page, req, where }: LoadArgs,
) =>
  req.payload.find({
    collection,
    depth: 0,
    draft: false,
    limit,
    overrideAccess: true,
    page,
    pagination: limit > 0,
    req,
    sort: 'id',
    where,
  })

const kept = (documents: readonly (KnowledgeDocument | null)[]): KnowledgeDocument[] =>
  documents.filter((document): document is KnowledgeDocument => document !== null)

const loaders: { [K in KnowledgeCollection]: (args: LoadArgs) => Promise<Loaded> } = {
  guides: async (args) => {
    const result = await findPage('guides', args)
    await loadProcedures(args.req, uniqueIds(result.docs.map((guide: Guide) => guide.procedure)), args.cache)
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
    await loadProcedures(args.req, result.docs.map((procedure: Procedure) => procedure.id), args.cache)
    return {
      documents: result.docs.map((procedure) =>
        procedureDocument({ agency: args.cache.get(procedure.id)?.agency ?? null, procedure, urls: args.urls }),
      ),
      hasNextPage: result.hasNextPage,
      read: result.docs.length,
      totalDocs: result.totalDocs,
    }
  },
  threads: async (args) => {
    const result = await findPage('threads', args)
    const threads: Thread[] = result.docs
    await loadProcedures(args.req, uniqueIds(threads.map((thread) => thread.procedure)), args.cache)
    const answers = await loadThreadAnswers(
      args.req,
      threads.filter((thread) => thread.visibility === 'published'),
    )
    return {
      documents: kept(
        threads.map((thread) =>
          threadDocument({
            answers: answers.get(thread.id) ?? [],
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
    await loadProcedures(args.req, uniqueIds(result.docs.map((tip: Tip) => tip.procedure)), args.cache)
    return {
      documents: kept(
        result.docs.map((tip) => tipDocument({ procedure: contextOf(args.cache, tip.procedure), tip, urls: args.urls })),
      ),
      hasNextPage: result.hasNextPage,
      read: result.docs.length,
      totalDocs: result.totalDocs,
    }
  },
  'wiki-pages': async (args) => {
    const result = await findPage('wiki-pages', args)
    await loadProcedures(args.req, uniqueIds(result.docs.map((page: WikiPage) => page.procedure)), args.cache)
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
  const { documents } = await loaders[collection]({ cache, limit: 0, page: 1, req, urls, where: { id: { equals: id } } })
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
}): Promise<Loaded> => loaders[collection]({ cache, limit, page, req, urls, where: and(publicWhere[collection], where) })

/** How many public items a collection has (for progress reports). */
export const countPublicItems = async ({
  collection,
  req,
}: {
  req: PayloadRequest
  collection: KnowledgeCollection
}): Promise<number> =>
  (await req.payload.count({ collection, overrideAccess: true, req, where: publicWhere[collection] })).totalDocs
