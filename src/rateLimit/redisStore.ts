import type { Redis, RedisOptions } from 'ioredis'
import { RateLimiterRedis } from 'rate-limiter-flexible'

import type { RateLimitHit, RateLimitStore } from './store.ts'

/** Where the Redis store connects: a URL (the store makes and owns its client) or the host's own ioredis client. */
export type RedisRateLimitStoreConnection =
  | {
      /** `redis://[:password@]host:6379[/db]` or `rediss://…` for TLS (the `REDIS_URL` variable). */
      url: string
    }
  | {
      /**
       * An ioredis client the host made and closes itself. Give it a short
       * `commandTimeout` and `enableOfflineQueue: false` (or a small
       * `maxRetriesPerRequest`): with ioredis's defaults a request waits while
       * Redis is unreachable instead of going through unlimited. The store
       * defines the script command `rlflxIncr` on it, as every
       * rate-limiter-flexible Redis limiter does: another such limiter on the
       * same client would replace that script with its own.
       */
      client: Redis
    }

/** Options of {@link redisRateLimitStore}. */
export type RedisRateLimitStoreOptions = {
  /**
   * Put before every key (`site-a` gives `site-a:entraide:rl:…`), for sites
   * that share one Redis database. The plugin's keys start with
   * `entraide:rl:` either way.
   * @default '' (no prefix)
   */
  keyPrefix?: string
  /**
   * For a client made from `url`: how long a command may wait for Redis's
   * answer before the hit fails and the request goes through unlimited.
   * @default 500
   */
  commandTimeoutMs?: number
  /**
   * For a client made from `url`: how long connecting may take.
   * @default 2000
   */
  connectTimeoutMs?: number
}

/** The Redis store: a `RateLimitStore`, and `close()` for the client it made. */
export type RedisRateLimitStore = RateLimitStore & {
  /**
   * Closes the client the store made from `url` (nothing to do for a client
   * the host passed: the host closes it). Hits after it fail.
   */
  close: () => Promise<void>
}

/**
 * The count-and-expire script given to rate-limiter-flexible in place of its
 * own. The library's script sets the expiry with `EX`, in whole seconds: a
 * 1,500 ms window would last 1 s, and one under a second would get no expiry
 * at all (the library then counts without a script and never expires the
 * key). This one sets it with `PX`, in milliseconds, and the store passes the
 * window in milliseconds where the library expects seconds (see `hit`), so
 * ARGV[2] holds the window's milliseconds. `SET … NX` opens a window only for
 * a key without one: a hit inside a window never changes its length,
 * whatever window it asks for (the contract of `RateLimitStore`).
 */
const countInWindowScript = `
redis.call('set', KEYS[1], 0, 'PX', ARGV[2], 'NX')
local count = redis.call('incrby', KEYS[1], ARGV[1])
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('pexpire', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {count, ttl}
`

/**
 * Loads `ioredis`, an optional peer dependency, when a store is made from a
 * URL. The import is left to Node at run time, so a site's bundler neither
 * needs the package nor bundles it; the package build keeps this file's
 * comments, which tell bundlers so.
 */
const loadIoredis = (): Promise<typeof import('ioredis')> =>
  import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ 'ioredis').catch((error: unknown) => {
    throw new Error(
      'Entraide: the Redis rate-limit store needs the "ioredis" package: install it in the site (npm install ioredis@^6), or leave REDIS_URL unset to count in memory.',
      { cause: error },
    )
  })

/** ioredis's own words ("Stream isn't writeable…") say little in a log: the store says what failed. */
const unanswered = (error: unknown): Error =>
  new Error(
    `Entraide: Redis did not answer the rate-limit store (${error instanceof Error ? error.message : String(error)}).`,
    { cause: error },
  )

type Connected = { client: Redis; limiter: RateLimiterRedis }

const limiterFor = (client: Redis, keyPrefix: string): RateLimiterRedis =>
  new RateLimiterRedis({
    customIncrTtlLuaScript: countInWindowScript,
    // Only the store's duration per hit matters (see `hit`); this one is never used.
    duration: 1,
    keyPrefix,
    // The store counts and never refuses: whether a count is over a limit is the caller's decision.
    points: Number.MAX_SAFE_INTEGER,
    storeClient: client,
  })

/** Waits until the new client is ready, or its first failure, or `timeoutMs`, whichever comes first. */
const firstConnection = (client: Redis, timeoutMs: number): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      client.off('ready', done)
      client.off('error', done)
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    client.once('ready', done)
    client.once('error', done)
  })

/**
 * A rate-limit store in Redis, shared by every app node connected to it, so a
 * limit reached through one node holds on all. Counting is rate-limiter-
 * flexible's `RateLimiterRedis` (one atomic script per hit); windows are fixed
 * and last, to the millisecond, the `windowMs` of the hit that opened them.
 *
 * Made from a URL, the store connects on its first hit and fails fast when
 * Redis is unreachable (no offline queue, a short command timeout): the
 * plugin then lets requests through and logs the failure, at most once a
 * minute. Made from the host's client, it uses that client as it is.
 *
 * @example
 * import { redisRateLimitStore } from 'entraide/redis'
 * entraidePlugin({ rateLimitStore: redisRateLimitStore({ url: process.env.REDIS_URL }), trustedProxies: 1 })
 */
export const redisRateLimitStore = (
  connection: RedisRateLimitStoreConnection,
  { commandTimeoutMs = 500, connectTimeoutMs = 2000, keyPrefix = '' }: RedisRateLimitStoreOptions = {},
): RedisRateLimitStore => {
  const ownsClient = 'url' in connection
  let connected: Promise<Connected> | undefined
  let isClosed = false
  const connect = (): Promise<Connected> => {
    connected ??=
      'client' in connection
        ? Promise.resolve({ client: connection.client, limiter: limiterFor(connection.client, keyPrefix) })
        : (async () => {
            const { Redis } = await loadIoredis()
            const options: RedisOptions = {
              commandTimeout: commandTimeoutMs,
              connectTimeout: connectTimeoutMs,
              // While Redis is unreachable a hit fails at once rather than waiting in a queue.
              enableOfflineQueue: false,
              maxRetriesPerRequest: 1,
            }
            const client = new Redis(connection.url, options)
            // Without a listener ioredis prints every failed reconnection; failures reach the
            // plugin through the hits instead, which logs them at most once a minute.
            client.on('error', () => {})
            // The first hits of a fresh store would fail while it connects: they wait for it, once.
            await firstConnection(client, connectTimeoutMs)
            return { client, limiter: limiterFor(client, keyPrefix) }
          })()
    return connected
  }
  return {
    hit: async (key: string, windowMs: number): Promise<RateLimitHit> => {
      if (isClosed) throw new Error('Entraide: this Redis rate-limit store is closed.')
      const { limiter } = await connect()
      // The library turns its duration in seconds into milliseconds and back to whole seconds
      // before the script; given the window's milliseconds as "seconds", the script receives
      // them intact (see countInWindowScript).
      const result = await limiter
        .penalty(key, 1, { customDuration: Math.max(1, Math.ceil(windowMs)) })
        .catch((error: unknown) => {
          throw unanswered(error)
        })
      return { count: result.consumedPoints, msBeforeReset: Math.max(0, result.msBeforeNext) }
    },
    reset: async (key: string): Promise<void> => {
      if (isClosed) throw new Error('Entraide: this Redis rate-limit store is closed.')
      const { limiter } = await connect()
      await limiter.delete(key).catch((error: unknown) => {
        throw unanswered(error)
      })
    },
    close: async () => {
      isClosed = true
      if (!ownsClient || connected === undefined) return
      const { client } = await connected
      await client.quit().catch(() => client.disconnect())
    },
  }
}
