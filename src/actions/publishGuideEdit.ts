import type { PayloadRequest } from 'payload'

import { decoders, type GuideDoc } from '../data/documents.ts'
import { publishWaitingDraftKey } from '../hooks/publishOnlyWhatIsSent.ts'
import { requireContributor } from './actor.ts'
import { inTransaction } from './transaction.ts'
import { ConflictError, ForbiddenActionError } from '../errors.ts'
import { canReviewContributions, canReviewGuideEdit } from '../policies/contributions.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { loadRelated, loadVisible } from './load.ts'
import type { ID } from '../utilities/ids.ts'
import { latestGuideRevision } from './latestGuideRevision.ts'

/**
 * A reviewer (agent of the procedure’s agency, editor, admin) publishes the
 * draft waiting on a guide:
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
    // The guide's procedure, and the one the edit gives it, must both be of the reviewer's agency.
    const edited = await loadVisible({ collection: 'guides', draft: true, id: guideId, req })
    const current = await loadRelated({ collection: 'guides', req, value: edited.id })
    for (const procedure of [current?.procedure, edited.procedure]) {
      await requireAgencyRights({ actor, may: canReviewGuideEdit, procedure, req, verb: 'publish guide edits' })
    }
    const latest = await latestGuideRevision({ guideId, req })
    if (latest.status !== 'draft') throw new ConflictError('Nothing is waiting for review on this guide.')
    const guide = await req.payload.update({
      collection: 'guides',
      context: { [publishWaitingDraftKey]: true },
      data: { _status: 'published' },
      depth: 0,
      draft: false,
      id: guideId,
      overrideAccess: false,
      req,
    })
    return decoders.guides(guide)
  })
