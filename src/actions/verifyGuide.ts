import type { PayloadRequest } from 'payload'

import { readDoc } from '../data/local.ts'

import type { GuideDoc } from '../data/documents.ts'
import { ConflictError } from '../errors.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import { isRecord, type ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { canVerifyGuide } from '../policies/contributions.ts'
import { loadForUpdate } from './load.ts'
import { inTransaction } from './transaction.ts'

/**
 * An agent vouches for the published version of a guide: it shows "verified
 * by an agent" until the procedure or the guide changes. Drafts waiting for
 * review are not concerned and stay as they are.
 */
export const verifyGuide = async ({ guideId, req }: { req: PayloadRequest; guideId: ID }): Promise<GuideDoc> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const guide = await loadForUpdate({ collection: 'guides', id: guideId, req })
    await requireAgencyRights({ actor, may: canVerifyGuide, procedure: guide.procedure, req, verb: 'verify guides' })
    const published: unknown = await req.payload.db.findOne({
      collection: 'guides',
      req,
      where: { id: { equals: guide.id } },
    })
    if (!isRecord(published) || published._status !== 'published') {
      throw new ConflictError('This guide has no published version yet; publish it before verifying it.')
    }
    await writeSystemFields({
      collection: 'guides',
      // A verification is also a re-verification: what the guide waited for is cleared.
      data: {
        needsReview: false,
        reviewChanges: null,
        reviewFlaggedAt: null,
        reviewReason: null,
        verifiedAt: new Date().toISOString(),
        verifiedBy: actor.id,
      },
      id: guide.id,
      req,
    })
    return readDoc({ collection: 'guides', id: guide.id, req })
  })
