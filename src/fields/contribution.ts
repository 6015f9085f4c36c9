import type { CollectionSlug, Field } from 'payload'

import { visibilities, type Visibility } from '../data/documents.ts'
import { reviewerField, systemField } from '../policies/access.ts'
import { label, type LabelKey } from '../translations/i18n.ts'
import { existingRelationship } from './existingRelationship.ts'

/** The author, set from the request on creation and never from input. */
export const authorField = (usersCollection: CollectionSlug): Field => ({
  name: 'author',
  type: 'relationship',
  label: label('fieldAuthor'),
  relationTo: usersCollection,
  index: true,
  access: systemField,
  admin: { position: 'sidebar', readOnly: true },
})

const visibilityLabels: Record<Visibility, LabelKey> = {
  hidden: 'visibilityHidden',
  pending: 'visibilityPending',
  published: 'visibilityPublished',
}

/** Who may see the item: `published` unless moderation says otherwise. */
/** The plain-text body of a question or an answer, 10 to 5,000 characters. */
export const plainTextBodyField = (): Field => ({
  name: 'body',
  type: 'textarea',
  label: label('fieldBody'),
  required: true,
  minLength: 10,
  maxLength: 5000,
  admin: { description: label('fieldPlainTextDescription') },
})

export const visibilityField = (): Field => ({
  name: 'visibility',
  type: 'select',
  label: label('fieldVisibility'),
  options: visibilities.map((value) => ({ label: label(visibilityLabels[value]), value })),
  defaultValue: 'published',
  required: true,
  index: true,
  access: { create: () => false, update: reviewerField },
  admin: { position: 'sidebar' },
})

/** Sum of the votes received; derived, never written through the API. */
export const scoreField = (): Field => ({
  name: 'score',
  type: 'number',
  label: label('fieldScore'),
  defaultValue: 0,
  index: true,
  access: systemField,
  admin: { position: 'sidebar', readOnly: true },
})

/** Agent validation of an answer or a tip, written by the validate actions only. */
export const validationFields = (usersCollection: CollectionSlug): Field[] => [
  {
    name: 'validatedBy',
    type: 'relationship',
    label: label('fieldValidatedBy'),
    relationTo: usersCollection,
    access: systemField,
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'validatedAt',
    type: 'date',
    label: label('fieldValidatedAt'),
    index: true,
    access: systemField,
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
  },
]

/** The wiki page this item was promoted into, written by the promote actions only. */
export const promotedToField = (): Field => ({
  name: 'promotedTo',
  type: 'relationship',
  label: label('fieldPromotedTo'),
  relationTo: 'wiki-pages',
  access: systemField,
  admin: { position: 'sidebar', readOnly: true },
})

/** Why a moderator hid or locked the item; shown to its author. Written by the moderation actions only. */
export const moderationNoteField = (): Field => ({
  name: 'moderationNote',
  type: 'text',
  label: label('fieldModerationNote'),
  maxLength: 1000,
  access: systemField,
  admin: { position: 'sidebar', readOnly: true, description: label('fieldModerationNoteDescription') },
})

/** The procedure a question or tip is about; it must exist. */
export const procedureField = (): Field => ({
  name: 'procedure',
  type: 'relationship',
  relationTo: 'procedures',
  label: label('fieldProcedure'),
  required: true,
  index: true,
  validate: existingRelationship('procedures', 'entraide:noSuchProcedure'),
})

/** The step of the procedure the item is about (optional, counted from 0). */
export const stepField = (description: Record<string, string>): Field => ({
  name: 'step',
  type: 'number',
  label: label('fieldStep'),
  min: 0,
  max: 100,
  admin: { description },
})
