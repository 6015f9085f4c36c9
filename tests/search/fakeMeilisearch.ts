import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'

// No Meilisearch server can run here, so the engine's unit tests talk to this
// HTTP server instead, through the real client. It answers the routes the
// engine uses as Meilisearch 1.50 does for what those tests check: task
// objects, error bodies (codes, types, links), authentication (401 without a
// key, 403 for a refused one), GET /version, settings refused by a server too
// old for them, and search pagination — counts capped at
// `pagination.maxTotalHits`, offset and limit clamped to it, `totalHits` with
// page/hitsPerPage and `estimatedTotalHits` with offset/limit. Its matching
// is deliberately naive (every query word as a substring, insertion order):
// ranking, typos, stop words and synonyms are the conformance suite's job,
// against a live server.

export type Recorded = { method: string; path: string; body: unknown; authorization: string | undefined }
export type TaskOutcome = { status: 'succeeded' } | { status: 'failed'; code: string; message: string }
/** A custom answer: JSON `body`, or `html` sent as `text/html`; `delayMs` holds it back. */
export type Answer = { status: number; body?: unknown; html?: string; delayMs?: number }
export type Route = (request: Recorded) => Answer | undefined

export type FakeMeilisearch = {
  url: string
  requests: Recorded[]
  /** Outcome of the next tasks, in order; tasks succeed once the list is empty. */
  outcomes: TaskOutcome[]
  /** The documents of the `knowledge` index, in insertion order. */
  documents: Map<string, Record<string, unknown>>
  /** `pkgVersion` of GET /version. */
  version: string
  /** When set, every request needs `Authorization: Bearer <masterKey>`. */
  masterKey: string | undefined
  /** The key may use the index but not read GET /version (a key without the `version` action). */
  isVersionForbidden: boolean
  /** Answers tried before the built-in routes, first match wins. */
  route: (handler: Route) => void
  close: () => Promise<void>
}

const defaultMaxTotalHits = 1000
const defaultLimit = 20

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

const numberOr = (value: unknown, fallback: number): number => (typeof value === 'number' ? value : fallback)

/** An error body the way Meilisearch writes them. */
export const meilisearchError = (status: number, code: string, message: string, type = 'invalid_request'): Answer => ({
  status,
  body: { message, code, type, link: `https://docs.meilisearch.com/errors#${code}` },
})

const readBody = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(Buffer.from(chunk))
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? JSON.parse(text) : undefined
}

const versionBelow = (version: string, major: number, minor: number): boolean => {
  const [actualMajor = 0, actualMinor = 0] = version.split('.').map(Number)
  return actualMajor < major || (actualMajor === major && actualMinor < minor)
}

const fold = (text: string): string =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')

/** Starts a fake Meilisearch on a free local port; `close()` it when done. */
export const startFakeMeilisearch = async (): Promise<FakeMeilisearch> => {
  const routes: Route[] = []
  const tasks = new Map<number, Record<string, unknown>>()
  let settings: Record<string, unknown> = {}
  let hasIndex = false
  let nextTask = 1

  const fake: FakeMeilisearch = {
    url: '',
    requests: [],
    outcomes: [],
    documents: new Map(),
    version: '1.50.0',
    masterKey: undefined,
    isVersionForbidden: false,
    route: (handler) => routes.push(handler),
    close: async () => undefined,
  }

  const enqueue = (type: string, apply: () => void): Answer => {
    const uid = nextTask
    nextTask += 1
    const outcome = fake.outcomes.shift() ?? { status: 'succeeded' }
    if (outcome.status === 'succeeded') apply()
    const now = new Date().toISOString()
    tasks.set(uid, {
      uid,
      batchUid: uid,
      indexUid: 'knowledge',
      status: outcome.status,
      type,
      canceledBy: null,
      error:
        outcome.status === 'failed'
          ? {
              message: outcome.message,
              code: outcome.code,
              type: 'invalid_request',
              link: `https://docs.meilisearch.com/errors#${outcome.code}`,
            }
          : null,
      duration: 'PT0.001S',
      enqueuedAt: now,
      startedAt: now,
      finishedAt: now,
    })
    return { status: 202, body: { taskUid: uid, indexUid: 'knowledge', status: 'enqueued', type, enqueuedAt: now } }
  }

  const authenticate = (request: Recorded): Answer | undefined => {
    if (fake.masterKey === undefined) return undefined
    if (request.authorization === undefined) {
      return meilisearchError(
        401,
        'missing_authorization_header',
        'The Authorization header is missing. It must use the bearer authorization method.',
        'auth',
      )
    }
    const isVersionRoute = request.path === '/version'
    if (request.authorization !== `Bearer ${fake.masterKey}` || (isVersionRoute && fake.isVersionForbidden)) {
      return meilisearchError(403, 'invalid_api_key', 'The provided API key is invalid.', 'auth')
    }
    return undefined
  }

  const updateSettings = (body: unknown): Answer => {
    const typoTolerance = isRecord(body) && isRecord(body.typoTolerance) ? body.typoTolerance : {}
    if ('disableOnNumbers' in typoTolerance && versionBelow(fake.version, 1, 15)) {
      return meilisearchError(
        400,
        'invalid_settings_typo_tolerance',
        'Unknown field `disableOnNumbers`: expected one of `enabled`, `minWordSizeForTypos`, `disableOnWords`, `disableOnAttributes`',
      )
    }
    return enqueue('settingsUpdate', () => {
      settings = { ...settings, ...(isRecord(body) ? body : {}) }
    })
  }

  // Pagination as Meilisearch computes it (crates/meilisearch/src/search/mod.rs, prepare_search and perform_search).
  const search = (body: unknown): Answer => {
    const query = isRecord(body) && typeof body.q === 'string' ? body.q : ''
    const params = isRecord(body) ? body : {}
    const pagination = isRecord(settings.pagination) ? settings.pagination : {}
    const maxTotalHits = numberOr(pagination.maxTotalHits, defaultMaxTotalHits)
    const isFinitePagination = params.page !== undefined || params.hitsPerPage !== undefined
    const hitsPerPage = numberOr(params.hitsPerPage, defaultLimit)
    const page = numberOr(params.page, 1)
    const [requestedOffset, requestedLimit] = isFinitePagination
      ? page === 0
        ? [0, 0]
        : [hitsPerPage * (page - 1), hitsPerPage]
      : [numberOr(params.offset, 0), numberOr(params.limit, defaultLimit)]
    const offset = Math.min(requestedOffset, maxTotalHits)
    const limit = Math.min(requestedLimit, Math.max(0, maxTotalHits - offset))
    const words = fold(query).match(/[\p{L}\p{N}]+/gu) ?? []
    const candidates = [...fake.documents.values()].filter((document) => {
      const text = fold(`${String(document.title)} ${String(document.text)}`)
      return words.every((word) => text.includes(word))
    })
    const numberOfHits = Math.min(candidates.length, maxTotalHits)
    const hits = candidates
      .slice(offset, offset + limit)
      .map((document) => ({ ...document, _formatted: { ...document } }))
    const facets = Array.isArray(params.facets) ? params.facets.filter((facet) => typeof facet === 'string') : []
    const facetDistribution = Object.fromEntries(
      facets.map((facet) => {
        const counts: Record<string, number> = {}
        for (const document of candidates) {
          const value = document[facet]
          if (typeof value === 'string') counts[value] = (counts[value] ?? 0) + 1
        }
        return [facet, counts]
      }),
    )
    const hitsInfo = isFinitePagination
      ? {
          hitsPerPage,
          page,
          totalPages: hitsPerPage === 0 ? 0 : Math.ceil(numberOfHits / hitsPerPage),
          totalHits: numberOfHits,
        }
      : { limit: requestedLimit, offset, estimatedTotalHits: numberOfHits }
    return {
      status: 200,
      body: { hits, query, processingTimeMs: 1, ...hitsInfo, ...(facets.length > 0 ? { facetDistribution } : {}) },
    }
  }

  const builtIn = (request: Recorded): Answer => {
    const { method, path, body } = request
    const taskMatch = /^\/tasks\/(\d+)$/.exec(path)
    if (taskMatch) return { status: 200, body: tasks.get(Number(taskMatch[1])) }
    if (method === 'GET' && path === '/version') {
      return { status: 200, body: { commitSha: 'fake', commitDate: '2025-01-01T00:00:00Z', pkgVersion: fake.version } }
    }
    if (method === 'GET' && path === '/indexes/knowledge') {
      return hasIndex
        ? {
            status: 200,
            body: {
              uid: 'knowledge',
              primaryKey: 'id',
              createdAt: '2025-01-01T00:00:00Z',
              updatedAt: '2025-01-01T00:00:00Z',
            },
          }
        : meilisearchError(404, 'index_not_found', 'Index `knowledge` not found.')
    }
    if (method === 'POST' && path === '/indexes') {
      return enqueue('indexCreation', () => {
        hasIndex = true
      })
    }
    if (method === 'PATCH' && path === '/indexes/knowledge/settings') return updateSettings(body)
    if (method === 'POST' && path === '/indexes/knowledge/documents') {
      return enqueue('documentAdditionOrUpdate', () => {
        for (const document of Array.isArray(body) ? body : []) {
          if (isRecord(document) && typeof document.id === 'string') fake.documents.set(document.id, document)
        }
      })
    }
    if (method === 'POST' && path === '/indexes/knowledge/documents/delete-batch') {
      return enqueue('documentDeletion', () => {
        for (const id of Array.isArray(body) ? body : []) if (typeof id === 'string') fake.documents.delete(id)
      })
    }
    if (method === 'DELETE' && path === '/indexes/knowledge/documents') {
      return enqueue('documentDeletion', () => fake.documents.clear())
    }
    if (method === 'POST' && path === '/indexes/knowledge/search') return search(body)
    return meilisearchError(404, 'not_found', 'Not found.')
  }

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const recorded: Recorded = {
      method: request.method ?? 'GET',
      path: url.pathname,
      body: await readBody(request),
      authorization: request.headers.authorization,
    }
    fake.requests.push(recorded)
    const answer =
      routes.map((route) => route(recorded)).find((custom) => custom !== undefined) ??
      authenticate(recorded) ??
      builtIn(recorded)
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
    if (response.destroyed) return
    if (answer.html !== undefined) {
      response.writeHead(answer.status, { 'Content-Type': 'text/html' })
      response.end(answer.html)
      return
    }
    // An answer without a body stands for the empty error page of a proxy.
    response.writeHead(answer.status, answer.body === undefined ? {} : { 'Content-Type': 'application/json' })
    response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body))
  }

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500)
      response.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('The fake Meilisearch has no TCP port.')
  fake.url = `http://127.0.0.1:${address.port}`
  fake.close = () =>
    new Promise((resolve) => {
      // Requests held back by `delayMs` must not keep the server open.
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return fake
}
