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
 * An agent promotes a validated answer into the official wiki: a new draft
 * page titled after the question (or `title`), or a section appended to
 * `wikiPageId`. See `promoteIntoWiki` for provenance and idempotence.
 */
export const promoteAnswer = async ({
  answerId,
  req,
  title,
  wikiPageId,
}: {
  req: PayloadRequest
  answerId: ID
  wikiPageId?: ID
  title?: string
}): Promise<{ wikiPage: WikiPageDoc; isCreated: boolean }> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const answer = await loadForUpdate({ collection: 'answers', id: answerId, req })
    await requireAgencyRights({ actor, may: canPromote, procedure: answer.procedure, req, verb: 'promote answers' })
    if (!answer.validatedAt) {
      throw new ConflictError('This answer has not been validated by an agent yet; validate it before promoting it.')
    }
    if (answer.visibility !== 'published') {
      throw new ConflictError('This answer is not published (awaiting moderation or hidden), so it cannot be promoted.')
    }
    const thread = await loadRelated({ collection: 'threads', req, value: answer.thread })
    return promoteIntoWiki({
      req,
      source: {
        author: answer.author,
        body: answer.body,
        heading: thread?.title ?? 'Réponse validée',
        id: answer.id,
        kind: 'answer',
        procedure: answer.procedure,
        promotedTo: answer.promotedTo,
        validatedAt: answer.validatedAt,
        validatedBy: answer.validatedBy,
      },
      title,
      wikiPageId,
    })
  })
