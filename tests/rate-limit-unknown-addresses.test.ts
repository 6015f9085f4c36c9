// Database: SQLite is enough (the budgets live in the rate-limit store, not in the database)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MemoryRateLimitStore } from '../src/rateLimit/memoryStore.ts'
import { errorOf } from './helpers/fixtures.ts'
import { startSearchApp } from './search/searchApp.ts'

const minute = 60_000
let clock = Date.now()

// No `trustedProxies`: every client address is unknown, so per-address limits cannot apply.
let app: Awaited<ReturnType<typeof startSearchApp>>

beforeAll(async () => {
  app = await startSearchApp({
    rateLimitStore: new MemoryRateLimitStore({ now: () => clock }),
    rateLimits: {
      search: { unknownAddresses: { limit: 3, windowMs: minute } },
      signUp: { unknownAddresses: { limit: 2, windowMs: 60 * minute } },
    },
  })
})
afterAll(async () => {
  await app?.close()
})

const search = (headers: Record<string, string> = {}, token?: string) =>
  app.api('GET', '/entraide/search?q=passeport', { headers, token })

describe('when the client address is unknown', () => {
  it('stops a flood of anonymous searches with one budget for all of them, and lets people search again after the window', async () => {
    for (let index = 0; index < 3; index++) {
      // Forwarded addresses are not believed without trustedProxies: these are all one anonymous crowd.
      expect((await search({ 'X-Forwarded-For': `203.0.113.${index}` })).status).toBe(200)
    }
    const refused = await search({ 'X-Forwarded-For': '203.0.113.99' })
    expect(refused.status).toBe(429)
    const retryAfter = Number(refused.headers.get('Retry-After'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(retryAfter).toBeLessThanOrEqual(60)
    const error = await errorOf(refused)
    expect(error.code).toBe('rate-limited')
    expect(error.message).toBe('Le site reçoit beaucoup de recherches en ce moment. Réessayez dans 1\u00a0minute.')
    const english = await errorOf(await search({ 'Accept-Language': 'en-GB,en;q=0.9' }))
    expect(english.message).toBe('The site is receiving a lot of searches right now. Please try again in 1 minute.')

    // Signed-in people are counted on their own (per user), not in the anonymous budget.
    const citizen = await app.signUp({})
    expect((await search({}, citizen.token)).status).toBe(200)

    clock += minute + 1000
    expect((await search()).status).toBe(200)
  })

  it('limits anonymous sign-ups together, where they were not limited at all', async () => {
    const signUp = (index: number) =>
      app.api('POST', '/users', {
        body: {
          displayName: `Nouveau ${index}`,
          email: `unknown-address-${index}@example.test`,
          password: 'a long enough password',
        },
      })
    expect((await signUp(1)).status).toBe(201)
    expect((await signUp(2)).status).toBe(201)
    const before = (await app.payload.count({ collection: 'users' })).totalDocs
    const refused = await signUp(3)
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(3500)
    expect((await errorOf(refused)).message).toBe(
      'Beaucoup de comptes ont été créés sur le site en peu de temps. Réessayez dans 1\u00a0heure.',
    )
    expect((await app.payload.count({ collection: 'users' })).totalDocs).toBe(before)
  })
})
