import type { Endpoint, PayloadRequest } from 'payload'

import { maxListLimit } from '../hooks/closeSystemInput.ts'
import { CrossSiteRequestError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts'

/** Largest body of Entraide's own endpoints and of sign-in, sign-up and the other account routes. */
export const maxBodyBytes = 64 * 1024

/**
 * Largest body of a document write on Entraide's collections: a long guide
 * or wiki page in rich text, with room to spare (the admin panel's own form
 * posts stop at 1 MB per field).
 */
export const maxDocumentBodyBytes = 1024 * 1024

const hostOf = (value: string): string | null => {
  try {
    return new URL(value).host
  } catch {
    return null
  }
}

const originOf = (value: string): string | null => {
  try {
    return new URL(value).origin
  } catch {
    return null
  }
}

/**
 * The origins allowed to change things from a browser besides the app's own:
 * the server URL, Payload's CSRF list and the CORS list (which the
 * `allowedOrigins` option extends). A CORS wildcard allows reading, never writing.
 */
const trustedOrigins = (req: PayloadRequest): Set<string> => {
  const { config } = req.payload
  const cors = config.cors
  const corsList = Array.isArray(cors)
    ? cors
    : typeof cors === 'object' && Array.isArray(cors.origins)
      ? cors.origins
      : []
  const listed = [config.serverURL, ...(config.csrf ?? []), ...corsList]
  return new Set(listed.map(originOf).filter((origin): origin is string => origin !== null))
}

/** The hosts this request was addressed to: its URL's, its Host header's and a proxy's forwarded host. */
const ownHosts = (req: PayloadRequest): Set<string> => {
  const hosts = new Set<string>()
  const fromUrl = typeof req.url === 'string' ? hostOf(req.url) : null
  if (fromUrl) hosts.add(fromUrl)
  for (const header of ['host', 'x-forwarded-host']) {
    const value = req.headers.get(header)?.split(',')[0]?.trim()
    if (value) hosts.add(value.toLowerCase())
  }
  return hosts
}

/**
 * Refuses a state-changing request a browser sent from another site. Browsers
 * send `Origin` with every such request (and `Sec-Fetch-Site`); a request
 * with neither comes from a server, a script or a test, which cookies do not
 * follow, and goes through. The app's own origin (the request's host), its
 * server URL and the allowed origins may write.
 */
export const refuseCrossSite = (req: PayloadRequest): void => {
  const origin = req.headers.get('origin')
  const fetchSite = req.headers.get('sec-fetch-site')
  if (origin === null) {
    if (fetchSite === 'cross-site' || fetchSite === 'same-site') throw new CrossSiteRequestError('another site')
    return
  }
  const normalized = originOf(origin)
  if (normalized === null) throw new CrossSiteRequestError(origin)
  const host = hostOf(normalized)
  if (host !== null && ownHosts(req).has(host)) return
  if (trustedOrigins(req).has(normalized)) return
  throw new CrossSiteRequestError(origin)
}

/** Whether a content type is JSON (`application/json`, `application/problem+json`…). */
const isJsonType = (contentType: string): boolean => {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? ''
  return type === 'application/json' || /^application\/[\w.-]+\+json$/.test(type)
}

/**
 * Refuses a body that is not JSON: plain-text and form posts are what another
 * site can send without asking the browser first. A request without a
 * content type (and so without a body from a browser) goes through.
 */
export const requireJsonContentType = (req: PayloadRequest): void => {
  const contentType = req.headers.get('content-type')
  if (contentType !== null && contentType.trim() !== '' && !isJsonType(contentType)) {
    throw new UnsupportedMediaTypeError(contentType.split(';')[0]?.trim() ?? contentType)
  }
}

/** Reads a body stream up to `limit` bytes; past it, stops reading and refuses with 413. */
const readWithin = async (stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> => {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      throw new PayloadTooLargeError(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/**
 * Reads the request body, refusing it with 413 once it passes `limit` bytes
 * (at once when `Content-Length` says so, otherwise as soon as that many
 * bytes have arrived: the rest is never read), then hands the same bytes to
 * whoever reads the request next, as text, JSON, bytes, form data or stream.
 */
export const bufferBodyWithin = async (req: PayloadRequest, limit: number): Promise<void> => {
  const declared = Number(req.headers.get('content-length') ?? '')
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit)
  const stream = req.body
  if (!stream) return
  const bytes = await readWithin(stream, limit)
  const contentType = req.headers.get('content-type') ?? ''
  const copy = (): Response => new Response(bytes.slice(), { headers: { 'content-type': contentType } })
  const replace = (property: string, value: unknown) =>
    Object.defineProperty(req, property, { configurable: true, value, writable: true })
  replace('body', copy().body)
  replace('bodyUsed', false)
  replace('text', () => copy().text())
  replace('json', () => copy().json())
  replace('arrayBuffer', () => copy().arrayBuffer())
  replace('blob', () => copy().blob())
  replace('formData', () => copy().formData())
}

type GuardedRoute = Pick<Endpoint, 'method' | 'path'> & { limit: number; isEvenlyTimed?: boolean }

/** The shortest answer of a password-reset request, before its jitter. */
export const forgotPasswordFloorMs = 500

/** How many of the latest password-reset answers set the floor. */
const recentCount = 20

/** The durations of the latest password-reset answers, per Payload instance. */
const recentDurations = new WeakMap<object, number[]>()

/**
 * Answers a password-reset request no sooner than the slowest of the latest
 * ones (at least `forgotPasswordFloorMs`), plus up to 50 ms of jitter.
 * Payload updates the account and sends the email only when the account
 * exists, and answers an unknown email at once with the same words: padded,
 * both take as long. The slowest recent answer is the one that sent an
 * email, so a slow email service raises the floor with it.
 */
const evenlyTimed = async (req: PayloadRequest, answer: () => Promise<Response> | Response): Promise<Response> => {
  const started = performance.now()
  try {
    return await answer()
  } finally {
    const took = performance.now() - started
    const recent = recentDurations.get(req.payload) ?? []
    const floor = Math.max(forgotPasswordFloorMs, ...recent)
    recentDurations.set(req.payload, [...recent, took].slice(-recentCount))
    const wait = floor + Math.random() * 50 - took
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  }
}

/** The end of the line of sign-ups waiting for their turn, per Payload instance. */
const signUpLines = new WeakMap<object, Promise<void>>()

/**
 * Runs a sign-up after the ones before it, one at a time per process.
 * Payload creates an account inside one transaction that it opens first and
 * that then hashes the password (PBKDF2, 600,000 rounds) and sends the
 * confirmation email; on SQLite transactions take turns, so a flood of
 * sign-ups would each hold the only writer for that long and every other
 * write (a vote, a tip) would wait behind all of them, past the 30-second
 * limit of a transaction's wait. Waiting here instead, sign-ups go at the pace
 * they went anyway while everyone else's writes pass between two of them.
 */
const inSignUpLine = async (req: PayloadRequest, answer: () => Promise<Response> | Response): Promise<Response> => {
  const before = signUpLines.get(req.payload) ?? Promise.resolve()
  let done: (() => void) | undefined
  const turn = new Promise<void>((resolve) => {
    done = resolve
  })
  signUpLines.set(req.payload, turn)
  await before
  try {
    return await answer()
  } finally {
    done?.()
    if (signUpLines.get(req.payload) === turn) signUpLines.delete(req.payload)
  }
}

/** Payload's own routes of a collection that take a body or change something. */
const collectionWriteRoutes = (documentLimit: number): GuardedRoute[] => [
  { limit: documentLimit, method: 'post', path: '/' },
  { limit: maxDocumentBodyBytes, method: 'patch', path: '/' },
  { limit: maxDocumentBodyBytes, method: 'patch', path: '/:id' },
  { limit: maxBodyBytes, method: 'delete', path: '/' },
  { limit: maxBodyBytes, method: 'delete', path: '/:id' },
  { limit: maxBodyBytes, method: 'post', path: '/:id/duplicate' },
  { limit: maxBodyBytes, method: 'post', path: '/versions/:id' },
  { limit: maxBodyBytes, method: 'post', path: '/access/:id?' },
]

/** Payload's own routes of an auth collection: sign-in, sign-out, password reset… */
const authRoutes: GuardedRoute[] = [
  '/login',
  '/logout',
  '/refresh-token',
  '/forgot-password',
  '/reset-password',
  '/first-register',
  '/unlock',
  '/verify/:id',
].map((path) => ({ isEvenlyTimed: path === '/forgot-password', limit: maxBodyBytes, method: 'post', path }))

/**
 * A list's query with `limit` capped at `maxListLimit` (`limit=0`, Payload's
 * "no limit", and larger limits become the cap) and `pagination=false`
 * dropped: one page of at most that many, `totalDocs` counting them all.
 */
const cappedListQuery = (query: Record<string, unknown>): Record<string, unknown> => {
  const { pagination: _pagination, ...rest } = query
  const limit = Number(query.limit)
  const isOverCap = 'limit' in query && Number.isFinite(limit) && (limit === 0 || limit > maxListLimit)
  return isOverCap ? { ...rest, limit: String(maxListLimit) } : rest
}

/** Answers a public sign-up, given the create that Payload's own route does. */
export type SignUpAnswer = (req: PayloadRequest, create: () => Promise<Response>) => Promise<Response>

/** Marks the guards, so that a guard hands the request to Payload's own handler of its route and not to itself. */
const guardMark = 'entraideRequestGuard'

const isGuard = (endpoint: Endpoint): boolean => endpoint.custom?.[guardMark] === true

/**
 * Endpoints placed before Payload's own routes of a collection (Payload tries
 * a collection's custom endpoints first): each refuses cross-site requests
 * and bodies over the limit, then hands the request to Payload's handler of
 * the same route, unchanged (a password-reset request answered no sooner
 * than the slowest recent one). A hook cannot do this: by the time one runs,
 * Payload has read the whole body.
 */
export const guardedRoutes = ({
  isAuth,
  isOwn,
  signUp = (_req, create) => create(),
  slug,
}: {
  slug: string
  isAuth: boolean
  /** Entraide's own collection: its lists are capped too. */
  isOwn: boolean
  /** How a public sign-up is answered, given Payload's create (the people collection's). */
  signUp?: SignUpAnswer
}): Endpoint[] => {
  const handedOn = (req: PayloadRequest, method: Endpoint['method'], path: string) => {
    const own = req.payload.collections[slug]?.config.endpoints
    const handler = (own === false || own === undefined ? [] : own).find(
      (endpoint) => !isGuard(endpoint) && endpoint.method === method && endpoint.path === path,
    )?.handler
    if (!handler) throw new NotFoundError('route', path)
    return handler(req)
  }
  const writes = [
    // Creating an account (sign-up) takes a few fields; creating a document, rich text.
    ...collectionWriteRoutes(isAuth ? maxBodyBytes : maxDocumentBodyBytes),
    ...(isAuth ? authRoutes : []),
  ].map(({ isEvenlyTimed = false, limit, method, path }): Endpoint => ({
    custom: { [guardMark]: true },
    handler: async (req) => {
      refuseCrossSite(req)
      await bufferBodyWithin(req, limit)
      if (isEvenlyTimed) return evenlyTimed(req, () => handedOn(req, method, path))
      const isSignUp = isAuth && method === 'post' && path === '/' && !req.user
      return isSignUp
        ? inSignUpLine(req, () => signUp(req, async () => handedOn(req, method, path)))
        : handedOn(req, method, path)
    },
    method,
    path,
  }))
  const lists = ['/', '/versions'].map((path): Endpoint => ({
    custom: { [guardMark]: true },
    handler: (req) => {
      req.query = cappedListQuery(req.query)
      return handedOn(req, 'get', path)
    },
    method: 'get',
    path,
  }))
  return isOwn ? [...writes, ...lists] : writes
}

/**
 * Payload serves its version routes on every collection, and on one that
 * keeps no versions they fail on the missing table (500). These answer 404
 * first: there is no such version.
 */
export const noVersionRoutes = (slug: string): Endpoint[] =>
  (
    [
      { method: 'get', path: '/versions' },
      { method: 'get', path: '/versions/:id' },
      { method: 'post', path: '/versions/:id' },
    ] satisfies Array<Pick<Endpoint, 'method' | 'path'>>
  ).map(({ method, path }) => ({
    handler: () => {
      throw new NotFoundError(`version of ${slug}`, '')
    },
    method,
    path,
  }))
