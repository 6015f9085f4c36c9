import type { CollectionConfig, Condition } from 'payload'

import { componentPaths } from '../src/admin/componentPaths'
import { guideReviewNoticeField, guideVerificationPanelField } from '../src/admin/fields'
import { forceDraftUnless } from '../src/hooks/forceDraftUnless'
import { guardPersonalData, reportMaskedPersonalData } from '../src/hooks/guardPersonalData'
import { rateLimitContributions } from '../src/hooks/rateLimitContributions'
import { refuseSuspended } from '../src/hooks/refuseSuspended'
import { trackGuideRevision } from '../src/hooks/trackGuideRevision'
import { scoreField } from '../src/fields/contribution'
import { existingRelationship } from '../src/fields/existingRelationship'
import type { ResolvedOptions } from '../src/options'
import { contributors, moderators, readGuides, reviewers, systemField } from '../src/policies/access'
import { canPublishGuide, canReviewContributions } from '../src/policies/contributions'
import { actorOf } from '../src/policies/roles'

/**
 * People's names are shown to agents and above, who may read accounts;
 * citizens would see an id instead.
 */
const shownToReviewers: Condition = (_data, _siblingData, { user }) => canReviewContributions(actorOf(user))

/**
 * The simplified guide of a procedure, co-written like a wiki. Readers see the
 * published version; edits by citizens who are not yet trusted wait as drafts
 * until an agent or editor publishes them.
 */
export const guidesCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'guides',
  labels: { singular: 'Guide', plural: 'Guides' },
  admin: {
    group: 'Knowledge base',
    useAsTitle: 'title',
    defaultColumns: ['title', 'procedure', '_status', 'verifiedAt', 'needsReview', 'updatedAt'],
    description: 'Simplified guides written by users. Your changes are reviewed before they are published.',
    components: { edit: { PublishButton: componentPaths.guidePublishButton } },
  },
  versions: { drafts: true, maxPerDoc: 100 },
  access: {
    read: readGuides,
    create: contributors,
    update: contributors,
    delete: moderators,
    readVersions: reviewers,
  },
  hooks: {
    beforeOperation: [
      refuseSuspended(),
      rateLimitContributions(),
      forceDraftUnless((req) => canPublishGuide(actorOf(req.user), options.moderation.trustedReputation)),
    ],
    beforeChange: [guardPersonalData({ plain: ['title'], rich: ['body'] }), trackGuideRevision()],
    afterChange: [reportMaskedPersonalData()],
  },
  fields: [
    guideReviewNoticeField(),
    guideVerificationPanelField(),
    { name: 'title', type: 'text', required: true, maxLength: 200 },
    {
      name: 'procedure',
      type: 'relationship',
      relationTo: 'procedures',
      required: true,
      unique: true,
      index: true,
      validate: existingRelationship('procedures', 'procedure'),
      admin: { description: 'One guide per procedure.' },
    },
    { name: 'body', type: 'richText' },
    {
      name: 'lastEditedBy',
      type: 'relationship',
      relationTo: options.usersCollection,
      access: systemField,
      admin: { condition: shownToReviewers, position: 'sidebar', readOnly: true },
    },
    {
      name: 'verifiedBy',
      type: 'relationship',
      relationTo: options.usersCollection,
      access: systemField,
      admin: { condition: shownToReviewers, position: 'sidebar', readOnly: true },
    },
    {
      name: 'verifiedAt',
      type: 'date',
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'needsReview',
      type: 'checkbox',
      defaultValue: false,
      access: systemField,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: 'Set when the procedure or the guide changed after the last verification.',
      },
    },
    scoreField(),
  ],
})
