import type { Access, CollectionConfig } from 'payload'

import type { ResolvedOptions } from '../src/options'
import { admins, moderators, nobody, systemField } from '../src/policies/access'
import { canModerate } from '../src/policies/contributions'
import { actorOf } from '../src/policies/roles'
import { votableCollections } from './Votes'

/** Why a contribution was reported. */
export const reportReasons = ['spam', 'abuse', 'personal-data', 'wrong-information', 'other'] as const
export type ReportReason = (typeof reportReasons)[number]

/** Where a report stands. */
export const reportStatuses = ['open', 'resolved', 'dismissed'] as const

const readReports: Access = ({ req }) => {
  const actor = actorOf(req.user)
  if (!actor) return false
  if (canModerate(actor)) return true
  return { reporter: { equals: actor.id } }
}

const label = (value: string): string => value[0]?.toUpperCase() + value.slice(1).replace('-', ' ')

/** Moderation flags on contributions, opened by the report action, handled by editors. */
export const reportsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'reports',
  labels: { singular: 'Report', plural: 'Reports' },
  admin: {
    group: 'Moderation',
    defaultColumns: ['target', 'reason', 'status', 'reporter', 'createdAt'],
    hidden: ({ user }) => !canModerate(actorOf(user)),
  },
  access: { read: readReports, create: nobody, update: moderators, delete: admins },
  fields: [
    { name: 'target', type: 'relationship', relationTo: [...votableCollections], required: true, index: true },
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
      required: true,
      options: reportReasons.map((value) => ({ label: label(value), value })),
    },
    { name: 'note', type: 'textarea', maxLength: 1000 },
    {
      name: 'reporter',
      type: 'relationship',
      relationTo: options.usersCollection,
      index: true,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'open',
      index: true,
      options: reportStatuses.map((value) => ({ label: label(value), value })),
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'resolvedBy',
      type: 'relationship',
      relationTo: options.usersCollection,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'resolvedAt',
      type: 'date',
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'resolution',
      type: 'text',
      maxLength: 1000,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: 'What the moderator decided, and why.' },
    },
  ],
})
