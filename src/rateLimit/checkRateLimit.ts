import type { RateLimitStore } from './store.ts'

/** A limit: at most `limit` hits per window of `windowMs` milliseconds. */
export type RateLimitRule = { limit: number; windowMs: number }

/** The verdict on one hit. */
export type RateLimitResult = {
  isAllowed: boolean
  /** Seconds to wait before trying again, for the `Retry-After` header; 0 when allowed. */
  retryAfterSeconds: number
  /** Hits still allowed in the current window. */
  remaining: number
  limit: number
  /** Seconds until the current window closes. */
  resetAfterSeconds: number
}

/**
 * Records one hit for `key` and says whether it is within `limit` hits per
 * `windowMs`. Refused hits count too, so a client that keeps hammering stays
 * refused until the window closes, and no longer. A `limit` of 0 refuses everything.
 */
export async function checkRateLimit({
  store,
  key,
  limit,
  windowMs,
}: { store: RateLimitStore; key: string } & RateLimitRule): Promise<RateLimitResult> {
  const { count, msBeforeReset } = await store.hit(key, windowMs)
  const isAllowed = count <= limit
  const resetAfterSeconds = Math.max(1, Math.ceil(msBeforeReset / 1000))
  return {
    isAllowed,
    retryAfterSeconds: isAllowed ? 0 : resetAfterSeconds,
    remaining: Math.max(0, limit - count),
    limit,
    resetAfterSeconds,
  }
}
