import type { CollectionConfig } from 'payload'

import { helpfulnessReasons, helpfulnessTargets, type HelpfulnessReason } from '../data/documents.ts'
import type { ResolvedOptions } from '../options.ts'
import { nobody, reviewers } from '../policies/access.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { actorOf } from '../policies/roles.ts'
import { label, type LabelKey } from '../translations/i18n.ts'

const reasonLabels: Record<HelpfulnessReason, LabelKey> = {
  'did-not-answer': 'helpfulnessReasonDidNotAnswer',
  other: 'helpfulnessReasonOther',
  'out-of-date': 'helpfulnessReasonOutOfDate',
  unclear: 'helpfulnessReasonUnclear',
}

/**
 * "Was this helpful?" on guides, wiki pages and answers: one per person or
 * browser and item, enforced by the unique `key` (`targetKey|voter`), where
 * the voter is a hash of the account id or of the browser's id cookie, never
 * the person. Written by the helpfulness endpoint only; agents and above read
 * it, everyone reads the counts.
 */
export const helpfulnessCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'helpfulness',
  labels: { singular: label('helpfulnessOne'), plural: label('helpfulnessMany') },
  admin: {
    group: label('groupCommunity'),
    defaultColumns: ['target', 'isHelpful', 'reason', 'note', 'createdAt'],
    hidden: ({ user }) => !canReviewContributions(actorOf(user, options.users.layout)),
  },
  access: { read: reviewers, create: nobody, update: nobody, delete: nobody },
  fields: [
    {
      name: 'target',
      type: 'relationship',
      label: label('fieldHelpfulnessTarget'),
      relationTo: [...helpfulnessTargets],
      required: true,
    },
    { name: 'isHelpful', type: 'checkbox', label: label('fieldIsHelpful'), defaultValue: false, index: true },
    {
      name: 'reason',
      type: 'select',
      label: label('fieldHelpfulnessReason'),
      options: helpfulnessReasons.map((value) => ({ label: label(reasonLabels[value]), value })),
      index: true,
    },
    { name: 'note', type: 'text', label: label('fieldHelpfulnessNote'), maxLength: 300 },
    { name: 'key', type: 'text', required: true, unique: true, index: true, admin: { hidden: true } },
    { name: 'targetKey', type: 'text', required: true, index: true, admin: { hidden: true } },
  ],
})
