import type { Field, FieldAccess } from 'payload'

import { guardPersonalDataField } from '../hooks/guardPersonalData.ts'
import type { PersonFieldNames } from '../options.ts'
import { systemField } from '../policies/access.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorFromRequest, roles, type PersonLayout } from '../policies/roles.ts'
import { isRecord, isSameId } from '../utilities/ids.ts'
import { existingRelationship } from './existingRelationship.ts'

const adminsOnly: FieldAccess = ({ req }) => canManageAccounts(actorFromRequest(req))

/** The person themself, or an admin. */
export const selfOrAdmin: FieldAccess = ({ doc, id, req }) => {
  const actor = actorFromRequest(req)
  const record: unknown = doc
  return actor !== null && (canManageAccounts(actor) || isSameId(actor.id, isRecord(record) ? record.id : id))
}

/**
 * The fields Entraide adds to the host's auth collection, under the names the
 * layout gives them; only those in `added` (a display name or roles read from
 * a host field are not added).
 */
export const personFields = (layout: PersonLayout, added: ReadonlyArray<keyof PersonFieldNames>): Field[] => {
  const definitions: Record<keyof PersonFieldNames, Field> = {
    agency: {
      name: layout.agency,
      type: 'relationship',
      relationTo: 'agencies',
      validate: existingRelationship('agencies', 'agency'),
      access: { create: adminsOnly, update: adminsOnly },
      admin: { position: 'sidebar', description: 'The agency a public agent works for.' },
    },
    displayName: {
      name: layout.displayName,
      type: 'text',
      required: true,
      minLength: 2,
      maxLength: 60,
      hooks: { beforeChange: [guardPersonalDataField(layout.displayName)] },
      admin: { description: 'Shown publicly next to your contributions.' },
    },
    isCommunityAccount: {
      name: layout.isCommunityAccount,
      type: 'checkbox',
      defaultValue: false,
      access: { create: adminsOnly, read: selfOrAdmin, update: adminsOnly },
      admin: {
        position: 'sidebar',
        description:
          'Created by public sign-up: on the website’s own content this account has no more rights than a visitor.',
      },
    },
    isSuspended: {
      name: layout.isSuspended,
      type: 'checkbox',
      defaultValue: false,
      access: { create: adminsOnly, read: selfOrAdmin, update: adminsOnly },
      admin: { position: 'sidebar' },
    },
    reputation: {
      name: layout.reputation,
      type: 'number',
      defaultValue: 0,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: 'Derived from votes, accepted and validated answers.' },
    },
    role: {
      name: layout.role,
      type: 'select',
      required: true,
      defaultValue: 'citizen',
      index: true,
      options: roles.map((value) => ({ label: value[0]?.toUpperCase() + value.slice(1), value })),
      access: { create: adminsOnly, update: adminsOnly },
      admin: { position: 'sidebar', description: 'Only admins change roles.' },
    },
    suspensionReason: {
      name: layout.suspensionReason,
      type: 'text',
      maxLength: 500,
      access: { create: adminsOnly, read: selfOrAdmin, update: adminsOnly },
      admin: {
        position: 'sidebar',
        condition: (data) => isRecord(data) && data[layout.isSuspended] === true,
      },
    },
  }
  return added.map((key) => definitions[key])
}
