import { checkRateLimit, type RateLimitResult } from './checkRateLimit.ts'
import type { RateLimitCategory, RateLimits, RateLimitScope } from './limits.ts'
import type { RateLimitStore } from './store.ts'

/** The verdict for a category: the stricter of its per-user and per-IP limits. */
export type CategoryRateLimitResult = RateLimitResult & {
  /** Which limit refused the hit, when one did. */
  refusedBy?: RateLimitScope
}

/** The store key of one category and scope; prefixed so a shared store can hold other data. */
export function rateLimitKey({
  category,
  scope,
  id,
}: {
  category: RateLimitCategory
  scope: RateLimitScope
  id: string
}): string {
  return `entraide:rl:${category}:${scope}:${id}`
}

const unlimited: RateLimitResult = {
  isAllowed: true,
  retryAfterSeconds: 0,
  remaining: Number.POSITIVE_INFINITY,
  limit: Number.POSITIVE_INFINITY,
  resetAfterSeconds: 0,
}

/** The one key every anonymous request of a category with an unknown address is counted under. */
const unknownAddressesId = 'all'

/**
 * Records one hit of `category` for the user and for the client address, and
 * refuses it if either is over its limit (both are counted either way).
 * An anonymous request whose address is unknown (`isAnonymous`, no `ipKey`)
 * is counted in the category's `unknownAddresses` budget instead, shared by
 * all such requests.
 *
 * @param userKey the signed-in user's id; for sign-in, the account identifier
 *   tried (the lowercased email), so guessing one account's password is slowed
 *   whatever the address. Omit it for anonymous requests.
 * @param ipKey from `clientIpKey`. Omit it to skip the per-IP limit, which is
 *   what to do when no trusted proxy is configured: every address is then
 *   unknown, and one shared key would turn the per-IP limit into a site-wide one.
 */
export async function checkCategoryRateLimit({
  store,
  limits,
  category,
  userKey,
  ipKey,
  isAnonymous = false,
}: {
  store: RateLimitStore
  limits: RateLimits
  category: RateLimitCategory
  userKey?: string
  ipKey?: string
  /** Whether nobody is signed in: only such requests count in the `unknownAddresses` budget. */
  isAnonymous?: boolean
}): Promise<CategoryRateLimitResult> {
  const rules = limits[category]
  const checks: Array<Promise<CategoryRateLimitResult>> = []
  if (rules.perUser !== false && userKey !== undefined) {
    const rule = rules.perUser
    checks.push(
      checkRateLimit({ store, key: rateLimitKey({ category, scope: 'user', id: userKey }), ...rule }).then(
        (result) => (result.isAllowed ? result : { ...result, refusedBy: 'user' }),
      ),
    )
  }
  if (rules.perIp !== false && ipKey !== undefined) {
    const rule = rules.perIp
    checks.push(
      checkRateLimit({ store, key: rateLimitKey({ category, scope: 'ip', id: ipKey }), ...rule }).then((result) =>
        result.isAllowed ? result : { ...result, refusedBy: 'ip' },
      ),
    )
  }
  if (rules.unknownAddresses !== false && isAnonymous && ipKey === undefined) {
    const rule = rules.unknownAddresses
    const key = rateLimitKey({ category, scope: 'unknownAddresses', id: unknownAddressesId })
    checks.push(
      checkRateLimit({ store, key, ...rule }).then((result) =>
        result.isAllowed ? result : { ...result, refusedBy: 'unknownAddresses' },
      ),
    )
  }
  const results = await Promise.all(checks)
  const refusals = results.filter((result) => !result.isAllowed)
  if (refusals.length > 0) {
    return refusals.reduce((longest, result) => (result.retryAfterSeconds > longest.retryAfterSeconds ? result : longest))
  }
  return results.reduce(
    (tightest, result) => (result.remaining < tightest.remaining ? result : tightest),
    unlimited,
  )
}
