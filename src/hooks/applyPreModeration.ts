import type { CollectionBeforeChangeHook } from 'payload'

import { publishedContributionsOfActor } from '../data/publishedContributions.ts'
import type { ResolvedOptions } from '../options.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'

/**
 * New accounts are pre-moderated: until `preModeratedContributions` of a
 * citizen's contributions have been published, each new one waits as
 * `pending` for an agent or editor. Trust is earned by published
 * contributions, so hidden spam never unlocks direct publishing. The number
 * is the account's figure of published contributions (see
 * `data/publishedContributions.ts`), not a count of three collections.
 */
export const applyPreModeration =
  (options: ResolvedOptions): CollectionBeforeChangeHook =>
  async ({ data, operation, req }) => {
    const threshold = options.moderation.preModeratedContributions
    const actor = actorFromRequest(req)
    if (operation !== 'create' || threshold === 0 || !actor || canReviewContributions(actor)) return data
    if ((await publishedContributionsOfActor(req, actor.id)) >= threshold) return data
    return { ...data, visibility: 'pending' }
  }
