import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import { isSearchError } from './errors'
import { MeilisearchEngine } from './meilisearchEngine'
import { defaultIndexSettings } from './settings'
import type { KnowledgeDocument } from './types'

// No Meilisearch server exists here, so these tests stand up a small HTTP
// server that answers the few routes the engine uses the way Meilisearch
// does. They check the engine through the real client: what it sends, and
// how it reads answers and failed tasks. The conformance suite covers search
// behaviour against a live server.

type Recorded = { method: string; path: string; body: unknown }
type TaskOutcome = { status: 'succeeded' } | { status: 'failed'; code: string; message: string }
type Route = (request: Recorded) => { status: number; body: unknown } | undefined

type FakeServer = {
  url: string
  requests: Recorded[]
  /** Outcome of the next tasks, in order; tasks succeed once the list is empty. */
  outcomes: TaskOutcome[]
  route: (handler: Route) => void
  close: () => Promise<void>
}

const servers: FakeServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

const readBody = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(Buffer.from(chunk))
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : undefined
}

const startFakeMeilisearch = async (): Promise<FakeServer> => {
  const requests: Recorded[] = []
  const outcomes: TaskOutcome[] = []
  const routes: Route[] = []
  const tasks = new Map<number, Record<string, unknown>>()
  let nextTask = 1
  const enqueue = (type: string) => {
    const uid = nextTask
    nextTask += 1
    const outcome = outcomes.shift() ?? { status: 'succeeded' }
    tasks.set(uid, {
      uid,
      batchUid: uid,
      indexUid: 'knowledge',
      status: outcome.status,
      type,
      canceledBy: null,
      error:
        outcome.status === 'failed'
          ? { message: outcome.message, code: outcome.code, type: 'invalid_request', link: 'https://docs.meilisearch.com' }
          : null,
      duration: 'PT0.001S',
      enqueuedAt: new Date().toISOString(),
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
    })
    return { status: 202, body: { taskUid: uid, indexUid: 'knowledge', status: 'enqueued', type, enqueuedAt: new Date().toISOString() } }
  }
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const recorded = { method: request.method ?? 'GET', path: url.pathname, body: await readBody(request) }
    requests.push(recorded)
    const custom = routes.map((route) => route(recorded)).find((answer) => answer !== undefined)
    const taskMatch = /^\/tasks\/(\d+)$/.exec(recorded.path)
    const answer =
      custom ??
      (taskMatch
        ? { status: 200, body: tasks.get(Number(taskMatch[1])) }
        : recorded.method === 'POST' && recorded.path === '/indexes'
          ? enqueue('indexCreation')
          : recorded.method === 'PATCH' && recorded.path.endsWith('/settings')
            ? enqueue('settingsUpdate')
            : recorded.method === 'POST' && recorded.path.endsWith('/documents')
              ? enqueue('documentAdditionOrUpdate')
              : recorded.method === 'POST' && recorded.path.endsWith('/documents/delete-batch')
                ? enqueue('documentDeletion')
                : { status: 404, body: { message: 'not found', code: 'not_found', type: 'invalid_request', link: '' } })
    response.writeHead(answer.status, { 'Content-Type': 'application/json' })
    response.end(JSON.stringify(answer.body))
  }
  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500)
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const fake: FakeServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    outcomes,
    route: (handler) => routes.push(handler),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  servers.push(fake)
  return fake
}

const missingIndex: Route = (request) =>
  request.method === 'GET' && request.path === '/indexes/knowledge'
    ? {
        status: 404,
        body: { message: 'Index `knowledge` not found.', code: 'index_not_found', type: 'invalid_request', link: '' },
      }
    : undefined

const existingIndex =
  (primaryKey: string | null): Route =>
  (request) =>
    request.method === 'GET' && request.path === '/indexes/knowledge'
      ? { status: 200, body: { uid: 'knowledge', primaryKey, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z' } }
      : undefined

const engineOn = (server: FakeServer) =>
  new MeilisearchEngine({ host: server.url, apiKey: 'test-key', taskTimeoutMs: 2_000, taskIntervalMs: 5 })

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
    const server = await startFakeMeilisearch()
    server.route(missingIndex)
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
      stopWords: expect.arrayContaining(['de', 'à', 'a']),
    })
    // Both tasks were polled until done before ensureIndex resolved.
    expect(server.requests.filter(({ path }) => path.startsWith('/tasks/')).map(({ path }) => path)).toEqual(['/tasks/1', '/tasks/2'])
  })

  it('turns a failed settings task into a typed error carrying Meilisearch’s message', async () => {
    const server = await startFakeMeilisearch()
    server.route(existingIndex('id'))
    server.outcomes.push({ status: 'failed', code: 'invalid_settings_ranking_rules', message: 'Ranking rule `trust:desc` is invalid.' })
    const error = await rejectionOf(engineOn(server).ensureIndex(defaultIndexSettings))
    expect(isSearchError(error, 'engine-task-failed')).toBe(true)
    expect(error instanceof Error && error.message).toContain('Ranking rule `trust:desc` is invalid.')
    expect(isSearchError(error) && error.details).toMatchObject({ meilisearchCode: 'invalid_settings_ranking_rules' })
  })

  it('refuses an existing index with another primary key', async () => {
    const server = await startFakeMeilisearch()
    server.route(existingIndex('uuid'))
    const error = await rejectionOf(engineOn(server).ensureIndex(defaultIndexSettings))
    expect(isSearchError(error, 'index-misconfigured')).toBe(true)
    expect(server.requests.some(({ method }) => method === 'PATCH')).toBe(false)
  })

  it('sends whole documents with the derived trust, and reports a failed write at flush', async () => {
    const server = await startFakeMeilisearch()
    server.route(existingIndex('id'))
    const engine = engineOn(server)
    await engine.ensureIndex(defaultIndexSettings)
    server.outcomes.push({ status: 'failed', code: 'invalid_document_fields', message: 'Document `guides-12` is too large.' })
    await engine.upsert([guide])

    const addition = server.requests.find(({ method, path }) => method === 'POST' && path === '/indexes/knowledge/documents')
    expect(addition?.body).toEqual([{ ...guide, trust: 1 }])
    const error = await rejectionOf(engine.flush())
    expect(isSearchError(error, 'engine-task-failed')).toBe(true)
    expect(error instanceof Error && error.message).toContain('Document `guides-12` is too large.')
    // The failure was reported once; the next flush has nothing left to wait for.
    await expect(engine.flush()).resolves.toBeUndefined()
  })

  it('compiles filters, facets, sort and pagination into the search request', async () => {
    const server = await startFakeMeilisearch()
    server.route(existingIndex('id'))
    server.route((request) =>
      request.path === '/indexes/knowledge/search'
        ? { status: 200, body: { hits: [], query: '', processingTimeMs: 1, hitsPerPage: 10, page: 3, totalHits: 0, totalPages: 0 } }
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
    const [aligned, unaligned] = server.requests.filter(({ path }) => path === '/indexes/knowledge/search').map(({ body }) => body)
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
    expect(unaligned).toMatchObject({ offset: 5, limit: 10 })
    expect(unaligned).not.toHaveProperty('page')
  })

  it('maps hits, _formatted, facets and totals to the engine-neutral result', async () => {
    const server = await startFakeMeilisearch()
    server.route(existingIndex('id'))
    server.route((request) =>
      request.path === '/indexes/knowledge/search'
        ? {
            status: 200,
            body: {
              hits: [
                {
                  ...guide,
                  _formatted: { ...guide, title: 'Renouveler son <mark>passeport</mark>', text: 'En mairie…', score: '5' },
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
    const server = await startFakeMeilisearch()
    server.route(existingIndex('id'))
    const engine = engineOn(server)
    await engine.ensureIndex(defaultIndexSettings)
    const before = server.requests.length
    const error = await rejectionOf(engine.search({ filter: { op: 'equals', attribute: 'url', value: '/x' } }))
    expect(isSearchError(error, 'filter-not-allowed')).toBe(true)
    expect(server.requests.length).toBe(before)
  })

  it('reports an unreachable server as engine-unavailable', async () => {
    const server = await startFakeMeilisearch()
    const { url } = server
    await server.close()
    servers.splice(servers.indexOf(server), 1)
    const error = await rejectionOf(new MeilisearchEngine({ host: url, requestTimeoutMs: 2_000 }).ensureIndex(defaultIndexSettings))
    expect(isSearchError(error, 'engine-unavailable')).toBe(true)
    expect(isSearchError(error) && error.status).toBe(503)
  })
})
