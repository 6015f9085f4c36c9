import type { PayloadRequest } from 'payload'

import { createDoc } from '../data/local.ts'
import type { WikiPageDoc } from '../data/documents.ts'
import { ForbiddenActionError, InvalidInputError } from '../errors.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import type { ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { inTransaction } from './transaction.ts'

/** Longest title a wiki page takes. */
const maxTitleLength = 200

/**
 * "Write the answer" to a search that found nothing: a wiki-page draft titled
 * after the query, for an agent (attached to one of their agency's
 * procedures) or an editor (any procedure, or none), to be written and
 * published as usual. The page is created with the person's own rights, so
 * the wiki's rules (scope, personal data) apply as to any page they write.
 */
export const draftAnswerPage = async ({
  procedure,
  query,
  req,
}: {
  req: PayloadRequest
  query: string
  procedure: ID | null
}): Promise<WikiPageDoc> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!canReviewContributions(actor)) {
      throw new ForbiddenActionError('Only public agents, editors and admins write wiki pages from searches.')
    }
    const text = query.replace(/\s+/g, ' ').trim()
    if (text === '') throw new InvalidInputError('"query" must be the search to answer, not empty.', 'query')
    if (text.length > maxTitleLength) {
      throw new InvalidInputError(`"query" must be at most ${maxTitleLength} characters.`, 'query')
    }
    const title = `${text.charAt(0).toLocaleUpperCase('fr')}${text.slice(1)}`
    return createDoc({
      collection: 'wiki-pages',
      data: { _status: 'draft', procedure, title },
      draft: true,
      overrideAccess: false,
      req,
    })
  })
