import type { Access, FieldAccess, Where } from 'payload'

import { actorFromRequest } from './roles.ts'
import { visibleContributionsWhere } from './visibility.ts'
import { procedureScope } from '../data/procedureScope.ts'
import { agencyScopeOf, canContribute } from './contributions.ts'
import {
  canManageAccounts,
  canManageCatalogue,
  canModerate,
  canReviewContributions,
  canWriteGuides,
} from './contributions.ts'

// Thin adapters from Payload's access arguments to the pure predicates.

/** Anyone, signed in or not. */
export const anyone: Access = () => true

/** Nobody through the API; the domain actions write with `overrideAccess`. */
export const nobody: Access = () => false

/**
 * Signed-in users. Suspended accounts pass here and are stopped by the
 * `refuseSuspended` hook, which tells them why instead of a bare 403.
 */
export const contributors: Access = ({ req }) => actorFromRequest(req) !== null

/**
 * Writing guides through Payload's routes and the admin panel: agents, editors
 * and admins (`canWriteGuides`). Citizens are stopped earlier by the
 * `refuseGuideWrites` hook, which names the proposals endpoint.
 */
export const guideWriters: Access = ({ req }) => canWriteGuides(actorFromRequest(req))

/** Editors and admins. */
export const catalogueManagers: Access = ({ req }) => canManageCatalogue(actorFromRequest(req))

/** Editors and admins. */
export const moderators: Access = ({ req }) => canModerate(actorFromRequest(req))

/** Agents, editors and admins. */
export const reviewers: Access = ({ req }) => canReviewContributions(actorFromRequest(req))

/** Admins only. */
export const admins: Access = ({ req }) => canManageAccounts(actorFromRequest(req))

/**
 * Community contributions (tips, threads, answers): everyone reads what is
 * published, authors also read their own pending or hidden items, agents and
 * above read everything (`visibility.ts`).
 */
export const readContributions: Access = ({ req }) => visibleContributionsWhere(actorFromRequest(req))

/** Authors edit their own contributions while they may contribute; moderators edit all. */
export const updateOwnContributions: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (canModerate(actor)) return true
  if (!actor) return false
  return { author: { equals: actor.id } }
}

/**
 * Versioned knowledge (guides): readers see the published version; a signed-in
 * user also sees the drafts they last edited (citizens write none any more, but
 * drafts saved before proposals stay theirs); agents and above see every draft.
 */
export const readGuides: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (canReviewContributions(actor)) return true
  const published: Where = { _status: { equals: 'published' } }
  if (!actor) return published
  return { or: [published, { lastEditedBy: { equals: actor.id } }] }
}

/** Official wiki pages: drafts are seen by agents and above only. */
export const readWikiPages: Access = ({ req }) => {
  if (canReviewContributions(actorFromRequest(req))) return true
  return { _status: { equals: 'published' } }
}

/**
 * Wiki pages an actor may edit (`canEditWikiPage`) as a filter: every page
 * for editors and admins, the pages of their agency's procedures for an
 * agent, none for anyone else. Creation is checked on the data sent by the
 * `requireWikiPageScope` hook, which also refuses moving a page to another
 * agency's procedure.
 */
export const editWikiPages: Access = async ({ req }) => {
  const actor = actorFromRequest(req)
  if (!canContribute(actor)) return false
  const scope = agencyScopeOf(actor)
  if (scope.kind !== 'agency') return scope.kind === 'all'
  const procedures = await procedureScope({ actor, req })
  if (procedures === null) return true
  return procedures.length === 0 ? false : { procedure: { in: procedures } }
}

/** Creating wiki pages: whoever may edit some (the procedure is checked by `requireWikiPageScope`). */
export const createWikiPages: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  return canContribute(actor) && agencyScopeOf(actor).kind !== 'none'
}

/** Field access for values only the domain actions and hooks write. */
export const systemField: { create: FieldAccess; update: FieldAccess } = {
  create: () => false,
  update: () => false,
}

/** Field access: agents and above may change the value through the API. */
export const reviewerField: FieldAccess = ({ req }) => canReviewContributions(actorFromRequest(req))

/** Accounts: agents and above read profiles (to see who wrote what); others read their own. */
export const readUsers: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (canReviewContributions(actor)) return true
  if (!actor) return false
  return { id: { equals: actor.id } }
}

/** Accounts: people edit their own profile; admins edit all. */
export const updateUsers: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (canManageAccounts(actor)) return true
  if (!actor) return false
  return { id: { equals: actor.id } }
}

/**
 * Community contributions (questions, answers, tips): signed-in people
 * create, authors edit their own, editors moderate and delete.
 */
export const contributionAccess = {
  create: contributors,
  delete: moderators,
  read: readContributions,
  update: updateOwnContributions,
} as const
