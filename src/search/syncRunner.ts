import type { Payload } from 'payload'

import { optionsOf } from '../utilities/pluginOptions.ts'
import { createQueueRunner } from '../utilities/queueRunner.ts'

/** The jobs queue of search sync jobs: `payload.jobs.run({ queue: searchSyncQueue })` runs them. */
export const searchSyncQueue = 'entraide-search'

/** The slug of the sync task. */
export const searchSyncTaskSlug = 'entraide-search-sync'

const runner = createQueueRunner({
  continueAfter: 'full-run',
  logName: 'Entraide search sync',
  queue: searchSyncQueue,
  scheduleRetries: 'after-failure',
})

/**
 * Runs the search sync queue in the background now, or once more after the
 * current run when one is going: writes never wait for the index.
 */
export const requestSyncRun = runner.request

/**
 * Runs the sync queue once the transaction of `req` has ended: the job
 * queued in it is only visible to the runner after the commit.
 */
export const runSyncJobsAfterCommit = runner.runAfterCommit

/** Completed sync jobs are deleted at most this often. */
const pruneEveryMs = 5000
const lastPrunedAt = new WeakMap<Payload, number>()

/**
 * Deletes the completed jobs of the sync queue (Payload's own deletion is
 * switched off: it writes outside a transaction), at most every few seconds.
 * A failure is logged; the rows are deleted next time.
 */
export const pruneCompletedSyncJobs = async (payload: Payload): Promise<void> => {
  const now = Date.now()
  if (now - (lastPrunedAt.get(payload) ?? 0) < pruneEveryMs) return
  lastPrunedAt.set(payload, now)
  await payload
    .delete({
      collection: 'payload-jobs',
      depth: 0,
      overrideAccess: true,
      where: { and: [{ queue: { equals: searchSyncQueue } }, { completedAt: { exists: true } }] },
    })
    .catch((error: unknown) => {
      payload.logger.warn({ err: error, msg: 'Entraide search sync: completed jobs could not be deleted; retried later.' })
    })
}

/** Resolves once no background run of the sync queue is going (tests, benchmarks). */
export const waitForSyncRuns = runner.waitForRuns

/** Stops running the sync queue in the background (shutdown); queued jobs stay for the next start. */
export const stopSyncRuns = runner.stop

/**
 * Once the engine answers again, lets every sync job still backing off (or
 * given up after its last retry) run at once, and starts a run: the changes
 * made during an outage land as soon as it ends, not at their next retry.
 */
export const releaseWaitingSyncJobs = async (payload: Payload): Promise<void> => {
  const now = new Date().toISOString()
  await payload.update({
    collection: 'payload-jobs',
    data: { hasError: false, waitUntil: null },
    depth: 0,
    overrideAccess: true,
    where: {
      and: [
        { queue: { equals: searchSyncQueue } },
        { completedAt: { exists: false } },
        { processing: { equals: false } },
        { or: [{ waitUntil: { greater_than: now } }, { hasError: { equals: true } }] },
      ],
    },
  })
  if (optionsOf(payload).search.runSyncJobs === 'auto') requestSyncRun(payload)
}
