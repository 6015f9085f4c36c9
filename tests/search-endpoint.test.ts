// Database: SQLite is enough (ranking, filters and paging are the search engine’s; tests/search-sync.test.ts checks on PostgreSQL what reaches the engine)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { flushSearchQueries } from '../src/search/queryLog.ts'
import { lexicalRoot, plainTextToNodes } from '../src/utilities/lexical.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { runSyncJobs, search, startSearchApp } from './search/searchApp.ts'

// Several apps in one file: each new SQLite database needs its schema pushed.
process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'

type App = Awaited<ReturnType<typeof startSearchApp>>

const richText = (text: string) => lexicalRoot(plainTextToNodes(text))

describe('GET /api/entraide/search', () => {
  let app: App
  let editor: { token: string }
  let citizen: { token: string }

  beforeAll(async () => {
    app = await startSearchApp()
    const { procedure } = await createProcedure(app, { slug: 'passeport' })
    const other = await createProcedure(app, { slug: 'impots' })
    editor = await app.signUp({ role: 'editor' })
    citizen = await app.signUp({})
    // The same words in a community tip and an official wiki page: equal relevance.
    const text = 'Photo d’identité conforme hippocampe obligatoire'
    await app.api('POST', '/tips', { body: { body: text, procedure: procedure.id }, token: citizen.token })
    await app.api('POST', '/wiki-pages', {
      body: { _status: 'published', body: richText(text), procedure: procedure.id, title: text },
      token: editor.token,
    })
    await app.api('POST', '/tips', {
      body: { body: 'La déclaration en ligne se fait avant la fin mai.', procedure: other.procedure.id },
      token: citizen.token,
    })
    await runSyncJobs(app)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('ranks official knowledge above community content of equal relevance', async () => {
    const { hits } = await search(app, { q: 'hippocampe' })
    expect(hits.map((hit) => [hit.type, hit.isOfficial])).toEqual([
      ['wiki', true],
      ['tip', false],
    ])
  })

  it('filters by type, procedure, agency and officialness, with facet counts over all matches', async () => {
    const all = await search(app, { q: '' })
    expect(all.facets.type).toMatchObject({ procedure: 2, tip: 2, wiki: 1 })
    expect(all.facets.procedure).toMatchObject({ impots: 2, passeport: 3 })
    expect(all.facets.agency).toMatchObject({ 'agence-impots': 2, 'agence-passeport': 3 })

    expect((await search(app, { q: '', type: 'tip' })).total).toBe(2)
    expect((await search(app, { q: '', type: 'tip,wiki' })).total).toBe(3)
    expect((await search(app, { procedure: 'impots', q: '' })).hits.map((hit) => hit.type).sort()).toEqual([
      'procedure',
      'tip',
    ])
    expect((await search(app, { agency: 'agence-passeport', official: 'true', q: '' })).hits.map((hit) => hit.type).sort()).toEqual(
      ['procedure', 'wiki'],
    )
    expect((await search(app, { official: 'false', q: 'hippocampe' })).hits.map((hit) => hit.type)).toEqual(['tip'])
    expect((await search(app, { procedure: 'inconnue', q: 'hippocampe' })).total).toBe(0)
  })

  it('pages through the results', async () => {
    const first = await search(app, { limit: '2', q: '' })
    const second = await search(app, { limit: '2', offset: '2', q: '' })
    const rest = await search(app, { limit: '2', offset: '4', q: '' })
    expect(first.total).toBe(5)
    const ids = [...first.hits, ...second.hits, ...rest.hits].map((hit) => hit.id)
    expect(ids).toHaveLength(5)
    expect(new Set(ids).size).toBe(5)
  })

  it.each([
    ['a query over 200 characters', `q=${'a'.repeat(201)}`, 'q'],
    ['an unknown filter', 'q=passeport&author=42', 'author'],
    ['an unknown type', 'q=passeport&type=answer', 'type'],
    ['a negative limit', 'q=passeport&limit=-1', 'limit'],
    ['a huge limit', 'q=passeport&limit=100000', 'limit'],
    ['a fractional limit', 'q=passeport&limit=2.5', 'limit'],
    ['a negative offset', 'q=passeport&offset=-3', 'offset'],
    ['an official flag that is not a boolean', 'q=passeport&official=oui', 'official'],
    ['a procedure that is not a slug', 'q=passeport&procedure=a%22%20OR%201%3D1', 'procedure'],
    ['a repeated query', 'q=a&q=b', 'q'],
  ])('refuses %s with 400 and the reason', async (_case, query, field) => {
    const response = await app.api('GET', `/entraide/search?${query}`)
    expect(response.status).toBe(400)
    const error = await errorOf(response)
    expect(error.code).toBe('invalid-input')
    expect(error.field).toBe(field)
    expect(error.message).toContain(field)
  })

  it('accepts a query of exactly 200 characters', async () => {
    const response = await app.api('GET', `/entraide/search?q=${'a'.repeat(200)}`)
    expect(response.status).toBe(200)
  })

  it('keeps each query and its hit count, without anything about who searched, for editors only', async () => {
    await app.api('GET', `/entraide/search?q=${encodeURIComponent('Déclaration')}`, { token: citizen.token })
    await app.api('GET', `/entraide/search?q=${encodeURIComponent(' déclaration ')}`)
    await app.api('GET', '/entraide/search?q=licorne%20introuvable')
    await app.api('GET', `/entraide/search?q=${encodeURIComponent('écrire à jean.dupont@example.fr pour la licorne')}`)
    await app.api('GET', '/entraide/search?q=licorne%20introuvable&offset=0')
    await flushSearchQueries(app.payload)

    const agent = await app.signUp({ role: 'agent' })
    expect((await app.api('GET', '/search-queries')).status).toBe(403)
    expect((await app.api('GET', '/search-queries', { token: citizen.token })).status).toBe(403)
    expect((await app.api('GET', '/search-queries', { token: agent.token })).status).toBe(403)

    const response = await app.api('GET', '/search-queries?depth=0&limit=100', { token: editor.token })
    expect(response.status).toBe(200)
    const { docs } = await json(response)
    const byQuery = new Map(docs.map((doc: { query: string }) => [doc.query, doc]))
    expect(byQuery.get('déclaration')).toMatchObject({ hits: 1, searches: 2, zeroHitSearches: 0 })
    expect(byQuery.get('licorne introuvable')).toMatchObject({ hits: 0, searches: 2, zeroHitSearches: 2 })
    expect(byQuery.get('écrire à [email] pour la licorne')).toMatchObject({ hits: 0, searches: 1 })
    // Searches that found nothing are also counted by week (its Monday), for the listening dashboard's trends.
    expect(Object.values(docs.find((doc: { query: string }) => doc.query === 'licorne introuvable').zeroHitWeeks)).toEqual([2])
    // Nothing but the query and its counts: no user, no address, no email.
    expect(JSON.stringify(docs)).not.toContain('jean.dupont')
    for (const doc of docs) {
      expect(Object.keys(doc).sort()).toEqual(
        ['createdAt', 'hits', 'id', 'lastSearchedAt', 'query', 'searches', 'updatedAt', 'zeroHitSearches', 'zeroHitWeeks'].sort(),
      )
    }
    // The list opens on the queries that found nothing, the most searched first.
    expect(docs[0].query).toBe('licorne introuvable')
    expect((await app.api('DELETE', `/search-queries/${docs[0].id}`, { token: citizen.token })).status).toBe(403)
    expect((await app.api('POST', '/search-queries', { body: { query: 'x' }, token: editor.token })).status).toBe(403)
  })
})

describe('search rate limit', () => {
  let app: App

  beforeAll(async () => {
    app = await startSearchApp({
      rateLimits: { search: { perIp: { limit: 3, windowMs: 60_000 }, perUser: false } },
      trustedProxies: 1,
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('answers 429 with Retry-After past the per-address limit', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.7' }
    for (let index = 0; index < 3; index += 1) {
      expect((await app.api('GET', '/entraide/search?q=passeport', { headers })).status).toBe(200)
    }
    const limited = await app.api('GET', '/entraide/search?q=passeport', { headers })
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await app.api('GET', '/entraide/search?q=passeport', { headers: { 'x-forwarded-for': '198.51.100.8' } })).status).toBe(200)
  })
})
