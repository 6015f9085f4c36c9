import type { Payload } from 'payload'
import { describe, expect, it, vi } from 'vitest'

import { checkCategoryRateLimit, rateLimitKey } from '../src/rateLimit/checkCategoryRateLimit.ts'
import { checkRateLimit } from '../src/rateLimit/checkRateLimit.ts'
import { clientIpKey, getClientIp } from '../src/rateLimit/clientIp.ts'
import { describeRateLimit } from '../src/rateLimit/describeRateLimit.ts'
import { defaultRateLimits, resolveRateLimits } from '../src/rateLimit/limits.ts'
import { MemoryRateLimitStore } from '../src/rateLimit/memoryStore.ts'
import type { RateLimitStore } from '../src/rateLimit/store.ts'
import { logStoreFailure, logStoreRecovery } from '../src/rateLimit/storeFailures.ts'

/** A clock the test moves by hand. */
function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start
  return { now: () => time, advance: (ms) => (time += ms) }
}

describe('checkRateLimit with the in-process store', () => {
  it('allows up to the limit, then refuses until the window closes', async () => {
    const clock = fakeClock()
    const store = new MemoryRateLimitStore({ now: clock.now })
    const hit = () => checkRateLimit({ store, key: 'k', limit: 3, windowMs: 60_000 })

    expect((await hit()).remaining).toBe(2)
    expect((await hit()).remaining).toBe(1)
    expect(await hit()).toMatchObject({ isAllowed: true, remaining: 0, retryAfterSeconds: 0 })
    clock.advance(15_200)
    expect(await hit()).toMatchObject({ isAllowed: false, remaining: 0, retryAfterSeconds: 45 })

    clock.advance(44_800)
    expect(await hit()).toMatchObject({ isAllowed: true, remaining: 2, resetAfterSeconds: 60 })
  })

  it('does not extend the window for a client that keeps hammering', async () => {
    const clock = fakeClock()
    const store = new MemoryRateLimitStore({ now: clock.now })
    const hit = () => checkRateLimit({ store, key: 'k', limit: 1, windowMs: 10_000 })
    await hit()
    for (let second = 0; second < 9; second++) {
      clock.advance(1000)
      expect((await hit()).isAllowed).toBe(false)
    }
    clock.advance(1000)
    expect((await hit()).isAllowed).toBe(true)
  })

  it('counts keys separately, and forgets a key on reset', async () => {
    const store = new MemoryRateLimitStore({ now: fakeClock().now })
    await checkRateLimit({ store, key: 'a', limit: 1, windowMs: 1000 })
    expect((await checkRateLimit({ store, key: 'a', limit: 1, windowMs: 1000 })).isAllowed).toBe(false)
    expect((await checkRateLimit({ store, key: 'b', limit: 1, windowMs: 1000 })).isAllowed).toBe(true)
    await store.reset('a')
    expect((await checkRateLimit({ store, key: 'a', limit: 1, windowMs: 1000 })).isAllowed).toBe(true)
  })

  it('lets exactly the limit through when hits arrive at once', async () => {
    const store = new MemoryRateLimitStore({ now: fakeClock().now })
    const results = await Promise.all(
      Array.from({ length: 50 }, () => checkRateLimit({ store, key: 'burst', limit: 20, windowMs: 1000 })),
    )
    expect(results.filter((result) => result.isAllowed)).toHaveLength(20)
  })

  it('refuses everything with a limit of 0', async () => {
    const store = new MemoryRateLimitStore({ now: fakeClock().now })
    expect((await checkRateLimit({ store, key: 'k', limit: 0, windowMs: 1000 })).isAllowed).toBe(false)
  })
})

describe('MemoryRateLimitStore memory', () => {
  it('sweeps expired keys', async () => {
    const clock = fakeClock()
    const store = new MemoryRateLimitStore({ now: clock.now, sweepIntervalMs: 5000 })
    for (let index = 0; index < 1000; index++) {
      await store.hit(`visitor-${index}`, 1000)
    }
    expect(store.size).toBe(1000)
    clock.advance(5000)
    await store.hit('late', 1000)
    expect(store.size).toBe(1)
  })

  it('stays within maxKeys under a flood of distinct keys, forgetting the oldest', async () => {
    const store = new MemoryRateLimitStore({ now: fakeClock().now, maxKeys: 100 })
    for (let index = 0; index < 1000; index++) {
      await store.hit(`flood-${index}`, 60_000)
      expect(store.size).toBeLessThanOrEqual(100)
    }
    expect((await store.hit('flood-999', 60_000)).count).toBe(2)
    expect((await store.hit('flood-0', 60_000)).count).toBe(1)
  })
})

describe('category limits', () => {
  it('have defaults for every category, and hosts override only what they set', () => {
    const limits = resolveRateLimits({ votes: { perIp: false }, search: { perUser: { limit: 5, windowMs: 1000 } } })
    expect(limits.votes).toEqual({ perUser: defaultRateLimits.votes.perUser, perIp: false, unknownAddresses: false })
    expect(limits.search.perUser).toEqual({ limit: 5, windowMs: 1000 })
    expect(limits.search.perIp).toEqual(defaultRateLimits.search.perIp)
    expect(limits.contributions).toEqual(defaultRateLimits.contributions)
    expect(defaultRateLimits.votes.perIp).not.toBe(false)
    // Generous budgets for all anonymous visitors together when their address is unknown.
    expect(limits.search.unknownAddresses).toEqual({ limit: 3000, windowMs: 60_000 })
    expect(limits.signUp.unknownAddresses).toEqual({ limit: 300, windowMs: 3_600_000 })
  })

  it('count anonymous requests of unknown address in one shared budget, and no one else in it', async () => {
    const store = new MemoryRateLimitStore({ now: fakeClock().now })
    const limits = resolveRateLimits({ search: { unknownAddresses: { limit: 2, windowMs: 60_000 } } })
    const anonymous = () => checkCategoryRateLimit({ store, limits, category: 'search', isAnonymous: true })
    expect((await anonymous()).isAllowed).toBe(true)
    // A signed-in person and an anonymous one whose address is known are counted elsewhere.
    await checkCategoryRateLimit({ store, limits, category: 'search', userKey: 'u' })
    await checkCategoryRateLimit({ store, limits, category: 'search', isAnonymous: true, ipKey: '192.0.2.1' })
    expect((await anonymous()).isAllowed).toBe(true)
    expect(await anonymous()).toMatchObject({ isAllowed: false, refusedBy: 'unknownAddresses', retryAfterSeconds: 60 })
  })

  it('refuse a user over their limit while others on the same address go on', async () => {
    const store = new MemoryRateLimitStore({ now: fakeClock().now })
    const limits = resolveRateLimits({ reports: { perUser: { limit: 2, windowMs: 60_000 }, perIp: { limit: 10, windowMs: 60_000 } } })
    const report = (userKey: string) => checkCategoryRateLimit({ store, limits, category: 'reports', userKey, ipKey: '203.0.113.7' })
    await report('alice')
    await report('alice')
    expect(await report('alice')).toMatchObject({ isAllowed: false, refusedBy: 'user', retryAfterSeconds: 60 })
    expect(await report('bob')).toMatchObject({ isAllowed: true, remaining: 1 })
  })

  it('refuse an address over its limit whoever is signed in', async () => {
    const store = new MemoryRateLimitStore({ now: fakeClock().now })
    const limits = resolveRateLimits({ votes: { perUser: { limit: 100, windowMs: 60_000 }, perIp: { limit: 3, windowMs: 60_000 } } })
    for (const userKey of ['u1', 'u2', 'u3']) {
      expect((await checkCategoryRateLimit({ store, limits, category: 'votes', userKey, ipKey: '198.51.100.1' })).isAllowed).toBe(true)
    }
    expect(await checkCategoryRateLimit({ store, limits, category: 'votes', userKey: 'u4', ipKey: '198.51.100.1' })).toMatchObject({
      isAllowed: false,
      refusedBy: 'ip',
    })
    expect((await checkCategoryRateLimit({ store, limits, category: 'votes', userKey: 'u4', ipKey: '198.51.100.2' })).isAllowed).toBe(true)
  })

  it('skip the per-IP limit when the address is unknown, and limits switched off', async () => {
    const store = new MemoryRateLimitStore({ now: fakeClock().now })
    const limits = resolveRateLimits({ signUp: { perIp: { limit: 1, windowMs: 60_000 } }, search: { perUser: false, perIp: false } })
    await checkCategoryRateLimit({ store, limits, category: 'signUp' })
    expect((await checkCategoryRateLimit({ store, limits, category: 'signUp' })).isAllowed).toBe(true)
    for (let index = 0; index < 1000; index++) {
      await checkCategoryRateLimit({ store, limits, category: 'search', userKey: 'u', ipKey: '192.0.2.1' })
    }
    expect((await checkCategoryRateLimit({ store, limits, category: 'search', userKey: 'u', ipKey: '192.0.2.1' })).isAllowed).toBe(true)
    expect(store.size).toBe(0)
  })

  it('work with any store keeping the contract, under prefixed keys', async () => {
    const counts = new Map<string, number>()
    const sharedStore: RateLimitStore = {
      hit: async (key) => {
        counts.set(key, (counts.get(key) ?? 0) + 1)
        return { count: counts.get(key) ?? 0, msBeforeReset: 30_000 }
      },
      reset: async (key) => {
        counts.delete(key)
      },
    }
    const limits = resolveRateLimits({ signIn: { perUser: { limit: 1, windowMs: 30_000 } } })
    // Two app nodes sharing the store see one count.
    await checkCategoryRateLimit({ store: sharedStore, limits, category: 'signIn', userKey: 'jean@example.fr', ipKey: '192.0.2.1' })
    const second = await checkCategoryRateLimit({ store: sharedStore, limits, category: 'signIn', userKey: 'jean@example.fr', ipKey: '192.0.2.9' })
    expect(second).toMatchObject({ isAllowed: false, refusedBy: 'user', retryAfterSeconds: 30 })
    expect([...counts.keys()]).toContain(rateLimitKey({ category: 'signIn', scope: 'user', id: 'jean@example.fr' }))
    expect([...counts.keys()].every((key) => key.startsWith('entraide:rl:signIn:'))).toBe(true)
  })
})

describe('client address', () => {
  const headers = (forwardedFor: string) => new Headers({ 'x-forwarded-for': forwardedFor })

  it('ignores forwarding headers by default, since anyone can send them', () => {
    expect(getClientIp(headers('203.0.113.5'))).toBeUndefined()
    expect(getClientIp(headers('203.0.113.5'), { trustedProxies: [] })).toBeUndefined()
    expect(clientIpKey(headers('203.0.113.5'))).toBe('unknown')
    expect(clientIpKey(headers('203.0.113.5'), { fallbackKey: 'anonymous' })).toBe('anonymous')
  })

  it('takes the entry the trusted hops vouch for, not what the client claims', () => {
    // The client sent "1.1.1.1" itself; the proxy appended the address it saw.
    expect(getClientIp(headers('1.1.1.1, 203.0.113.5'), { trustedProxies: 1 })).toBe('203.0.113.5')
    expect(getClientIp(headers('1.1.1.1, 203.0.113.5, 10.0.0.2'), { trustedProxies: 2 })).toBe('203.0.113.5')
    expect(getClientIp(headers('203.0.113.5'), { trustedProxies: 2 })).toBeUndefined()
    expect(getClientIp(new Headers(), { trustedProxies: 1 })).toBeUndefined()
  })

  it('skips listed proxies from the right', () => {
    const options = { trustedProxies: ['10.0.0.0/8', '2001:db8:ffff::/48'] }
    expect(getClientIp(headers('1.1.1.1, 203.0.113.5, 10.1.2.3, 10.0.0.1'), options)).toBe('203.0.113.5')
    expect(getClientIp(headers('2001:db8::1, 2001:db8:ffff::7'), options)).toBe('2001:db8::1')
    expect(getClientIp(headers('10.0.0.1'), options)).toBeUndefined()
    expect(getClientIp(headers('192.168.1.20, 127.0.0.1'), { trustedProxies: ['loopback'] })).toBe('192.168.1.20')
    expect(getClientIp(headers('203.0.113.5, 172.20.0.3'), { trustedProxies: ['private'] })).toBe('203.0.113.5')
  })

  it('reads ports, brackets and IPv4-mapped addresses, and stops at a garbled hop', () => {
    expect(getClientIp(headers('203.0.113.5:51234'), { trustedProxies: 1 })).toBe('203.0.113.5')
    expect(getClientIp(headers('[2001:DB8::1]:443'), { trustedProxies: 1 })).toBe('2001:db8::1')
    expect(getClientIp(headers('::ffff:203.0.113.5'), { trustedProxies: 1 })).toBe('203.0.113.5')
    expect(getClientIp(headers('203.0.113.5, unknown, 10.0.0.1'), { trustedProxies: ['10.0.0.0/8'] })).toBeUndefined()
    expect(getClientIp(headers('not-an-ip'), { trustedProxies: 1 })).toBeUndefined()
  })

  it('reads another header when told to', () => {
    const request = new Request('https://example.fr/api', { headers: { 'x-real-ip': '203.0.113.5', 'x-forwarded-for': '6.6.6.6' } })
    expect(getClientIp(request.headers, { trustedProxies: 1, header: 'x-real-ip' })).toBe('203.0.113.5')
  })

  it('groups IPv6 clients by /64 network', () => {
    expect(clientIpKey(headers('2001:db8:1234:5678:9abc::1'), { trustedProxies: 1 })).toBe('2001:db8:1234:5678::/64')
    expect(clientIpKey(headers('2001:db8:1234:5678:ffff::2'), { trustedProxies: 1 })).toBe('2001:db8:1234:5678::/64')
    expect(clientIpKey(headers('203.0.113.5'), { trustedProxies: 1 })).toBe('203.0.113.5')
  })
})

describe('429 messages', () => {
  it('say what was limited and when to try again', () => {
    expect(describeRateLimit({ category: 'signIn', retryAfterSeconds: 290, locale: 'fr' })).toBe(
      'Trop de tentatives de connexion. Réessayez dans 5\u00a0minutes.',
    )
    expect(describeRateLimit({ category: 'search', retryAfterSeconds: 1, locale: 'en' })).toBe(
      'Too many searches in a short time. Please try again in 1 second.',
    )
    expect(describeRateLimit({ category: 'reports', retryAfterSeconds: 3600, locale: 'en' })).toBe(
      'You have sent many reports in a short time. Please try again in 1 hour.',
    )
    // The budget shared by every visitor of unknown address: the site is busy, not this person.
    expect(describeRateLimit({ category: 'search', retryAfterSeconds: 42, locale: 'fr', scope: 'unknownAddresses' })).toBe(
      'Le site reçoit beaucoup de recherches en ce moment. Réessayez dans 42 secondes.',
    )
  })
})

describe('a failing store in the log', () => {
  it('takes one line a minute, then says how many failures it left out, and once that the store answers again', () => {
    const logger = { error: vi.fn(), info: vi.fn() }
    // Only the logger is used.
    const payload = { logger } as unknown as Payload
    const error = new Error('connect ECONNREFUSED 10.0.0.5:6379')
    const start = 1_000_000
    for (let second = 0; second < 30; second++) {
      logStoreFailure(payload, { error, msg: 'Entraide: the rate-limit store failed; search not limited.', now: start + second * 1000 })
    }
    expect(logger.error).toHaveBeenCalledTimes(1)
    expect(logger.error.mock.calls[0]?.[0]).toMatchObject({ err: error })
    logStoreFailure(payload, { error, msg: 'Entraide: the rate-limit store failed; search not limited.', now: start + 61_000 })
    expect(logger.error).toHaveBeenCalledTimes(2)
    expect(logger.error.mock.calls[1]?.[0]).toMatchObject({
      msg: 'Entraide: the rate-limit store failed; search not limited. 29 more failures of the store were not logged. (Logged at most once a minute.)',
    })
    logStoreRecovery(payload)
    logStoreRecovery(payload)
    expect(logger.info).toHaveBeenCalledTimes(1)
    expect(logger.info).toHaveBeenCalledWith('Entraide: the rate-limit store answers again; limits apply again.')
  })
})
