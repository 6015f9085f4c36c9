import type { Payload, PayloadRequest } from 'payload'

import { perPayload } from '../search/engineRegistry.ts'
import { isRecord } from '../utilities/ids.ts'

/** The jobs queue of notification jobs: `payload.jobs.run({ queue: notificationQueue })` runs them. */
export const notificationQueue = 'entraide-notifications'

type RunnerState = {
  isStopped: boolean
  isRequested: boolean
  running: Promise<void> | null
  retryTimer: ReturnType<typeof setTimeout> | null
}

const runnerOf = perPayload<RunnerState>('notification-runner', () => ({
  isRequested: false,
  isStopped: false,
  retryTimer: null,
  running: null,
}))

const jobsPerRun = 50
const commitPollMs = 2
const commitWaitMs = 60_000

// Retries follow each job's own backoff: the runner wakes when the earliest is due.
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
        { queue: { equals: notificationQueue } },
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
  if (!Number.isFinite(due) || state.isStopped) return
  if (state.retryTimer) clearTimeout(state.retryTimer)
  state.retryTimer = setTimeout(
    () => {
      state.retryTimer = null
      requestNotificationRun(payload)
    },
    Math.max(0, due - Date.now()) + 10,
  )
  state.retryTimer.unref?.()
}

const pruneCompleted = async (payload: Payload): Promise<void> => {
  await payload
    .delete({
      collection: 'payload-jobs',
      depth: 0,
      overrideAccess: true,
      where: { and: [{ queue: { equals: notificationQueue } }, { completedAt: { exists: true } }] },
    })
    .catch((error: unknown) => {
      payload.logger.warn({ err: error, msg: 'Entraide notifications: completed jobs could not be deleted; retried later.' })
    })
}

const drain = async (payload: Payload, state: RunnerState): Promise<void> => {
  let ran = 0
  while (state.isRequested && !state.isStopped) {
    state.isRequested = false
    const result = await payload.jobs.run({ limit: jobsPerRun, queue: notificationQueue, sequential: true, silent: { info: true } })
    const statuses = Object.values(result.jobStatus ?? {})
    ran += statuses.length
    // Jobs queued by the jobs just run (emails of a fan-out) are picked up by the next loop.
    if (statuses.length > 0) state.isRequested = true
  }
  if (ran > 0 && !state.isStopped) await pruneCompleted(payload)
  if (!state.isStopped) await scheduleRetry(payload, state)
}

/**
 * Runs the notification queue in the background now, or once more after the
 * run under way: requests never wait for deliveries. Failures are logged.
 */
export const requestNotificationRun = (payload: Payload): void => {
  const state = runnerOf(payload)
  if (state.isStopped) return
  state.isRequested = true
  if (state.running) return
  state.running = drain(payload, state)
    .catch((error: unknown) => {
      payload.logger.error({ err: error, msg: 'Entraide notifications: running the queue failed; the cron will retry.' })
    })
    .finally(() => {
      state.running = null
      if (state.isRequested) requestNotificationRun(payload)
    })
}

const watched = new WeakSet<PayloadRequest>()

/**
 * Runs the queue once the transaction of `req` has ended, so the jobs it
 * queued are visible; a rolled-back write left no job, and so notifies no one.
 */
export const runNotificationsAfterCommit = (req: PayloadRequest): void => {
  if (watched.has(req)) return
  watched.add(req)
  const { payload } = req
  const startedAt = Date.now()
  const check = (): void => {
    void Promise.resolve(req.transactionID).then((transactionID: unknown) => {
      const waited = Date.now() - startedAt
      // Only a string or a number is an open transaction (see the search runner).
      const isOpen = typeof transactionID === 'string' || typeof transactionID === 'number'
      if (!isOpen || waited > commitWaitMs) {
        watched.delete(req)
        requestNotificationRun(payload)
        return
      }
      setTimeout(check, waited < 100 ? commitPollMs : 25).unref?.()
    })
  }
  setImmediate(check)
}

/** Resolves once no background run is going and none is requested (tests, benchmarks). */
export const waitForNotificationRuns = async (payload: Payload): Promise<void> => {
  const state = runnerOf(payload)
  while (state.running) await state.running
}

/** Stops background runs (shutdown); queued jobs stay for the next start. */
export const stopNotificationRuns = async (payload: Payload): Promise<void> => {
  const state = runnerOf(payload)
  state.isStopped = true
  state.isRequested = false
  if (state.retryTimer) clearTimeout(state.retryTimer)
  state.retryTimer = null
  await waitForNotificationRuns(payload)
}
