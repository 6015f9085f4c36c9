/** What a store answers when a hit is recorded. */
export type RateLimitHit = {
  /** Hits counted for the key in its current window, this one included. */
  count: number
  /** Milliseconds until the window closes and counting starts again from zero. */
  msBeforeReset: number
}

/**
 * Where hits are counted. The plugin ships an in-process store
 * (`MemoryRateLimitStore`) and a Redis one (`redisRateLimitStore` from
 * `entraide/redis`); several app nodes share limits by sharing one store.
 *
 * Contract, which every implementation must keep:
 * - `hit(key, windowMs)` counts one hit for `key` and returns the count in
 *   the key's current window with the time left in it. The first hit of a
 *   key, or the first after its window closed, opens a window of `windowMs`
 *   starting at that hit; later hits do not extend it (fixed windows).
 * - Counting is atomic: concurrent hits, from any node, each see a different
 *   count. With Redis: `SET key 0 PX windowMs NX`, `INCR key` and `PTTL key`
 *   in one Lua script.
 * - A window's length is the `windowMs` of the hit that opened it; hits inside
 *   it do not change it, whatever `windowMs` they pass. Most keys are always
 *   used with one `windowMs` (they embed their category); the waits of sign-in
 *   delays (`entraide:rl:signInDelay:wait:…`) are opened with the delay each
 *   attempt earned. `SET … PX … NX` does exactly this.
 * - `reset(key)` forgets the key, so its next hit opens a fresh window
 *   (used to clear failed sign-in attempts after a success).
 * - Both may reject when the backing service is unreachable; the caller decides
 *   whether to let the request through.
 */
export type RateLimitStore = {
  hit: (key: string, windowMs: number) => Promise<RateLimitHit>
  reset: (key: string) => Promise<void>
}
