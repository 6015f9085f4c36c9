import type { CollectionBeforeChangeHook, Where } from 'payload'

import type { ResolvedOptions } from '../options.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'

/** Collections whose new items may wait for moderation. */
const contributionCollections = ['threads', 'answers', 'tips'] as const

/**
 * New accounts are pre-moderated: until `preModeratedContributions` of a
 * citizen's contributions have been published, each new one waits as
 * `pending` for an agent or editor. Trust is earned by published
 * contributions, so hidden spam never unlocks direct publishing.
 */
export const applyPreModeration =
  (options: ResolvedOptions): CollectionBeforeChangeHook =>
  async ({ data, operation, req }) => {
    const threshold = options.moderation.preModeratedContributions
    const actor = actorFromRequest(req)
    if (operation !== 'create' || threshold === 0 || !actor || canReviewContributions(actor)) return data
    const published: Where = { and: [{ author: { equals: actor.id } }, { visibility: { equals: 'published' } }] }
    let count = 0
    for (const collection of contributionCollections) {
      count += (await req.payload.count({ collection, overrideAccess: true, req, where: published })).totalDocs
      if (count >= threshold) return data
    }
    return { ...data, visibility: 'pending' }
  }
