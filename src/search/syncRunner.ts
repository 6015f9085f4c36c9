import type { Payload, PayloadRequest } from 'payload'

import { isRecord } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { perPayload } from './engineRegistry.ts'

/** The jobs queue of search sync jobs: `payload.jobs.run({ queue: searchSyncQueue })` runs them. */
export const searchSyncQueue = 'entraide-search'

/** The slug of the sync task. */
export const searchSyncTaskSlug = 'entraide-search-sync'

type RunnerState = {
  isStopped: boolean
  isRequested: boolean
  running: Promise<void> | null
  retryTimer: ReturnType<typeof setTimeout> | null
}

const runnerOf = perPayload<RunnerState>('runner', () => ({
  isRequested: false,
  isStopped: false,
  retryTimer: null,
  running: null,
}))

/** Jobs taken per run; the runner loops while runs come back full. */
const jobsPerRun = 50
/** How often a queued job's transaction is checked for its end. */
const commitPollMs = 2
/** After this, the runner starts anyway; the cron backstop covers a transaction that never ends. */
const commitWaitMs = 60_000

// When the earliest job backing off is due, run again: retries then follow
// the exponential backoff itself rather than the cron's minute.
const scheduleRetry = async (payload: Payload, state: RunnerState): Promise<void> => {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    sort: 'waitUntil',
    where: {
      and: [
        { queue: { equals: searchSyncQueue } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
        { processing: { equals: false } },
        { waitUntil: { exists: true } },
      ],
    },
  })
  const first: unknown = docs[0]
  const waitUntil = isRecord(first) ? first.waitUntil : null
  const due = typeof waitUntil === 'string' ? Date.parse(waitUntil) : Number.NaN
  if (!Number.isFinite(due)) return
  if (state.retryTimer) clearTimeout(state.retryTimer)
  state.retryTimer = setTimeout(
    () => {
      state.retryTimer = null
      requestSyncRun(payload)
    },
    Math.max(0, due - Date.now()) + 10,
  )
  state.retryTimer.unref?.()
}

const drain = async (payload: Payload, state: RunnerState): Promise<void> => {
  let hasFailures = false
  while (state.isRequested) {
    state.isRequested = false
    const result = await payload.jobs.run({
      limit: jobsPerRun,
      queue: searchSyncQueue,
      sequential: true,
      silent: { info: true },
    })
    const statuses = Object.values(result.jobStatus ?? {})
    if (statuses.some(({ status }) => status !== 'success')) hasFailures = true
    if (statuses.length >= jobsPerRun) state.isRequested = true
  }
  if (hasFailures) await scheduleRetry(payload, state)
}

/**
 * Runs the search sync queue in the background now, or once more after the
 * current run when one is going: writes never wait for the index, and a
 * burst of writes is handled by a few runs rather than one per write.
 * Failures are logged, never thrown.
 */
export const requestSyncRun = (payload: Payload): void => {
  const state = runnerOf(payload)
  if (state.isStopped) return
  state.isRequested = true
  if (state.running) return
  const running = drain(payload, state)
    .catch((error: unknown) => {
      payload.logger.error({ err: error, msg: 'Entraide search sync: running the queue failed; the cron will retry.' })
    })
    .finally(() => {
      state.running = null
      if (state.isRequested) requestSyncRun(payload)
    })
  state.running = running
}

// Requests already watched for the end of their transaction: a transaction
// that queues many jobs (an import, a seed) is watched once, not once per job.
const watchedRequests = new WeakSet<PayloadRequest>()

/**
 * Runs the sync queue once the transaction of `req` has ended: the job
 * queued in it is only visible to the runner after the commit. Without a
 * transaction (an adapter or a server without them) it runs at once.
 */
export const runSyncJobsAfterCommit = (req: PayloadRequest): void => {
  if (watchedRequests.has(req)) return
  watchedRequests.add(req)
  const { payload } = req
  const startedAt = Date.now()
  const check = (): void => {
    // A request's transaction id is a promise while it begins. Where the
    // adapter has no transactions (SQLite's unless `transactionOptions` is
    // set) that promise resolves to nothing and stays on the request, or
    // Payload's loader replaces it with its JSON copy, an empty object: only
    // a string or a number is a transaction still open.
    void Promise.resolve(req.transactionID).then((transactionID: unknown) => {
      const waited = Date.now() - startedAt
      const isOpen = typeof transactionID === 'string' || typeof transactionID === 'number'
      if (!isOpen || waited > commitWaitMs) {
        watchedRequests.delete(req)
        requestSyncRun(payload)
        return
      }
      // Most transactions end within milliseconds; long ones are checked less often.
      setTimeout(check, waited < 100 ? commitPollMs : 25).unref?.()
    })
  }
  setImmediate(check)
}

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
export const waitForSyncRuns = async (payload: Payload): Promise<void> => {
  const state = runnerOf(payload)
  while (state.running) await state.running
}

/**
 * Stops running the sync queue in the background (shutdown): no new run
 * starts, the pending retry timer is dropped, and the run under way is
 * awaited. Queued jobs stay in the database for the next start.
 */
export const stopSyncRuns = async (payload: Payload): Promise<void> => {
  const state = runnerOf(payload)
  state.isStopped = true
  state.isRequested = false
  if (state.retryTimer) clearTimeout(state.retryTimer)
  state.retryTimer = null
  await waitForSyncRuns(payload)
}

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
