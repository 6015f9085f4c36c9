import type { CollectionSlug, Field } from 'payload'

import { visibilities } from '../data/documents.ts'
import { reviewerField, systemField } from '../policies/access.ts'
import { existingRelationship } from './existingRelationship.ts'

/** The author, set from the request on creation and never from input. */
export const authorField = (usersCollection: CollectionSlug): Field => ({
  name: 'author',
  type: 'relationship',
  relationTo: usersCollection,
  index: true,
  access: systemField,
  admin: { position: 'sidebar', readOnly: true },
})

/** Who may see the item: `published` unless moderation says otherwise. */
export const visibilityField = (): Field => ({
  name: 'visibility',
  type: 'select',
  options: visibilities.map((value) => ({ label: value[0]?.toUpperCase() + value.slice(1), value })),
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
    relationTo: usersCollection,
    access: systemField,
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'validatedAt',
    type: 'date',
    index: true,
    access: systemField,
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
  },
]

/** The wiki page this item was promoted into, written by the promote actions only. */
export const promotedToField = (): Field => ({
  name: 'promotedTo',
  type: 'relationship',
  relationTo: 'wiki-pages',
  access: systemField,
  admin: { position: 'sidebar', readOnly: true },
})

/** Why a moderator hid or locked the item; shown to its author. Written by the moderation actions only. */
export const moderationNoteField = (): Field => ({
  name: 'moderationNote',
  type: 'text',
  maxLength: 1000,
  access: systemField,
  admin: { position: 'sidebar', readOnly: true, description: 'Why moderation hid or locked this item.' },
})

/** The procedure a question or tip is about; it must exist. */
export const procedureField = (): Field => ({
  name: 'procedure',
  type: 'relationship',
  relationTo: 'procedures',
  required: true,
  index: true,
  validate: existingRelationship('procedures', 'procedure'),
})

/** The step of the procedure the item is about (optional, counted from 0). */
export const stepField = (description: string): Field => ({
  name: 'step',
  type: 'number',
  min: 0,
  max: 100,
  admin: { description },
})
