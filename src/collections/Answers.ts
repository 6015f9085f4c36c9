import type { CollectionConfig } from 'payload'

import {
  authorField,
  moderationNoteField,
  plainTextBodyField,
  promotedToField,
  scoreField,
  validationFields,
  visibilityField,
} from '../fields/contribution.ts'
import { moderationPanelField, validationPanelField } from '../admin/fields.ts'
import { reverificationFields } from '../fields/reverification.ts'
import { clearValidationOnEdit } from '../hooks/clearValidationOnEdit.ts'
import { attachAnswerToThread } from '../hooks/attachAnswerToThread.ts'
import { existingRelationship } from '../fields/existingRelationship.ts'
import { contributionHooks } from '../hooks/contributionHooks.ts'
import type { ResolvedOptions } from '../options.ts'
import { contributionAccess, systemField } from '../policies/access.ts'
import { ownContributionsFilter } from '../policies/listFilters.ts'
import { label } from '../translations/i18n.ts'

/** Replies in a thread; the asker accepts one, an agent validates the right ones. */
export const answersCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'answers',
  labels: { singular: label('answer'), plural: label('answers') },
  admin: {
    group: label('groupCommunity'),
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
      label: label('fieldThread'),
      required: true,
      index: true,
      validate: existingRelationship('threads', 'entraide:noSuchQuestion'),
    },
    plainTextBodyField(),
    {
      name: 'procedure',
      type: 'relationship',
      relationTo: 'procedures',
      label: label('fieldProcedure'),
      index: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: label('fieldAnswerProcedureDescription') },
    },
    authorField(options.usersCollection),
    visibilityField(),
    moderationNoteField(),
    {
      name: 'isAccepted',
      type: 'checkbox',
      label: label('fieldIsAccepted'),
      defaultValue: false,
      index: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'acceptedAt',
      type: 'date',
      label: label('fieldAcceptedAt'),
      index: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    ...validationFields(options.usersCollection),
    {
      name: 'validationNote',
      type: 'textarea',
      label: label('fieldValidationNote'),
      maxLength: 1000,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    ...reverificationFields(options.usersCollection),
    promotedToField(),
    scoreField(),
  ],
})
