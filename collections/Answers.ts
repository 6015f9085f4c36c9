import type { CollectionConfig } from 'payload'

import {
  authorField,
  moderationNoteField,
  promotedToField,
  scoreField,
  validationFields,
  visibilityField,
} from '../src/fields/contribution'
import { moderationPanelField, validationPanelField } from '../src/admin/fields'
import { clearValidationOnEdit } from '../src/hooks/clearValidationOnEdit'
import { attachAnswerToThread } from '../src/hooks/attachAnswerToThread'
import { existingRelationship } from '../src/fields/existingRelationship'
import { contributionHooks } from '../src/hooks/contributionHooks'
import type { ResolvedOptions } from '../src/options'
import { contributionAccess, systemField } from '../src/policies/access'
import { ownContributionsFilter } from '../src/policies/listFilters'

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
