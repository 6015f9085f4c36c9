import { idOf, isRecord, type ID } from '../utilities/ids'

/** The roles, from the least to the most trusted. */
export const roles = ['citizen', 'agent', 'editor', 'admin'] as const

export type Role = (typeof roles)[number]

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
}

const isRole = (value: unknown): value is Role => roles.some((role) => role === value)

/** Reads the acting user from `req.user`; null for anonymous readers. */
export const actorOf = (user: unknown): Actor | null => {
  if (!isRecord(user)) return null
  const id = idOf(user.id)
  if (id === null) return null
  return {
    agency: idOf(user.agency),
    id,
    isSuspended: user.isSuspended === true,
    reputation: typeof user.reputation === 'number' ? user.reputation : 0,
    role: isRole(user.role) ? user.role : 'citizen',
    suspensionReason: typeof user.suspensionReason === 'string' ? user.suspensionReason : null,
  }
}

/** Whether the actor's role is `role` or a more trusted one. */
export const hasRoleAtLeast = (actor: Actor | null, role: Role): boolean =>
  actor !== null && roles.indexOf(actor.role) >= roles.indexOf(role)
