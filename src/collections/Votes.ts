import type { Access, CollectionConfig } from 'payload'

import { targetCollections, type TargetCollection } from '../data/documents.ts'
import type { ResolvedOptions } from '../options.ts'
import { nobody } from '../policies/access.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'
import { voteValueValidator } from '../fields/validators.ts'
import { label } from '../translations/i18n.ts'

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
  labels: { singular: label('vote'), plural: label('votes') },
  admin: {
    group: label('groupCommunity'),
    defaultColumns: ['target', 'value', 'user', 'createdAt'],
    hidden: ({ user }) => !canManageAccounts(actorOf(user, options.users.layout)),
  },
  access: { read: readOwnVotes, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'user',
      type: 'relationship',
      label: label('fieldVoter'),
      relationTo: options.usersCollection,
      required: true,
      index: true,
    },
    {
      name: 'target',
      type: 'relationship',
      label: label('fieldVoteTarget'),
      relationTo: [...votableCollections],
      required: true,
    },
    {
      name: 'value',
      type: 'number',
      label: label('fieldVoteValue'),
      required: true,
      validate: voteValueValidator,
    },
    { name: 'key', type: 'text', required: true, unique: true, index: true, admin: { hidden: true } },
    { name: 'targetKey', type: 'text', required: true, index: true, admin: { hidden: true } },
  ],
})
