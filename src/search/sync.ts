import type { Payload, PayloadRequest } from 'payload'

import { isRecord, parseId, type ID } from '../utilities/ids.ts'
import { yieldToEventLoop } from '../utilities/eventLoop.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { isKnowledgeCollection, knowledgeDocumentId, type KnowledgeCollection } from './documents.ts'
import {
  forgetProcedureContexts,
  keptProcedureContexts,
  loadKnowledgeDocument,
  loadKnowledgePage,
  type ProcedureCache,
} from './loadDocuments.ts'
import { knowledgeUrlsOf } from './reindex.ts'
import type { SearchEngine } from './types.ts'
import { findDocs } from '../data/local.ts'

/**
 * What a change of the feed brings up to date: an item of the index, or an agency
 * (whose slug every document of its procedures carries). Answers are synced
 * through their thread.
 */
export type SyncTarget = { collection: KnowledgeCollection | 'agencies'; id: ID }

/** Reads a target back (a legacy sync job's input); null when it is not one. */
export const parseSyncTarget = (input: unknown): SyncTarget | null => {
  if (!isRecord(input)) return null
  const id = parseId(input.id)
  const { collection } = input
  if (id === null) return null
  if (collection === 'agencies' || isKnowledgeCollection(collection)) return { collection, id }
  return null
}

/**
 * The procedure contexts kept in this process; an agency's change forgets
 * them all (each procedure's sync forgets its own, below).
 */
const keptContextsFor = (payload: Payload, target: SyncTarget): ProcedureCache => {
  if (target.collection === 'agencies') forgetProcedureContexts(payload)
  return keptProcedureContexts(payload)
}

// Items that embed a procedure's title, slug and agency.
const dependentsOfProcedure: readonly KnowledgeCollection[] = ['guides', 'wiki-pages', 'tips', 'threads']

type SyncContext = { req: PayloadRequest; engine: SearchEngine; cache: ProcedureCache; batchSize: number }

type SyncCount = { upserted: number; deleted: number }

const syncItem = async (
  { cache, engine, req }: SyncContext,
  collection: KnowledgeCollection,
  id: ID,
): Promise<SyncCount> => {
  const document = await loadKnowledgeDocument({ cache, collection, id, req, urls: knowledgeUrlsOf(req.payload) })
  if (document) {
    await engine.upsert([document])
    return { deleted: 0, upserted: 1 }
  }
  await engine.delete([knowledgeDocumentId(collection, id)])
  return { deleted: 1, upserted: 0 }
}

// The procedure's own document, read again, then every public item that embeds it, in batches.
const syncProcedure = async (context: SyncContext, id: ID): Promise<SyncCount> => {
  context.cache.delete(String(id))
  const count = await syncItem(context, 'procedures', id)
  for (const collection of dependentsOfProcedure) {
    for (let page = 1; ; page += 1) {
      const loaded = await loadKnowledgePage({
        cache: context.cache,
        collection,
        limit: context.batchSize,
        page,
        req: context.req,
        urls: knowledgeUrlsOf(context.req.payload),
        where: { procedure: { equals: id } },
      })
      if (loaded.documents.length > 0) await context.engine.upsert(loaded.documents)
      await yieldToEventLoop()
      count.upserted += loaded.documents.length
      if (!loaded.hasNextPage || loaded.read === 0) break
    }
  }
  return count
}

const syncAgency = async (context: SyncContext, id: ID): Promise<SyncCount> => {
  const total: SyncCount = { deleted: 0, upserted: 0 }
  const { docs } = await findDocs({
    collection: 'procedures',
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req: context.req,
    where: { agency: { equals: id } },
  })
  for (const procedure of docs) {
    const count = await syncProcedure(context, procedure.id)
    total.upserted += count.upserted
    total.deleted += count.deleted
  }
  return total
}

/**
 * Brings the index in line with the database for one target: upserts the
 * item's current public document or deletes it when there is none (draft,
 * pending, hidden, unpublished, deleted); a procedure or an agency also
 * rewrites every document that embeds it. Waits until the engine has applied
 * the writes.
 */
export const syncSearchTarget = async ({
  engine,
  req,
  target,
}: {
  req: PayloadRequest
  engine: SearchEngine
  target: SyncTarget
}): Promise<SyncCount> => {
  const context: SyncContext = {
    batchSize: optionsOf(req.payload).search.reindexBatchSize,
    cache: keptContextsFor(req.payload, target),
    engine,
    req,
  }
  const count =
    target.collection === 'agencies'
      ? await syncAgency(context, target.id)
      : target.collection === 'procedures'
        ? await syncProcedure(context, target.id)
        : await syncItem(context, target.collection, target.id)
  await engine.flush()
  return count
}
