import type { Access, CollectionConfig } from 'payload'

import { proposalComparisonText } from '../data/guideProposalSummary.ts'
import { guardPersonalData } from '../hooks/guardPersonalData.ts'
import type { ResolvedOptions } from '../options.ts'
import { moderators, nobody, systemField } from '../policies/access.ts'
import { procedureScope } from '../data/procedureScope.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'
import { label, type LabelKey } from '../translations/i18n.ts'

/** Where a guide proposal stands. Whether it is stale is computed against the published guide. */
export const guideProposalStatuses = ['pending', 'accepted', 'refused'] as const
export type GuideProposalStatus = (typeof guideProposalStatuses)[number]

const statusLabels: Record<GuideProposalStatus, LabelKey> = {
  accepted: 'proposalAccepted',
  pending: 'proposalPending',
  refused: 'proposalRefused',
}

/**
 * A proposal is read by its author, and by the people who review it: editors
 * and admins, and the agents of the agency of the guide's procedure. Nobody
 * else, other citizens included, learns what it says.
 */
export const readGuideProposals: Access = async ({ req }) => {
  const actor = actorFromRequest(req)
  if (!actor) return false
  const own = { author: { equals: actor.id } }
  if (!canReviewContributions(actor)) return own
  const procedures = await procedureScope({ actor, req })
  if (procedures === null) return true
  return procedures.length === 0 ? own : { or: [own, { procedure: { in: procedures } }] }
}

/**
 * Citizens' edits of a guide, each on its own, against the published
 * revision it started from. Made by `POST /api/guides/:id/proposals`,
 * accepted, merged or refused by `POST /api/guide-proposals/:id/accept` and
 * `/refuse`: never written through the generic routes.
 */
export const guideProposalsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'guide-proposals',
  labels: { singular: label('guideProposal'), plural: label('guideProposals') },
  admin: {
    group: label('groupKnowledgeBase'),
    useAsTitle: 'title',
    defaultColumns: ['title', 'guide', 'status', 'author', 'createdAt'],
    description: label('guideProposalsDescription'),
    hidden: ({ user }) => !canReviewContributions(actorOf(user, options.users.layout)),
  },
  access: { read: readGuideProposals, create: nobody, update: nobody, delete: moderators },
  hooks: { beforeChange: [guardPersonalData({ plain: ['title', 'reviewNote'], rich: ['body'] })] },
  fields: [
    {
      name: 'guide',
      type: 'relationship',
      relationTo: 'guides',
      label: label('guide'),
      // Not required in the schema: a deleted guide leaves its proposals, reviewed or not, without one.
      index: true,
      access: systemField,
      admin: { readOnly: true },
    },
    {
      // The guide's procedure when the proposal was made: what decides who reviews it.
      name: 'procedure',
      type: 'relationship',
      relationTo: 'procedures',
      label: label('fieldProcedure'),
      index: true,
      access: systemField,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'author',
      type: 'relationship',
      relationTo: options.usersCollection,
      label: label('fieldAuthor'),
      index: true,
      access: systemField,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'status',
      type: 'select',
      label: label('fieldProposalStatus'),
      required: true,
      defaultValue: 'pending',
      index: true,
      options: guideProposalStatuses.map((value) => ({ label: label(statusLabels[value]), value })),
      access: systemField,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'title',
      type: 'text',
      label: label('fieldTitle'),
      required: true,
      maxLength: 200,
      admin: { readOnly: true },
    },
    { name: 'body', type: 'richText', label: label('fieldBody'), admin: { readOnly: true } },
    {
      // The published revision the proposal started from: its title and its text, one block a line.
      name: 'baseTitle',
      type: 'text',
      label: label('fieldProposalBaseTitle'),
      access: systemField,
      admin: { readOnly: true },
    },
    {
      name: 'baseText',
      type: 'textarea',
      label: label('fieldProposalBaseText'),
      access: systemField,
      admin: { readOnly: true, description: label('fieldProposalBaseTextDescription') },
    },
    {
      name: 'baseRevision',
      type: 'text',
      label: label('fieldProposalBaseRevision'),
      access: systemField,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'comparison',
      type: 'textarea',
      label: label('fieldProposalComparison'),
      virtual: true,
      hooks: { afterRead: [proposalComparisonText()] },
      admin: { readOnly: true, rows: 12, description: label('fieldProposalComparisonDescription') },
    },
    {
      name: 'reviewNote',
      type: 'textarea',
      label: label('fieldReviewNote'),
      maxLength: 1000,
      access: systemField,
      admin: { readOnly: true },
    },
    {
      name: 'reviewedBy',
      type: 'relationship',
      relationTo: options.usersCollection,
      label: label('fieldReviewedBy'),
      access: systemField,
      admin: { readOnly: true, position: 'sidebar' },
    },
    {
      name: 'reviewedAt',
      type: 'date',
      label: label('fieldReviewedAt'),
      access: systemField,
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
})
