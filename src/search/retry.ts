import type { Payload } from 'payload'

import { optionsOf } from '../utilities/pluginOptions.ts'

/** Longest wait between two tries while an engine fails. */
const maxRetryDelayMs = 30_000

/** What a follower of the change feed keeps of its failures in a row. */
export type FailureState = { failures: number; retryAt: number }

/**
 * Counts one more failure in a row and sets when to try again:
 * `search.retry.delayMs × 2^(n-1)`, at most 30 s. Only the first failure of
 * a row is logged, with `message`.
 */
export const noteFailure = (payload: Payload, state: FailureState, error: unknown, message: string): void => {
  state.failures += 1
  const delay = Math.min(maxRetryDelayMs, optionsOf(payload).search.retry.delayMs * 2 ** (state.failures - 1))
  state.retryAt = Date.now() + delay
  if (state.failures === 1) payload.logger.error({ err: error, msg: message })
}
