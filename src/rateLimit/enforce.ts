import { createHash } from 'node:crypto'

import type { PayloadRequest } from 'payload'

import { RateLimitedError } from '../errors.ts'
import type { MessageLocale, ResolvedOptions } from '../options.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { checkCategoryRateLimit, rateLimitKey } from './checkCategoryRateLimit.ts'
import { clientIpKey, getClientIp } from './clientIp.ts'
import { describeRateLimit } from './describeRateLimit.ts'
import type { RateLimitCategory } from './limits.ts'
import { logStoreFailure, logStoreRecovery } from './storeFailures.ts'

/** Categories only signed-in people can act in: anonymous calls are refused by the action itself (401). */
const signedInCategories: ReadonlySet<RateLimitCategory> = new Set(['contributions', 'votes', 'reports'])

/** Categories public servants and curators are exempt from: they are identified and accountable, and moderate in bursts. */
const staffExemptCategories: ReadonlySet<RateLimitCategory> = new Set(['contributions', 'votes', 'reports', 'search', 'stats'])

/**
 * The language of messages for this request: the plugin's `locale`, unless
 * the request's `Accept-Language` puts the other language first.
 */
export const requestLocale = (req: PayloadRequest, fallback: MessageLocale): MessageLocale => {
  const first = (req.headers?.get('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? ''
  if (first.startsWith('en')) return 'en'
  if (first.startsWith('fr')) return 'fr'
  return fallback
}

/**
 * The key of an account identifier (a sign-in email), hashed so that a shared
 * store such as Redis never holds people's emails.
 */
export const accountKey = (account: string): string =>
  createHash('sha256').update(account.trim().toLowerCase()).digest('base64url').slice(0, 32)

/** The per-IP key of the request, or undefined when no trusted proxy tells the client address. */
export const ipKeyOf = (req: PayloadRequest, clientIp: ResolvedOptions['clientIp']): string | undefined => {
  const headers = req.headers ?? new Headers()
  return getClientIp(headers, clientIp) === undefined ? undefined : clientIpKey(headers, clientIp)
}

/**
 * Counts one request of `category` for the signed-in user (or, for sign-in,
 * the account tried) and for the client address, and refuses it past either
 * limit: throws `RateLimitedError` (429, code `rate-limited`) with a message
 * saying what was limited and when to retry. Entraide endpoints (`endpoint()`)
 * turn it into a response with `Retry-After`; collection hooks use
 * `enforceRateLimitInHook` instead, for Payload's own error handler.
 *
 * Local API calls (server code) are never limited; neither are agents,
 * editors and admins outside sign-in. Per-IP limits apply only when the
 * `trustedProxies` option says where the client address comes from; without
 * it, anonymous requests count in the category's `unknownAddresses` budget,
 * shared by all of them. When the store fails, the request goes through and
 * the failure is logged (at most once a minute): an outage of a shared store
 * must not take the site down.
 *
 * @example
 * // in a search endpoint, before searching:
 * await enforceRateLimit({ req, category: 'search' })
 */
export const enforceRateLimit = async ({
  account,
  category,
  req,
}: {
  req: PayloadRequest
  category: RateLimitCategory
  /** For `signIn`: the account identifier tried (the email), counted instead of the signed-in user. */
  account?: string
}): Promise<void> => {
  if (req.payloadAPI === 'local') return
  const options = optionsOf(req.payload)
  if (options.rateLimits === false) return
  const actor = actorFromRequest(req)
  if (signedInCategories.has(category) && actor === null) return
  if (staffExemptCategories.has(category) && canReviewContributions(actor)) return
  const userKey = category === 'signIn' ? (account ? accountKey(account) : undefined) : actor === null ? undefined : String(actor.id)
  const result = await checkCategoryRateLimit({
    category,
    ipKey: ipKeyOf(req, options.clientIp),
    isAnonymous: actor === null,
    limits: options.rateLimits,
    store: options.rateLimitStore,
    userKey: category === 'signUp' ? undefined : userKey,
  }).then(
    (verdict) => {
      logStoreRecovery(req.payload)
      return verdict
    },
    (error: unknown) => {
      logStoreFailure(req.payload, { error, msg: `Entraide: the rate-limit store failed; ${category} not limited.` })
      return null
    },
  )
  if (result === null || result.isAllowed) return
  throw new RateLimitedError(
    result.retryAfterSeconds,
    describeRateLimit({
      category,
      locale: requestLocale(req, options.locale),
      retryAfterSeconds: result.retryAfterSeconds,
      scope: result.refusedBy,
    }),
  )
}

/**
 * `enforceRateLimit` for collection hooks. Errors thrown in hooks reach
 * Payload's error handler, which keeps the status and body but builds its own
 * headers, except those set on `req.responseHeaders`: `Retry-After` goes there.
 */
export const enforceRateLimitInHook = async (args: Parameters<typeof enforceRateLimit>[0]): Promise<void> => {
  try {
    await enforceRateLimit(args)
  } catch (error) {
    if (error instanceof RateLimitedError) {
      const headers = args.req.responseHeaders ?? new Headers()
      headers.set('Retry-After', String(error.retryAfterSeconds))
      args.req.responseHeaders = headers
    }
    throw error
  }
}

/**
 * Forgets the per-user count of `category` for an account, so that a
 * successful sign-in clears the failed attempts before it. Store failures
 * are logged and ignored.
 */
export const clearRateLimit = async ({
  account,
  category,
  req,
}: {
  req: PayloadRequest
  category: RateLimitCategory
  account: string
}): Promise<void> => {
  const options = optionsOf(req.payload)
  if (options.rateLimits === false) return
  await options.rateLimitStore
    .reset(rateLimitKey({ category, id: accountKey(account), scope: 'user' }))
    .catch((error: unknown) => {
      logStoreFailure(req.payload, { error, msg: `Entraide: the rate-limit store failed to reset a ${category} count.` })
    })
}
