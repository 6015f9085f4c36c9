import type { PayloadRequest } from 'payload'

import { decoders, type GuideDoc, type GuideProposalDoc } from '../data/documents.ts'
import { compareWithPublished, guideEditorKey, loadPublishedGuide, mergedBody } from '../data/guideProposals.ts'
import { readDoc, updateDoc } from '../data/local.ts'
import { ConflictError, ForbiddenActionError } from '../errors.ts'
import { canReviewGuideEdit } from '../policies/contributions.ts'
import type { Actor } from '../policies/roles.ts'
import type { ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { loadForUpdate } from './load.ts'
import { claimRow, inTransaction } from './transaction.ts'

/**
 * Publishes one proposal onto its guide, in the caller's transaction: only
 * that proposal's title and text (merged onto the published text when
 * `isMerge`), never another revision of the guide. The guide row is claimed
 * first, so two acceptances take turns and the second sees the first's text.
 */
export const applyGuideProposal = async ({
  isMerge,
  proposal,
  reviewer,
  req,
}: {
  req: PayloadRequest
  proposal: GuideProposalDoc
  reviewer: Actor
  isMerge: boolean
}): Promise<{ guide: GuideDoc; proposal: GuideProposalDoc }> => {
  if (proposal.status !== 'pending') throw new ConflictError(`This proposal was already ${proposal.status}.`)
  if (proposal.guide === null) throw new ConflictError('The guide of this proposal no longer exists.')
  await claimRow({ collection: 'guides', id: proposal.guide, req })
  const published = await loadPublishedGuide({ guideId: proposal.guide, req })
  const comparison = compareWithPublished(proposal, published)
  let data: { title: string; body: unknown } = { body: proposal.body, title: proposal.title }
  if (comparison.isStale) {
    if (!isMerge) {
      throw new ConflictError(
        'The published guide changed since this proposal was written. Read GET /api/guide-proposals/:id/comparison, then accept it with { "merge": true } or refuse it with a note.',
      )
    }
    if (comparison.merged.conflicts.length > 0) {
      throw new ConflictError(
        `This proposal and the published guide changed the same places (${comparison.merged.conflicts.length}): it cannot be merged. Refuse it with a note.`,
      )
    }
    data = { body: mergedBody(comparison.merged.lines, proposal, published), title: comparison.merged.title }
  }
  const saved: unknown = await req.payload.update({
    collection: 'guides',
    context: { [guideEditorKey]: proposal.author },
    data: { ...data, _status: 'published', procedure: published.procedure },
    depth: 0,
    draft: false,
    id: published.id,
    overrideAccess: true,
    req,
  })
  const guide = decoders.guides(saved)
  if (guide._status !== 'published') throw new ForbiddenActionError('This edit cannot be published by you.')
  const accepted = await updateDoc({
    collection: 'guide-proposals',
    data: { reviewedAt: new Date().toISOString(), reviewedBy: reviewer.id, status: 'accepted' },
    id: proposal.id,
    req,
  })
  return { guide, proposal: accepted }
}

/**
 * A reviewer (agent of the procedure's agency, editor, admin) accepts a
 * guide proposal: its text becomes the published guide. A proposal written
 * against an older published text is refused with 409 unless `merge` is
 * asked, which re-applies its changes onto the current text where they do
 * not conflict with what changed since.
 */
export const acceptGuideProposal = async ({
  merge = false,
  proposalId,
  req,
}: {
  req: PayloadRequest
  proposalId: ID
  merge?: boolean
}): Promise<{ guide: GuideDoc; proposal: GuideProposalDoc }> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const proposal = await loadForUpdate({ collection: 'guide-proposals', id: proposalId, req })
    const guide = proposal.guide === null ? null : await readDoc({ collection: 'guides', id: proposal.guide, req })
    for (const procedure of [proposal.procedure, guide?.procedure]) {
      await requireAgencyRights({ actor, may: canReviewGuideEdit, procedure, req, verb: 'accept guide proposals' })
    }
    return applyGuideProposal({ isMerge: merge, proposal, req, reviewer: actor })
  })
