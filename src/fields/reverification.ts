import type { CollectionSlug, Field } from 'payload'

import { systemField } from '../policies/access.ts'
import { reviewReasons, type ReviewReason } from '../data/documents.ts'
import { label, type LabelKey } from '../translations/i18n.ts'

const reasonLabels: Record<ReviewReason, LabelKey> = {
  expired: 'reviewReasonExpired',
  'procedure-changed': 'reviewReasonProcedureChanged',
}

/** The collections whose items are re-verified when their procedure changes or their verification expires. */
export const reverifiedCollections = ['guides', 'wiki-pages', 'answers', 'tips'] as const
export type ReverifiedCollection = (typeof reverifiedCollections)[number]

/** The fields the re-verification writes, carried from the published record into every revision of versioned items. */
export const reverificationFieldNames = ['needsReview', 'reviewReason', 'reviewChanges', 'reviewFlaggedAt', 'reverifiedBy', 'reverifiedAt'] as const

/**
 * The state of an item's re-verification, written by Entraide only: whether
 * it waits, why, what changed in its procedure (field by field), since when,
 * and who re-verified it last and when. `needsReview` is left out where the
 * collection already has it (guides).
 */
export const reverificationFields = (
  usersCollection: CollectionSlug,
  { hasFlag = false }: { hasFlag?: boolean } = {},
): Field[] => [
  ...(hasFlag
    ? []
    : [
        {
          name: 'needsReview',
          type: 'checkbox',
          label: label('fieldNeedsReview'),
          defaultValue: false,
          index: true,
          access: systemField,
          admin: { position: 'sidebar', readOnly: true },
        } satisfies Field,
      ]),
  {
    name: 'reviewReason',
    type: 'select',
    label: label('fieldReviewReason'),
    options: reviewReasons.map((value) => ({ label: label(reasonLabels[value]), value })),
    access: systemField,
    admin: { position: 'sidebar', readOnly: true, condition: (data) => data.needsReview === true },
  },
  {
    name: 'reviewChanges',
    type: 'json',
    label: label('fieldReviewChanges'),
    access: systemField,
    admin: { position: 'sidebar', readOnly: true, condition: (data) => data.needsReview === true },
  },
  {
    name: 'reviewFlaggedAt',
    type: 'date',
    label: label('fieldReviewFlaggedAt'),
    index: true,
    access: systemField,
    admin: { position: 'sidebar', readOnly: true, condition: (data) => data.needsReview === true },
  },
  {
    name: 'reverifiedBy',
    type: 'relationship',
    label: label('fieldReverifiedBy'),
    relationTo: usersCollection,
    access: systemField,
    admin: { position: 'sidebar', readOnly: true },
  },
  {
    name: 'reverifiedAt',
    type: 'date',
    label: label('fieldReverifiedAt'),
    access: systemField,
    admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
  },
]
