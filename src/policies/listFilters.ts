import type { BaseFilter } from 'payload'

import { canReviewContributions } from './contributions.ts'
import { actorFromRequest } from './roles.ts'

/**
 * Admin list filter: a citizen's lists show their own contributions only,
 * the things they may edit; agents and above see everything.
 */
export const ownContributionsFilter: BaseFilter = ({ req }) => {
  const actor = actorFromRequest(req)
  if (!actor || canReviewContributions(actor)) return null
  return { author: { equals: actor.id } }
}
