import { isSameId, type ID } from '../utilities/ids'
import { hasRoleAtLeast, type Actor } from './roles'

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

/** Validating an answer or a tip. */
export const canValidate = canActForAgency

/** Promoting validated content into a wiki draft. */
export const canPromote = canActForAgency

/** Marking a published guide verified. */
export const canVerifyGuide = canActForAgency

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

/** The author of an item, or a moderator. */
export const isAuthorOrModerator = (actor: Actor | null, author: unknown): boolean =>
  actor !== null && (isSameId(actor.id, author) || canModerate(actor))
