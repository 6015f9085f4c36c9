import type { JobsConfig, Payload, PayloadRequest } from 'payload'

import { perPayload } from '../search/engineRegistry.ts'
import { afterTransaction } from './afterTransaction.ts'
import { isRecord } from './ids.ts'

type RunnerState = {
  isStopped: boolean
  isRequested: boolean
  running: Promise<void> | null
  retryTimer: ReturnType<typeof setTimeout> | null
}

/** Jobs taken per run; the runner loops while there is more to do. */
const jobsPerRun = 50

export type QueueRunnerOptions = {
  /** The Payload jobs queue this runner runs. */
  queue: string
  /** Names the runner in its log lines ("Entraide search sync"). */
  logName: string
  /**
   * When another run follows in the same drain: `'full-run'` when a run came
   * back full, `'any-job'` when a run ran anything (jobs that queue jobs of
   * their own, such as a fan-out queueing its emails).
   */
  continueAfter: 'full-run' | 'any-job'
  /** Whether a retry is scheduled after every drain, or only after one in which a job failed. */
  scheduleRetries: 'always' | 'after-failure'
  /** Work done after each drain that ran jobs (deleting completed jobs, say). */
  afterDrain?: (payload: Payload) => Promise<void>
}

/** One background runner of a jobs queue, per Payload instance. */
export type QueueRunner = {
  /**
   * Runs the queue in the background now, or once more after the run under
   * way: requests never wait for it, and a burst of writes is handled by a
   * few runs rather than one per write. Failures are logged, never thrown.
   */
  request: (payload: Payload) => void
  /**
   * Runs the queue once the transaction of `req` has ended: a job queued in
   * it is only visible after the commit, and a rolled-back write left none.
   * Without a transaction it runs at once.
   */
  runAfterCommit: (req: PayloadRequest) => void
  /** Resolves once no background run is going (tests, benchmarks). */
  waitForRuns: (payload: Payload) => Promise<void>
  /**
   * Stops running the queue in the background (shutdown): no new run starts,
   * the pending retry timer is dropped, and the run under way is awaited.
   * Queued jobs stay in the database for the next start.
   */
  stop: (payload: Payload) => Promise<void>
}

/**
 * An `afterDrain` that deletes the queue's completed jobs (they are done with
 * and would only grow the table); a failure is logged and retried after the
 * next drain.
 */
export const deleteCompletedJobs =
  (queue: string, logName: string) =>
  async (payload: Payload): Promise<void> => {
    await payload
      .delete({
        collection: 'payload-jobs',
        depth: 0,
        overrideAccess: true,
        where: { and: [{ queue: { equals: queue } }, { completedAt: { exists: true } }] },
      })
      .catch((error: unknown) => {
        payload.logger.warn({ err: error, msg: `${logName}: completed jobs could not be deleted; retried later.` })
      })
  }

/** A background runner of one Payload jobs queue: see `QueueRunner`. */
export const createQueueRunner = ({
  afterDrain,
  continueAfter,
  logName,
  queue,
  scheduleRetries,
}: QueueRunnerOptions): QueueRunner => {
  const runnerOf = perPayload<RunnerState>(`queue-runner:${queue}`, () => ({
    isRequested: false,
    isStopped: false,
    retryTimer: null,
    running: null,
  }))

  // When the earliest job backing off is due, run again: retries then follow
  // each job's exponential backoff rather than the cron's minute.
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
          { queue: { equals: queue } },
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
        request(payload)
      },
      Math.max(0, due - Date.now()) + 10,
    )
    state.retryTimer.unref?.()
  }

  const drain = async (payload: Payload, state: RunnerState): Promise<void> => {
    let ran = 0
    let hasFailures = false
    while (state.isRequested && !state.isStopped) {
      state.isRequested = false
      const result = await payload.jobs.run({ limit: jobsPerRun, queue, sequential: true, silent: { info: true } })
      const statuses = Object.values(result.jobStatus ?? {})
      ran += statuses.length
      if (statuses.some(({ status }) => status !== 'success')) hasFailures = true
      if (continueAfter === 'any-job' ? statuses.length > 0 : statuses.length >= jobsPerRun) state.isRequested = true
    }
    if (state.isStopped) return
    if (ran > 0) await afterDrain?.(payload)
    if (scheduleRetries === 'always' || hasFailures) await scheduleRetry(payload, state)
  }

  const request = (payload: Payload): void => {
    const state = runnerOf(payload)
    if (state.isStopped) return
    state.isRequested = true
    if (state.running) return
    state.running = drain(payload, state)
      .catch((error: unknown) => {
        payload.logger.error({ err: error, msg: `${logName}: running the queue failed; the cron will retry.` })
      })
      .finally(() => {
        state.running = null
        if (state.isRequested) request(payload)
      })
  }

  // Requests already watched for the end of their transaction: a transaction
  // that queues many jobs (an import, a seed) is watched once, not once per job.
  const watchedRequests = new WeakSet<PayloadRequest>()

  const runAfterCommit = (req: PayloadRequest): void => {
    if (watchedRequests.has(req)) return
    watchedRequests.add(req)
    afterTransaction(req, () => {
      watchedRequests.delete(req)
      request(req.payload)
    })
  }

  const waitForRuns = async (payload: Payload): Promise<void> => {
    const state = runnerOf(payload)
    while (state.running) await state.running
  }

  const stop = async (payload: Payload): Promise<void> => {
    const state = runnerOf(payload)
    state.isStopped = true
    state.isRequested = false
    if (state.retryTimer) clearTimeout(state.retryTimer)
    state.retryTimer = null
    await waitForRuns(payload)
  }

  return { request, runAfterCommit, stop, waitForRuns }
}

/** One entry of `jobs.autoRun` (Payload does not export its name). */
type AutorunCronConfig = Extract<NonNullable<JobsConfig['autoRun']>, unknown[]>[number]

/**
 * The host's `jobs.autoRun` with a backstop cron for `queue` added (up to 100
 * jobs a run), whatever form the host gave it; left as it is in `'manual'` mode.
 */
export const withBackstopCron = (
  hostAutoRun: JobsConfig['autoRun'],
  { cron, mode, queue }: { cron: string; mode: 'auto' | 'manual'; queue: string },
): JobsConfig['autoRun'] => {
  if (mode === 'manual') return hostAutoRun
  const backstop: AutorunCronConfig = { cron, limit: 100, queue, silent: { info: true } }
  if (hostAutoRun === undefined) return [backstop]
  if (typeof hostAutoRun === 'function') return async (payload) => [...(await hostAutoRun(payload)), backstop]
  return [...hostAutoRun, backstop]
}
