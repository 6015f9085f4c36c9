import type { Field, FieldAccess } from 'payload'

import { guardPersonalDataField } from '../hooks/guardPersonalData.ts'
import type { PersonFieldNames } from '../options.ts'
import { systemField } from '../policies/access.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorFromRequest, roles, type PersonLayout } from '../policies/roles.ts'
import { isRecord, isSameId } from '../utilities/ids.ts'
import { label, type LabelKey } from '../translations/i18n.ts'
import type { Role } from '../policies/roles.ts'
import { existingRelationship } from './existingRelationship.ts'

const roleLabels: Record<Role, LabelKey> = {
  admin: 'roleAdmin',
  agent: 'roleAgent',
  citizen: 'roleCitizen',
  editor: 'roleEditor',
}

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
      label: label('fieldAgency'),
      relationTo: 'agencies',
      validate: existingRelationship('agencies', 'entraide:noSuchAgency'),
      access: { create: adminsOnly, update: adminsOnly },
      admin: { position: 'sidebar', description: label('fieldPersonAgencyDescription') },
    },
    displayName: {
      name: layout.displayName,
      type: 'text',
      label: label('fieldDisplayName'),
      required: true,
      minLength: 2,
      maxLength: 60,
      hooks: { beforeChange: [guardPersonalDataField(layout.displayName)] },
      admin: { description: label('fieldDisplayNameDescription') },
    },
    isCommunityAccount: {
      name: layout.isCommunityAccount,
      type: 'checkbox',
      label: label('fieldIsCommunityAccount'),
      defaultValue: false,
      access: { create: adminsOnly, read: selfOrAdmin, update: adminsOnly },
      admin: {
        position: 'sidebar',
        description: label('fieldIsCommunityAccountDescription'),
      },
    },
    isSuspended: {
      name: layout.isSuspended,
      type: 'checkbox',
      label: label('fieldIsSuspended'),
      defaultValue: false,
      access: { create: adminsOnly, read: selfOrAdmin, update: adminsOnly },
      admin: { position: 'sidebar' },
    },
    reputation: {
      name: layout.reputation,
      type: 'number',
      label: label('fieldReputation'),
      defaultValue: 0,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: label('fieldReputationDescription') },
    },
    publishedContributions: {
      name: layout.publishedContributions,
      type: 'number',
      label: label('fieldPublishedContributions'),
      // A function, so the database column has no default: accounts from before this field are null (not
      // counted yet) until the start-up or the first read counts them, never a false 0.
      defaultValue: () => 0,
      access: systemField,
      admin: { position: 'sidebar', readOnly: true, description: label('fieldPublishedContributionsDescription') },
    },
    role: {
      name: layout.role,
      type: 'select',
      label: label('fieldRole'),
      required: true,
      defaultValue: 'citizen',
      index: true,
      options: roles.map((value) => ({ label: label(roleLabels[value]), value })),
      access: { create: adminsOnly, update: adminsOnly },
      admin: { position: 'sidebar', description: label('fieldRoleDescription') },
    },
    suspensionReason: {
      name: layout.suspensionReason,
      type: 'text',
      label: label('fieldSuspensionReason'),
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
