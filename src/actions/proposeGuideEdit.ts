import type { PayloadRequest } from 'payload'

import type { GuideDoc, GuideProposalDoc } from '../data/documents.ts'
import { agencyOfGuide, mayPublishGuide } from '../data/guideTrust.ts'
import { loadPublishedGuide } from '../data/guideProposals.ts'
import { createDoc } from '../data/local.ts'
import { InvalidInputError } from '../errors.ts'
import { enforceRateLimit } from '../rateLimit/enforce.ts'
import { guideLines } from '../utilities/guideText.ts'
import { isRecord, type ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { applyGuideProposal } from './acceptGuideProposal.ts'
import { inTransaction } from './transaction.ts'

/**
 * A signed-in person proposes an edit of a published guide: a proposal of
 * its own, recording the published title and text it started from, which
 * reviewers accept, merge or refuse. A person whose guide edits publish
 * directly (agents of the procedure's agency, editors, trusted citizens: see
 * `canPublishGuide`) has the proposal accepted at once, through the same
 * path, so nothing published meanwhile is overwritten silently.
 */
export const proposeGuideEdit = async ({
  body,
  guideId,
  req,
  title,
}: {
  req: PayloadRequest
  guideId: ID
  title: string
  body: unknown
}): Promise<{ proposal: GuideProposalDoc; guide: GuideDoc | null }> => {
  const actor = requireContributor(req)
  if (!isRecord(body) || !isRecord(body.root) || !Array.isArray(body.root.children)) {
    throw new InvalidInputError('"body" must be a rich-text (Lexical) value.', 'body')
  }
  const published = await loadPublishedGuide({ guideId, req })
  const baseLines = guideLines(published.body)
  if (title.trim() === published.title && guideLines(body).join('\n') === baseLines.join('\n')) {
    throw new InvalidInputError('The proposal changes nothing in the published guide.', 'body')
  }
  await enforceRateLimit({ category: 'contributions', req })
  const agency = await agencyOfGuide({ guide: published.id, req })
  const isTrusted = await mayPublishGuide({ actor, agency, req })
  return inTransaction(req, async () => {
    const proposal = await createDoc({
      collection: 'guide-proposals',
      data: {
        author: actor.id,
        baseRevision: published.updatedAt,
        baseText: baseLines.join('\n'),
        baseTitle: published.title,
        body,
        guide: published.id,
        procedure: published.procedure,
        status: 'pending',
        title: title.trim(),
      },
      req,
    })
    if (!isTrusted) return { guide: null, proposal }
    return applyGuideProposal({ isMerge: false, proposal, req, reviewer: actor })
  })
}
