import type { RateLimitRule } from './checkRateLimit.ts'

/** What is limited. */
export type RateLimitCategory = 'contributions' | 'votes' | 'reports' | 'signUp' | 'signIn' | 'search' | 'stats'

/**
 * Who a limit counts for: the signed-in user (for sign-in, the account
 * tried), the client address, or every anonymous client whose address is
 * unknown, together.
 */
export type RateLimitScope = 'user' | 'ip' | 'unknownAddresses'

/** The limits of a category; `false` switches one off. */
export type RateLimitCategoryRules = {
  perUser: RateLimitRule | false
  perIp: RateLimitRule | false
  /**
   * One budget for all anonymous requests whose client address is unknown
   * (no `trustedProxies`, or a request that did not come through them),
   * where `perIp` cannot apply: it stops a flood, sized well above what
   * people do together.
   */
  unknownAddresses: RateLimitRule | false
}

/** Every category's limits, as resolved. */
export type RateLimits = Readonly<Record<RateLimitCategory, RateLimitCategoryRules>>

/**
 * Limits as a host sets them: any category, any scope; the rest keeps its
 * default. `false` switches a limit off.
 */
export type RateLimitsOptions = {
  [Category in RateLimitCategory]?: Partial<RateLimitCategoryRules>
}

const minute = 60_000
const hour = 60 * minute

/**
 * Defaults sized for people, not scripts. Per-IP limits are looser than
 * per-user ones because many people share one address: a France services
 * office, a library, a mobile carrier's NAT.
 */
export const defaultRateLimits: RateLimits = {
  /** Threads, answers, tips, guide edits: 20 per user and 60 per address every 10 minutes. */
  contributions: { perUser: { limit: 20, windowMs: 10 * minute }, perIp: { limit: 60, windowMs: 10 * minute }, unknownAddresses: false },
  /** Votes: 60 per user and 200 per address every 10 minutes. */
  votes: { perUser: { limit: 60, windowMs: 10 * minute }, perIp: { limit: 200, windowMs: 10 * minute }, unknownAddresses: false },
  /** Reports: 10 per user and 30 per address an hour. */
  reports: { perUser: { limit: 10, windowMs: hour }, perIp: { limit: 30, windowMs: hour }, unknownAddresses: false },
  /**
   * Account creation: 10 per address an hour (there is no user yet); when the
   * address is unknown, 300 an hour from all such visitors together.
   */
  signUp: { perUser: false, perIp: { limit: 10, windowMs: hour }, unknownAddresses: { limit: 300, windowMs: hour } },
  /**
   * Sign-in attempts and password-reset requests: 100 per account tried an
   * hour, from all addresses together, and 50 per address every 15 minutes.
   * The per-account ceiling is a last resort against guessing from many
   * addresses, set well above what one address gets through its progressive
   * delays (at most 18 attempts in its first hour, see `signInDelays`): one
   * address alone never locks the owner out.
   */
  signIn: { perUser: { limit: 100, windowMs: hour }, perIp: { limit: 50, windowMs: 15 * minute }, unknownAddresses: false },
  /**
   * Searches: 120 per user and 300 per address a minute (the widget searches
   * as people type); when the address is unknown, 3,000 a minute from all
   * anonymous visitors together.
   */
  search: {
    perUser: { limit: 120, windowMs: minute },
    perIp: { limit: 300, windowMs: minute },
    unknownAddresses: { limit: 3000, windowMs: minute },
  },
  /** Reads of the public figures (`GET /api/entraide/stats`): 30 per user and 60 per address a minute. */
  stats: { perUser: { limit: 30, windowMs: minute }, perIp: { limit: 60, windowMs: minute }, unknownAddresses: false },
}

/** Fills a host's partial limits with the defaults, without touching either. */
export function resolveRateLimits(options: RateLimitsOptions = {}): RateLimits {
  const resolve = (category: RateLimitCategory): RateLimitCategoryRules => ({
    perUser: options[category]?.perUser ?? defaultRateLimits[category].perUser,
    perIp: options[category]?.perIp ?? defaultRateLimits[category].perIp,
    unknownAddresses: options[category]?.unknownAddresses ?? defaultRateLimits[category].unknownAddresses,
  })
  return {
    contributions: resolve('contributions'),
    votes: resolve('votes'),
    reports: resolve('reports'),
    signUp: resolve('signUp'),
    signIn: resolve('signIn'),
    search: resolve('search'),
    stats: resolve('stats'),
  }
}
