import type { PayloadRequest } from 'payload'

import type { EntraideDocuments } from '../data/documents.ts'
import { readDoc } from '../data/local.ts'
import { ConflictError } from '../errors.ts'
import type { ReverifiedCollection } from '../fields/reverification.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import { canReverify } from '../policies/contributions.ts'
import { isRecord, type ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { loadForUpdate } from './load.ts'
import { inTransaction } from './transaction.ts'

/**
 * An agent of the procedure's agency (or an editor) confirms that a guide,
 * wiki page, answer or tip is still right: it stops waiting for
 * re-verification, what changed is cleared, and who confirmed it and when
 * are recorded (on a guide, this is also its verification). To correct the
 * item first, edit it as usual, then re-verify it.
 */
export const reverifyItem = async <Slug extends ReverifiedCollection>({
  collection,
  id,
  req,
}: {
  req: PayloadRequest
  collection: Slug
  id: ID
}): Promise<EntraideDocuments[Slug]> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const item = await loadForUpdate({ collection, id, req })
    await requireAgencyRights({ actor, may: canReverify, procedure: item.procedure, req, verb: 're-verify knowledge' })
    if (collection === 'guides' || collection === 'wiki-pages') {
      const published: unknown = await req.payload.db.findOne({ collection, req, where: { id: { equals: item.id } } })
      if (!isRecord(published) || published._status !== 'published') {
        throw new ConflictError('This item has no published version yet; publish it before re-verifying it.')
      }
    }
    const now = new Date().toISOString()
    await writeSystemFields({
      collection,
      data: {
        needsReview: false,
        reverifiedAt: now,
        reverifiedBy: actor.id,
        reviewChanges: null,
        reviewFlaggedAt: null,
        reviewReason: null,
        ...(collection === 'guides' ? { verifiedAt: now, verifiedBy: actor.id } : {}),
      },
      id: item.id,
      req,
    })
    return readDoc({ collection, id: item.id, req })
  })
