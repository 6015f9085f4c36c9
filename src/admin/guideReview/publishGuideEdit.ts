import type { PayloadRequest } from 'payload'

import type { Guide } from '../../../payload-types'
import { requireContributor } from '../../actions/actor'
import { inTransaction } from '../../actions/transaction'
import { ConflictError, ForbiddenActionError } from '../../errors'
import { canReviewContributions } from '../../policies/contributions'
import type { ID } from '../../utilities/ids'
import { latestGuideRevision } from './latestRevision'

/**
 * A reviewer (agent, editor, admin) publishes the draft waiting on a guide:
 * the latest revision becomes the version readers see. Goes through Payload's
 * ordinary update with the reviewer's rights, so the guide's hooks (revision
 * tracking, review flag) apply as for a publish from the edit view.
 */
export const publishGuideEdit = async ({ guideId, req }: { req: PayloadRequest; guideId: ID }): Promise<Guide> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!canReviewContributions(actor)) {
      throw new ForbiddenActionError('Only public agents, editors and admins publish guide edits.')
    }
    const latest = await latestGuideRevision({ guideId, req })
    if (latest.status !== 'draft') throw new ConflictError('Nothing is waiting for review on this guide.')
    return req.payload.update({
      collection: 'guides',
      data: { _status: 'published' },
      depth: 0,
      draft: false,
      id: guideId,
      overrideAccess: false,
      req,
      user: req.user,
    })
  })
