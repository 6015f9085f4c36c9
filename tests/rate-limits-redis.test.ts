// Database: SQLite is enough (the counts live in Redis, not in the database)
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:net'

import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { redisRateLimitStore, type RedisRateLimitStore } from 'entraide/redis'
import { optionsOf } from '../src/utilities/pluginOptions.ts'
import { errorOf } from './helpers/fixtures.ts'
import { isRedisUp, testRedisUrl } from './helpers/redis.ts'
import { startSearchApp } from './search/searchApp.ts'

const redisUrl = testRedisUrl

const redisAvailable = await isRedisUp()
const suffix = redisAvailable
  ? `against ${redisUrl}`
  : `— SKIPPED: no Redis answers at ${redisUrl} (start one, or set TEST_REDIS_URL)`

/** A port nothing listens on: one the system just gave out and that was closed again. */
const closedPort = async (): Promise<number> => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no port')
  return address.port
}

/** An admin connection to look at and delete the keys each test made under its own prefix. */
let admin: Redis
const prefixes: string[] = []
/** A key prefix of its own for one test, whose keys are deleted after the file. */
const newPrefix = (): string => {
  const prefix = `entraide-test-${randomUUID()}`
  prefixes.push(prefix)
  return prefix
}
const keysUnder = (prefix: string): Promise<string[]> => admin.keys(`${prefix}:*`)

const stores: RedisRateLimitStore[] = []
const newStore = (...args: Parameters<typeof redisRateLimitStore>): RedisRateLimitStore => {
  const store = redisRateLimitStore(...args)
  stores.push(store)
  return store
}

beforeAll(() => {
  if (!redisAvailable) return
  admin = new Redis(redisUrl)
})
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()))
  if (!admin) return
  for (const prefix of prefixes) {
    const keys = await keysUnder(prefix)
    if (keys.length > 0) await admin.del(...keys)
  }
  admin.disconnect()
})

describe.skipIf(!redisAvailable)(`the Redis rate-limit store ${suffix}`, () => {
  it('counts hits in a fixed window that a later hit’s windowMs does not change', async () => {
    const store = newStore({ url: redisUrl }, { keyPrefix: newPrefix() })
    const first = await store.hit('entraide:rl:search:ip:a', 60_000)
    expect(first.count).toBe(1)
    expect(first.msBeforeReset).toBeGreaterThan(59_000)
    expect(first.msBeforeReset).toBeLessThanOrEqual(60_000)
    const second = await store.hit('entraide:rl:search:ip:a', 1000)
    expect(second.count).toBe(2)
    expect(second.msBeforeReset).toBeGreaterThan(58_000)
    // Another key has its own count.
    expect((await store.hit('entraide:rl:search:ip:b', 60_000)).count).toBe(1)
  })

  it('keeps windows to the millisecond, under a second too, as sign-in delays open them', async () => {
    const store = newStore({ url: redisUrl }, { keyPrefix: newPrefix() })
    const wait = await store.hit('entraide:rl:signInDelay:wait:x', 1500)
    expect(wait.msBeforeReset).toBeGreaterThan(1000)
    expect(wait.msBeforeReset).toBeLessThanOrEqual(1500)
    const short = await store.hit('entraide:rl:short', 300)
    expect(short.msBeforeReset).toBeLessThanOrEqual(300)
    expect((await store.hit('entraide:rl:short', 300)).count).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 450))
    // The window closed: counting starts again, in a window of its own.
    const after = await store.hit('entraide:rl:short', 300)
    expect(after).toMatchObject({ count: 1 })
    expect(after.msBeforeReset).toBeGreaterThan(100)
  })

  it('forgets a key on reset, in Redis too', async () => {
    const prefix = newPrefix()
    const store = newStore({ url: redisUrl }, { keyPrefix: prefix })
    await store.hit('entraide:rl:signIn:user:acc', 60_000)
    await store.hit('entraide:rl:signIn:user:acc', 60_000)
    expect(await keysUnder(prefix)).toEqual([`${prefix}:entraide:rl:signIn:user:acc`])
    await store.reset('entraide:rl:signIn:user:acc')
    expect(await keysUnder(prefix)).toEqual([])
    expect((await store.hit('entraide:rl:signIn:user:acc', 60_000)).count).toBe(1)
  })

  it('gives concurrent hits from two nodes (two stores, two connections) each a count of its own', async () => {
    const prefix = newPrefix()
    const nodeA = newStore({ url: redisUrl }, { keyPrefix: prefix })
    const hostClient = new Redis(redisUrl)
    const nodeB = newStore({ client: hostClient }, { keyPrefix: prefix })
    try {
      const hits = await Promise.all(
        Array.from({ length: 100 }, (_, index) =>
          (index % 2 === 0 ? nodeA : nodeB).hit('entraide:rl:votes:ip:shared', 60_000),
        ),
      )
      expect(hits.map(({ count }) => count).sort((left, right) => left - right)).toEqual(
        Array.from({ length: 100 }, (_, index) => index + 1),
      )
      // Closing a store leaves the host’s client to the host.
      await nodeB.close()
      expect(hostClient.status).toBe('ready')
      await expect(nodeB.hit('entraide:rl:votes:ip:shared', 60_000)).rejects.toThrow(/closed/)
    } finally {
      hostClient.disconnect()
    }
  })

  it('fails fast, with a message saying Redis did not answer, when Redis is unreachable', async () => {
    const store = newStore({ url: `redis://127.0.0.1:${await closedPort()}` })
    const startedAt = Date.now()
    await expect(store.hit('entraide:rl:search:ip:a', 60_000)).rejects.toThrow(/Redis did not answer/)
    await expect(store.reset('entraide:rl:search:ip:a')).rejects.toThrow(/Redis did not answer/)
    expect(Date.now() - startedAt).toBeLessThan(2000)
  })

  it('fails within its command timeout when Redis accepts connections but never answers', async () => {
    const silent: Server = createServer(() => {})
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const address = silent.address()
    const port = address !== null && typeof address !== 'string' ? address.port : 0
    const store = newStore({ url: `redis://127.0.0.1:${port}` }, { commandTimeoutMs: 300, connectTimeoutMs: 500 })
    try {
      // The first hit waits for the connection once (connectTimeoutMs), later ones not at all.
      const startedAt = Date.now()
      await expect(store.hit('entraide:rl:search:ip:a', 60_000)).rejects.toThrow(/Redis did not answer/)
      expect(Date.now() - startedAt).toBeLessThan(1500)
      const againAt = Date.now()
      await expect(store.hit('entraide:rl:search:ip:a', 60_000)).rejects.toThrow(/Redis did not answer/)
      expect(Date.now() - againAt).toBeLessThan(500)
    } finally {
      await store.close()
      silent.close()
    }
  })
})

describe.skipIf(!redisAvailable)(`two app nodes sharing Redis ${suffix}`, () => {
  const prefix = newPrefix()
  const limits = { search: { perIp: { limit: 3, windowMs: 60_000 }, perUser: false as const } }
  let nodeA: Awaited<ReturnType<typeof startSearchApp>>
  let nodeB: Awaited<ReturnType<typeof startSearchApp>>

  beforeAll(async () => {
    // Each node has its own store and connection, as two processes would.
    nodeA = await startSearchApp({
      rateLimitStore: newStore({ url: redisUrl }, { keyPrefix: prefix }),
      rateLimits: limits,
      trustedProxies: 1,
    })
    nodeB = await startSearchApp({
      rateLimitStore: newStore({ url: redisUrl }, { keyPrefix: prefix }),
      rateLimits: limits,
      trustedProxies: 1,
    })
  })
  afterAll(async () => {
    await nodeA?.close()
    await nodeB?.close()
  })

  it('refuses on node B a search over the limit reached through node A', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.20' }
    for (let index = 0; index < 3; index++) {
      expect((await nodeA.api('GET', '/entraide/search?q=passeport', { headers })).status).toBe(200)
    }
    const refused = await nodeB.api('GET', '/entraide/search?q=passeport', { headers })
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThan(50)
    expect(retryAfter).toBeLessThanOrEqual(60)
    const error = await errorOf(refused)
    expect(error.code).toBe('rate-limited')
    expect(error.message).toBe('Trop de recherches en peu de temps. Réessayez dans 1\u00a0minute.')
    // Another address still searches, on either node.
    expect(
      (await nodeB.api('GET', '/entraide/search?q=passeport', { headers: { 'x-forwarded-for': '198.51.100.21' } }))
        .status,
    ).toBe(200)
  })
})

describe.skipIf(!redisAvailable)(`the demo app with REDIS_URL set ${suffix}`, () => {
  let app: Awaited<ReturnType<typeof startSearchApp>> | undefined
  /** A /64 network of its own, so that the key this test makes is this test's alone. */
  const network = `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`.replace(/:0+(?=[0-9a-f])/g, ':')
  const key = `entraide:rl:search:ip:${network}::/64`

  afterAll(async () => {
    if (app) {
      const store = optionsOf(app.payload).rateLimitStore
      await app.close()
      if ('close' in store && typeof store.close === 'function') await store.close()
    }
    await admin?.del(key)
    vi.unstubAllEnvs()
  })

  it('counts rate limits in that Redis', async () => {
    vi.stubEnv('REDIS_URL', redisUrl)
    app = await startSearchApp({ rateLimits: { search: { perIp: { limit: 5, windowMs: 60_000 } } }, trustedProxies: 1 })
    const headers = { 'x-forwarded-for': `${network}::1` }
    expect((await app.api('GET', '/entraide/search?q=passeport', { headers })).status).toBe(200)
    expect(await admin.get(key)).toBe('1')
    const ttl = await admin.pttl(key)
    expect(ttl).toBeGreaterThan(50_000)
    expect(ttl).toBeLessThanOrEqual(60_000)
  })
})

describe.skipIf(!redisAvailable)(`an app whose Redis is unreachable ${suffix}`, () => {
  let app: Awaited<ReturnType<typeof startSearchApp>>

  beforeAll(async () => {
    app = await startSearchApp({
      rateLimitStore: newStore({ url: `redis://127.0.0.1:${await closedPort()}` }),
      rateLimits: { search: { perIp: { limit: 1, windowMs: 60_000 }, perUser: false } },
      trustedProxies: 1,
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('answers every search promptly, unlimited, and logs the failure once rather than per request', async () => {
    const errors = vi.spyOn(app.payload.logger, 'error').mockImplementation(() => undefined)
    try {
      const headers = { 'x-forwarded-for': '198.51.100.30' }
      for (let index = 0; index < 10; index++) {
        const startedAt = Date.now()
        expect((await app.api('GET', '/entraide/search?q=passeport', { headers })).status).toBe(200)
        // A search takes milliseconds here; a second would mean the request waited for Redis.
        expect(Date.now() - startedAt).toBeLessThan(1000)
      }
      const storeErrors = errors.mock.calls.filter((args) => JSON.stringify(args).includes('rate-limit store failed'))
      expect(storeErrors).toHaveLength(1)
      expect(JSON.stringify(storeErrors[0])).toContain('Logged at most once a minute')
    } finally {
      errors.mockRestore()
    }
  })
})
