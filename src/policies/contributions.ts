import { isSameId, type ID } from '../utilities/ids.ts'
import { hasRoleAtLeast, type Actor } from './roles.ts'

/**
 * Signed in, email address confirmed and not suspended: may ask, answer, post
 * tips, vote, report and edit guides.
 */
export const canContribute = (actor: Actor | null): actor is Actor =>
  actor !== null && !actor.isSuspended && actor.hasConfirmedEmail

/** Agents and above see pending and hidden items and may publish pending ones. */
export const canReviewContributions = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'agent')

/** Editors and above moderate: hide, restore, lock, resolve reports. */
export const canModerate = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'editor')

/**
 * Where a person acts as a public servant: on every agency (editors and
 * admins), on one agency (an agent of that agency), or nowhere (citizens, and
 * agents without an agency). The one source of every agency-scoped decision
 * below, and of the database filters built from it (collection access, admin
 * lists), so that what an agent is offered is what they may do.
 */
export type AgencyScope = { kind: 'all' } | { kind: 'agency'; agency: ID } | { kind: 'none' }

/** The agency scope of a person (see `AgencyScope`). */
export const agencyScopeOf = (actor: Actor | null): AgencyScope => {
  if (hasRoleAtLeast(actor, 'editor')) return { kind: 'all' }
  if (actor !== null && hasRoleAtLeast(actor, 'agent') && actor.agency !== null) return { agency: actor.agency, kind: 'agency' }
  return { kind: 'none' }
}

/**
 * Whether the actor acts for the agency of a procedure: editors and admins act
 * everywhere, an agent only on the procedures of their own agency. An item
 * with no agency (a wiki page attached to no procedure) is for editors only.
 */
export const canActForAgency = (actor: Actor | null, agency: ID | null): boolean => {
  const scope = agencyScopeOf(actor)
  if (scope.kind === 'all') return true
  return scope.kind === 'agency' && agency !== null && isSameId(scope.agency, agency)
}

/** Validating an answer or a tip of a procedure of `agency`. */
export const canValidate = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)

/** Promoting validated content of a procedure of `agency` into a wiki draft. */
export const canPromote = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)

/**
 * Appending promoted content to an existing wiki page whose procedure belongs
 * to `agency` (null: a page attached to no procedure, editors only).
 */
export const canPromoteInto = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)

/** Publishing a pending (pre-moderated) contribution on a procedure of `agency`. */
export const canPublishPending = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)

/** Marking a published guide of a procedure of `agency` verified. */
export const canVerifyGuide = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)

/**
 * Writing a guide itself (Payload's create and update, REST, GraphQL, the
 * admin panel): staff only. Everyone else proposes edits
 * (`POST /api/guides/:id/proposals`), each reviewed on its own, so that no
 * person's pending edit is a draft of the whole guide another edit replaces.
 * Whether a staff write publishes is `canPublishGuide`.
 */
export const canWriteGuides = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'agent')

/** Publishing or rejecting the edit waiting on a guide of a procedure of `agency`. */
export const canReviewGuideEdit = (actor: Actor | null, agency: ID | null): boolean =>
  canContribute(actor) && canActForAgency(actor, agency)

/**
 * Creating or editing a wiki page attached to a procedure of `agency` (null:
 * attached to none). Agents write drafts of their agency's pages; editors and
 * admins write every page.
 */
export const canEditWikiPage = (actor: Actor | null, agency: ID | null): boolean =>
  canContribute(actor) && canActForAgency(actor, agency)

/** The trust rules for publishing guide edits without review (from the `moderation` options). */
export type GuideTrustRules = {
  /** Reputation from which a citizen's guide edit proposals may be accepted at once. */
  trustedReputation: number
  /** How many of their answers or tips someone else (an agent) must have validated, as well. */
  trustedValidatedContributions: number
}

/**
 * Whether the actor's edit of a guide of a procedure of `agency` publishes
 * directly: agents of that agency, editors and admins; and people whose trust
 * nobody can farm alone: a reputation at the threshold (which only other
 * people's acts give, see `reputationOf`) and contributions an agent
 * validated. Anyone else's edit waits for review, an agent of another agency's
 * too.
 */
export const canPublishGuide = (
  actor: Actor | null,
  agency: ID | null,
  trust: { rules: GuideTrustRules; validatedContributions: number },
): boolean =>
  canContribute(actor) &&
  (canActForAgency(actor, agency) ||
    (actor.reputation >= trust.rules.trustedReputation &&
      trust.validatedContributions >= trust.rules.trustedValidatedContributions))

/**
 * Restoring an old version of a guide, which publishes it without review:
 * editors and admins only, whatever the agency.
 */
export const canRestoreGuideVersion = (actor: Actor | null): boolean => canContribute(actor) && hasRoleAtLeast(actor, 'editor')

/** Only editors and admins publish official wiki pages. */
export const canPublishWiki = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'editor')

/** Editors and admins manage agencies and procedures. */
export const canManageCatalogue = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'editor')

/** Only admins manage accounts and roles. */
export const canManageAccounts = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'admin')

/** Whether the actor may restore an old version of a guide or wiki page over the current one: editors and admins. */
export const canRestoreVersions = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'editor')

/**
 * Whether the actor's document locks count: staff (agents, editors, admins)
 * lock what they edit; anyone else's lock, whoever made it, blocks nobody.
 */
export const holdsBindingLocks = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'agent')

/** Whether the actor may create, take over or release document locks through the API. */
export const canManageLocks = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'agent')

/**
 * Re-verifying (confirming, after a change of its procedure or the expiry of
 * its verification) a guide, wiki page, answer or tip of a procedure of
 * `agency`; items attached to no procedure are for editors only.
 */
export const canReverify = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)
