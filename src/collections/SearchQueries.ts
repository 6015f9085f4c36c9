import type { CollectionConfig } from 'payload'

import { componentPaths } from '../admin/componentPaths.ts'
import type { ResolvedOptions } from '../options.ts'
import { moderators, nobody } from '../policies/access.ts'
import { canModerate } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'

/**
 * What readers search for, one entry per query (trimmed, lower-cased, spaces
 * collapsed, personal identifiers replaced by their kind), with how often it
 * was searched and how many hits it found last time. No user, no address:
 * nothing ties a query to a person. Editors read it to see what the knowledge
 * base lacks: the list opens on the queries that found nothing, most
 * searched first.
 */
export const searchQueriesCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'search-queries',
  labels: { singular: 'Search query', plural: 'Search queries' },
  admin: {
    group: 'Knowledge base',
    useAsTitle: 'query',
    defaultColumns: ['query', 'hits', 'zeroHitSearches', 'searches', 'lastSearchedAt'],
    description:
      'What readers searched for. Queries that found nothing come first: each is a question the knowledge base does not answer yet.',
    hidden: ({ user }) => !canModerate(actorOf(user, options.users.layout)),
    components: { beforeListTable: [componentPaths.reindexButton] },
    pagination: { defaultLimit: 50 },
  },
  defaultSort: '-zeroHitSearches',
  access: { read: moderators, create: nobody, update: nobody, delete: moderators },
  fields: [
    {
      name: 'query',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 200,
      admin: { readOnly: true, description: 'As typed, lower-cased; personal identifiers are replaced by their kind.' },
    },
    {
      name: 'hits',
      type: 'number',
      required: true,
      defaultValue: 0,
      index: true,
      admin: { readOnly: true, description: 'Results found the last time it was searched.' },
    },
    {
      name: 'zeroHitSearches',
      label: 'Searches with no result',
      type: 'number',
      required: true,
      defaultValue: 0,
      index: true,
      admin: { readOnly: true },
    },
    {
      name: 'searches',
      type: 'number',
      required: true,
      defaultValue: 0,
      index: true,
      admin: { readOnly: true, description: 'How many times it was searched.' },
    },
    {
      name: 'lastSearchedAt',
      type: 'date',
      index: true,
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
  timestamps: true,
})
