import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { searchChangesSlug } from '../collections/SearchChanges.ts'
import { ForbiddenActionError, NotSignedInError } from '../errors.ts'
import { canManageCatalogue } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { yieldToEventLoop } from '../utilities/eventLoop.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { knowledgeCollections, type KnowledgeCollection, type KnowledgeUrls } from './documents.ts'
import { searchRuntimeOf } from './engineRegistry.ts'
import { countPublicItems, forgetProcedureContexts, keptProcedureContexts, loadKnowledgePage } from './loadDocuments.ts'
import type { KnowledgeType, SearchEngine } from './types.ts'

/**
 * The `target` of a feed row written after a reindex of a shared engine
 * (Meilisearch), its `targetId` the time the reindex began: the node that
 * feeds it applies again every change made since, so that no document the
 * reindex read before a change lands after that change was applied.
 */
export const replayTarget = 'replay'

/** Where a reindex stands: items read so far out of the public items counted at its start. */
export type ReindexProgress = { collection: KnowledgeCollection; done: number; total: number }

/** What a reindex did. */
export type ReindexReport = {
  engine: SearchEngine['kind']
  /** Documents now in the index, by type. */
  byType: Record<KnowledgeType, number>
  documents: number
  durationMs: number
}

/** The public URLs of items, from the plugin options. */
export const knowledgeUrlsOf = (payload: Payload): KnowledgeUrls => {
  const options = optionsOf(payload)
  return { procedureUrl: options.procedureUrl, wikiPageUrl: options.search.wikiPageUrl }
}

// Empties the engine and fills it from the database, one batch at a time.
// Callers hold the runtime's write turn.
const rebuild = async ({
  engine,
  onProgress,
  payload,
}: {
  payload: Payload
  engine: SearchEngine
  onProgress?: (progress: ReindexProgress) => void
}): Promise<ReindexReport> => {
  const startedAt = performance.now()
  const req = await createLocalReq({}, payload)
  const urls = knowledgeUrlsOf(payload)
  const batchSize = optionsOf(payload).search.reindexBatchSize
  const counts = await Promise.all(knowledgeCollections.map((collection) => countPublicItems({ collection, req })))
  const total = counts.reduce((sum, count) => sum + count, 0)
  const byType: Record<KnowledgeType, number> = { guide: 0, procedure: 0, thread: 0, tip: 0, wiki: 0 }
  // The procedures read here are kept for the syncs after it (what was kept before may be stale).
  forgetProcedureContexts(payload)
  const cache = keptProcedureContexts(payload)
  let done = 0
  let documents = 0
  await engine.clear()
  for (const collection of knowledgeCollections) {
    onProgress?.({ collection, done, total: Math.max(total, done) })
    for (let page = 1; ; page += 1) {
      const loaded = await loadKnowledgePage({ cache, collection, limit: batchSize, page, req, urls })
      if (loaded.documents.length > 0) await engine.upsert(loaded.documents)
      // Requests (and a stop signal) are served between two pages.
      await yieldToEventLoop()
      for (const document of loaded.documents) byType[document.type] += 1
      documents += loaded.documents.length
      done += loaded.read
      // Items written since the count are read too: the total grows with them.
      onProgress?.({ collection, done, total: Math.max(total, done) })
      if (!loaded.hasNextPage || loaded.read === 0) break
    }
  }
  await engine.flush()
  onProgress?.({ collection: knowledgeCollections[knowledgeCollections.length - 1] ?? 'threads', done, total: done })
  return { byType, documents, durationMs: Math.round(performance.now() - startedAt), engine: engine.kind }
}

// Runs `work` once for the runtime slot, sharing it with concurrent callers;
// a failure empties the slot so the next caller tries again.
const once = (
  get: () => Promise<void> | null,
  set: (value: Promise<void> | null) => void,
  work: () => Promise<void>,
): Promise<void> => {
  const current = get()
  if (current) return current
  const started = work()
  set(started)
  started.catch(() => {
    if (get() === started) set(null)
  })
  return started
}

const ensureIndexOnce = (payload: Payload): Promise<void> => {
  const runtime = searchRuntimeOf(payload)
  return once(
    () => runtime.indexReady,
    (value) => {
      runtime.indexReady = value
    },
    () => runtime.engine.ensureIndex(runtime.settings),
  )
}

/**
 * The search engine of this Payload instance, ready for use: its index
 * ensured with the settings, and the embedded engine (which lives in memory)
 * filled from the database the first time. Concurrent callers share one
 * preparation; a failed one is tried again by the next call.
 * @throws SearchError when the engine cannot be reached or configured.
 */
export const readySearchEngine = async (payload: Payload): Promise<SearchEngine> => {
  const runtime = searchRuntimeOf(payload)
  await ensureIndexOnce(payload)
  if (runtime.engine.kind === 'embedded') {
    await once(
      () => runtime.populated,
      (value) => {
        runtime.populated = value
      },
      async () => {
        if (runtime.populate) await runtime.populate()
        else await runtime.writes.run(() => rebuild({ engine: runtime.engine, payload }))
      },
    )
  }
  return runtime.engine
}

/** Empties the engine and fills it from the database, in the engine's write turn (the first fill of the embedded engine). */
export const rebuildIndex = async ({
  onProgress,
  payload,
}: {
  payload: Payload
  onProgress?: (progress: ReindexProgress) => void
}): Promise<ReindexReport> => {
  const runtime = searchRuntimeOf(payload)
  await ensureIndexOnce(payload)
  return runtime.writes.run(() => rebuild({ engine: runtime.engine, onProgress, payload }))
}

/**
 * Rebuilds the whole index from the database: empties it, then reads every
 * public item in batches (`search.reindexBatchSize`) and writes its document.
 * Changes wait meanwhile and are applied after it, so none made during the
 * reindex is lost (with Meilisearch, fed by one node while the reindex may
 * run on another, a feed row asks that node to apply again every change made
 * since the reindex began). Searches keep being answered, from a partial index
 * until it completes.
 */
export const reindexKnowledge = async ({
  onProgress,
  payload,
}: {
  payload: Payload
  onProgress?: (progress: ReindexProgress) => void
}): Promise<ReindexReport> => {
  const runtime = searchRuntimeOf(payload)
  await ensureIndexOnce(payload)
  const startedAt = new Date().toISOString()
  const report = runtime.writes.run(() => rebuild({ engine: runtime.engine, onProgress, payload }))
  // A full rebuild is also the embedded engine's first fill.
  if (runtime.engine.kind === 'embedded' && !runtime.populated) {
    const filled = report.then(() => undefined)
    runtime.populated = filled
    filled.catch(() => {
      if (runtime.populated === filled) runtime.populated = null
    })
  }
  if (runtime.engine.kind === 'embedded') return report
  const done = await report
  await payload.create({
    collection: searchChangesSlug,
    data: { target: replayTarget, targetId: startedAt },
    depth: 0,
    overrideAccess: true,
  })
  return done
}

/**
 * An editor or admin rebuilds the search index from the database (the admin
 * button and `POST /api/entraide/reindex`).
 * @throws NotSignedInError (401) for anonymous callers, ForbiddenActionError (403) for other roles.
 */
export const reindexSearch = async ({ req }: { req: PayloadRequest }): Promise<ReindexReport> => {
  const actor = actorFromRequest(req)
  if (!actor) throw new NotSignedInError()
  if (!canManageCatalogue(actor)) throw new ForbiddenActionError('Only editors and admins rebuild the search index.')
  return reindexKnowledge({ payload: req.payload })
}
