import type { CollectionBeforeOperationHook } from 'payload'

import { enforceRateLimitInHook } from '../rateLimit/enforce.ts'

/** Marks a request already counted, so nested operations of one request count once. */
const countedKey = 'entraide:rateLimit:contributions'

/**
 * Counts creations and edits of contributions (threads, answers, tips, guide
 * edits) against the `contributions` limits, before any database work: past
 * the limit the request is refused with 429 and `Retry-After`. Writes made by
 * Entraide itself (scores, moderation) are not contributions and are skipped.
 */
export const rateLimitContributions =
  (): CollectionBeforeOperationHook =>
  async ({ args, context, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    if (context.isSystemWrite === true || context[countedKey] === true) return args
    context[countedKey] = true
    await enforceRateLimitInHook({ category: 'contributions', req })
    return args
  }
