import type { CollectionConfig } from 'payload'

import { componentPaths } from '../admin/componentPaths.ts'
import type { ResolvedOptions } from '../options.ts'
import { moderators, nobody } from '../policies/access.ts'
import { canModerate } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { label } from '../translations/i18n.ts'

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
  labels: { singular: label('searchQuery'), plural: label('searchQueries') },
  admin: {
    group: label('groupKnowledgeBase'),
    useAsTitle: 'query',
    defaultColumns: ['query', 'hits', 'zeroHitSearches', 'searches', 'lastSearchedAt'],
    description: label('searchQueriesDescription'),
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
      label: label('fieldQuery'),
      required: true,
      unique: true,
      index: true,
      maxLength: 200,
      admin: { readOnly: true, description: label('fieldQueryDescription') },
    },
    {
      name: 'hits',
      type: 'number',
      label: label('fieldHits'),
      required: true,
      defaultValue: 0,
      index: true,
      admin: { readOnly: true, description: label('fieldHitsDescription') },
    },
    {
      name: 'zeroHitSearches',
      label: label('fieldZeroHitSearches'),
      type: 'number',
      required: true,
      defaultValue: 0,
      index: true,
      admin: { readOnly: true },
    },
    {
      name: 'searches',
      type: 'number',
      label: label('fieldSearches'),
      required: true,
      defaultValue: 0,
      index: true,
      admin: { readOnly: true, description: label('fieldSearchesDescription') },
    },
    {
      name: 'lastSearchedAt',
      type: 'date',
      label: label('fieldLastSearchedAt'),
      index: true,
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      // Week (its Monday, UTC, `YYYY-MM-DD`) => searches of it that found nothing, the latest weeks only:
      // the listening dashboard draws each query's trend from it.
      name: 'zeroHitWeeks',
      type: 'json',
      label: label('fieldZeroHitWeeks'),
      admin: { readOnly: true, description: label('fieldZeroHitWeeksDescription') },
    },
  ],
  timestamps: true,
})
