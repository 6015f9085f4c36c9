import { saveVersion, type PayloadRequest } from 'payload'

import { requireContributor } from './actor.ts'
import { inTransaction } from './transaction.ts'
import { ConflictError, ForbiddenActionError } from '../errors.ts'
import { canReviewContributions, canReviewGuideEdit } from '../policies/contributions.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { loadRelated, loadVisible } from './load.ts'
import { isRecord, type ID } from '../utilities/ids.ts'
import { latestGuideRevision } from './latestGuideRevision.ts'

/**
 * A reviewer (agent of the procedure’s agency, editor, admin) rejects the
 * draft waiting on a guide: the published version
 * becomes the latest revision again, so editors start from it. The rejected
 * drafts stay in the guide's history. Nothing readers see changes, so the
 * copy is written as a revision without the publish hooks (which would flag
 * a verified guide for review although its text did not change).
 * Records nothing about who rejected: the drafts' authors are notified by
 * seeing their edit gone from the latest revision.
 */
export const rejectGuideEdit = async ({ guideId, req }: { req: PayloadRequest; guideId: ID }): Promise<{ versionId: ID }> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!canReviewContributions(actor)) {
      throw new ForbiddenActionError('Only public agents, editors and admins reject guide edits.')
    }
    // The guide's procedure, and the one the edit gives it, must both be of the reviewer's agency.
    const edited = await loadVisible({ collection: 'guides', draft: true, id: guideId, req })
    const current = await loadRelated({ collection: 'guides', req, value: edited.id })
    for (const procedure of [current?.procedure, edited.procedure]) {
      await requireAgencyRights({ actor, may: canReviewGuideEdit, procedure, req, verb: 'reject guide edits' })
    }
    const latest = await latestGuideRevision({ guideId, req })
    if (latest.status !== 'draft') throw new ConflictError('Nothing is waiting for review on this guide.')
    const published: unknown = await req.payload.db.findOne({
      collection: 'guides',
      req,
      where: { id: { equals: guideId } },
    })
    if (!isRecord(published) || published._status !== 'published') {
      throw new ConflictError(
        'This guide was never published, so there is no version to go back to; delete the guide to reject it.',
      )
    }
    // Payload treats a draft newer than the main record as the one to edit; moving
    // the record's timestamp past the rejected drafts retires them.
    const now = new Date().toISOString()
    await req.payload.db.updateOne({ collection: 'guides', data: { updatedAt: now }, id: guideId, req, returning: false })
    const guides = req.payload.collections.guides
    if (!guides) throw new Error('Entraide: the guides collection is not registered.')
    const saved = await saveVersion({
      collection: guides.config,
      docWithLocales: { ...published, _status: 'published', updatedAt: now },
      id: guideId,
      operation: 'update',
      payload: req.payload,
      req,
    })
    return { versionId: String(saved.id) }
  })
