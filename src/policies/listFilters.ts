import type { BaseFilter } from 'payload'

import { canReviewContributions } from './contributions'
import { actorOf } from './roles'

/**
 * Admin list filter: a citizen's lists show their own contributions only,
 * the things they may edit; agents and above see everything.
 */
export const ownContributionsFilter: BaseFilter = ({ req }) => {
  const actor = actorOf(req.user)
  if (!actor || canReviewContributions(actor)) return null
  return { author: { equals: actor.id } }
}
