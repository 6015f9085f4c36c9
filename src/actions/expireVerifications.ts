import type { PayloadRequest, Where } from 'payload'

import { findDocs } from '../data/local.ts'
import type { ReverifiedCollection } from '../fields/reverification.ts'
import { markToReverify } from './flagForReverification.ts'

/** Items marked per read; the loop reads again until none is left. */
const batchSize = 100

/** The moment `months` months before `now`. */
const monthsBefore = (now: Date, months: number): Date => {
  const cutoff = new Date(now.getTime())
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  return cutoff
}

// `not_equals: true` leaves out rows where the flag is empty (older rows, on SQL databases).
const notWaiting: Where = { or: [{ needsReview: { equals: false } }, { needsReview: { exists: false } }] }

/**
 * Which items of a collection have a verification older than the cutoff: a
 * guide's verification, an answer's or a tip's validation, and for all of
 * them the last re-verification when there was one. A wiki page, published
 * by an editor rather than verified, counts from its creation until it is
 * first re-verified.
 */
const expiredWhere = (collection: ReverifiedCollection, cutoff: string): Where => {
  const reverifiedBefore: Where = { reverifiedAt: { less_than: cutoff } }
  const neverReverified = (since: string): Where => ({
    and: [{ reverifiedAt: { exists: false } }, { [since]: { less_than: cutoff } }],
  })
  const vouched: Where =
    collection === 'guides'
      ? { verifiedAt: { less_than: cutoff } }
      : collection === 'wiki-pages'
        ? { or: [reverifiedBefore, neverReverified('createdAt')] }
        : { and: [{ validatedAt: { exists: true } }, { or: [reverifiedBefore, neverReverified('validatedAt')] }] }
  return { and: [notWaiting, vouched] }
}

/**
 * Marks "to re-verify", with the reason `expired`, every guide, wiki page,
 * validated answer and tip whose verification is older than `months` months
 * (see `expiredWhere`). Items already waiting are left as they are. Returns
 * how many items were marked, by collection.
 */
export const expireVerifications = async ({
  months,
  now = new Date(),
  req,
}: {
  req: PayloadRequest
  months: number
  now?: Date
}): Promise<Record<ReverifiedCollection, number>> => {
  const marked: Record<ReverifiedCollection, number> = { answers: 0, guides: 0, tips: 0, 'wiki-pages': 0 }
  if (months <= 0) return marked
  const cutoff = monthsBefore(now, months).toISOString()
  const collections: ReverifiedCollection[] = ['guides', 'wiki-pages', 'answers', 'tips']
  for (const collection of collections) {
    const where = expiredWhere(collection, cutoff)
    for (;;) {
      const { docs } = await findDocs({ collection, limit: batchSize, pagination: false, req, where })
      for (const item of docs) {
        await markToReverify({ collection, item, reason: 'expired', req })
      }
      marked[collection] += docs.length
      if (docs.length < batchSize) break
    }
  }
  return marked
}
