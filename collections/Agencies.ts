import type { CollectionConfig } from 'payload'

import { anyone, catalogueManagers } from '../src/policies/access'
import { refuseDeleteWhileReferenced } from '../src/hooks/refuseDeleteWhileReferenced'
import { optionalUrlValidator, slugValidator } from '../src/fields/validators'
import type { ResolvedOptions } from '../src/options'
import { actorOf } from '../src/policies/roles'
import { canManageCatalogue } from '../src/policies/contributions'

/** Public bodies that own procedures; agents belong to one. */
export const agenciesCollection = (_options: ResolvedOptions): CollectionConfig => ({
  slug: 'agencies',
  labels: { singular: 'Agency', plural: 'Agencies' },
  admin: {
    group: 'Administration',
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'website'],
    hidden: ({ user }) => !canManageCatalogue(actorOf(user)),
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
    { name: 'name', type: 'text', required: true, maxLength: 200 },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      maxLength: 100,
      validate: slugValidator,
    },
    { name: 'website', type: 'text', maxLength: 500, validate: optionalUrlValidator },
  ],
})
