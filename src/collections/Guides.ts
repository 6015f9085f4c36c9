import type { CollectionConfig, Condition } from 'payload'

import { componentPaths } from '../admin/componentPaths.ts'
import { guideReviewNoticeField, guideVerificationPanelField } from '../admin/fields.ts'
import { forceDraftUnless } from '../hooks/forceDraftUnless.ts'
import { guardPersonalData, reportMaskedPersonalData } from '../hooks/guardPersonalData.ts'
import { rateLimitContributions } from '../hooks/rateLimitContributions.ts'
import { refuseGuideWrites } from '../hooks/refuseGuideWrites.ts'
import { publishOnlyWhatIsSent } from '../hooks/publishOnlyWhatIsSent.ts'
import { refuseSuspended } from '../hooks/refuseSuspended.ts'
import { refuseGuideVersionRestore } from '../hooks/refuseVersionRestore.ts'
import { trackGuideRevision } from '../hooks/trackGuideRevision.ts'
import { scoreField } from '../fields/contribution.ts'
import { existingRelationship } from '../fields/existingRelationship.ts'
import { reverificationFields } from '../fields/reverification.ts'
import type { ResolvedOptions } from '../options.ts'
import { guideWriters, moderators, readGuides, reviewers, systemField } from '../policies/access.ts'
import { agencyOfProcedure } from '../actions/load.ts'
import { agencyOfGuide, mayPublishGuide } from '../data/guideTrust.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest, actorOf, type PersonLayout } from '../policies/roles.ts'
import { label } from '../translations/i18n.ts'

/**
 * People's names are shown to agents and above, who may read accounts;
 * citizens would see an id instead.
 */
const shownToReviewers =
  (layout: PersonLayout): Condition =>
  (_data, _siblingData, { user }) =>
    canReviewContributions(actorOf(user, layout))

/**
 * The simplified guide of a procedure, co-written like a wiki. Readers see the
 * published version. Citizens propose edits (`guide-proposals`), each reviewed
 * on its own; staff write the guide itself, and an agent's edit of another
 * agency's guide waits as a draft until a reviewer of that agency publishes it.
 */
export const guidesCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'guides',
  labels: { singular: label('guide'), plural: label('guides') },
  admin: {
    group: label('groupKnowledgeBase'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'procedure', '_status', 'verifiedAt', 'needsReview', 'updatedAt'],
    description: label('guidesDescription'),
    components: { edit: { PublishButton: componentPaths.guidePublishButton } },
  },
  // Drafts are validated too: an agent's edit of another agency's guide is saved as a draft, and a
  // reference that does not exist must be a 400 naming the field, not a database constraint error.
  versions: { drafts: { validate: true }, maxPerDoc: 100 },
  access: {
    read: readGuides,
    create: guideWriters,
    update: guideWriters,
    delete: moderators,
    readVersions: reviewers,
  },
  hooks: {
    beforeOperation: [
      refuseGuideVersionRestore(),
      refuseSuspended(),
      refuseGuideWrites(),
      rateLimitContributions(),
      forceDraftUnless(async (req, { data, id }) => {
        // The guide's agency, and the agency of the procedure it is moved to, if any.
        const agencies = [
          ...(id !== null ? [await agencyOfGuide({ guide: id, req })] : []),
          ...(id === null || data.procedure !== undefined ? [await agencyOfProcedure({ procedure: data.procedure, req })] : []),
        ]
        const actor = actorFromRequest(req)
        for (const agency of agencies) {
          if (!(await mayPublishGuide({ actor, agency, req }))) return false
        }
        return true
      }),
      publishOnlyWhatIsSent(),
    ],
    beforeChange: [guardPersonalData({ plain: ['title'], rich: ['body'] }), trackGuideRevision()],
    afterChange: [reportMaskedPersonalData()],
  },
  fields: [
    guideReviewNoticeField(),
    guideVerificationPanelField(),
    { name: 'title', type: 'text', label: label('fieldTitle'), required: true, maxLength: 200 },
    {
      name: 'procedure',
      type: 'relationship',
      relationTo: 'procedures',
      label: label('fieldProcedure'),
      required: true,
      unique: true,
      index: true,
      validate: existingRelationship('procedures', 'entraide:noSuchProcedure'),
      admin: { description: label('fieldGuideProcedureDescription') },
    },
    { name: 'body', type: 'richText', label: label('fieldBody') },
    {
      name: 'lastEditedBy',
      type: 'relationship',
      label: label('fieldLastEditedBy'),
      relationTo: options.usersCollection,
      access: systemField,
      admin: { condition: shownToReviewers(options.users.layout), position: 'sidebar', readOnly: true },
    },
    {
      name: 'verifiedBy',
      type: 'relationship',
      label: label('fieldVerifiedBy'),
      relationTo: options.usersCollection,
      access: systemField,
      admin: { condition: shownToReviewers(options.users.layout), position: 'sidebar', readOnly: true },
    },
    {
      name: 'verifiedAt',
      type: 'date',
      label: label('fieldVerifiedAt'),
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'needsReview',
      type: 'checkbox',
      label: label('fieldNeedsReview'),
      defaultValue: false,
      access: systemField,
      admin: {
        position: 'sidebar',
        readOnly: true,
        description: label('fieldNeedsReviewDescription'),
      },
    },
    ...reverificationFields(options.usersCollection, { hasFlag: true }),
    scoreField(),
  ],
})
