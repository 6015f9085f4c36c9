import type { PayloadRequest } from 'payload'

import type { WikiPageDoc } from '../data/documents.ts'
import { ConflictError } from '../errors.ts'
import type { ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { canPromote } from '../policies/contributions.ts'
import { loadRelated, loadForUpdate } from './load.ts'
import { promoteIntoWiki } from './promoteIntoWiki.ts'
import { inTransaction } from './transaction.ts'

/**
 * An agent promotes a validated tip into the official wiki, like
 * `promoteAnswer`; the section is titled after the procedure (and its step).
 */
export const promoteTip = async ({
  req,
  tipId,
  title,
  wikiPageId,
}: {
  req: PayloadRequest
  tipId: ID
  wikiPageId?: ID
  title?: string
}): Promise<{ wikiPage: WikiPageDoc; isCreated: boolean }> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const tip = await loadForUpdate({ collection: 'tips', id: tipId, req })
    await requireAgencyRights({ actor, may: canPromote, procedure: tip.procedure, req, verb: 'promote tips' })
    if (!tip.validatedAt) {
      throw new ConflictError('This tip has not been validated by an agent yet; validate it before promoting it.')
    }
    if (tip.visibility !== 'published') {
      throw new ConflictError('This tip is not published (awaiting moderation or hidden), so it cannot be promoted.')
    }
    const procedure = await loadRelated({ collection: 'procedures', req, value: tip.procedure })
    const stepTitle = typeof tip.step === 'number' ? procedure?.steps?.[tip.step]?.title : undefined
    return promoteIntoWiki({
      req,
      source: {
        author: tip.author,
        body: tip.body,
        heading: `Astuce : ${stepTitle ?? procedure?.title ?? 'démarche'}`,
        id: tip.id,
        kind: 'tip',
        procedure: tip.procedure,
        promotedTo: tip.promotedTo,
        validatedAt: tip.validatedAt,
        validatedBy: tip.validatedBy,
      },
      title,
      wikiPageId,
    })
  })
