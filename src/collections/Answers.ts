import type { CollectionConfig } from 'payload'

import {
  authorField,
  moderationNoteField,
  promotedToField,
  scoreField,
  validationFields,
  visibilityField,
} from '../fields/contribution.ts'
import { moderationPanelField, validationPanelField } from '../admin/fields.ts'
import { clearValidationOnEdit } from '../hooks/clearValidationOnEdit.ts'
import { attachAnswerToThread } from '../hooks/attachAnswerToThread.ts'
import { existingRelationship } from '../fields/existingRelationship.ts'
import { contributionHooks } from '../hooks/contributionHooks.ts'
import type { ResolvedOptions } from '../options.ts'
import { contributionAccess, systemField } from '../policies/access.ts'
import { ownContributionsFilter } from '../policies/listFilters.ts'

/** Replies in a thread; the asker accepts one, an agent validates the right ones. */
export const answersCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'answers',
  labels: { singular: 'Answer', plural: 'Answers' },
  admin: {
    group: 'Community',
    useAsTitle: 'body',
    defaultColumns: ['body', 'thread', 'isAccepted', 'validatedAt', 'visibility', 'author', 'score'],
    baseFilter: ownContributionsFilter,
  },
  access: contributionAccess,
  hooks: {
    ...contributionHooks(options, { plainFields: ['body'], then: [attachAnswerToThread(), clearValidationOnEdit()] }),
  },
  fields: [
    validationPanelField(),
    moderationPanelField(),
    {
      name: 'thread',
      type: 'relationship',
      relationTo: 'threads',
      required: true,
      index: true,
      validate: existingRelationship('threads', 'thread'),
    },
    {
      name: 'body',
      type: 'textarea',
      required: true,
      minLength: 10,
      maxLength: 5000,
      admin: { description: 'Plain text; line breaks are kept.' },
    },
    {
      name: 'procedure',
      type: 'relationship',
      relationTo: 'procedures',
      index: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: 'The procedure of the thread.' },
    },
    authorField(options.usersCollection),
    visibilityField(),
    moderationNoteField(),
    {
      name: 'isAccepted',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    ...validationFields(options.usersCollection),
    {
      name: 'validationNote',
      type: 'textarea',
      maxLength: 1000,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    promotedToField(),
    scoreField(),
  ],
})
