import type { Field, FieldAccess } from 'payload'

import { canManageAccounts } from '../policies/contributions'
import { actorOf, roles } from '../policies/roles'
import { isSameId } from '../utilities/ids'
import { systemField } from '../policies/access'
import { existingRelationship } from './existingRelationship'

const adminsOnly: FieldAccess = ({ req }) => canManageAccounts(actorOf(req.user))

/** The person themself, or an admin. */
const selfOrAdmin: FieldAccess = ({ doc, id, req }) => {
  const actor = actorOf(req.user)
  return actor !== null && (canManageAccounts(actor) || isSameId(actor.id, doc?.id ?? id))
}

/**
 * Fields Entraide adds to the host's auth collection. The email field keeps
 * Payload's definition; only its read access narrows to the person and admins.
 */
export const userFields = (): Field[] => [
  { name: 'email', type: 'email', access: { read: selfOrAdmin } },
  {
    name: 'displayName',
    type: 'text',
    required: true,
    minLength: 2,
    maxLength: 60,
    admin: { description: 'Shown publicly next to your contributions.' },
  },
  {
    name: 'role',
    type: 'select',
    required: true,
    defaultValue: 'citizen',
    index: true,
    options: roles.map((value) => ({ label: value[0]?.toUpperCase() + value.slice(1), value })),
    access: { create: adminsOnly, update: adminsOnly },
    admin: { position: 'sidebar', description: 'Only admins change roles.' },
  },
  {
    name: 'agency',
    type: 'relationship',
    relationTo: 'agencies',
    validate: existingRelationship('agencies', 'agency'),
    access: { create: adminsOnly, update: adminsOnly },
    admin: { position: 'sidebar', description: 'The agency a public agent works for.' },
  },
  {
    name: 'reputation',
    type: 'number',
    defaultValue: 0,
    access: systemField,
    admin: { position: 'sidebar', readOnly: true, description: 'Derived from votes, accepted and validated answers.' },
  },
  {
    name: 'isSuspended',
    type: 'checkbox',
    defaultValue: false,
    access: { create: adminsOnly, read: selfOrAdmin, update: adminsOnly },
    admin: { position: 'sidebar' },
  },
  {
    name: 'suspensionReason',
    type: 'text',
    maxLength: 500,
    access: { create: adminsOnly, read: selfOrAdmin, update: adminsOnly },
    admin: { position: 'sidebar', condition: (data) => data?.isSuspended === true },
  },
]
