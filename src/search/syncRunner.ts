import type { TaskConfig } from 'payload'

import { searchChangesSlug } from '../collections/SearchChanges.ts'
import { parseSyncTarget } from './sync.ts'

/** The jobs queue where earlier versions queued a sync job per write (Meilisearch). */
export const searchSyncQueue = 'entraide-search'

/** The slug of the sync task of earlier versions. */
export const searchSyncTaskSlug = 'entraide-search-sync'

/**
 * The sync task of earlier versions, kept registered so that databases keep
 * its jobs valid: on PostgreSQL the task slugs are an enum, and removing one
 * would make the nodes of the previous version fail every write while a
 * rolling deploy runs (they queue it in the write's transaction), and the
 * migration fail on the jobs they left. Nothing queues it any more; the node
 * that feeds Meilisearch turns the jobs left in the queue into feed rows and
 * deletes them (`meilisearchConsumer.ts`). A job run anyway (a worker of the
 * host) does the same for its own target.
 */
export const legacySearchSyncTask = (): TaskConfig<{ input: { collection: string; id: string }; output: object }> => ({
  handler: async ({ input, req }) => {
    const target = parseSyncTarget(input)
    if (target) {
      await req.payload.create({
        collection: searchChangesSlug,
        data: { target: target.collection, targetId: String(target.id) },
        depth: 0,
        overrideAccess: true,
        req,
      })
    }
    return { output: {} }
  },
  inputSchema: [
    { name: 'collection', required: true, type: 'text' },
    { name: 'id', required: true, type: 'text' },
  ],
  label: 'Entraide: update the search index (earlier versions)',
  retries: 0,
  slug: searchSyncTaskSlug,
})
