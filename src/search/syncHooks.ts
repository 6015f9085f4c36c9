import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionConfig, PayloadRequest } from 'payload'

import { idOf, isRecord, type ID } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { isKnowledgeCollection } from './documents.ts'
import { searchRuntimeOf } from './engineRegistry.ts'
import { recordSearchChange } from './feed.ts'
import type { SyncTarget } from './sync.ts'
import { runSyncJobsAfterCommit, searchSyncQueue, searchSyncTaskSlug } from './syncRunner.ts'

/** Where a request remembers the targets it queued, so each is queued once per request. */

/** Set `context: { skipSearchSync: true }` on a write to queue no sync job for it (bulk imports followed by a reindex). */
export const skipSearchSyncKey = 'skipSearchSync'

// Keyed by the request's context, which every Local API call made with the
// request shares: one request queues each target once.
const queuedTargets = new WeakMap<object, Set<string>>()

const queuedTargetsOf = (req: PayloadRequest): Set<string> => {
  const existing = queuedTargets.get(req.context)
  if (existing) return existing
  const created = new Set<string>()
  queuedTargets.set(req.context, created)
  return created
}

/**
 * Records the change of `target` in the search change feed, in the
 * transaction of `req`, so the change exists exactly when the write does
 * (the outbox): every app process applies it to its embedded index (this one
 * once the transaction is committed, in `'auto'` mode). With Meilisearch, a
 * sync job is queued in the same transaction too, and run once the
 * transaction is committed: one process feeds the shared server, with
 * retries. A target already recorded by this request is not recorded again:
 * one change reads the final state.
 */
export const queueSearchSync = async ({ req, target }: { req: PayloadRequest; target: SyncTarget }): Promise<void> => {
  if (req.context[skipSearchSyncKey] === true) return
  const queued = queuedTargetsOf(req)
  const key = `${target.collection}:${target.id}`
  if (queued.has(key)) return
  queued.add(key)
  await recordSearchChange({ req, target })
  if (searchRuntimeOf(req.payload).engine.kind === 'embedded') return
  await req.payload.jobs.queue({
    input: { collection: target.collection, id: target.id },
    queue: searchSyncQueue,
    req,
    task: searchSyncTaskSlug,
  })
  if (optionsOf(req.payload).search.runSyncJobs === 'auto') runSyncJobsAfterCommit(req)
}

/** Which sync target a document of a collection concerns. */
type TargetOf = (doc: unknown) => SyncTarget | null

const itself =
  (collection: SyncTarget['collection']): TargetOf =>
  (doc) => {
    const id = isRecord(doc) ? idOf(doc.id) : null
    return id === null ? null : { collection, id }
  }

// An answer appears in the index through its thread.
const threadOfAnswer: TargetOf = (doc) => {
  const id = isRecord(doc) ? idOf(doc.thread) : null
  return id === null ? null : { collection: 'threads', id }
}

const targetsBySlug: Record<string, TargetOf> = {
  agencies: itself('agencies'),
  answers: threadOfAnswer,
  guides: itself('guides'),
  procedures: itself('procedures'),
  threads: itself('threads'),
  tips: itself('tips'),
  'wiki-pages': itself('wiki-pages'),
}

/**
 * After a create or update (drafts included: the job reads the published
 * version, so a draft changes nothing in the index), queues the sync of what
 * the document concerns.
 */
export const syncSearchAfterChange =
  (targetOf: TargetOf): CollectionAfterChangeHook =>
  async ({ doc, req }) => {
    const target = targetOf(doc)
    if (target) await queueSearchSync({ req, target })
  }

/** After a delete, queues the sync that removes the document (or rewrites the thread of a deleted answer). */
export const syncSearchAfterDelete =
  (targetOf: TargetOf): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    const target = targetOf(doc)
    if (target) await queueSearchSync({ req, target })
  }

/**
 * The collection with the sync hooks it needs, if it feeds the index
 * (procedures, guides, wiki pages, tips, threads, answers, agencies);
 * otherwise unchanged. The hooks go last, after the collection's own.
 */
export const withSearchSync = (collection: CollectionConfig): CollectionConfig => {
  const targetOf = targetsBySlug[collection.slug]
  if (!targetOf) return collection
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), syncSearchAfterChange(targetOf)],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), syncSearchAfterDelete(targetOf)],
    },
  }
}

/**
 * For `onSystemWrite`: system writes on versioned collections (scores,
 * verification) go straight to the database without hooks, so they queue
 * their sync here. On other collections the hooks already did (the request
 * queues each target once).
 */
export const syncSearchAfterSystemWrite = async ({
  collection,
  id,
  req,
}: {
  req: PayloadRequest
  collection: string
  id: ID
}): Promise<void> => {
  if (collection === 'agencies' || isKnowledgeCollection(collection)) {
    await queueSearchSync({ req, target: { collection, id } })
  }
}
