import type { PayloadRequest } from 'payload'

import { decoders, type GuideDoc } from '../data/documents.ts'
import { requireContributor } from './actor.ts'
import { inTransaction } from './transaction.ts'
import { ConflictError, ForbiddenActionError } from '../errors.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import type { ID } from '../utilities/ids.ts'
import { latestGuideRevision } from './latestGuideRevision.ts'

/**
 * A reviewer (agent, editor, admin) publishes the draft waiting on a guide:
 * the latest revision becomes the version readers see. Goes through Payload's
 * ordinary update with the reviewer's rights, so the guide's hooks (revision
 * tracking, review flag) apply as for a publish from the edit view.
 */
export const publishGuideEdit = async ({ guideId, req }: { req: PayloadRequest; guideId: ID }): Promise<GuideDoc> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!canReviewContributions(actor)) {
      throw new ForbiddenActionError('Only public agents, editors and admins publish guide edits.')
    }
    const latest = await latestGuideRevision({ guideId, req })
    if (latest.status !== 'draft') throw new ConflictError('Nothing is waiting for review on this guide.')
    const guide = await req.payload.update({
      collection: 'guides',
      data: { _status: 'published' },
      depth: 0,
      draft: false,
      id: guideId,
      overrideAccess: false,
      req,
    })
    return decoders.guides(guide)
  })
