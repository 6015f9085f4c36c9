import type { PayloadRequest } from 'payload'

import type { GuideProposalDoc } from '../data/documents.ts'
import { findDocByID, updateDoc } from '../data/local.ts'
import { ConflictError, InvalidInputError } from '../errors.ts'
import { canReviewGuideEdit } from '../policies/contributions.ts'
import type { ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { loadForUpdate } from './load.ts'
import { inTransaction } from './transaction.ts'

/** The longest review note, as the collection's field allows. */
export const maxReviewNoteLength = 1000

/**
 * A reviewer (agent of the procedure's agency, editor, admin) refuses a
 * guide proposal with a note its author reads. The published guide does not
 * change; the proposal stays, refused, in its author's history.
 */
export const refuseGuideProposal = async ({
  note,
  proposalId,
  req,
}: {
  req: PayloadRequest
  proposalId: ID
  note: string
}): Promise<GuideProposalDoc> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const trimmed = note.trim()
    if (trimmed.length === 0 || trimmed.length > maxReviewNoteLength) {
      throw new InvalidInputError(`"note" must say why, in 1 to ${maxReviewNoteLength} characters.`, 'note')
    }
    const proposal = await loadForUpdate({ collection: 'guide-proposals', id: proposalId, req })
    const guide = proposal.guide === null ? null : await findDocByID({ collection: 'guides', id: proposal.guide, req })
    for (const procedure of [proposal.procedure, guide?.procedure]) {
      await requireAgencyRights({ actor, may: canReviewGuideEdit, procedure, req, verb: 'refuse guide proposals' })
    }
    if (proposal.status !== 'pending') throw new ConflictError(`This proposal was already ${proposal.status}.`)
    return updateDoc({
      collection: 'guide-proposals',
      data: { reviewNote: trimmed, reviewedAt: new Date().toISOString(), reviewedBy: actor.id, status: 'refused' },
      id: proposal.id,
      req,
    })
  })
