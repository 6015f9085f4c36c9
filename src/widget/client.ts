import type { Id, ProcedurePageData, PublicPerson, PublicRole, SearchHit, SearchResponse, WidgetNotification } from './types.ts'

/** An error the API returned, with what the widget needs to explain it. */
export class ApiError extends Error {
  readonly status: number
  /** Messages about single fields (`{ path, message }`), from Payload validation errors. */
  readonly fieldErrors: { path: string; message: string }[]
  /** Entraide's stable error code (`data.code`: `not-signed-in`, `conflict`…), or null. */
  readonly code: string | null
  /** The error's `data`, with details such as a suspension's `reason`. */
  readonly data: Record<string, unknown>

  constructor(
    message: string,
    status: number,
    {
      code = null,
      data = {},
      fieldErrors = [],
    }: { code?: string | null; data?: Record<string, unknown>; fieldErrors?: { path: string; message: string }[] } = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.fieldErrors = fieldErrors
    this.code = code
    this.data = data
  }
}

/** A failure to reach the API at all (offline, server down, CORS refusal). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network')
    this.name = 'NetworkError'
    this.cause = cause
  }
}

/**
 * Where a search looks, and which page of results (from `offset`, 0 when
 * absent); `types` narrows it to some kinds of item, and `isSuggestion` marks
 * a lookup made while someone types a question, which the API does not
 * record as a search.
 */
export type SearchScope = {
  query: string
  procedure: string | null
  limit: number
  offset?: number
  types?: readonly string[]
  isSuggestion?: boolean
}

/** A published official page, as a search hit without a link opens it inside the widget. */
export type WikiPageContent = { id: string | number; title: string; body: unknown }

/** The calls the widget makes to the Entraide REST API. */
export type EntraideClient = {
  /** Base URL of the Entraide app, without `/api` ('' for the same origin). */
  baseUrl: string
  loadPage: (args: { procedure: string; step: number | null }) => Promise<ProcedurePageData>
  search: (scope: SearchScope, signal: AbortSignal) => Promise<SearchResponse>
  /** A published official page by id; rejects with an `ApiError` (404) when it is not public. */
  loadWikiPage: (id: string, signal?: AbortSignal) => Promise<WikiPageContent>
  signIn: (args: { email: string; password: string }) => Promise<PublicPerson>
  /**
   * Creates the account and signs it in; null when the site asks new accounts
   * to confirm their email address first (its answer then carries no account:
   * it is the same whether the address was new or not).
   */
  signUp: (args: { email: string; password: string; displayName: string }) => Promise<PublicPerson | null>
  signOut: () => Promise<void>
  /**
   * POSTs a JSON body to `/api{path}` and returns the JSON response; with
   * `keepalive`, the request outlives the page (a signal sent as a link is followed).
   */
  post: (path: string, body: Record<string, unknown>, init?: { keepalive?: boolean }) => Promise<Record<string, unknown>>
  /** How many of the signed-in person's notifications are unread. */
  countUnread: () => Promise<number>
  /** The signed-in person's latest notifications, newest first. */
  loadNotifications: (args: { recipient: Id; limit: number }) => Promise<WidgetNotification[]>
  /** Marks one notification read. */
  markNotificationRead: (id: Id) => Promise<void>
  /** Marks all the signed-in person's notifications read. */
  markAllNotificationsRead: () => Promise<void>
}

/** Whether a JSON value is an object (not an array, not null). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const roles: readonly PublicRole[] = ['citizen', 'agent', 'editor', 'admin']

const personOf = (value: unknown): PublicPerson | null => {
  if (!isRecord(value) || (typeof value.id !== 'string' && typeof value.id !== 'number')) return null
  const role = roles.find((candidate) => candidate === value.role) ?? 'citizen'
  return { displayName: typeof value.displayName === 'string' ? value.displayName : '', id: value.id, role }
}

/** The first error message of a Payload error body, with its field details. */
export const errorFromBody = (body: unknown, status: number): ApiError => {
  const first = isRecord(body) && Array.isArray(body.errors) && isRecord(body.errors[0]) ? body.errors[0] : null
  const message =
    first && typeof first.message === 'string'
      ? first.message
      : isRecord(body) && typeof body.message === 'string'
        ? body.message
        : `HTTP ${status}`
  const data = first && isRecord(first.data) ? first.data : {}
  const details = Array.isArray(data.errors) ? data.errors : []
  const fieldErrors = details.flatMap((detail: unknown) =>
    isRecord(detail) && typeof detail.message === 'string'
      ? [{ message: detail.message, path: typeof detail.path === 'string' ? detail.path : '' }]
      : [],
  )
  return new ApiError(message, status, { code: typeof data.code === 'string' ? data.code : null, data, fieldErrors })
}

const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/** A notification of the REST list, or null when the shape is not one. */
const notificationOf = (value: unknown): WidgetNotification | null => {
  if (!isRecord(value) || (typeof value.id !== 'string' && typeof value.id !== 'number')) return null
  if (typeof value.title !== 'string' || typeof value.createdAt !== 'string') return null
  return {
    body: textOrNull(value.body),
    createdAt: value.createdAt,
    id: value.id,
    isRead: value.isRead === true,
    link: textOrNull(value.link),
    note: textOrNull(value.note),
    title: value.title,
  }
}

const isPageData = (value: unknown): value is ProcedurePageData =>
  isRecord(value) &&
  isRecord(value.procedure) &&
  Array.isArray(value.threads) &&
  Array.isArray(value.tips) &&
  typeof value.accounts === 'string'

const isHit = (value: unknown): value is SearchHit =>
  isRecord(value) && typeof value.id === 'string' && typeof value.title === 'string' && typeof value.url === 'string'

/**
 * A client for the Entraide API at `baseUrl`. Sends the session cookie
 * (`credentials: 'include'`) and, once the person signs in through the
 * widget, the session token too: on another site than the API's, browsers
 * may withhold the cookie, and the token keeps the session for the page.
 */
export const createClient = (baseUrl = '', lang?: string): EntraideClient => {
  const base = baseUrl.replace(/\/+$/, '')
  let token: string | null = null
  // The site's accounts collection, learnt from the first page (most sites call it `users`).
  let accounts = 'users'

  const request = async (
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: Record<string, unknown>,
    signal?: AbortSignal,
    keepalive = false,
  ) => {
    const headers: Record<string, string> = { Accept: 'application/json' }
    // Messages the API words itself (personal data found, too many requests) follow the widget's language.
    if (lang) headers['Accept-Language'] = lang
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    if (token) headers.Authorization = `JWT ${token}`
    let response: Response
    try {
      response = await fetch(`${base}/api${path}`, {
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'include',
        headers,
        ...(keepalive ? { keepalive } : {}),
        method,
        signal,
      })
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error
      throw new NetworkError(error)
    }
    const data: unknown = await response.json().catch(() => null)
    if (!response.ok) throw errorFromBody(data, response.status)
    return data
  }

  const signIn: EntraideClient['signIn'] = async ({ email, password }) => {
    const data = await request('POST', `/${accounts}/login`, { email, password })
    if (isRecord(data) && typeof data.token === 'string') token = data.token
    // The public profile, whatever the site calls its fields.
    const me = await request('GET', '/entraide/me')
    const user = isRecord(me) ? personOf(me.user) : null
    if (!user) throw new ApiError('Unexpected response', 500)
    return user
  }

  return {
    baseUrl: base,
    countUnread: async () => {
      const data = await request('GET', '/notifications/unread')
      return isRecord(data) && typeof data.unread === 'number' ? data.unread : 0
    },
    loadNotifications: async ({ limit, recipient }) => {
      // Admins may also read others' notifications whose email failed: the bell lists one's own only.
      const params = new URLSearchParams({
        depth: '0',
        limit: String(limit),
        sort: '-createdAt',
        'where[recipient][equals]': String(recipient),
      })
      const data = await request('GET', `/notifications?${params.toString()}`)
      const docs = isRecord(data) && Array.isArray(data.docs) ? data.docs : []
      return docs.flatMap((doc: unknown) => {
        const notification = notificationOf(doc)
        return notification ? [notification] : []
      })
    },
    markAllNotificationsRead: async () => {
      await request('POST', '/notifications/read-all', {})
    },
    markNotificationRead: async (id) => {
      await request('PATCH', `/notifications/${encodeURIComponent(String(id))}?depth=0`, { isRead: true })
    },
    loadPage: async ({ procedure, step }) => {
      const query = step === null ? '' : `?step=${step}`
      const data = await request('GET', `/entraide/procedures/${encodeURIComponent(procedure)}${query}`)
      if (!isPageData(data)) throw new ApiError('Unexpected response', 500)
      if (/^[a-z0-9_-]+$/i.test(data.accounts)) accounts = data.accounts
      return data
    },
    loadWikiPage: async (id, signal) => {
      const data = await request('GET', `/wiki-pages/${encodeURIComponent(id)}?depth=0`, undefined, signal)
      if (!isRecord(data) || typeof data.title !== 'string' || (typeof data.id !== 'string' && typeof data.id !== 'number')) {
        throw new ApiError('Unexpected response', 500)
      }
      return { body: data.body, id: data.id, title: data.title }
    },
    post: async (path, body, init) => {
      const data = await request('POST', path, body, undefined, init?.keepalive)
      return isRecord(data) ? data : {}
    },
    search: async ({ isSuggestion = false, limit, offset = 0, procedure, query, types = [] }, signal) => {
      const params = new URLSearchParams({ limit: String(limit), q: query })
      if (procedure) params.set('procedure', procedure)
      if (offset > 0) params.set('offset', String(offset))
      if (types.length > 0) params.set('type', types.join(','))
      if (isSuggestion) params.set('suggest', 'true')
      const data = await request('GET', `/entraide/search?${params.toString()}`, undefined, signal)
      const hits = isRecord(data) && Array.isArray(data.hits) ? data.hits.filter(isHit) : []
      const total = isRecord(data) && typeof data.total === 'number' ? data.total : hits.length
      const processingTimeMs = isRecord(data) && typeof data.processingTimeMs === 'number' ? data.processingTimeMs : 0
      // An API without the flag counted exactly.
      const isTotalExact = !(isRecord(data) && data.isTotalExact === false)
      return { hits, isTotalExact, processingTimeMs, total }
    },
    signIn,
    signOut: async () => {
      token = null
      await request('POST', `/${accounts}/logout`, {}).catch(() => undefined)
    },
    signUp: async ({ displayName, email, password }) => {
      const created = await request('POST', `/${accounts}`, { displayName, email, password })
      return isRecord(created) && isRecord(created.doc) ? signIn({ email, password }) : null
    },
  }
}
