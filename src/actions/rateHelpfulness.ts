import { createHash, randomUUID } from 'node:crypto'

import type { PayloadRequest, Where } from 'payload'

import { helpfulnessReasons, type HelpfulnessReason, type HelpfulnessTarget } from '../data/documents.ts'
import { findDocs } from '../data/local.ts'
import { InvalidInputError, NotFoundError, RateLimitedError } from '../errors.ts'
import { screenPersonalData } from '../hooks/guardPersonalData.ts'
import { checkCategoryRateLimit } from '../rateLimit/checkCategoryRateLimit.ts'
import { describeRateLimit } from '../rateLimit/describeRateLimit.ts'
import { enforceRateLimit, ipKeyOf, requestLocale } from '../rateLimit/enforce.ts'
import { logStoreFailure } from '../rateLimit/storeFailures.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import type { ID } from '../utilities/ids.ts'
import { findVisible } from './load.ts'
import { inTransaction } from './transaction.ts'

/** The cookie that tells one browser from another for anonymous feedback: a random id, nothing else. */
export const browserCookie = 'entraide-browser'

const browserIdPattern = /^[0-9a-f-]{36}$/

/** The browser id the request carries, if it is one this code made. */
export const browserIdOf = (req: PayloadRequest): string | null => {
  const cookies = req.headers?.get('cookie') ?? ''
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name === browserCookie) {
      const id = value.join('=')
      return browserIdPattern.test(id) ? id : null
    }
  }
  return null
}

const hashed = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 32)

/** What a reader sends: helpful or not, and when not, why. */
export type HelpfulnessInput = { isHelpful: boolean; reason: HelpfulnessReason | null; note: string | null }

/** Reads and checks the body of a helpfulness request (400 with a message naming the field otherwise). */
export const parseHelpfulness = (body: Record<string, unknown>): HelpfulnessInput => {
  const { helpful, note, reason } = body
  if (typeof helpful !== 'boolean') throw new InvalidInputError('"helpful" is required: true or false.', 'helpful')
  if (helpful) return { isHelpful: true, note: null, reason: null }
  const known: readonly unknown[] = helpfulnessReasons
  if (typeof reason !== 'string' || !known.includes(reason)) {
    throw new InvalidInputError(`"reason" is required when the item did not help: one of ${helpfulnessReasons.join(', ')}.`, 'reason')
  }
  const checked = helpfulnessReasons.find((value) => value === reason) ?? 'other'
  if (note !== undefined && note !== null && typeof note !== 'string') throw new InvalidInputError('"note" must be a string.', 'note')
  const text = typeof note === 'string' ? note.trim() : ''
  if (checked === 'other' && text.length === 0) throw new InvalidInputError('"note" is required with the reason "other".', 'note')
  if (text.length > 300) throw new InvalidInputError('"note" must be at most 300 characters.', 'note')
  return { isHelpful: false, note: checked === 'other' ? text : null, reason: checked }
}

/** Counts one feedback towards the rate limit of votes: per account, or per browser and address for anonymous readers. */
const limitFeedback = async (req: PayloadRequest, browserKey: string | null): Promise<void> => {
  if (actorFromRequest(req) !== null || browserKey === null) {
    await enforceRateLimit({ category: 'votes', req })
    return
  }
  const options = optionsOf(req.payload)
  if (options.rateLimits === false) return
  const result = await checkCategoryRateLimit({
    category: 'votes',
    ipKey: ipKeyOf(req, options.clientIp),
    limits: options.rateLimits,
    store: options.rateLimitStore,
    userKey: `browser:${browserKey}`,
  }).catch((error: unknown) => {
    // As for every limit: a store outage lets the feedback through rather than failing it.
    logStoreFailure(req.payload, { error, msg: 'Entraide: the rate-limit store failed; helpfulness feedback not limited.' })
    return null
  })
  if (result === null || result.isAllowed) return
  throw new RateLimitedError(
    result.retryAfterSeconds,
    describeRateLimit({ category: 'votes', locale: requestLocale(req, options.locale), retryAfterSeconds: result.retryAfterSeconds }),
  )
}

/**
 * A reader says whether a guide, wiki page or answer helped them, and if not
 * why (a free note only with "other", screened for personal data like any
 * contribution). Anonymous readers are told apart by a random browser id
 * (returned as `newBrowserId` to be set as a cookie when they had none); one
 * feedback per person or browser and item, the latest replacing the earlier.
 */
export const rateHelpfulness = async ({
  collection,
  id,
  input,
  req,
}: {
  req: PayloadRequest
  collection: HelpfulnessTarget
  id: ID
  input: HelpfulnessInput
}): Promise<{ isCreated: boolean; newBrowserId: string | null }> => {
  const actor = actorFromRequest(req)
  const carried = actor === null ? browserIdOf(req) : null
  const newBrowserId = actor === null && carried === null ? randomUUID() : null
  const browserId = carried ?? newBrowserId
  await limitFeedback(req, browserId === null ? null : hashed(browserId))
  const note = input.note === null ? null : screenPersonalData({ plain: { note: input.note }, req }).values.note
  return inTransaction(req, async () => {
    const item = await findVisible({ collection, id, req })
    if (!item) throw new NotFoundError(collection === 'wiki-pages' ? 'wiki page' : collection.slice(0, -1), String(id))
    const targetKey = `${collection}:${item.id}`
    const voter = actor !== null ? `user:${actor.id}` : `browser:${browserId ?? ''}`
    const key = `${targetKey}|${hashed(voter)}`
    const data = { isHelpful: input.isHelpful, key, note: typeof note === 'string' ? note : null, reason: input.reason, target: { relationTo: collection, value: item.id }, targetKey }
    const { docs } = await findDocs({ collection: 'helpfulness', limit: 1, pagination: false, req, where: { key: { equals: key } } })
    const existing = docs[0]
    if (existing) {
      await req.payload.update({ collection: 'helpfulness', data, id: existing.id, overrideAccess: true, req })
      return { isCreated: false, newBrowserId }
    }
    await req.payload.create({ collection: 'helpfulness', data, overrideAccess: true, req })
    return { isCreated: true, newBrowserId }
  })
}

/** How many readers found an item helpful or not, and why not. */
export type HelpfulnessCounts = { helpful: number; notHelpful: number; reasons: Record<HelpfulnessReason, number> }

/** The counts of an item's feedback (counted by the database, whatever their number). */
export const countHelpfulness = async ({
  collection,
  id,
  req,
}: {
  req: PayloadRequest
  collection: HelpfulnessTarget
  id: ID
}): Promise<HelpfulnessCounts> => {
  const targetKey = `${collection}:${id}`
  const count = async (extra: Where): Promise<number> =>
    (
      await req.payload.count({
        collection: 'helpfulness',
        overrideAccess: true,
        req,
        where: { and: [{ targetKey: { equals: targetKey } }, extra] },
      })
    ).totalDocs
  const [helpful, notHelpful, ...byReason] = await Promise.all([
    count({ isHelpful: { equals: true } }),
    count({ isHelpful: { equals: false } }),
    ...helpfulnessReasons.map((reason) => count({ reason: { equals: reason } })),
  ])
  const reasons: Record<HelpfulnessReason, number> = { 'did-not-answer': 0, other: 0, 'out-of-date': 0, unclear: 0 }
  helpfulnessReasons.forEach((reason, index) => {
    reasons[reason] = byReason[index] ?? 0
  })
  return { helpful, notHelpful, reasons }
}
