import type { PayloadRequest } from 'payload'

import { idOf, isRecord, type ID } from '../utilities/ids.ts'

/** The roles, from the least to the most trusted. */
export const roles = ['citizen', 'agent', 'editor', 'admin'] as const

export type Role = (typeof roles)[number]

/**
 * Where Entraide's per-person data sits on the host's auth collection: the
 * name of each field, and, when the host's own role field gives Entraide's
 * roles, the mapping of its values. Resolved once from the `users` option.
 */
export type PersonLayout = {
  displayName: string
  role: string
  /** Host role values mapped to Entraide roles; null when Entraide has a role field of its own. */
  roleValues: Readonly<Record<string, Role>> | null
  agency: string
  reputation: string
  /** Published questions, answers and tips of the person's own, kept by the contributions' hooks (null: not counted yet). */
  publishedContributions: string
  isSuspended: string
  suspensionReason: string
  /** Marks accounts created by public sign-up, which get no more of the host's collections than anonymous visitors. */
  isCommunityAccount: string
}

/** The field names when nothing is renamed or mapped. */
export const defaultPersonLayout: PersonLayout = {
  agency: 'agency',
  displayName: 'displayName',
  isCommunityAccount: 'isCommunityAccount',
  isSuspended: 'isSuspended',
  publishedContributions: 'publishedContributions',
  reputation: 'reputation',
  role: 'role',
  roleValues: null,
  suspensionReason: 'suspensionReason',
}

/**
 * What the policies need to know about the person acting. Built from
 * `req.user` by `actorOf`, so predicates never depend on the shape of the
 * host's users collection.
 */
export type Actor = {
  id: ID
  role: Role
  agency: ID | null
  reputation: number
  isSuspended: boolean
  suspensionReason: string | null
  /** Created by public sign-up: no standing on the host's own collections. */
  isCommunityAccount: boolean
  /**
   * False while a sign-up waits for its email address to be confirmed
   * (Payload's `_verified` is false); accounts from before verification was
   * required, and collections without it, count as confirmed.
   */
  hasConfirmedEmail: boolean
}

const isRole = (value: unknown): value is Role => roles.some((role) => role === value)

/** Entraide's role of a user record, read through the layout (a host value mapped, or Entraide's own field). */
export const roleOf = (user: Record<string, unknown>, layout: PersonLayout): Role => {
  const value = user[layout.role]
  if (layout.roleValues === null) return isRole(value) ? value : 'citizen'
  return typeof value === 'string' ? (layout.roleValues[value] ?? 'citizen') : 'citizen'
}

/** Reads the acting user; null for anonymous readers. */
export const actorOf = (user: unknown, layout: PersonLayout = defaultPersonLayout): Actor | null => {
  if (!isRecord(user)) return null
  const id = idOf(user.id)
  if (id === null) return null
  const reputation = user[layout.reputation]
  const reason = user[layout.suspensionReason]
  return {
    agency: idOf(user[layout.agency]),
    hasConfirmedEmail: user._verified !== false,
    id,
    isCommunityAccount: user[layout.isCommunityAccount] === true,
    isSuspended: user[layout.isSuspended] === true,
    reputation: typeof reputation === 'number' ? reputation : 0,
    role: roleOf(user, layout),
    suspensionReason: typeof reason === 'string' ? reason : null,
  }
}

const layoutOfConfig = (custom: unknown): PersonLayout => {
  if (!isRecord(custom)) return defaultPersonLayout
  const options = custom.entraide
  if (!isRecord(options)) return defaultPersonLayout
  const users = options.users
  if (!isRecord(users)) return defaultPersonLayout
  const layout = users.layout
  return isPersonLayout(layout) ? layout : defaultPersonLayout
}

const isPersonLayout = (value: unknown): value is PersonLayout =>
  isRecord(value) &&
  typeof value.role === 'string' &&
  typeof value.displayName === 'string' &&
  typeof value.agency === 'string' &&
  typeof value.reputation === 'string' &&
  typeof value.isSuspended === 'string' &&
  typeof value.suspensionReason === 'string' &&
  typeof value.isCommunityAccount === 'string'

/** The person acting on a request, read with the layout the plugin was configured with. */
export const actorFromRequest = (req: Pick<PayloadRequest, 'user' | 'payload'>): Actor | null =>
  actorOf(req.user, layoutOfConfig(req.payload?.config?.custom))

/** Whether the actor's role is `role` or a more trusted one. */
export const hasRoleAtLeast = (actor: Actor | null, role: Role): boolean =>
  actor !== null && roles.indexOf(actor.role) >= roles.indexOf(role)

/** The layout of the people fields, as the plugin was configured on this request's app. */
export const layoutOfRequest = (req: Pick<PayloadRequest, 'payload'>): PersonLayout =>
  layoutOfConfig(req.payload?.config?.custom)
