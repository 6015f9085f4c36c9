import type { CollectionConfig } from 'payload'

import { anyone, catalogueManagers } from '../policies/access.ts'
import { refuseDeleteWhileReferenced } from '../hooks/refuseDeleteWhileReferenced.ts'
import { optionalUrlValidator, slugValidator } from '../fields/validators.ts'
import type { ResolvedOptions } from '../options.ts'
import { actorOf } from '../policies/roles.ts'
import { canManageCatalogue } from '../policies/contributions.ts'
import { label } from '../translations/i18n.ts'

/** Public bodies that own procedures; agents belong to one. */
export const agenciesCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: 'agencies',
  labels: { singular: label('agency'), plural: label('agencies') },
  admin: {
    group: label('groupAdministration'),
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'website'],
    hidden: ({ user }) => !canManageCatalogue(actorOf(user, options.users.layout)),
  },
  access: { read: anyone, create: catalogueManagers, update: catalogueManagers, delete: catalogueManagers },
  hooks: {
    beforeDelete: [
      refuseDeleteWhileReferenced({
        references: [{ collection: 'procedures', field: 'agency', plural: 'procedure(s)' }],
        what: 'agency',
      }),
    ],
  },
  fields: [
    { name: 'name', type: 'text', label: label('fieldName'), required: true, maxLength: 200 },
    {
      name: 'slug',
      type: 'text',
      label: label('fieldSlug'),
      required: true,
      unique: true,
      index: true,
      maxLength: 100,
      validate: slugValidator,
    },
    { name: 'website', type: 'text', label: label('fieldWebsite'), maxLength: 500, validate: optionalUrlValidator },
  ],
})
