import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionConfig, PayloadRequest } from 'payload'

import { idOf, isRecord, type ID } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { isKnowledgeCollection } from './documents.ts'
import { afterTransaction } from '../utilities/afterTransaction.ts'
import { recordSearchChange } from './feed.ts'
import { applyCommittedChanges, isFedByConsumer } from './meilisearchConsumer.ts'
import type { SyncTarget } from './sync.ts'

/** Set `context: { skipSearchSync: true }` on a write to record no search change for it (bulk imports followed by a reindex). */
export const skipSearchSyncKey = 'skipSearchSync'

// Keyed by the request's context, which every Local API call made with the
// request shares: one request records each target once.
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
 * (the outbox). With the embedded engine every app process applies it to
 * its index (this one once the transaction is committed, in `'auto'`
 * mode); with Meilisearch the node that holds the lease applies it (at once
 * when it is this one). A target already recorded by this request is not
 * recorded again: one change reads the final state.
 */
export const queueSearchSync = async ({ req, target }: { req: PayloadRequest; target: SyncTarget }): Promise<void> => {
  if (req.context[skipSearchSyncKey] === true) return
  const queued = queuedTargetsOf(req)
  const key = `${target.collection}:${target.id}`
  if (queued.has(key)) return
  queued.add(key)
  await recordSearchChange({ req, target })
  if (isFedByConsumer(req.payload) && optionsOf(req.payload).search.runSyncJobs === 'auto') {
    const { payload } = req
    afterTransaction(req, ({ hasEnded }) => {
      if (hasEnded) applyCommittedChanges(payload)
    })
  }
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
 * After a create or update (drafts included: applying the change reads the
 * published version, so a draft changes nothing in the index), records the
 * change of what the document concerns.
 */
export const syncSearchAfterChange =
  (targetOf: TargetOf): CollectionAfterChangeHook =>
  async ({ doc, req }) => {
    const target = targetOf(doc)
    if (target) await queueSearchSync({ req, target })
  }

/** After a delete, records the change that removes the document (or rewrites the thread of a deleted answer). */
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
 * verification) go straight to the database without hooks, so they record
 * their change here. On other collections the hooks already did (the request
 * records each target once).
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
