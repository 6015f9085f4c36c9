import type { PayloadRequest } from 'payload'

import { RateLimitedError } from '../errors.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { describeRateLimit } from './describeRateLimit.ts'
import { accountKey, ipKeyOf, requestLocale } from './enforce.ts'
import { logStoreFailure } from './storeFailures.ts'

const second = 1000
const minute = 60 * second

/**
 * Progressive delays of sign-in attempts, per account tried and client
 * address: the first `freeAttempts` go through at once; after each later
 * one, the next must wait `firstDelayMs`, then twice as long, and so on up to
 * `maxDelayMs`. Attempts count for `windowMs`, or until a successful sign-in
 * from that address; refused attempts count too, so a script that ignores
 * `Retry-After` only waits longer.
 */
export const signInDelays = {
  freeAttempts: 5,
  firstDelayMs: second,
  maxDelayMs: 15 * minute,
  windowMs: 24 * 60 * minute,
} as const

/** The wait after the `attempt`-th attempt (1-based), before the next one. */
export const delayAfterAttempt = (attempt: number): number => {
  const { firstDelayMs, freeAttempts, maxDelayMs } = signInDelays
  if (attempt <= freeAttempts) return 0
  return Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(30, attempt - freeAttempts - 1))
}

/** The store keys of one account tried from one address (an unknown address shares one key). */
const delayKeys = (account: string, ipKey: string | undefined): { attempts: string; wait: string } => {
  const id = `${accountKey(account)}:${ipKey ?? 'unknown'}`
  return { attempts: `entraide:rl:signInDelay:attempts:${id}`, wait: `entraide:rl:signInDelay:wait:${id}` }
}

/**
 * Counts one sign-in or password-reset attempt of `account` from the
 * request's address and refuses it with 429 and `Retry-After` (via
 * `req.responseHeaders`, for Payload's error handler) while the wait set by
 * the previous attempt from that address lasts. Attempts from other
 * addresses are not slowed: the owner signs in from their own. Skipped for
 * the Local API and when rate limits are off; a store failure lets the
 * attempt through.
 *
 * The wait is a window opened in the store by an allowed attempt, whose
 * length is the delay that attempt earned; a hit inside it is refused.
 */
export const enforceSignInDelay = async ({ account, req }: { account: string | undefined; req: PayloadRequest }) => {
  if (req.payloadAPI === 'local' || account === undefined) return
  const options = optionsOf(req.payload)
  if (options.rateLimits === false) return
  const store = options.rateLimitStore
  const keys = delayKeys(account, ipKeyOf(req, options.clientIp))
  const refusal = await (async () => {
    const { count } = await store.hit(keys.attempts, signInDelays.windowMs)
    const delay = delayAfterAttempt(count)
    if (delay === 0) return null
    const wait = await store.hit(keys.wait, delay)
    return wait.count > 1 ? Math.max(1, Math.ceil(wait.msBeforeReset / second)) : null
  })().catch((error: unknown) => {
    logStoreFailure(req.payload, { error, msg: 'Entraide: the rate-limit store failed; sign-in not slowed.' })
    return null
  })
  if (refusal === null) return
  const headers = req.responseHeaders ?? new Headers()
  headers.set('Retry-After', String(refusal))
  req.responseHeaders = headers
  throw new RateLimitedError(
    refusal,
    describeRateLimit({ category: 'signIn', locale: requestLocale(req, options.locale), retryAfterSeconds: refusal }),
  )
}

/** Forgets the attempts of `account` from the request's address, after it signed in. Store failures are logged. */
export const clearSignInDelay = async ({ account, req }: { account: string; req: PayloadRequest }): Promise<void> => {
  const options = optionsOf(req.payload)
  if (options.rateLimits === false) return
  const keys = delayKeys(account, ipKeyOf(req, options.clientIp))
  await Promise.all([options.rateLimitStore.reset(keys.attempts), options.rateLimitStore.reset(keys.wait)]).catch(
    (error: unknown) => {
      logStoreFailure(req.payload, { error, msg: 'Entraide: the rate-limit store failed to reset sign-in delays.' })
    },
  )
}
