// Database: SQLite is enough (the budgets live in the rate-limit store, not in the database; tests/loop.test.ts and the access table run the same writes on PostgreSQL)
import type { Plugin } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { endpoint } from '../src/endpoints/http.ts'
import { enforceRateLimit } from '../src/rateLimit/enforce.ts'
import { MemoryRateLimitStore } from '../src/rateLimit/memoryStore.ts'
import type { RateLimitStore } from '../src/rateLimit/store.ts'
import { createProcedure, errorOf, json, proposeGuideEdit } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>

const minute = 60_000
let clock = Date.now()
const memory = new MemoryRateLimitStore({ now: () => clock })
/** Keys the store was asked to count, to see what a shared store would hold. */
const keysHit: string[] = []
let isStoreDown = false
const store: RateLimitStore = {
  hit: async (key, windowMs) => {
    keysHit.push(key)
    if (isStoreDown) throw new Error('connect ECONNREFUSED 10.0.0.5:6379')
    return memory.hit(key, windowMs)
  },
  reset: (key) => memory.reset(key),
}

/** A stand-in for the search endpoint: what its owner does with `enforceRateLimit`. */
const searchLikeEndpoint: Plugin = (config) => ({
  ...config,
  endpoints: [
    ...(config.endpoints ?? []),
    endpoint('get', '/test-search', async (req) => {
      await enforceRateLimit({ category: 'search', req })
      return Response.json({ hits: [] })
    }),
  ],
})

let app: TestApp
let procedureId: ID
let agent: Person
let ipCounter = 0
/** A client address of its own, behind the one trusted proxy. */
const newClient = () => ({ 'X-Forwarded-For': `203.0.113.${++ipCounter}` })

beforeAll(async () => {
  app = await startTestApp({
    entraide: {
      rateLimitStore: store,
      rateLimits: {
        contributions: { perIp: { limit: 4, windowMs: 10 * minute }, perUser: { limit: 2, windowMs: 10 * minute } },
        reports: { perIp: false, perUser: { limit: 2, windowMs: 60 * minute } },
        search: { perIp: { limit: 3, windowMs: minute }, perUser: false },
        signIn: { perIp: { limit: 5, windowMs: 15 * minute }, perUser: { limit: 3, windowMs: 15 * minute } },
        signUp: { perIp: { limit: 2, windowMs: 60 * minute } },
        votes: { perIp: false, perUser: { limit: 3, windowMs: 10 * minute } },
      },
      trustedProxies: 1,
    },
    plugins: [searchLikeEndpoint],
  })
  const { agency, procedure } = await createProcedure(app)
  procedureId = procedure.id
  agent = await app.signUp({ agency: agency.id, role: 'agent' })
})
afterAll(async () => {
  await app?.close()
})

const postTip = (person: Person, headers: Record<string, string>, text = 'Une astuce utile pour la démarche.') =>
  app.api('POST', '/tips?depth=0', { body: { body: text, procedure: procedureId }, headers, token: person.token })

const tipCount = async () => (await app.payload.count({ collection: 'tips' })).totalDocs

const expectLimited = async (response: Response, { maxSeconds }: { maxSeconds: number }) => {
  expect(response.status).toBe(429)
  const retryAfter = Number(response.headers.get('Retry-After'))
  expect(retryAfter).toBeGreaterThanOrEqual(1)
  expect(retryAfter).toBeLessThanOrEqual(maxSeconds)
  const error = await errorOf(response)
  expect(error.code).toBe('rate-limited')
  return { message: error.message, retryAfter }
}

describe('contributions (Payload’s own collection endpoints)', () => {
  it('refuses a citizen’s third contribution with 429, Retry-After and a message, and writes nothing', async () => {
    const citizen = await app.signUp({})
    const client = newClient()
    expect((await postTip(citizen, client)).status).toBe(201)
    const second = await postTip(citizen, client)
    expect(second.status).toBe(201)
    const before = await tipCount()

    const { message, retryAfter } = await expectLimited(await postTip(citizen, client), { maxSeconds: 600 })
    expect(retryAfter).toBeGreaterThan(590)
    expect(message).toBe('Vous avez publié beaucoup de messages en peu de temps. Réessayez dans 10\u00a0minutes.')
    expect(await tipCount()).toBe(before)

    // Edits are contributions too, and another address changes nothing for the same person.
    const tip = (await json(second)).doc
    const edit = await app.api('PATCH', `/tips/${tip.id}`, {
      body: { body: 'Une astuce corrigée pour la démarche.' },
      headers: { ...newClient(), 'Accept-Language': 'en-US,en;q=0.8' },
      token: citizen.token,
    })
    const english = await expectLimited(edit, { maxSeconds: 600 })
    expect(english.message).toBe('You have posted a lot in a short time. Please try again in 10 minutes.')
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).body).toBe(
      'Une astuce utile pour la démarche.',
    )
  })

  it('counts threads, answers and guide edits in the same budget', async () => {
    const citizen = await app.signUp({})
    const client = newClient()
    const thread = await app.api('POST', '/threads?depth=0', {
      body: { body: 'Faut-il une photo récente ?', procedure: procedureId, title: 'Photo pour le passeport' },
      headers: client,
      token: citizen.token,
    })
    expect(thread.status).toBe(201)
    const answer = await app.api('POST', '/answers?depth=0', {
      body: { body: 'Oui, de moins de six mois.', thread: (await json(thread)).doc.id },
      headers: client,
      token: citizen.token,
    })
    expect(answer.status).toBe(201)
    const guide = await app.payload.create({
      collection: 'guides',
      data: {
        _status: 'published',
        procedure: (await createProcedure(app, { slug: 'carte-grise' })).procedure.id,
        title: 'Carte grise',
      },
    })
    await expectLimited(
      await proposeGuideEdit(app, { guide: guide.id, headers: client, title: 'Carte grise, pas à pas', token: citizen.token }),
      { maxSeconds: 600 },
    )
  })

  it('limits one address shared by many accounts, and leaves agents alone', async () => {
    const client = newClient()
    for (let index = 0; index < 4; index++) {
      expect((await postTip(await app.signUp({}), client)).status).toBe(201)
    }
    await expectLimited(await postTip(await app.signUp({}), client), { maxSeconds: 600 })
    for (let index = 0; index < 4; index++) {
      expect((await postTip(agent, client)).status).toBe(201)
    }
  })

  it('skips per-address limits when no trusted proxy tells the address, instead of lumping clients together', async () => {
    for (let index = 0; index < 6; index++) {
      expect((await postTip(await app.signUp({}), {})).status).toBe(201)
    }
  })

  it('lets people contribute again once the window has passed', async () => {
    const citizen = await app.signUp({})
    const client = newClient()
    await postTip(citizen, client)
    await postTip(citizen, client)
    await expectLimited(await postTip(citizen, client), { maxSeconds: 600 })
    clock += 10 * minute
    expect((await postTip(citizen, newClient())).status).toBe(201)
  })
})

describe('votes and reports (Entraide endpoints)', () => {
  it('refuses a fourth vote within the window', async () => {
    const voter = await app.signUp({})
    const tips = await Promise.all(
      [1, 2, 3, 4].map((index) =>
        app.payload.create({
          collection: 'tips',
          data: {
            author: agent.id,
            body: `Astuce numéro ${index} à voter.`,
            procedure: procedureId,
            visibility: 'published',
          },
        }),
      ),
    )
    for (const tip of tips.slice(0, 3)) {
      expect((await app.api('POST', `/tips/${tip.id}/vote`, { body: { value: 1 }, token: voter.token })).status).toBe(
        200,
      )
    }
    const refused = await app.api('POST', `/tips/${tips[3]!.id}/vote`, { body: { value: 1 }, token: voter.token })
    const { message } = await expectLimited(refused, { maxSeconds: 600 })
    expect(message).toContain('Vous avez voté beaucoup en peu de temps')
    expect((await app.payload.findByID({ collection: 'tips', id: tips[3]!.id })).score).toBe(0)
  })

  it('refuses a third report within the hour', async () => {
    const reporter = await app.signUp({})
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: agent.id,
        body: 'Astuce à signaler trois fois.',
        procedure: procedureId,
        visibility: 'published',
      },
    })
    for (const reason of ['spam', 'abuse']) {
      const response = await app.api('POST', `/tips/${tip.id}/report`, { body: { reason }, token: reporter.token })
      expect(response.status).toBeLessThan(300)
    }
    await expectLimited(
      await app.api('POST', `/tips/${tip.id}/report`, { body: { reason: 'other' }, token: reporter.token }),
      { maxSeconds: 3600 },
    )
  })
})

describe('accounts', () => {
  const signUp = (headers: Record<string, string>, index: number) =>
    app.api('POST', '/users', {
      body: {
        displayName: `Nouveau ${index}`,
        email: `new-${ipCounter}-${index}@example.test`,
        password: 'a long enough password',
      },
      headers,
    })

  it('limits sign-ups per address', async () => {
    const client = newClient()
    expect((await signUp(client, 1)).status).toBe(201)
    expect((await signUp(client, 2)).status).toBe(201)
    const before = (await app.payload.count({ collection: 'users' })).totalDocs
    const { message } = await expectLimited(await signUp(client, 3), { maxSeconds: 3600 })
    expect(message).toBe('Trop de comptes ont été créés depuis votre connexion. Réessayez dans 1\u00a0heure.')
    expect((await app.payload.count({ collection: 'users' })).totalDocs).toBe(before)
    expect((await signUp(newClient(), 4)).status).toBe(201)
  })

  const login = (email: string, password: string, headers: Record<string, string>) =>
    app.api('POST', '/users/login', { body: { email, password }, headers })

  it('limits sign-in attempts per account tried, whatever the address, and clears them on success', async () => {
    const person = await app.signUp({})
    const password = 'correct horse battery staple'
    expect((await login(person.email, 'wrong', newClient())).status).toBe(401)
    expect((await login(person.email, 'wrong', newClient())).status).toBe(401)
    expect((await login(person.email.toUpperCase(), password, newClient())).status).toBe(200)
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await login(person.email, 'wrong', newClient())).status).toBe(401)
    }
    const { message } = await expectLimited(await login(person.email, password, newClient()), { maxSeconds: 900 })
    expect(message).toBe('Trop de tentatives de connexion. Réessayez dans 15\u00a0minutes.')
  })

  it('limits sign-in attempts per address across accounts', async () => {
    const client = newClient()
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await login(`nobody-${attempt}@example.test`, 'guess', client)).status).toBe(401)
    }
    await expectLimited(await login('nobody-5@example.test', 'guess', client), { maxSeconds: 900 })
  })

  it('never puts emails in the store’s keys', async () => {
    const person = await app.signUp({})
    await login(person.email, 'wrong', newClient())
    expect(keysHit.some((key) => key.includes('@') || key.includes(person.email.split('@')[0]!))).toBe(false)
    expect(keysHit.some((key) => key.startsWith('entraide:rl:signIn:user:'))).toBe(true)
  })
})

describe('search and the store', () => {
  it('gives the search endpoint a per-address limit through enforceRateLimit', async () => {
    const client = newClient()
    for (let index = 0; index < 3; index++) {
      expect((await app.api('GET', '/test-search', { headers: client })).status).toBe(200)
    }
    const { message } = await expectLimited(await app.api('GET', '/test-search', { headers: client }), {
      maxSeconds: 60,
    })
    expect(message).toBe('Trop de recherches en peu de temps. Réessayez dans 1\u00a0minute.')
  })

  it('lets requests through when the store is unreachable', async () => {
    const citizen = await app.signUp({})
    const client = newClient()
    isStoreDown = true
    try {
      for (let index = 0; index < 3; index++) {
        expect((await postTip(citizen, client)).status).toBe(201)
      }
    } finally {
      isStoreDown = false
    }
  })
})
