import type { CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../options.ts'
import { moderators, nobody } from '../policies/access.ts'
import { canModerate } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { label } from '../translations/i18n.ts'

/** The slug of the collection of chosen suggestions. */
export const suggestionFindsSlug = 'suggestion-finds'

/**
 * One entry each time someone typing a new question chose one of the
 * existing questions or official pages the widget suggested: the item
 * chosen, its procedure and the title typed (kept as search queries are:
 * trimmed, lower-cased, personal identifiers replaced by their kind). No
 * user, no address. The public figures count them per procedure as
 * "questions avoided"; editors read them next to the search queries.
 */
export const suggestionFindsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: suggestionFindsSlug,
  labels: { singular: label('suggestionFind'), plural: label('suggestionFinds') },
  admin: {
    group: label('groupKnowledgeBase'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'target', 'procedure', 'createdAt'],
    description: label('suggestionFindsDescription'),
    hidden: ({ user }) => !canModerate(actorOf(user, options.users.layout)),
  },
  defaultSort: '-createdAt',
  access: { read: moderators, create: nobody, update: nobody, delete: moderators },
  fields: [
    {
      name: 'target',
      type: 'text',
      label: label('fieldSuggestionTarget'),
      required: true,
      maxLength: 120,
      index: true,
      admin: { readOnly: true, description: label('fieldSuggestionTargetDescription') },
    },
    {
      name: 'procedure',
      type: 'relationship',
      relationTo: 'procedures',
      label: label('fieldProcedure'),
      index: true,
      admin: { readOnly: true },
    },
    {
      name: 'title',
      type: 'text',
      label: label('fieldSuggestionTitle'),
      required: true,
      maxLength: 200,
      admin: { readOnly: true },
    },
  ],
  timestamps: true,
})
