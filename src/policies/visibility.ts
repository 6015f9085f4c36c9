import type { Where } from 'payload'

import { isSameId } from '../utilities/ids.ts'
import { canReviewContributions } from './contributions.ts'
import type { Actor } from './roles.ts'

/**
 * Who sees what of the community's contributions (questions, answers, tips):
 * the one definition that REST and GraphQL access, the widget's read model
 * (`GET /api/entraide/procedures/:slug`), the search index and the admin
 * views all use, as a predicate on one item and as the same rule written as a
 * database filter.
 *
 * - Everyone sees what is published.
 * - Authors also see their own pending items (waiting for moderation) and
 *   their own hidden items, with the moderator's reason.
 * - Agents, editors and admins see everything through the API and the admin
 *   panel (they moderate); on the public page they read as anyone else, plus
 *   their own items.
 * - The search index holds published items only.
 */

/** What the rule reads of an item: its `visibility` (`published`, `pending` or `hidden`) and its author. */
export type VisibleItem = { visibility?: string | null; author?: unknown }

/** Which reading of the rule: the API and the admin panel (reviewers see all), or the public page (everyone as a reader). */
export type Audience = 'api' | 'page'

/** Whether an item is public: shown to everyone, and indexed for search. */
export const isPublic = (item: VisibleItem): boolean => item.visibility === 'published'

/** Whether a person is the item's author. */
const isAuthor = (actor: Actor | null, item: VisibleItem): boolean =>
  actor !== null && item.author != null && isSameId(item.author, actor.id)

/** Whether the person may see the item, in the API and admin or on the public page. */
export const canSeeContribution = (actor: Actor | null, item: VisibleItem, audience: Audience = 'api'): boolean => {
  if (isPublic(item)) return true
  if (audience === 'api' && canReviewContributions(actor)) return true
  return isAuthor(actor, item)
}

/** The public items, as a database filter (the search index and counts of published work). */
export const publicWhere: Where = { visibility: { equals: 'published' } }

/** `canSeeContribution` on the public page, as a database filter: the public items and the reader's own. */
export const pageContributionsWhere = (actor: Actor | null): Where =>
  actor ? { or: [publicWhere, { author: { equals: actor.id } }] } : publicWhere

/**
 * `canSeeContribution` in the API and the admin panel, as a database filter:
 * `true` when the person sees everything (agents, editors, admins).
 */
export const visibleContributionsWhere = (actor: Actor | null): Where | true =>
  canReviewContributions(actor) ? true : pageContributionsWhere(actor)
