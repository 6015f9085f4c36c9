import type { Access, CollectionConfig } from 'payload'

import { targetCollections, type TargetCollection } from '../data/documents.ts'
import type { ResolvedOptions } from '../options.ts'
import { nobody } from '../policies/access.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'

/** Collections whose items can be voted on and reported. */
export const votableCollections = targetCollections
export type VotableCollection = TargetCollection

const readOwnVotes: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (!actor) return false
  if (canManageAccounts(actor)) return true
  return { user: { equals: actor.id } }
}

/**
 * One vote per user and target, enforced by the unique `key`
 * (`user:collection:id`) so that parallel requests cannot double-vote on any
 * database. Written only by the vote action; scores on targets derive from it.
 */
export const votesCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'votes',
  labels: { singular: 'Vote', plural: 'Votes' },
  admin: {
    group: 'Community',
    defaultColumns: ['target', 'value', 'user', 'createdAt'],
    hidden: ({ user }) => !canManageAccounts(actorOf(user, options.users.layout)),
  },
  access: { read: readOwnVotes, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'user', type: 'relationship', relationTo: options.usersCollection, required: true, index: true },
    { name: 'target', type: 'relationship', relationTo: [...votableCollections], required: true },
    {
      name: 'value',
      type: 'number',
      required: true,
      validate: (value: unknown) => (value === 1 || value === -1 ? true : 'A vote is 1 or -1.'),
    },
    { name: 'key', type: 'text', required: true, unique: true, index: true, admin: { hidden: true } },
    { name: 'targetKey', type: 'text', required: true, index: true, admin: { hidden: true } },
  ],
})
