import type { Access, CollectionConfig } from 'payload'

import { reportReasons, type ReportReason } from '../data/documents.ts'
import { guardPersonalData } from '../hooks/guardPersonalData.ts'
import type { ResolvedOptions } from '../options.ts'
import { admins, moderators, nobody, systemField } from '../policies/access.ts'
import { canModerate } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'
import { label, type LabelKey } from '../translations/i18n.ts'
import { votableCollections } from './Votes.ts'

/** Where a report stands. */
export const reportStatuses = ['open', 'resolved', 'dismissed'] as const

const readReports: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (!actor) return false
  if (canModerate(actor)) return true
  return { reporter: { equals: actor.id } }
}

const reasonLabels: Record<ReportReason, LabelKey> = {
  abuse: 'reasonAbuse',
  other: 'reasonOther',
  'personal-data': 'reasonPersonalData',
  spam: 'reasonSpam',
  'wrong-information': 'reasonWrongInformation',
}

const statusLabels: Record<(typeof reportStatuses)[number], LabelKey> = {
  dismissed: 'reportDismissed',
  open: 'reportOpen',
  resolved: 'reportResolved',
}

/** Moderation flags on contributions, opened by the report action, handled by editors. */
export const reportsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'reports',
  labels: { singular: label('report'), plural: label('reports') },
  admin: {
    group: label('groupModeration'),
    defaultColumns: ['target', 'reason', 'status', 'reporter', 'createdAt'],
    hidden: ({ user }) => !canModerate(actorOf(user, options.users.layout)),
  },
  access: { read: readReports, create: nobody, update: moderators, delete: admins },
  // Moderators may edit a note, which its reporter reads: screened like the report action's.
  hooks: { beforeChange: [guardPersonalData({ plain: ['note'] })] },
  fields: [
    {
      name: 'target',
      type: 'relationship',
      label: label('fieldReportTarget'),
      relationTo: [...votableCollections],
      required: true,
      index: true,
    },
    {
      // `collection:id` of the target: one indexed value to count reports per item on any database.
      name: 'targetKey',
      type: 'text',
      required: true,
      index: true,
      access: systemField,
      admin: { hidden: true },
    },
    {
      name: 'reason',
      type: 'select',
      label: label('fieldReason'),
      required: true,
      options: reportReasons.map((value) => ({ label: label(reasonLabels[value]), value })),
    },
    { name: 'note', type: 'textarea', label: label('fieldNote'), maxLength: 1000 },
    {
      name: 'reporter',
      type: 'relationship',
      label: label('fieldReporter'),
      relationTo: options.usersCollection,
      index: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'status',
      type: 'select',
      label: label('fieldReportStatus'),
      required: true,
      defaultValue: 'open',
      index: true,
      options: reportStatuses.map((value) => ({ label: label(statusLabels[value]), value })),
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'resolvedBy',
      type: 'relationship',
      label: label('fieldResolvedBy'),
      relationTo: options.usersCollection,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'resolvedAt',
      type: 'date',
      label: label('fieldResolvedAt'),
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'resolution',
      type: 'text',
      label: label('fieldResolution'),
      maxLength: 1000,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: label('fieldResolutionDescription') },
    },
  ],
})
