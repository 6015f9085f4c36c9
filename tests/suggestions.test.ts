import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { publicFiguresQueue, publicFiguresTaskSlug } from '../src/jobs/publicFigures.ts'
import { flushSearchQueries } from '../src/search/queryLog.ts'
import { readPublicFigures } from '../src/stats/store.ts'
import type { ID } from '../src/utilities/ids.ts'
import { lexicalRoot, plainTextToNodes } from '../src/utilities/lexical.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { runSyncJobs, startSearchApp } from './search/searchApp.ts'

// Suggestions while asking a question (issue 11): the lookups the widget makes
// under a question's title are not searches, and choosing one is recorded as a
// "found" signal that the public figures count as a question avoided.

type App = Awaited<ReturnType<typeof startSearchApp>>

const found = (app: App, body: unknown, headers: Record<string, string> = {}) =>
  app.api('POST', '/entraide/suggestions/found', { body, headers })

const suggest = (app: App, params: Record<string, string>) =>
  app.api('GET', `/entraide/search?${new URLSearchParams({ suggest: 'true', type: 'thread,wiki', ...params }).toString()}`)

describe('suggestions under a question being typed', () => {
  let app: App
  let editor: { id: ID; token: string }
  let threadId: ID
  let wikiId: ID
  let hiddenThreadId: ID
  let passportId: ID

  beforeAll(async () => {
    app = await startSearchApp()
    const { procedure } = await createProcedure(app, { slug: 'passeport' })
    const other = await createProcedure(app, { slug: 'impots' })
    passportId = procedure.id
    editor = await app.signUp({ role: 'editor' })
    const citizen = await app.signUp({})
    const thread = await app.payload.create({
      collection: 'threads',
      data: {
        author: citizen.id,
        body: 'Je suis à Montréal, mon passeport expire bientôt : où faire la demande ?',
        procedure: procedure.id,
        title: 'Renouveler mon passeport depuis le Québec',
        visibility: 'published',
      },
    })
    threadId = thread.id
    const hidden = await app.payload.create({
      collection: 'threads',
      data: {
        author: citizen.id,
        body: 'Question masquée par la modération, sur le Québec.',
        procedure: procedure.id,
        title: 'Passeport au Québec, question masquée',
        visibility: 'hidden',
      },
    })
    hiddenThreadId = hidden.id
    const wiki = await app.payload.create({
      collection: 'wiki-pages',
      data: {
        _status: 'published',
        body: lexicalRoot(plainTextToNodes('Depuis le Québec, la demande se fait au consulat de Montréal.')),
        procedure: procedure.id,
        slug: 'passeport-quebec',
        title: 'Demander un passeport depuis le Québec',
      },
    })
    wikiId = wiki.id
    await app.payload.create({
      collection: 'threads',
      data: {
        author: citizen.id,
        body: 'Je déclare mes revenus depuis le Québec cette année.',
        procedure: other.procedure.id,
        title: 'Déclarer ses revenus depuis le Québec',
        visibility: 'published',
      },
    })
    await runSyncJobs(app)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('finds the questions and official pages of the procedure, and records the lookup as no search', async () => {
    const response = await suggest(app, { limit: '4', procedure: 'passeport', q: 'passeport depuis le Québec' })
    expect(response.status).toBe(200)
    const { hits } = await json(response)
    expect(hits.map((hit: { id: string }) => hit.id).sort()).toEqual([`threads-${threadId}`, `wiki-pages-${wikiId}`].sort())

    // A half-typed title that finds nothing is not a search that found nothing...
    expect((await suggest(app, { procedure: 'passeport', q: 'licorne volante introuvable' })).status).toBe(200)
    // ...while the same words searched are recorded, as before.
    await app.api('GET', '/entraide/search?q=ornithorynque%20introuvable')
    await flushSearchQueries(app.payload)
    const { docs } = await app.payload.find({ collection: 'search-queries', limit: 100, pagination: false })
    const queries = docs.map((doc) => doc.query)
    expect(queries).toContain('ornithorynque introuvable')
    expect(queries).not.toContain('licorne volante introuvable')
    expect(queries).not.toContain('passeport depuis le québec')
  })

  it('refuses a suggest flag other than true or false, naming it', async () => {
    const response = await app.api('GET', '/entraide/search?q=passeport&suggest=oui')
    expect(response.status).toBe(400)
    expect(await errorOf(response)).toMatchObject({ code: 'invalid-input', field: 'suggest', message: '"suggest" must be true or false.' })
  })

  it('records a chosen suggestion with its procedure and the title typed, nothing about who chose it', async () => {
    const response = await found(app, {
      document: `threads-${threadId}`,
      title: '  Passeport au Québec, écrire à jean.dupont@example.fr ? ',
    })
    expect(response.status).toBe(201)
    expect(await json(response)).toEqual({ target: `threads-${threadId}` })
    expect((await found(app, { document: `wiki-pages-${wikiId}`, title: 'Passeport depuis Montréal' })).status).toBe(201)

    const { docs } = await app.payload.find({ collection: 'suggestion-finds', depth: 0, limit: 10, pagination: false, sort: 'createdAt' })
    expect(docs.map((doc) => [doc.target, doc.procedure, doc.title])).toEqual([
      [`threads-${threadId}`, passportId, 'passeport au québec, écrire à [email] ?'],
      [`wiki-pages-${wikiId}`, passportId, 'passeport depuis montréal'],
    ])
    for (const doc of docs) expect(Object.keys(doc).sort()).toEqual(['createdAt', 'id', 'procedure', 'target', 'title', 'updatedAt'])
  })

  it.each([
    [{ title: 'Passeport au Québec' }, 'document', /"document" must be the search id of a question or an official page/],
    [{ document: 'guides-1', title: 'Passeport au Québec' }, 'document', /"threads-<id>" or "wiki-pages-<id>"/],
    [{ document: 12, title: 'Passeport au Québec' }, 'document', /"document" must be the search id/],
    [{ document: 'threads-1' }, 'title', /"title" is required/],
    [{ document: 'threads-1', title: '   ' }, 'title', /"title" is required/],
    [{ document: 'threads-1', title: 'a'.repeat(201) }, 'title', /"title" is longer than 200 characters/],
    [{ document: 'threads-1', title: 'Passeport', user: 3 }, 'user', /Unknown field "user"; send document and title/],
  ])('refuses %j with 400 naming the field', async (body, field, message) => {
    const response = await found(app, body)
    expect(response.status).toBe(400)
    const error = await errorOf(response)
    expect(error).toMatchObject({ code: 'invalid-input', field })
    expect(error.message).toMatch(message)
  })

  it('answers 404 for an item nobody may see or that does not exist, and records nothing', async () => {
    const before = (await app.payload.count({ collection: 'suggestion-finds' })).totalDocs
    for (const document of [`threads-${hiddenThreadId}`, 'threads-999999', 'wiki-pages-999999', 'threads-pas-un-id']) {
      const response = await found(app, { document, title: 'Passeport au Québec' })
      expect(response.status, document).toBe(404)
      expect((await errorOf(response)).code).toBe('not-found')
    }
    expect((await app.payload.count({ collection: 'suggestion-finds' })).totalDocs).toBe(before)
  })

  it('lets editors read the chosen suggestions, and nobody write them through the collection', async () => {
    const citizen = await app.signUp({})
    expect((await app.api('GET', '/suggestion-finds')).status).toBe(403)
    expect((await app.api('GET', '/suggestion-finds', { token: citizen.token })).status).toBe(403)
    expect((await app.api('GET', '/suggestion-finds', { token: editor.token })).status).toBe(200)
    const write = await app.api('POST', '/suggestion-finds', { body: { target: 'threads-1', title: 'x' }, token: editor.token })
    expect(write.status).toBe(403)
  })

  it('counts chosen suggestions as questions avoided in the procedure’s public figures', async () => {
    await app.payload.jobs.queue({ input: {}, queue: publicFiguresQueue, task: publicFiguresTaskSlug })
    await app.payload.jobs.run({ queue: publicFiguresQueue })
    const figures = await readPublicFigures(app.payload)
    const month = new Date().toISOString().slice(0, 7)
    const avoided = (months: { month: string; questionsAvoided: number }[] | undefined) =>
      months?.find((entry) => entry.month === month)?.questionsAvoided
    expect(avoided(figures?.procedures.find((procedure) => procedure.slug === 'passeport')?.months)).toBe(2)
    expect(avoided(figures?.procedures.find((procedure) => procedure.slug === 'impots')?.months)).toBe(0)
    expect(avoided(figures?.total.months)).toBe(2)
    const csv = await (await app.api('GET', '/entraide/stats?format=csv')).text()
    const [header = '', ...lines] = csv.trim().split('\r\n')
    const column = header.split(',').indexOf('questions_avoided')
    expect(column).toBeGreaterThan(0)
    const passport = lines.find((line) => line.startsWith('procedure,') && line.includes(`,passeport,`) && line.includes(`,${month},`))
    expect(passport?.split(',')[column]).toBe('2')
  })
})

describe('the found signal’s rate limit', () => {
  let app: App

  beforeAll(async () => {
    app = await startSearchApp({
      rateLimits: { search: { perIp: { limit: 2, windowMs: 60_000 }, perUser: false } },
      trustedProxies: 1,
    })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('counts in the search limit: 429 with Retry-After past it', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.7' }
    const body = { document: 'threads-999999', title: 'Passeport' }
    for (let index = 0; index < 2; index += 1) expect((await found(app, body, headers)).status).toBe(404)
    const limited = await found(app, body, headers)
    expect(limited.status).toBe(429)
    expect((await errorOf(limited)).code).toBe('rate-limited')
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await found(app, body, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(404)
  })
})
