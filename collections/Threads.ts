import type { CollectionConfig } from 'payload'

import { moderationPanelField } from '../src/admin/fields'
import {
  authorField,
  moderationNoteField,
  procedureField,
  scoreField,
  stepField,
  visibilityField,
} from '../src/fields/contribution'
import { refuseDeleteWhileReferenced } from '../src/hooks/refuseDeleteWhileReferenced'
import { refuseEditsWhenClosed } from '../src/hooks/refuseEditsWhenClosed'
import { contributionHooks } from '../src/hooks/contributionHooks'
import type { ResolvedOptions } from '../src/options'
import { contributionAccess, systemField } from '../src/policies/access'
import { ownContributionsFilter } from '../src/policies/listFilters'

/** The states of a question, from asked to settled. */
export const threadStatuses = ['open', 'answered', 'resolved', 'closed'] as const
export type ThreadStatus = (typeof threadStatuses)[number]

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
