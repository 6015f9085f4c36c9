import type { CollectionConfig } from 'payload'

import { optionalUrlValidator, slugValidator } from '../fields/validators.ts'
import { flagKnowledgeWhenProcedureChanges } from '../hooks/flagKnowledgeWhenProcedureChanges.ts'
import { refuseDeleteWhileReferenced } from '../hooks/refuseDeleteWhileReferenced.ts'
import { existingRelationship } from '../fields/existingRelationship.ts'
import type { ResolvedOptions } from '../options.ts'
import { anyone, catalogueManagers } from '../policies/access.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { label } from '../translations/i18n.ts'

/** The official procedures, as the administration describes them. */
export const proceduresCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'procedures',
  labels: { singular: label('procedure'), plural: label('procedures') },
  admin: {
    group: label('groupKnowledgeBase'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'agency', 'lastOfficialChange', 'updatedAt'],
    hidden: ({ user }) => !canReviewContributions(actorOf(user, options.users.layout)),
  },
  access: { read: anyone, create: catalogueManagers, update: catalogueManagers, delete: catalogueManagers },
  hooks: {
    afterChange: [flagKnowledgeWhenProcedureChanges()],
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
    { name: 'title', type: 'text', label: label('fieldTitle'), required: true, maxLength: 200 },
    {
      name: 'slug',
      type: 'text',
      label: label('fieldSlug'),
      required: true, unique: true,
      index: true,
      maxLength: 100,
      validate: slugValidator,
    },
    { name: 'summary', type: 'textarea', label: label('fieldSummary'), maxLength: 2000 },
    {
      name: 'agency',
      type: 'relationship',
      relationTo: 'agencies',
      label: label('fieldAgency'),
      required: true,
      index: true,
      validate: existingRelationship('agencies', 'entraide:noSuchAgency'),
    },
    { name: 'officialUrl', type: 'text', label: label('fieldOfficialUrl'), maxLength: 500, validate: optionalUrlValidator },
    {
      name: 'steps',
      type: 'array',
      label: label('fieldSteps'),
      labels: { singular: label('step'), plural: label('fieldSteps') },
      fields: [
        { name: 'title', type: 'text', label: label('fieldTitle'), required: true, maxLength: 200 },
        { name: 'description', type: 'textarea', label: label('fieldStepDescription'), maxLength: 4000 },
      ],
    },
    {
      name: 'requiredDocuments',
      type: 'array',
      label: label('fieldRequiredDocuments'),
      labels: { singular: label('requiredDocument'), plural: label('fieldRequiredDocuments') },
      fields: [{ name: 'document', type: 'text', label: label('fieldDocument'), required: true, maxLength: 300 }],
    },
    { name: 'cost', type: 'text', label: label('fieldCost'), maxLength: 200 },
    { name: 'delay', type: 'text', label: label('fieldDelay'), maxLength: 200 },
    {
      name: 'lastOfficialChange',
      type: 'date',
      label: label('fieldLastOfficialChange'),
      admin: { position: 'sidebar', description: label('fieldLastOfficialChangeDescription') },
    },
  ],
})
