import type { Access, CollectionConfig } from 'payload'

import { reportReasons } from '../data/documents.ts'
import { guardPersonalData } from '../hooks/guardPersonalData.ts'
import type { ResolvedOptions } from '../options.ts'
import { admins, moderators, nobody, systemField } from '../policies/access.ts'
import { canModerate } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'
import { votableCollections } from './Votes.ts'


/** Where a report stands. */
export const reportStatuses = ['open', 'resolved', 'dismissed'] as const

const readReports: Access = ({ req }) => {
  const actor = actorFromRequest(req)
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
    hidden: ({ user }) => !canModerate(actorOf(user, options.users.layout)),
  },
  access: { read: readReports, create: nobody, update: moderators, delete: admins },
  // Moderators may edit a note, which its reporter reads: screened like the report action's.
  hooks: { beforeChange: [guardPersonalData({ plain: ['note'] })] },
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
