import type { PayloadRequest } from 'payload'

import type { GuideProposalDoc } from '../data/documents.ts'
import { compareWithPublished, type GuideProposalComparison } from '../data/guideProposals.ts'
import { findDocByID } from '../data/local.ts'
import type { ID } from '../utilities/ids.ts'
import { loadVisible } from './load.ts'

/**
 * A proposal compared with the guide readers see: the three texts (base,
 * published, proposed) and the proposal re-applied onto the published text.
 * For its author and its reviewers, who may read the proposal; 404 for anyone else.
 */
export const compareGuideProposal = async ({
  proposalId,
  req,
}: {
  req: PayloadRequest
  proposalId: ID
}): Promise<{ proposal: GuideProposalDoc; comparison: GuideProposalComparison | null }> => {
  const proposal = await loadVisible({ collection: 'guide-proposals', id: proposalId, req })
  const published =
    proposal.guide === null ? null : await findDocByID({ collection: 'guides', draft: false, id: proposal.guide, req })
  if (!published || published._status !== 'published') return { comparison: null, proposal }
  return { comparison: compareWithPublished(proposal, published), proposal }
}
