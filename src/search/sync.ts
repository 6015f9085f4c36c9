import type { PayloadRequest, TaskConfig } from 'payload'

import type { ResolvedOptions } from '../options.ts'
import { isRecord, parseId, type ID } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { isKnowledgeCollection, knowledgeDocumentId, type KnowledgeCollection } from './documents.ts'
import { searchRuntimeOf } from './engineRegistry.ts'
import { isSearchError } from './errors.ts'
import { loadKnowledgeDocument, loadKnowledgePage, type ProcedureCache } from './loadDocuments.ts'
import { knowledgeUrlsOf, readySearchEngine } from './reindex.ts'
import { pruneCompletedSyncJobs, releaseWaitingSyncJobs, searchSyncTaskSlug } from './syncRunner.ts'
import type { SearchEngine } from './types.ts'
import { findDocs } from '../data/local.ts'

/**
 * What a sync job brings up to date: an item of the index, or an agency
 * (whose slug every document of its procedures carries). Answers are synced
 * through their thread.
 */
export type SyncTarget = { collection: KnowledgeCollection | 'agencies'; id: ID }

/** Reads a job's input back; null when it is not a sync target. */
export const parseSyncTarget = (input: unknown): SyncTarget | null => {
  if (!isRecord(input)) return null
  const id = parseId(input.id)
  const { collection } = input
  if (id === null) return null
  if (collection === 'agencies' || isKnowledgeCollection(collection)) return { collection, id }
  return null
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

// The procedure's own document, then every public item that embeds it, in batches.
const syncProcedure = async (context: SyncContext, id: ID): Promise<SyncCount> => {
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
    cache: new Map(),
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

/**
 * Whether a failure may go away by trying again: engine outages, timeouts and
 * failed engine tasks, and database errors. A document or request the engine
 * refuses (4xx) would fail the same way forever.
 */
const isRetryable = (error: unknown): boolean => !isSearchError(error) || error.status >= 500

/**
 * The sync task: runs `syncSearchTarget` for the job's target. Engine
 * failures throw, so Payload retries the job with exponential backoff
 * (`search.retry`); once the engine answers again, the jobs still waiting
 * are released to run at once. A target the engine refuses is logged and
 * dropped rather than retried forever.
 */
export const searchSyncTask = (options: ResolvedOptions): TaskConfig<{ input: SyncTarget; output: SyncCount }> => ({
  handler: async ({ input, req }) => {
    const target = parseSyncTarget(input)
    if (!target) {
      req.payload.logger.error({ input, msg: 'Entraide search sync: a job had an unreadable target; dropped.' })
      return { output: { deleted: 0, upserted: 0 } }
    }
    const runtime = searchRuntimeOf(req.payload)
    try {
      const engine = await readySearchEngine(req.payload)
      const output = await runtime.writes.run(() => syncSearchTarget({ engine, req, target }))
      if (runtime.hasFailedSince) {
        runtime.hasFailedSince = false
        // This job's own sync succeeded: a failure here must not retry it.
        await releaseWaitingSyncJobs(req.payload).catch((error: unknown) => {
          runtime.hasFailedSince = true
          req.payload.logger.warn({ err: error, msg: 'Entraide search sync: waiting jobs could not be released; they run at their next retry.' })
        })
      }
      await pruneCompletedSyncJobs(req.payload)
      return { output }
    } catch (error) {
      if (isRetryable(error)) {
        runtime.hasFailedSince = true
        throw error
      }
      req.payload.logger.error({ err: error, msg: `Entraide search sync: ${target.collection} ${target.id} refused by the engine; dropped.` })
      return { output: { deleted: 0, upserted: 0 } }
    }
  },
  inputSchema: [
    { name: 'collection', required: true, type: 'text' },
    { name: 'id', required: true, type: 'text' },
  ],
  label: 'Entraide: update the search index',
  outputSchema: [
    { name: 'upserted', type: 'number' },
    { name: 'deleted', type: 'number' },
  ],
  retries: {
    attempts: options.search.retry.attempts,
    backoff: { delay: options.search.retry.delayMs, type: 'exponential' },
  },
  slug: searchSyncTaskSlug,
})
