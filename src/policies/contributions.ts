import { isSameId, type ID } from '../utilities/ids.ts'
import { hasRoleAtLeast, type Actor } from './roles.ts'

/** Signed in and not suspended: may ask, answer, post tips, vote, report and edit guides. */
export const canContribute = (actor: Actor | null): actor is Actor => actor !== null && !actor.isSuspended

/** Agents and above see pending and hidden items and may publish pending ones. */
export const canReviewContributions = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'agent')

/** Editors and above moderate: hide, restore, lock, resolve reports. */
export const canModerate = (actor: Actor | null): boolean => hasRoleAtLeast(actor, 'editor')

/**
 * Whether the actor acts for the agency of a procedure: editors and admins act
 * everywhere, an agent only on the procedures of their own agency.
 */
export const canActForAgency = (actor: Actor | null, agency: ID | null): boolean => {
  if (hasRoleAtLeast(actor, 'editor')) return true
  return actor !== null && hasRoleAtLeast(actor, 'agent') && agency !== null && isSameId(actor.agency, agency)
}

/** Validating an answer or a tip of a procedure of `agency`. */
export const canValidate = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)

/** Promoting validated content of a procedure of `agency` into a wiki draft. */
export const canPromote = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)

/** Marking a published guide of a procedure of `agency` verified. */
export const canVerifyGuide = (actor: Actor | null, agency: ID | null): boolean => canActForAgency(actor, agency)

/**
 * Whether the actor's guide edits publish directly: agents and above, and
 * citizens whose reputation reached the trust threshold.
 */
export const canPublishGuide = (actor: Actor | null, trustedReputation: number): boolean =>
  actor !== null && canContribute(actor) && (hasRoleAtLeast(actor, 'agent') || actor.reputation >= trustedReputation)

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
