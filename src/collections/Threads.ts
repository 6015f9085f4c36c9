import type { CollectionConfig } from 'payload'

import { threadStatuses } from '../data/documents.ts'
import { moderationPanelField } from '../admin/fields.ts'
import {
  authorField,
  moderationNoteField,
  procedureField,
  scoreField,
  stepField,
  visibilityField,
} from '../fields/contribution.ts'
import { refuseDeleteWhileReferenced } from '../hooks/refuseDeleteWhileReferenced.ts'
import { refuseEditsWhenClosed } from '../hooks/refuseEditsWhenClosed.ts'
import { contributionHooks } from '../hooks/contributionHooks.ts'
import type { ResolvedOptions } from '../options.ts'
import { contributionAccess, systemField } from '../policies/access.ts'
import { ownContributionsFilter } from '../policies/listFilters.ts'

/** Questions asked about a procedure. */
export const threadsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'threads',
  labels: { singular: 'Question', plural: 'Questions' },
  admin: {
    group: 'Community',
    useAsTitle: 'title',
    defaultColumns: ['title', 'procedure', 'status', 'visibility', 'author', 'createdAt'],
    baseFilter: ownContributionsFilter,
  },
  access: contributionAccess,
  hooks: {
    ...contributionHooks(options, { plainFields: ['title', 'body'], then: [refuseEditsWhenClosed()] }),
    beforeDelete: [
      refuseDeleteWhileReferenced({
        hint: 'hide the question instead',
        references: [{ collection: 'answers', field: 'thread', plural: 'answer(s)' }],
        what: 'question',
      }),
    ],
  },
  fields: [
    moderationPanelField(),
    { name: 'title', type: 'text', required: true, minLength: 10, maxLength: 200 },
    {
      name: 'body',
      type: 'textarea',
      required: true,
      minLength: 10,
      maxLength: 5000,
      admin: { description: 'Plain text; line breaks are kept.' },
    },
    procedureField(),
    stepField('Index of the procedure step the question is about (optional).'),
    authorField(options.usersCollection),
    visibilityField(),
    moderationNoteField(),
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      options: threadStatuses.map((value) => ({ label: value[0]?.toUpperCase() + value.slice(1), value })),
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'acceptedAnswer',
      type: 'relationship',
      relationTo: 'answers',
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    scoreField(),
  ],
})
