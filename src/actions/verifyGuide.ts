import type { PayloadRequest } from 'payload'

import type { Guide } from '../../payload-types'
import { ConflictError } from '../errors'
import { writeSystemFields } from '../hooks/systemWrites'
import { isRecord, type ID } from '../utilities/ids'
import { requireContributor } from './actor'
import { requireAgencyRights } from './agencyGuard'
import { loadVisible } from './load'
import { inTransaction } from './transaction'

/**
 * An agent vouches for the published version of a guide: it shows "verified
 * by an agent" until the procedure or the guide changes. Drafts waiting for
 * review are not concerned and stay as they are.
 */
export const verifyGuide = async ({ guideId, req }: { req: PayloadRequest; guideId: ID }): Promise<Guide> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const guide = await loadVisible({ collection: 'guides', id: guideId, req })
    await requireAgencyRights({ actor, procedure: guide.procedure, req, verb: 'verify guides' })
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
      data: { needsReview: false, verifiedAt: new Date().toISOString(), verifiedBy: actor.id },
      id: guide.id,
      req,
    })
    return req.payload.findByID({ collection: 'guides', depth: 0, id: guide.id, overrideAccess: true, req })
  })
