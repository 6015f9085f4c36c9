import type { Endpoint, PayloadHandler, PayloadRequest } from 'payload'

import { EntraideError, InvalidInputError, NotFoundError, RateLimitedError, ServiceUnavailableError } from '../errors.ts'
import { isRecord, parseIdFor, type ID } from '../utilities/ids.ts'
import { bufferBodyWithin, maxBodyBytes, refuseCrossSite, requireJsonContentType } from './requestGuard.ts'

/**
 * The JSON object sent as the request body, `{}` when there is none. Invalid
 * JSON, a non-object body or an oversized body is the caller's mistake: 400
 * or 413 with a message, never a 500.
 */
export const readJsonObject = async (req: PayloadRequest): Promise<Record<string, unknown>> => {
  await bufferBodyWithin(req, maxBodyBytes)
  const text = typeof req.text === 'function' ? await req.text() : ''
  if (text.trim() === '') return {}
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new InvalidInputError('The request body is not valid JSON.')
  }
  if (!isRecord(body)) throw new InvalidInputError('The request body must be a JSON object.')
  return body
}

/** The collections whose items the endpoints address, by the word their messages use. */
const collectionOf = {
  answer: 'answers',
  guide: 'guides',
  'guide proposal': 'guide-proposals',
  report: 'reports',
  thread: 'threads',
  tip: 'tips',
  'wiki page': 'wiki-pages',
} as const

/** The kinds of item an action addresses, by the word messages use for them. */
type Addressed = keyof typeof collectionOf

/**
 * The id of the item an action addresses, in the type the collection's ids
 * have, or 404 when it cannot be one of its ids (a word where the ids are
 * numbers): no such item exists.
 */
export const itemId = (req: PayloadRequest, what: Addressed, raw: unknown): ID => {
  const id = parseIdFor(req.payload, collectionOf[what], raw)
  if (id === null) throw new NotFoundError(what, typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '')
  return id
}

/** The `:id` of the route, as `itemId` reads it. */
export const routeId = (req: PayloadRequest, what: Addressed): ID => itemId(req, what, req.routeParams?.id)

/** An optional string field of the body: undefined when absent or null, 400 when of another type. */
export const optionalString = (body: Record<string, unknown>, field: string): string | undefined => {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw new InvalidInputError(`"${field}" must be a string.`, field)
  return value
}


/** An optional id field of the body, naming an item of `what`'s collection. */
export const optionalId = (
  req: PayloadRequest,
  body: Record<string, unknown>,
  field: string,
  what: Addressed,
): ID | undefined => {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  const id = parseIdFor(req.payload, collectionOf[what], value)
  if (id === null) throw new InvalidInputError(`"${field}" must be the id of ${what === 'answer' ? 'an' : 'a'} ${what}.`, field)
  return id
}

/** A required id field of the body. */
export const requiredId = (req: PayloadRequest, body: Record<string, unknown>, field: string, what: Addressed): ID => {
  const id = optionalId(req, body, field, what)
  if (id === undefined) throw new InvalidInputError(`"${field}" is required.`, field)
  return id
}

/** The error as Payload shapes errors, with its status (and Retry-After when rate limited or the index is being built). */
export const errorResponse = (error: EntraideError): Response => {
  const headers = new Headers()
  if (error instanceof RateLimitedError) headers.set('Retry-After', String(error.retryAfterSeconds))
  if (error instanceof ServiceUnavailableError && error.retryAfterSeconds !== undefined) {
    headers.set('Retry-After', String(error.retryAfterSeconds))
  }
  return Response.json(
    { errors: [{ data: error.data, message: error.message, name: error.name }] },
    { headers, status: error.status },
  )
}

/**
 * An endpoint whose handler only parses, calls an action and shapes the
 * result. Entraide errors become their status and message; anything else is
 * left to Payload's error handling.
 */
export const endpoint = (method: Endpoint['method'], path: string, handler: PayloadHandler): Endpoint => ({
  handler: async (req) => {
    try {
      if (method !== 'get') {
        // Every Entraide endpoint that is not a read changes something: only the app's own pages,
        // the allowed origins and servers may call it, with a JSON body.
        refuseCrossSite(req)
        requireJsonContentType(req)
      }
      return await handler(req)
    } catch (error) {
      if (error instanceof EntraideError) return errorResponse(error)
      throw error
    }
  },
  method,
  path,
})
