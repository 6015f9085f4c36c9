import type { CollectionSlug } from 'payload'

/**
 * Options of the Entraide plugin. Every option is optional; `resolveOptions`
 * fills the defaults once, and every part of the plugin reads the resolved copy.
 */
export type EntraideOptions = {
  /**
   * Slug of the host's auth collection that receives the role fields
   * (`displayName`, `role`, `agency`, `reputation`, suspension).
   * @default 'users'
   */
  usersCollection?: CollectionSlug
  /**
   * Builds the public URL of a procedure page on the host website, used in
   * search results and links back from the admin panel.
   * @default (slug) => `/demarches/${slug}`
   */
  procedureUrl?: (slug: string) => string
  /** Moderation and trust settings. */
  moderation?: {
    /**
     * How many of a new citizen's first contributions wait as `pending` until
     * an agent or editor publishes them. 0 publishes everything directly.
     * @default 0
     */
    preModeratedContributions?: number
    /**
     * How many distinct users must report an item before it is hidden pending
     * an editor's decision.
     * @default 3
     */
    reportsToHide?: number
    /**
     * Reputation from which a citizen's guide edits publish without review.
     * @default 50
     */
    trustedReputation?: number
  }
  /**
   * Host origins allowed to call the Entraide REST API from a browser (the
   * widget on another domain). Same-origin calls need nothing here.
   * @default []
   */
  allowedOrigins?: string[]
}

/** The options with every default filled; built once by `resolveOptions`. */
export type ResolvedOptions = {
  usersCollection: CollectionSlug
  procedureUrl: (slug: string) => string
  moderation: {
    preModeratedContributions: number
    reportsToHide: number
    trustedReputation: number
  }
  allowedOrigins: string[]
}

const nonNegativeInteger = (value: number | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Entraide: option ${name} must be a non-negative integer, got ${String(value)}.`)
  }
  return value
}

/**
 * Fills the defaults and checks the values of the plugin options. Throws a
 * configuration error naming the option when a value is unusable.
 */
export const resolveOptions = (options: EntraideOptions = {}): ResolvedOptions => {
  const moderation = options.moderation ?? {}
  const usersCollection = options.usersCollection ?? 'users'
  if (!/^[a-z0-9-_]+$/i.test(usersCollection)) {
    throw new Error(`Entraide: option usersCollection must be a collection slug, got "${usersCollection}".`)
  }
  return {
    allowedOrigins: [...(options.allowedOrigins ?? [])],
    moderation: {
      preModeratedContributions: nonNegativeInteger(
        moderation.preModeratedContributions,
        0,
        'moderation.preModeratedContributions',
      ),
      reportsToHide: Math.max(1, nonNegativeInteger(moderation.reportsToHide, 3, 'moderation.reportsToHide')),
      trustedReputation: nonNegativeInteger(moderation.trustedReputation, 50, 'moderation.trustedReputation'),
    },
    procedureUrl: options.procedureUrl ?? ((slug) => `/demarches/${encodeURIComponent(slug)}`),
    usersCollection,
  }
}
