import type { CollectionConfig } from 'payload'

import { optionalUrlValidator, slugValidator } from '../fields/validators.ts'
import { flagGuideWhenProcedureChanges } from '../hooks/flagGuideWhenProcedureChanges.ts'
import { refuseDeleteWhileReferenced } from '../hooks/refuseDeleteWhileReferenced.ts'
import { existingRelationship } from '../fields/existingRelationship.ts'
import type { ResolvedOptions } from '../options.ts'
import { anyone, catalogueManagers } from '../policies/access.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'

/** The official procedures, as the administration describes them. */
export const proceduresCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'procedures',
  labels: { singular: 'Procedure', plural: 'Procedures' },
  admin: {
    group: 'Knowledge base',
    useAsTitle: 'title',
    defaultColumns: ['title', 'agency', 'lastOfficialChange', 'updatedAt'],
    hidden: ({ user }) => !canReviewContributions(actorOf(user, options.users.layout)),
  },
  access: { read: anyone, create: catalogueManagers, update: catalogueManagers, delete: catalogueManagers },
  hooks: {
    afterChange: [flagGuideWhenProcedureChanges()],
    beforeDelete: [
      refuseDeleteWhileReferenced({
        references: [
          { collection: 'guides', field: 'procedure', plural: 'guide(s)' },
          { collection: 'tips', field: 'procedure', plural: 'tip(s)' },
          { collection: 'threads', field: 'procedure', plural: 'question(s)' },
        ],
        what: 'procedure',
      }),
    ],
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    { name: 'slug', type: 'text', required: true, unique: true, index: true, maxLength: 100, validate: slugValidator },
    { name: 'summary', type: 'textarea', maxLength: 2000 },
    {
      name: 'agency',
      type: 'relationship',
      relationTo: 'agencies',
      required: true,
      index: true,
      validate: existingRelationship('agencies', 'agency'),
    },
    { name: 'officialUrl', type: 'text', maxLength: 500, validate: optionalUrlValidator },
    {
      name: 'steps',
      type: 'array',
      labels: { singular: 'Step', plural: 'Steps' },
      fields: [
        { name: 'title', type: 'text', required: true, maxLength: 200 },
        { name: 'description', type: 'textarea', maxLength: 4000 },
      ],
    },
    {
      name: 'requiredDocuments',
      type: 'array',
      labels: { singular: 'Required document', plural: 'Required documents' },
      fields: [{ name: 'document', type: 'text', required: true, maxLength: 300 }],
    },
    { name: 'cost', type: 'text', maxLength: 200 },
    { name: 'delay', type: 'text', maxLength: 200 },
    {
      name: 'lastOfficialChange',
      type: 'date',
      admin: { position: 'sidebar', description: 'When the administration last changed this procedure.' },
    },
  ],
})
