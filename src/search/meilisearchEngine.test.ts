import { afterEach, describe, expect, it } from 'vitest'

import { startFakeMeilisearch } from '../../tests/search/fakeMeilisearch.ts'
import type { FakeMeilisearch, Route } from '../../tests/search/fakeMeilisearch.ts'
import { isSearchError } from './errors.ts'
import { meilisearchPageOf, MeilisearchEngine } from './meilisearchEngine.ts'
import type { MeilisearchEngineOptions } from './meilisearchEngine.ts'
import { buildIndexSettings, defaultIndexSettings } from './settings.ts'
import { frenchStopWords, tokenize } from './text.ts'
import type { KnowledgeDocument } from './types.ts'

// These tests check the engine through the real client against a fake server
// that answers like Meilisearch (tests/search/fakeMeilisearch.ts): what the
// engine sends, and how it reads answers, failed tasks and errors. Search
// behaviour itself is the conformance suite's, against a live server.

const servers: FakeMeilisearch[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const startServer = async (): Promise<FakeMeilisearch> => {
  const server = await startFakeMeilisearch()
  servers.push(server)
  return server
}

const existingIndex =
  (primaryKey: string | null): Route =>
  (request) =>
    request.method === 'GET' && request.path === '/indexes/knowledge'
      ? {
          status: 200,
          body: { uid: 'knowledge', primaryKey, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' },
        }
      : undefined

const engineOn = (server: FakeMeilisearch, options: Partial<MeilisearchEngineOptions> = {}) =>
  new MeilisearchEngine({ host: server.url, apiKey: 'test-key', taskTimeoutMs: 2_000, taskIntervalMs: 5, ...options })

const rejectionOf = async (promise: Promise<unknown>) => {
  try {
    await promise
    return undefined
  } catch (error) {
    return error
  }
}

const guide: KnowledgeDocument = {
  id: 'guides-12',
  type: 'guide',
  title: 'Renouveler son passeport',
  text: 'En mairie, sur rendez-vous.',
  procedure: { id: 1, slug: 'passeport', title: 'Passeport' },
  agency: 'ants',
  isOfficial: false,
  isValidated: true,
  score: 5,
  updatedAt: 1_700_000_000_000,
  url: '/demarches/passeport#guide',
}

describe('MeilisearchEngine against a fake server', () => {
  it('creates a missing index with primary key id and applies the settings, waiting for each task', async () => {
    const server = await startServer()
    await engineOn(server).ensureIndex(defaultIndexSettings)

    const creation = server.requests.find(({ method, path }) => method === 'POST' && path === '/indexes')
    expect(creation?.body).toEqual({ uid: 'knowledge', primaryKey: 'id' })
    const settings = server.requests.find(({ method }) => method === 'PATCH')
    expect(settings?.path).toBe('/indexes/knowledge/settings')
    expect(settings?.body).toMatchObject({
      searchableAttributes: ['title', 'procedure.title', 'text'],
      filterableAttributes: ['type', 'procedure.slug', 'agency', 'isOfficial', 'isValidated'],
      sortableAttributes: ['updatedAt', 'score', 'title'],
      rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'trust:desc', 'score:desc'],
      typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 }, disableOnNumbers: true },
      localizedAttributes: [{ attributePatterns: ['title', 'procedure.title', 'text'], locales: ['fra'] }],
      synonyms: expect.objectContaining({ cni: expect.arrayContaining(["carte nationale d'identité"]) }),
      stopWords: expect.arrayContaining(['le', 'à', 'a']),
    })
    // The version was checked first.
    expect(server.requests[0]?.path).toBe('/version')
    // Both tasks were polled until done before ensureIndex resolved.
    expect(server.requests.filter(({ path }) => path.startsWith('/tasks/')).map(({ path }) => path)).toEqual([
      '/tasks/1',
      '/tasks/2',
    ])
  })

  it('turns a failed settings task into a typed error carrying Meilisearch’s message', async () => {
    const server = await startServer()
    server.route(existingIndex('id'))
    server.outcomes.push({
      status: 'failed',
      code: 'invalid_settings_ranking_rules',
      message: 'Ranking rule `trust:desc` is invalid.',
    })
    const error = await rejectionOf(engineOn(server).ensureIndex(defaultIndexSettings))
    expect(isSearchError(error, 'engine-task-failed')).toBe(true)
    expect(error instanceof Error && error.message).toContain('Ranking rule `trust:desc` is invalid.')
    expect(isSearchError(error) && error.details).toMatchObject({ meilisearchCode: 'invalid_settings_ranking_rules' })
  })

  it('refuses an existing index with another primary key', async () => {
    const server = await startServer()
    server.route(existingIndex('uuid'))
    const error = await rejectionOf(engineOn(server).ensureIndex(defaultIndexSettings))
    expect(isSearchError(error, 'index-misconfigured')).toBe(true)
    expect(server.requests.some(({ method }) => method === 'PATCH')).toBe(false)
  })

  it('sends whole documents with the derived trust, and reports a failed write at flush', async () => {
    const server = await startServer()
    server.route(existingIndex('id'))
    const engine = engineOn(server)
    await engine.ensureIndex(defaultIndexSettings)
    server.outcomes.push({
      status: 'failed',
      code: 'invalid_document_fields',
      message: 'Document `guides-12` is too large.',
    })
    await engine.upsert([guide])

    const addition = server.requests.find(
      ({ method, path }) => method === 'POST' && path === '/indexes/knowledge/documents',
    )
    expect(addition?.body).toEqual([{ ...guide, trust: 1 }])
    const error = await rejectionOf(engine.flush())
    expect(isSearchError(error, 'engine-task-failed')).toBe(true)
    expect(error instanceof Error && error.message).toContain('Document `guides-12` is too large.')
    // The failure was reported once; the next flush has nothing left to wait for.
    await expect(engine.flush()).resolves.toBeUndefined()
  })

  it('compiles filters, facets, sort and pagination into the search request', async () => {
    const server = await startServer()
    server.route(existingIndex('id'))
    server.route((request) =>
      request.path === '/indexes/knowledge/search'
        ? {
            status: 200,
            body: { hits: [], query: '', processingTimeMs: 1, hitsPerPage: 10, page: 3, totalHits: 0, totalPages: 0 },
          }
        : undefined,
    )
    const engine = engineOn(server)
    await engine.ensureIndex(defaultIndexSettings)
    await engine.search({
      query: 'passeport',
      filter: {
        op: 'and',
        filters: [
          { op: 'equals', attribute: 'agency', value: 'a" OR type = "x' },
          { op: 'boolean', attribute: 'isOfficial', value: true },
        ],
      },
      facets: ['type', 'procedure.slug'],
      sort: [{ attribute: 'updatedAt', direction: 'desc' }],
      limit: 10,
      offset: 20,
    })
    await engine.search({ query: 'passeport', limit: 10, offset: 5 })
    const [aligned, unaligned] = server.requests
      .filter(({ path }) => path === '/indexes/knowledge/search')
      .map(({ body }) => body)
    expect(server.requests.find(({ method }) => method === 'PATCH')?.body).toMatchObject({
      pagination: { maxTotalHits: 1001 },
    })
    expect(aligned).toMatchObject({
      q: 'passeport',
      filter: '(agency = "a\\" OR type = \\"x") AND (isOfficial = "true")',
      facets: ['type', 'procedure.slug'],
      sort: ['updatedAt:desc'],
      hitsPerPage: 10,
      page: 3,
      matchingStrategy: 'last',
      attributesToHighlight: ['title', 'text'],
      attributesToCrop: ['text'],
      highlightPreTag: '<mark>',
      highlightPostTag: '</mark>',
      cropLength: 24,
      cropMarker: '…',
    })
    expect(aligned).not.toHaveProperty('offset')
    // Hits 5 to 14 are the second half of the first page of 15: a page, so that the total is exact.
    expect(unaligned).toMatchObject({ page: 1, hitsPerPage: 15 })
    expect(unaligned).not.toHaveProperty('offset')
  })

  it('maps hits, _formatted, facets and totals to the engine-neutral result', async () => {
    const server = await startServer()
    server.route(existingIndex('id'))
    server.route((request) =>
      request.path === '/indexes/knowledge/search'
        ? {
            status: 200,
            body: {
              hits: [
                {
                  ...guide,
                  _formatted: {
                    ...guide,
                    title: 'Renouveler son <mark>passeport</mark>',
                    text: 'En mairie…',
                    score: '5',
                  },
                },
              ],
              query: 'passeport',
              processingTimeMs: 3,
              hitsPerPage: 20,
              page: 1,
              totalPages: 1,
              totalHits: 1,
              facetDistribution: { type: { guide: 1 } },
            },
          }
        : undefined,
    )
    const engine = engineOn(server)
    await engine.ensureIndex(defaultIndexSettings)
    const result = await engine.search({ query: 'passeport', facets: ['type', 'agency'] })
    expect(result).toEqual({
      hits: [{ document: guide, formatted: { title: 'Renouveler son <mark>passeport</mark>', text: 'En mairie…' } }],
      total: 1,
      isTotalExact: true,
      facets: { type: { guide: 1 }, agency: {} },
      processingTimeMs: 3,
      query: 'passeport',
      limit: 20,
      offset: 0,
    })
  })

  it('rejects a search on an undeclared attribute before calling the server', async () => {
    const server = await startServer()
    server.route(existingIndex('id'))
    const engine = engineOn(server)
    await engine.ensureIndex(defaultIndexSettings)
    const before = server.requests.length
    const error = await rejectionOf(engine.search({ filter: { op: 'equals', attribute: 'url', value: '/x' } }))
    expect(isSearchError(error, 'filter-not-allowed')).toBe(true)
    expect(server.requests.length).toBe(before)
  })
})

const tips = (count: number): KnowledgeDocument[] =>
  Array.from({ length: count }, (_, index) => ({
    ...guide,
    id: `tips-${index}`,
    type: 'tip',
    title: `Astuce ${index}`,
    text: 'Un conseil pour le formulaire.',
  }))

/** An engine on a fake server holding `count` tips, ready to search. */
const loadedEngine = async (count: number) => {
  const server = await startServer()
  const engine = engineOn(server)
  await engine.ensureIndex(defaultIndexSettings)
  await engine.upsert(tips(count))
  await engine.flush()
  return { engine, server }
}

const lastSearch = (server: FakeMeilisearch) =>
  server.requests.filter(({ path }) => path === '/indexes/knowledge/search').at(-1)?.body

const settingsSent = async (settings = defaultIndexSettings) => {
  const server = await startServer()
  await engineOn(server).ensureIndex(settings)
  const body = server.requests.find(({ method }) => method === 'PATCH')?.body
  const stopWords: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'stopWords') : undefined
  const synonyms: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'synonyms') : undefined
  return {
    stopWords: Array.isArray(stopWords) ? stopWords.filter((word) => typeof word === 'string') : [],
    synonyms: typeof synonyms === 'object' && synonyms !== null ? Object.entries(synonyms) : [],
  }
}

describe('MeilisearchEngine settings, as Meilisearch reads them', () => {
  it('sends every stop word as written, capitalised and in capitals, with and without accents', async () => {
    const { stopWords } = await settingsSent()
    // Meilisearch compares words with its stop words before lower-casing them: "Le" at the start of a sentence is not "le".
    expect(stopWords).toEqual(
      expect.arrayContaining([
        'le',
        'Le',
        'LE',
        'la',
        'La',
        'LA',
        'une',
        'Une',
        'UNE',
        'à',
        'À',
        'a',
        'A',
        'où',
        'Où',
        'OÙ',
        'ou',
      ]),
    )
  })

  it('leaves out of the stop words every word of a synonym expression, in every case', async () => {
    const { stopWords, synonyms } = await settingsSent()
    const synonymWords = new Set(
      synonyms
        .flatMap(([key, values]) => [key, ...(Array.isArray(values) ? values : [])])
        .flatMap((expression) => tokenize(String(expression))),
    )
    const folded = stopWords.flatMap((word) => tokenize(word))
    expect(folded.filter((word) => synonymWords.has(word))).toEqual([])
    // au (aide personnalisée au logement), d (carte nationale d'identité), de, des, aux: in documents they sit between the words.
    for (const word of ['au', 'Au', 'AU', 'd', 'D', 'de', 'De', 'DE', 'des', 'aux'])
      expect(stopWords).not.toContain(word)
    // The other stop words are still there.
    expect(
      frenchStopWords
        .filter((word) => !synonymWords.has(tokenize(word).join(' ')))
        .every((word) => stopWords.includes(word)),
    ).toBe(true)
  })

  it('does the same for synonyms added in the options', async () => {
    const { stopWords } = await settingsSent(buildIndexSettings({ synonyms: { sécu: ['la sécurité sociale'] } }))
    for (const word of ['la', 'La', 'LA']) expect(stopWords).not.toContain(word)
    expect(stopWords).toEqual(expect.arrayContaining(['le', 'Le', 'LE']))
  })

  it('sends no synonym key of more than three words, which Meilisearch could never look up, and keeps the long forms as values', async () => {
    const { synonyms } = await settingsSent()
    const keys = synonyms.map(([key]) => key)
    expect(keys.filter((key) => tokenize(key).length > 3)).toEqual([])
    expect(keys).not.toContain("carte nationale d'identité")
    expect(keys).not.toContain('aide personnalisée au logement')
    const valuesOf = (key: string) => synonyms.find(([candidate]) => candidate === key)?.[1]
    expect(valuesOf('cni')).toEqual(expect.arrayContaining(["carte nationale d'identité", "carte d'identité"]))
    expect(valuesOf('apl')).toEqual(['aide personnalisée au logement'])
    // Three words or fewer stay two-way.
    expect(valuesOf("carte d'identité")).toEqual(expect.arrayContaining(['cni', "carte nationale d'identité"]))
    expect(valuesOf("certificat d'immatriculation")).toEqual(['carte grise'])
  })
})

describe('MeilisearchEngine totals, capped at maxTotalHits as Meilisearch caps them', () => {
  it('reports more than 1,000 matches as a total of 1,000 that is not exact', async () => {
    const { engine, server } = await loadedEngine(1001)
    const result = await engine.search({ limit: 20 })
    expect(result.total).toBe(1000)
    expect(result.isTotalExact).toBe(false)
    expect(result.hits).toHaveLength(20)
    expect(lastSearch(server)).toMatchObject({ page: 1, hitsPerPage: 20 })
  })

  it('reports exactly 1,000 matches as an exact total', async () => {
    const { engine } = await loadedEngine(1000)
    const result = await engine.search({ limit: 0 })
    expect(result).toMatchObject({ total: 1000, isTotalExact: true, hits: [] })
  })

  it('never returns hits past the 1,000th, as Meilisearch clamps offset and limit', async () => {
    const { engine, server } = await loadedEngine(1010)
    const end = await engine.search({ offset: 995, limit: 10 })
    expect(end.hits.map(({ document }) => document.id)).toEqual(
      [995, 996, 997, 998, 999].map((index) => `tips-${index}`),
    )
    expect(end).toMatchObject({ total: 1000, isTotalExact: false, offset: 995, limit: 10 })
    const past = await engine.search({ offset: 1000, limit: 10 })
    expect(past).toMatchObject({ hits: [], total: 1000, isTotalExact: false })
    expect(lastSearch(server)).toMatchObject({ hitsPerPage: 0 })
  })

  it('counts exactly on a page that does not start at a multiple of the limit', async () => {
    const { engine } = await loadedEngine(30)
    const result = await engine.search({ offset: 5, limit: 10 })
    expect(result.hits.map(({ document }) => document.id)).toEqual(
      tips(30)
        .slice(5, 15)
        .map(({ id }) => id),
    )
    expect(result).toMatchObject({ total: 30, isTotalExact: true })
  })

  it('asks for one page that holds the requested hits, not much larger, and nothing past the cap', () => {
    const wrong: string[] = []
    for (let limit = 0; limit <= 60; limit += 1) {
      for (let offset = 0; offset <= 1100; offset += 1) {
        const { page, hitsPerPage, skip, take } = meilisearchPageOf({ offset, limit }, 1000)
        const start = Math.min(offset, 1000)
        const isRight =
          take === Math.max(0, Math.min(offset + limit, 1000) - start) &&
          (take === 0 ||
            ((page - 1) * hitsPerPage + skip === start &&
              skip + take <= hitsPerPage &&
              // The smallest such page: at most twice the hits asked for, or 16 more.
              hitsPerPage <= Math.max(2 * take, take + 16)))
        if (!isRight)
          wrong.push(`offset ${offset}, limit ${limit}: ${JSON.stringify({ page, hitsPerPage, skip, take })}`)
      }
    }
    expect(wrong).toEqual([])
  })
})

describe('MeilisearchEngine errors, with what the operator should do', () => {
  const codeOf = (error: unknown) => (isSearchError(error) ? { code: error.code, status: error.status } : error)
  const messageOf = (error: unknown) => (error instanceof Error ? error.message : '')

  it('reports an unreachable server as engine-unavailable (503), naming MEILI_HOST', async () => {
    const server = await startServer()
    const { url } = server
    await server.close()
    servers.splice(servers.indexOf(server), 1)
    const error = await rejectionOf(
      new MeilisearchEngine({ host: url, requestTimeoutMs: 2_000 }).ensureIndex(defaultIndexSettings),
    )
    expect(codeOf(error)).toEqual({ code: 'engine-unavailable', status: 503 })
    expect(messageOf(error)).toContain(url)
    expect(messageOf(error)).toContain('MEILI_HOST')
  })

  it('reports a request that timed out as engine-timeout (504), though the client wraps it in a request error', async () => {
    const { server } = await loadedEngine(3)
    server.route((request) =>
      request.path === '/indexes/knowledge/search' ? { status: 200, body: {}, delayMs: 2_000 } : undefined,
    )
    const slow = engineOn(server, { requestTimeoutMs: 100 })
    await slow.ensureIndex(defaultIndexSettings)
    const error = await rejectionOf(slow.search({ query: 'astuce' }))
    expect(codeOf(error)).toEqual({ code: 'engine-timeout', status: 504 })
    expect(messageOf(error)).toContain('100ms')
  })

  it('reports a timeout at start as engine-timeout too', async () => {
    const server = await startServer()
    server.route((request) => (request.path === '/version' ? { status: 200, body: {}, delayMs: 2_000 } : undefined))
    const error = await rejectionOf(engineOn(server, { requestTimeoutMs: 100 }).ensureIndex(defaultIndexSettings))
    expect(codeOf(error)).toEqual({ code: 'engine-timeout', status: 504 })
  })

  it('reports a missing API key as engine-auth, naming MEILI_API_KEY', async () => {
    const server = await startServer()
    server.masterKey = 'the-master-key'
    const error = await rejectionOf(engineOn(server, { apiKey: undefined }).ensureIndex(defaultIndexSettings))
    expect(codeOf(error)).toEqual({ code: 'engine-auth', status: 502 })
    expect(messageOf(error)).toContain('MEILI_API_KEY')
    expect(isSearchError(error) && error.details).toMatchObject({
      meilisearchCode: 'missing_authorization_header',
      httpStatus: 401,
      setting: 'MEILI_API_KEY',
    })
  })

  it('reports a refused API key as engine-auth, naming MEILI_API_KEY', async () => {
    const server = await startServer()
    server.masterKey = 'the-master-key'
    const error = await rejectionOf(engineOn(server, { apiKey: 'a-wrong-key' }).ensureIndex(defaultIndexSettings))
    expect(codeOf(error)).toEqual({ code: 'engine-auth', status: 502 })
    expect(messageOf(error)).toContain('MEILI_API_KEY')
    expect(isSearchError(error) && error.details).toMatchObject({ meilisearchCode: 'invalid_api_key', httpStatus: 403 })
  })

  it('works with a key that may manage the index but not read the version', async () => {
    const server = await startServer()
    server.masterKey = 'the-master-key'
    server.isVersionForbidden = true
    const engine = engineOn(server, { apiKey: 'the-master-key' })
    await engine.ensureIndex(defaultIndexSettings)
    await expect(engine.search({ query: 'x' })).resolves.toMatchObject({ total: 0 })
  })

  it('reports an HTML error page from a proxy as engine-bad-response, naming MEILI_HOST', async () => {
    const server = await startServer()
    server.route(() => ({
      status: 502,
      html: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    }))
    const error = await rejectionOf(engineOn(server).ensureIndex(defaultIndexSettings))
    expect(codeOf(error)).toEqual({ code: 'engine-bad-response', status: 502 })
    expect(messageOf(error)).toContain(server.url)
    expect(messageOf(error)).toContain('MEILI_HOST')
  })

  it('reports an empty error from a proxy as engine-bad-response, with its status', async () => {
    const { engine, server } = await loadedEngine(1)
    server.route(() => ({ status: 503 }))
    const error = await rejectionOf(engine.search({ query: 'astuce' }))
    expect(codeOf(error)).toEqual({ code: 'engine-bad-response', status: 502 })
    expect(messageOf(error)).toContain('HTTP 503')
    expect(messageOf(error)).toContain('MEILI_HOST')
  })

  it('refuses a server older than 1.15 at start, naming its version, before changing anything', async () => {
    const server = await startServer()
    server.version = '1.14.2'
    const error = await rejectionOf(engineOn(server).ensureIndex(defaultIndexSettings))
    expect(codeOf(error)).toEqual({ code: 'engine-incompatible', status: 502 })
    expect(messageOf(error)).toContain('1.14.2')
    expect(messageOf(error)).toContain('1.15.0')
    expect(server.requests.filter(({ method }) => method !== 'GET')).toEqual([])
  })

  it('accepts 1.15.0, the minimum', async () => {
    const server = await startServer()
    server.version = '1.15.0'
    await expect(engineOn(server).ensureIndex(defaultIndexSettings)).resolves.toBeUndefined()
  })

  it('still names the minimum version when the key may not read it and the server refuses the settings', async () => {
    const server = await startServer()
    server.masterKey = 'the-master-key'
    server.isVersionForbidden = true
    server.version = '1.14.2'
    const error = await rejectionOf(engineOn(server, { apiKey: 'the-master-key' }).ensureIndex(defaultIndexSettings))
    expect(codeOf(error)).toEqual({ code: 'engine-incompatible', status: 502 })
    expect(messageOf(error)).toContain('1.15.0')
    expect(messageOf(error)).toContain('disableOnNumbers')
  })
})
