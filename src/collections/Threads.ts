import type { CollectionConfig } from 'payload'

import { threadStatuses, type ThreadStatus } from '../data/documents.ts'
import { moderationPanelField } from '../admin/fields.ts'
import {
  authorField,
  moderationNoteField,
  plainTextBodyField,
  procedureField,
  scoreField,
  stepField,
  visibilityField,
} from '../fields/contribution.ts'
import { refuseDeleteWhileReferenced } from '../hooks/refuseDeleteWhileReferenced.ts'
import { refuseEditsWhenClosed } from '../hooks/refuseEditsWhenClosed.ts'
import { contributionHooks } from '../hooks/contributionHooks.ts'
import { refuseUnknownStep } from '../hooks/refuseUnknownStep.ts'
import type { ResolvedOptions } from '../options.ts'
import { contributionAccess, systemField } from '../policies/access.ts'
import { ownContributionsFilter } from '../policies/listFilters.ts'
import { label, type LabelKey } from '../translations/i18n.ts'

const statusLabels: Record<ThreadStatus, LabelKey> = {
  answered: 'threadAnswered',
  closed: 'threadClosed',
  open: 'threadOpen',
  resolved: 'threadResolved',
}

/** Questions asked about a procedure. */
export const threadsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'threads',
  labels: { singular: label('question'), plural: label('questions') },
  admin: {
    group: label('groupCommunity'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'procedure', 'status', 'visibility', 'author', 'createdAt'],
    baseFilter: ownContributionsFilter,
  },
  access: contributionAccess,
  hooks: {
    ...contributionHooks(options, {
      plainFields: ['title', 'body'],
      then: [refuseEditsWhenClosed(), refuseUnknownStep()],
    }),
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
    { name: 'title', type: 'text', label: label('fieldTitle'), required: true, minLength: 10, maxLength: 200 },
    plainTextBodyField(),
    procedureField(),
    stepField(label('fieldQuestionStepDescription')),
    authorField(options.usersCollection),
    visibilityField(),
    moderationNoteField(),
    {
      name: 'status',
      type: 'select',
      label: label('fieldThreadStatus'),
      required: true,
      defaultValue: 'open',
      index: true,
      options: threadStatuses.map((value) => ({ label: label(statusLabels[value]), value })),
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'acceptedAnswer',
      type: 'relationship',
      label: label('fieldAcceptedAnswer'),
      relationTo: 'answers',
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    scoreField(),
  ],
})
