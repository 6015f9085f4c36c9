import type { CollectionConfig, CollectionSlug, Field } from 'payload'

import { entraideCollectionSlugs, type EntraideCollection } from './data/documents.ts'

import { personalDataKinds, type PersonalDataKind } from './guard/personalDataKinds.ts'
import type { TrustedProxies } from './rateLimit/clientIp.ts'
import { resolveRateLimits, type RateLimits, type RateLimitsOptions } from './rateLimit/limits.ts'
import { MemoryRateLimitStore } from './rateLimit/memoryStore.ts'
import type { RateLimitStore } from './rateLimit/store.ts'
import type { SearchEngine, Synonyms } from './search/types.ts'
import type { ID } from './utilities/ids.ts'
import { defaultPersonLayout, roles, type PersonLayout, type Role } from './policies/roles.ts'
import type { StandingRules } from './policies/standing.ts'

/** What the personal-data guard does when a contribution contains an identifier. */
export type PersonalDataMode = 'refuse' | 'mask'

/** Languages of the messages people read when a write is refused. */
export type MessageLocale = 'fr' | 'en'

/**
 * Options of the Entraide plugin. Every option is optional; `resolveOptions`
 * fills the defaults once, and every part of the plugin reads the resolved copy.
 */
export type EntraideOptions = {
  /**
   * Switches Entraide off while keeping its collections and fields, so the
   * database schema (and migrations) stay as they are: no endpoint, hook,
   * job, search index or admin view of Entraide runs.
   * @default false
   */
  disabled?: boolean
  /**
   * Changes to Entraide's collections, by slug, in the style of Payload's
   * official plugins: `fields` receives the default fields and returns the
   * fields to use; `access` and `admin` are merged over Entraide's; `hooks`
   * run after Entraide's own (which cannot be removed); anything else
   * replaces Entraide's value. Removing or renaming a field Entraide reads
   * makes its reads fail with an error naming the field.
   * @example { procedures: { admin: { group: 'Démarches' }, fields: ({ defaultFields }) => [...defaultFields, { name: 'code', type: 'text' }] } }
   */
  overrides?: CollectionOverrides
  /**
   * Slug of the host's auth collection, which receives Entraide's per-person
   * fields (see `users` for their names).
   * @default 'users'
   */
  usersCollection?: CollectionSlug
  /**
   * How Entraide's per-person data fits the host's auth collection: rename a
   * field that clashes with one of the host's, read the display name or the
   * roles from fields the host already has, and open public sign-up.
   */
  users?: UsersOptions
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
     * How many distinct users with standing must report an item before it is
     * hidden pending an editor's decision. Items an agent validated or
     * promoted are never hidden by reports: they go first in the moderation
     * queue.
     * @default 3
     */
    reportsToHide?: number
    /**
     * Reputation from which a citizen's guide edit proposals are accepted
     * at once, without review (with `trustedValidatedContributions` as well).
     * @default 50
     */
    trustedReputation?: number
    /**
     * How many of a citizen's answers and tips an agent must have validated,
     * besides `trustedReputation`, before their guide edit proposals are
     * accepted without review: trust that no one can earn with their own accounts alone.
     * @default 1
     */
    trustedValidatedContributions?: number
    /**
     * Most reputation points one person's votes and acceptances together give
     * another person, up or down, so that two people voting for each other
     * cannot make either trusted.
     * @default 10
     */
    maxPointsFromOnePerson?: number
    /** What makes a community account count for others: its votes, acceptances and reports count only once it has standing. */
    standing?: {
      /**
       * Hours since the account was created before its votes and acceptances
       * count towards other people's reputation (agents, editors and admins
       * always count).
       * @default 24
       */
      minAccountAgeHours?: number
      /**
       * Published questions, answers or tips of its own an account needs
       * before its votes and acceptances count towards other people's
       * reputation.
       * @default 1
       */
      minPublishedContributions?: number
    }
  }
  /**
   * Host origins allowed to call the Entraide REST API from a browser (the
   * widget on another domain), reads and writes. Same-origin calls need
   * nothing here. A browser request that changes something from any other
   * origin is refused (403 `cross-site`).
   * @default []
   */
  allowedOrigins?: string[]
  /** The personal-data guard, run on every contribution before it is stored (creations and edits). */
  personalData?: {
    /**
     * `'refuse'`: the write fails with 422 `personal-data` and a message naming
     * what was found and in which field, so the person can remove it.
     * `'mask'`: the text is stored with each identifier masked
     * (`FR76 •••• •••• …`) and a `personal-data` report with no reporter is
     * opened on the item, so moderators know.
     * @default 'refuse'
     */
    mode?: PersonalDataMode
    /**
     * The kinds of identifiers looked for, among `'nir'`, `'tax-number'`, `'iban'`, `'phone'`, `'email'`,
     * `'passport'`, `'identity-card'`, `'caf-number'`.
     * @default every kind
     */
    kinds?: PersonalDataKind[]
  }
  /**
   * Language of the messages that tell people what to change (personal data
   * found, too many requests). A request whose `Accept-Language` prefers the
   * other language gets that one.
   * @default 'fr'
   */
  locale?: MessageLocale
  /**
   * Rate limits per category (`contributions`, `votes`, `reports`, `signUp`,
   * `signIn`, `search`, `stats`), each `{ perUser, perIp, unknownAddresses }` with
   * `{ limit, windowMs }` or `false` to switch that limit off; categories and
   * scopes left out keep their defaults (see `defaultRateLimits`).
   * `unknownAddresses` is one budget for every anonymous request whose address
   * is unknown (on by default for `search` and `signUp`). `false` switches
   * every limit off.
   * @default defaultRateLimits
   */
  rateLimits?: RateLimitsOptions | false
  /**
   * Where rate-limit hits are counted. The default counts in this process's
   * memory, so each app node has its own limits; give several nodes one shared
   * store: `redisRateLimitStore` from `entraide/redis`, or any store that keeps
   * the contract of `RateLimitStore`.
   * @default a new MemoryRateLimitStore
   */
  rateLimitStore?: RateLimitStore
  /**
   * Which reverse proxies may be believed about the client address: a number
   * of proxies in front of the app, or their addresses and CIDR ranges (or
   * `'loopback'`, `'private'`, `'linklocal'`). With none, the client address
   * is unknown and per-IP limits are skipped (per-user limits still apply;
   * anonymous searches and sign-ups count in one budget for all, see
   * `rateLimits`).
   * @default 0
   */
  trustedProxies?: TrustedProxies
  /**
   * The header those proxies put the client address chain in.
   * @default 'x-forwarded-for'
   */
  clientIpHeader?: string
  /** The search index and how it is kept in step with the content (see `SearchOptions`). */
  search?: SearchOptions
  /** When verified knowledge must be checked again (see `ReverificationOptions`). */
  reverification?: ReverificationOptions
  /** Notifications in the app and by email (see `NotificationsOptions`). */
  notifications?: NotificationsOptions
  /** The public accountability figures of `GET /api/entraide/stats` (see `PublicFiguresOptions`). */
  publicFigures?: PublicFiguresOptions
  /** The listening dashboard of the admin panel (see `ListeningDashboardOptions`). */
  listeningDashboard?: ListeningDashboardOptions
  /**
   * The anonymous procedure pages (`GET /api/entraide/procedures/:slug`) kept
   * in each app process's memory. A write through this process forgets them
   * at once, one through another app node when this process follows it from
   * the search change feed; `ttlMs` bounds how long a page may miss a write
   * the feed does not carry (a person's new display name, through another
   * node). `false` reads every page from the database.
   * @default { ttlMs: 5000 }
   */
  procedurePageCache?: { ttlMs?: number } | false
}

/** The public accountability figures: computed by a scheduled job, served by `GET /api/entraide/stats`. */
export type PublicFiguresOptions = {
  /**
   * `false` computes and serves no figures: the job is not scheduled and the
   * endpoint answers 404 (the stored figures stay, so the schema does not move).
   * @default true
   */
  enabled?: boolean
  /**
   * When the scheduled job computes the figures again (cron syntax, on the
   * `entraide-stats` jobs queue); requests only read its last result.
   * @default '0 * * * *'
   */
  cron?: string
  /**
   * How many months the figures cover, the current one included.
   * @default 12
   */
  months?: number
}

/** The listening dashboard: computed by a scheduled job, read by `GET /api/entraide/dashboard` and `/admin/listening`. */
export type ListeningDashboardOptions = {
  /**
   * When the scheduled job computes the dashboards again, every agency's and
   * all agencies' (cron syntax, on the `entraide-stats` jobs queue); requests
   * only read its last result.
   * @default '0,15,30,45 * * * *'
   */
  cron?: string
}

/** When guides, wiki pages, validated answers and tips must be checked again by an agent. */
export type ReverificationOptions = {
  /**
   * Months after which an agent's verification of a guide, validation of an
   * answer or a tip, or the last re-verification of any of them (or of a
   * wiki page, counted from its creation until then) expires: the item shows
   * "to re-verify" with the reason `expired`. 0: they never expire.
   * @default 12
   */
  expiresAfterMonths?: number
  /**
   * When the scheduled job that marks expired items runs (cron syntax, on the
   * `entraide-maintenance` jobs queue).
   * @default '0 3 * * *'
   */
  cron?: string
}

/** How notification jobs are run: see `NotificationsOptions.runJobs`. */
export type NotificationJobsMode = 'auto' | 'manual'

/** Options of notifications: in the app, by email, and the follows behind them. */
export type NotificationsOptions = {
  /**
   * `false` records no notification, follow or email (the collections stay,
   * so the schema does not move, and the follow endpoints answer 404).
   * @default true
   */
  enabled?: boolean
  /**
   * Whether notifications are also sent by email, through the host's Payload
   * email adapter (`config.email`), to people who chose email for that kind.
   * @default true
   */
  email?: boolean
  /**
   * The public address of the site, put before the links of emails (the
   * procedure URLs are paths). The unsubscribe link points to this site's
   * API under it. Without it or a `serverURL`, links start with http://localhost:3000.
   * @default the config's serverURL
   */
  siteUrl?: string
  /**
   * `'auto'`: notification jobs run right after the write that queued them is
   * committed, and every minute as a backstop (`cron`). `'manual'`: only when
   * something calls `payload.jobs.run({ queue: 'entraide-notifications' })`.
   * @default 'auto'
   */
  runJobs?: NotificationJobsMode
  /**
   * When the backstop runs the notification queue (cron syntax), in `'auto'` mode.
   * @default '* * * * *'
   */
  cron?: string
  /**
   * Retries of an email while the mail server fails: `attempts` retries, the
   * n-th after `delayMs × 2^(n-1)`; after the last, the notification's
   * `emailStatus` is `failed`, with the error, for admins to see.
   * @default { attempts: 5, delayMs: 30000 }
   */
  retry?: { attempts?: number; delayMs?: number }
  /**
   * At most one email per person per this many milliseconds. A person's first
   * email goes out at once; the notifications that would be emailed to them
   * within the window after it wait, and go out together in one grouped email
   * when the window ends (which opens the next window). The staff digests are
   * not grouped. `0` or `false`: one email per notification.
   * @default 900000 (15 minutes)
   */
  emailWindowMs?: number | false
  /** The staff's daily digests of waiting work. */
  digests?: DigestsOptions
}

/** Options of the staff's daily digests: see README, "Notifications". */
export type DigestsOptions = {
  /**
   * `false` makes no digest: the job is not scheduled, and does nothing
   * when run (its task stays, so the schema does not move).
   * @default true
   */
  enabled?: boolean
  /**
   * When the job that makes the digests runs (cron syntax, on the
   * `entraide-digests` jobs queue, which runs by itself when
   * `notifications.runJobs` is `'auto'`). However often it runs, each agent gets at most one `agency-digest` a day, and
   * each editor and admin one `editor-digest`.
   * @default '0 7 * * *'
   */
  cron?: string
}

/** A change to one of Entraide's collections: see `EntraideOptions.overrides`. */
export type CollectionOverride = Partial<Omit<CollectionConfig, 'slug' | 'fields'>> & {
  fields?: (args: { defaultFields: Field[] }) => Field[]
}

/** Changes to Entraide's collections, by slug. */
export type CollectionOverrides = Partial<Record<EntraideCollection, CollectionOverride>>

/** Names of the fields Entraide adds to the host's auth collection. */
export type PersonFieldNames = {
  /** @default 'displayName' */
  displayName?: string
  /** @default 'role' */
  role?: string
  /** @default 'agency' */
  agency?: string
  /** @default 'reputation' */
  reputation?: string
  /** @default 'isSuspended' */
  isSuspended?: string
  /** @default 'suspensionReason' */
  suspensionReason?: string
  /** @default 'isCommunityAccount' */
  isCommunityAccount?: string
  /** @default 'publishedContributions' */
  publishedContributions?: string
}

/** See `EntraideOptions.users`. */
export type UsersOptions = {
  /**
   * Names Entraide gives the fields it adds to the auth collection. Rename one
   * when the host already has a field of that name (the plugin refuses to
   * start on a clash and says which).
   * @example { role: 'entraideRole' }
   */
  fields?: PersonFieldNames
  /**
   * A text field the host already has that holds each person's public name
   * (shown next to their contributions). Entraide then adds no display-name field.
   * @example 'name'
   */
  displayNameFrom?: string
  /**
   * A field the host already has that gives Entraide's roles, through a
   * mapping of its values; unmapped values are citizens. Entraide then adds
   * no role field, and its admins manage roles through the host's field.
   * @example { field: 'role', values: { admin: 'admin', staff: 'editor', customer: 'citizen' } }
   */
  roleFrom?: { field: string; values: Record<string, Role> }
  /**
   * Whether visitors may create their own account through the API (the
   * widget's sign-up). Accounts made this way are community accounts: on the
   * host's own collections and globals they have no more rights than an
   * anonymous visitor, they see none of them in the admin panel, and they
   * cannot write the host's own fields of the auth collection.
   * @default false
   */
  publicSignUp?: boolean
  /**
   * Whether an account made by public sign-up must confirm its email address
   * (Payload's `auth.verify`) before it signs in: the sign-up sends a link, in
   * the person's language, through the site's email adapter; until it is
   * followed, nothing is asked, answered, voted or reported from that account.
   * Accounts made by admins or by server code are confirmed from the start.
   * @default true
   */
  requireEmailVerification?: boolean
}

/** `UsersOptions` resolved. */
export type ResolvedUsersOptions = {
  /** Where each piece of a person's data is read and written. */
  layout: PersonLayout
  /** Fields Entraide adds (the layout's fields not taken from the host), by their role in the layout. */
  addedFields: ReadonlyArray<keyof PersonFieldNames>
  publicSignUp: boolean
  requireEmailVerification: boolean
}

/** Whether the search index is kept in step by the app itself: see `SearchOptions.runSyncJobs`. */
export type SearchSyncMode = 'auto' | 'manual'

/** Options of the search index, how it follows the content, and the search endpoint. */
export type SearchOptions = {
  /**
   * Extra one-way synonyms (Meilisearch's format: each key also matches the
   * listed expressions), merged into the French defaults (CNI, APL, CAF, ANTS,
   * DGFiP, impôts…); they never remove a default.
   * @example { 'vitale': ['carte vitale', 'carte d’assuré social'] }
   */
  synonyms?: Synonyms
  /**
   * The engine to use instead of the configured one (Meilisearch when
   * `MEILI_HOST` is set, the embedded engine otherwise): a custom engine, or a
   * test double. The plugin calls `ensureIndex` on it.
   */
  engine?: SearchEngine
  /**
   * `'auto'`: each app process applies its own writes' changes to its
   * embedded index right after they are committed, reads the change feed
   * every `feed.pollMs` for the other processes' changes, and saves its
   * index every `snapshot.everyMs`; with Meilisearch, the process that holds
   * the lease (one among all nodes, see `feed.leaseMs`) applies the feed to
   * it every `feed.pollMs`, and its own writes' changes right after they are
   * committed. `'manual'`: nothing of this runs by itself (tests, or a
   * separate worker calling `catchUpSearchFeed(payload)` in a loop, which
   * takes the Meilisearch lease when nobody holds it).
   * @default 'auto'
   */
  runSyncJobs?: SearchSyncMode
  /**
   * Tries while the engine fails. The changes it could not apply stay in the
   * feed and are tried again after `delayMs × 2^(n-1)` (at most 30 s), until
   * they are applied, by each embedded index and by the node that feeds
   * Meilisearch. `attempts`: how many times `catchUpSearchFeed` tries before
   * it answers `false`.
   * @default { attempts: 12, delayMs: 1000 }
   */
  retry?: { attempts?: number; delayMs?: number }
  /**
   * Public URL of a wiki page that is not attached to a procedure (pages
   * attached to one link to the procedure page). `null` leaves the search
   * hit without a link; the widget then opens the page in its results.
   * @default () => null
   */
  wikiPageUrl?: (page: { id: ID; slug: string }) => string | null
  /**
   * Keep each search's text (without personal data: identifiers are replaced
   * by their kind) and hit count in the `search-queries` collection, for editors.
   * @default true
   */
  recordQueries?: boolean
  /**
   * Documents read from the database per batch when reindexing.
   * @default 500
   */
  reindexBatchSize?: number
  /**
   * The search change feed every app process follows (see README, Search):
   * `pollMs`, how often each process reads the changes written since its
   * last read; `lookbackMs`, how far back each read looks again for changes
   * whose transaction committed late or whose writer's clock lags (longer
   * than any write transaction and any clock difference between nodes);
   * `retentionMs`, how long changes are kept (a process whose index is older
   * rebuilds it; with Meilisearch, changes not applied to it yet are kept
   * longer); `leaseMs`, the period one node holds the lease of feeding
   * Meilisearch for (renewed halfway through by the holder; when it dies,
   * another node takes over within two periods).
   * @default { pollMs: 250, lookbackMs: 5000, retentionMs: 86400000, leaseMs: 10000 }
   */
  feed?: { pollMs?: number; lookbackMs?: number; retentionMs?: number; leaseMs?: number }
  /**
   * Where the embedded engine saves its index, so that a restart loads it and
   * only catches up with the feed: `directory` (one file per database, named
   * by a digest of the database's address; default `entraide-search` in the
   * OS temporary directory) and `everyMs`, how often it is saved when it
   * changed (and at `payload.destroy()`, and as soon as a build from the
   * database that took seconds ends; a save takes under 1 s of CPU at
   * 50,000 documents, in slices between which searches are answered, and
   * writes to the index wait for it). `false`:
   * never saved, every start rebuilds the index in the background.
   * @default { everyMs: 600000 }
   */
  snapshot?: false | { directory?: string; everyMs?: number }
}

/** `SearchOptions` with every default filled. */
export type ResolvedSearchOptions = {
  synonyms: Synonyms | undefined
  engine: SearchEngine | undefined
  runSyncJobs: SearchSyncMode
  retry: { attempts: number; delayMs: number }
  wikiPageUrl: (page: { id: ID; slug: string }) => string | null
  recordQueries: boolean
  reindexBatchSize: number
  feed: { pollMs: number; lookbackMs: number; retentionMs: number; leaseMs: number }
  snapshot: false | { directory: string | undefined; everyMs: number }
}

/** The options with every default filled; built once by `resolveOptions`. */
export type ResolvedOptions = {
  disabled: boolean
  overrides: CollectionOverrides
  usersCollection: CollectionSlug
  users: ResolvedUsersOptions
  procedureUrl: (slug: string) => string
  moderation: {
    preModeratedContributions: number
    reportsToHide: number
    trustedReputation: number
    trustedValidatedContributions: number
    maxPointsFromOnePerson: number
    standing: StandingRules
  }
  allowedOrigins: string[]
  personalData: { mode: PersonalDataMode; kinds: readonly PersonalDataKind[] }
  locale: MessageLocale
  /** `false` when every limit is off. */
  rateLimits: RateLimits | false
  rateLimitStore: RateLimitStore
  clientIp: { trustedProxies: TrustedProxies; header: string }
  search: ResolvedSearchOptions
  reverification: { expiresAfterMonths: number; cron: string }
  notifications: ResolvedNotificationsOptions
  publicFigures: { isEnabled: boolean; cron: string; months: number }
  listeningDashboard: { cron: string }
  procedurePageCache: { ttlMs: number } | false
}

/** `NotificationsOptions` with every default filled (`siteUrl` null: the config's serverURL). */
export type ResolvedNotificationsOptions = {
  isEnabled: boolean
  isEmailEnabled: boolean
  siteUrl: string | null
  runJobs: NotificationJobsMode
  cron: string
  retry: { attempts: number; delayMs: number }
  /** 0: one email per notification. */
  emailWindowMs: number
  digests: { isEnabled: boolean; cron: string }
}

const nonNegativeNumber = (value: number | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`Entraide: option ${name} must be a non-negative number, got ${String(value)}.`)
  }
  return value
}

const nonNegativeInteger = (value: number | undefined, fallback: number, name: string): number => {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`Entraide: option ${name} must be a non-negative integer, got ${String(value)}.`)
  }
  return value
}

/** Every limit must be a count and a window a host can reason about. */
const checkedRateLimits = (options: RateLimitsOptions | false | undefined): RateLimits | false => {
  if (options === false) return false
  const limits = resolveRateLimits(options)
  for (const [category, rules] of Object.entries(limits)) {
    for (const [scope, rule] of Object.entries(rules)) {
      if (rule === false) continue
      if (!Number.isInteger(rule.limit) || rule.limit < 0 || !Number.isInteger(rule.windowMs) || rule.windowMs < 1) {
        throw new Error(
          `Entraide: option rateLimits.${category}.${scope} must be false or { limit, windowMs } with a non-negative integer limit and a positive integer windowMs.`,
        )
      }
    }
  }
  return limits
}

const checkedKinds = (kinds: PersonalDataKind[] | undefined): readonly PersonalDataKind[] => {
  if (kinds === undefined) return personalDataKinds
  const unknown = kinds.find((kind) => !personalDataKinds.includes(kind))
  if (unknown !== undefined) {
    throw new Error(`Entraide: option personalData.kinds has an unknown kind "${String(unknown)}".`)
  }
  return [...kinds]
}

const checkedMode = (mode: PersonalDataMode | undefined): PersonalDataMode => {
  if (mode === undefined) return 'refuse'
  if (mode !== 'refuse' && mode !== 'mask') {
    throw new Error(`Entraide: option personalData.mode must be 'refuse' or 'mask', got "${String(mode)}".`)
  }
  return mode
}

const positiveInteger = (value: number | undefined, fallback: number, name: string): number => {
  const resolved = nonNegativeInteger(value, fallback, name)
  if (resolved < 1) throw new Error(`Entraide: option ${name} must be at least 1, got ${String(value)}.`)
  return resolved
}

const fieldName = /^[A-Za-z_][A-Za-z0-9_]*$/

const checkedFieldName = (value: unknown, name: string): string => {
  if (typeof value !== 'string' || !fieldName.test(value)) {
    throw new Error(`Entraide: option ${name} must be a field name (letters, digits and _), got "${String(value)}".`)
  }
  return value
}

const resolveUsersOptions = (users: UsersOptions = {}): ResolvedUsersOptions => {
  const names = users.fields ?? {}
  const named = (key: keyof PersonFieldNames): string =>
    names[key] === undefined ? defaultPersonLayout[key] : checkedFieldName(names[key], `users.fields.${key}`)
  const roleFrom = users.roleFrom
  if (roleFrom !== undefined) {
    checkedFieldName(roleFrom.field, 'users.roleFrom.field')
    for (const [value, role] of Object.entries(roleFrom.values)) {
      if (!roles.includes(role)) {
        throw new Error(
          `Entraide: option users.roleFrom.values maps "${value}" to "${String(role)}"; roles are ${roles.join(', ')}.`,
        )
      }
    }
  }
  const layout: PersonLayout = {
    agency: named('agency'),
    displayName:
      users.displayNameFrom === undefined
        ? named('displayName')
        : checkedFieldName(users.displayNameFrom, 'users.displayNameFrom'),
    isCommunityAccount: named('isCommunityAccount'),
    isSuspended: named('isSuspended'),
    publishedContributions: named('publishedContributions'),
    reputation: named('reputation'),
    role: roleFrom === undefined ? named('role') : roleFrom.field,
    roleValues: roleFrom === undefined ? null : { ...roleFrom.values },
    suspensionReason: named('suspensionReason'),
  }
  const added: Array<keyof PersonFieldNames> = [
    'agency',
    'reputation',
    'publishedContributions',
    'isSuspended',
    'suspensionReason',
    'isCommunityAccount',
  ]
  if (users.displayNameFrom === undefined) added.unshift('displayName')
  if (roleFrom === undefined) added.splice(1, 0, 'role')
  const taken = new Map<string, string>()
  for (const key of added) {
    const other = taken.get(layout[key])
    if (other !== undefined) {
      throw new Error(`Entraide: options users.fields.${other} and users.fields.${key} give two fields the same name "${layout[key]}".`)
    }
    taken.set(layout[key], key)
  }
  return {
    addedFields: added,
    layout,
    publicSignUp: users.publicSignUp === true,
    requireEmailVerification: users.requireEmailVerification !== false,
  }
}

const resolveSearchOptions = (search: SearchOptions = {}): ResolvedSearchOptions => {
  const mode = search.runSyncJobs ?? 'auto'
  if (mode !== 'auto' && mode !== 'manual') {
    throw new Error(`Entraide: option search.runSyncJobs must be 'auto' or 'manual', got "${String(mode)}".`)
  }
  return {
    engine: search.engine,
    recordQueries: search.recordQueries ?? true,
    reindexBatchSize: positiveInteger(search.reindexBatchSize, 500, 'search.reindexBatchSize'),
    retry: {
      attempts: nonNegativeInteger(search.retry?.attempts, 12, 'search.retry.attempts'),
      delayMs: nonNegativeInteger(search.retry?.delayMs, 1000, 'search.retry.delayMs'),
    },
    runSyncJobs: mode,
    synonyms: search.synonyms,
    wikiPageUrl: search.wikiPageUrl ?? (() => null),
    feed: {
      lookbackMs: nonNegativeInteger(search.feed?.lookbackMs, 5000, 'search.feed.lookbackMs'),
      pollMs: positiveInteger(search.feed?.pollMs, 250, 'search.feed.pollMs'),
      retentionMs: positiveInteger(search.feed?.retentionMs, 86_400_000, 'search.feed.retentionMs'),
      leaseMs: positiveInteger(search.feed?.leaseMs, 10_000, 'search.feed.leaseMs'),
    },
    snapshot:
      search.snapshot === false
        ? false
        : {
            directory: search.snapshot?.directory,
            everyMs: positiveInteger(search.snapshot?.everyMs, 600_000, 'search.snapshot.everyMs'),
          },
  }
}

const resolveNotificationsOptions = (notifications: NotificationsOptions = {}): ResolvedNotificationsOptions => {
  const mode = notifications.runJobs ?? 'auto'
  if (mode !== 'auto' && mode !== 'manual') {
    throw new Error(`Entraide: option notifications.runJobs must be 'auto' or 'manual', got "${String(mode)}".`)
  }
  const siteUrl = notifications.siteUrl
  if (siteUrl !== undefined && !/^https?:\/\/[^/]+/.test(siteUrl)) {
    throw new Error(`Entraide: option notifications.siteUrl must be an http(s) address, got "${siteUrl}".`)
  }
  return {
    cron: notifications.cron ?? '* * * * *',
    isEmailEnabled: notifications.email !== false,
    isEnabled: notifications.enabled !== false,
    retry: {
      attempts: nonNegativeInteger(notifications.retry?.attempts, 5, 'notifications.retry.attempts'),
      delayMs: nonNegativeInteger(notifications.retry?.delayMs, 30_000, 'notifications.retry.delayMs'),
    },
    digests: resolveDigestsOptions(notifications.digests),
    emailWindowMs:
      notifications.emailWindowMs === false
        ? 0
        : nonNegativeInteger(notifications.emailWindowMs, 15 * 60_000, 'notifications.emailWindowMs'),
    runJobs: mode,
    siteUrl: siteUrl === undefined ? null : siteUrl.replace(/\/+$/, ''),
  }
}

const resolveDigestsOptions = (digests: NotificationsOptions['digests'] = {}): ResolvedNotificationsOptions['digests'] => {
  const cron = digests.cron ?? '0 7 * * *'
  if (typeof cron !== 'string' || cron.trim().split(/\s+/).length < 5) {
    throw new Error(`Entraide: option notifications.digests.cron must be a cron expression such as '0 7 * * *', got "${String(cron)}".`)
  }
  return { cron, isEnabled: digests.enabled !== false }
}

/** Longest period the public figures may cover, in months (ten years). */
const maxFigureMonths = 120

const resolvePublicFiguresOptions = (figures: PublicFiguresOptions = {}): ResolvedOptions['publicFigures'] => {
  const cron = figures.cron ?? '0 * * * *'
  if (typeof cron !== 'string' || cron.trim().split(/\s+/).length < 5) {
    throw new Error(`Entraide: option publicFigures.cron must be a cron expression such as '0 * * * *', got "${String(cron)}".`)
  }
  const months = positiveInteger(figures.months, 12, 'publicFigures.months')
  if (months > maxFigureMonths) {
    throw new Error(`Entraide: option publicFigures.months must be at most ${maxFigureMonths}, got ${months}.`)
  }
  return { cron, isEnabled: figures.enabled !== false, months }
}

const resolveListeningDashboardOptions = (dashboard: ListeningDashboardOptions = {}): ResolvedOptions['listeningDashboard'] => {
  const cron = dashboard.cron ?? '0,15,30,45 * * * *'
  if (typeof cron !== 'string' || cron.trim().split(/\s+/).length < 5) {
    throw new Error(`Entraide: option listeningDashboard.cron must be a cron expression such as '0,15,30,45 * * * *', got "${String(cron)}".`)
  }
  return { cron }
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
  const overrides = options.overrides ?? {}
  const unknownSlug = Object.keys(overrides).find((slug) => !entraideCollectionSlugs.includes(slug))
  if (unknownSlug !== undefined) {
    throw new Error(
      `Entraide: option overrides names "${unknownSlug}", which is not one of Entraide's collections (${entraideCollectionSlugs.join(', ')}).`,
    )
  }
  return {
    allowedOrigins: [...(options.allowedOrigins ?? [])],
    disabled: options.disabled === true,
    overrides: { ...overrides },
    moderation: {
      preModeratedContributions: nonNegativeInteger(
        moderation.preModeratedContributions,
        0,
        'moderation.preModeratedContributions',
      ),
      reportsToHide: Math.max(1, nonNegativeInteger(moderation.reportsToHide, 3, 'moderation.reportsToHide')),
      trustedReputation: nonNegativeInteger(moderation.trustedReputation, 50, 'moderation.trustedReputation'),
      trustedValidatedContributions: nonNegativeInteger(
        moderation.trustedValidatedContributions,
        1,
        'moderation.trustedValidatedContributions',
      ),
      maxPointsFromOnePerson: nonNegativeInteger(moderation.maxPointsFromOnePerson, 10, 'moderation.maxPointsFromOnePerson'),
      standing: {
        minAccountAgeHours: nonNegativeNumber(moderation.standing?.minAccountAgeHours, 24, 'moderation.standing.minAccountAgeHours'),
        minPublishedContributions: nonNegativeInteger(
          moderation.standing?.minPublishedContributions,
          1,
          'moderation.standing.minPublishedContributions',
        ),
      },
    },
    procedureUrl: options.procedureUrl ?? ((slug) => `/demarches/${encodeURIComponent(slug)}`),
    usersCollection,
    users: resolveUsersOptions(options.users),
    personalData: {
      kinds: checkedKinds(options.personalData?.kinds),
      mode: checkedMode(options.personalData?.mode),
    },
    locale: options.locale ?? 'fr',
    rateLimits: checkedRateLimits(options.rateLimits),
    rateLimitStore: options.rateLimitStore ?? new MemoryRateLimitStore(),
    clientIp: { header: options.clientIpHeader ?? 'x-forwarded-for', trustedProxies: options.trustedProxies ?? 0 },
    search: resolveSearchOptions(options.search),
    reverification: {
      cron: options.reverification?.cron ?? '0 3 * * *',
      expiresAfterMonths: nonNegativeInteger(options.reverification?.expiresAfterMonths, 12, 'reverification.expiresAfterMonths'),
    },
    notifications: resolveNotificationsOptions(options.notifications),
    publicFigures: resolvePublicFiguresOptions(options.publicFigures),
    listeningDashboard: resolveListeningDashboardOptions(options.listeningDashboard),
    procedurePageCache:
      options.procedurePageCache === false
        ? false
        : { ttlMs: nonNegativeInteger(options.procedurePageCache?.ttlMs, 5000, 'procedurePageCache.ttlMs') },
  }
}
