import type { CollectionConfig, Config, Endpoint } from 'payload'

import { agenciesCollection } from '../collections/Agencies'
import { answersCollection } from '../collections/Answers'
import { guidesCollection } from '../collections/Guides'
import { proceduresCollection } from '../collections/Procedures'
import { reportsCollection } from '../collections/Reports'
import { threadsCollection } from '../collections/Threads'
import { tipsCollection } from '../collections/Tips'
import { votesCollection } from '../collections/Votes'
import { wikiPagesCollection } from '../collections/WikiPages'
import { collectionEndpoints } from './endpoints/collectionEndpoints'
import { userFields } from './fields/users'
import { brandOptions } from './utilities/pluginOptions'
import { resolveOptions, type EntraideOptions, type ResolvedOptions } from './options'
import { anyone, readUsers, updateUsers, admins } from './policies/access'

export type { EntraideOptions, ResolvedOptions } from './options'
export { EntraideError } from './errors'

/** The collections Entraide adds, in admin-panel order. */
const entraideCollections = (options: ResolvedOptions): CollectionConfig[] => [
  proceduresCollection(options),
  guidesCollection(options),
  wikiPagesCollection(options),
  threadsCollection(options),
  answersCollection(options),
  tipsCollection(options),
  votesCollection(options),
  reportsCollection(options),
  agenciesCollection(options),
]

/** Adds Entraide's fields and default access to the host's auth collection. */
const extendUsers = (users: CollectionConfig, options: ResolvedOptions): CollectionConfig => ({
  ...users,
  access: {
    admin: ({ req }) => Boolean(req.user),
    create: anyone,
    delete: admins,
    read: readUsers,
    update: updateUsers,
    ...users.access,
  },
  admin: {
    defaultColumns: ['displayName', 'email', 'role', 'agency', 'reputation'],
    group: 'Administration',
    useAsTitle: 'displayName',
    ...users.admin,
  },
  fields: [...users.fields, ...userFields()],
})

const withEndpoints = (collection: CollectionConfig, endpoints: Endpoint[]): CollectionConfig =>
  endpoints.length === 0 ? collection : { ...collection, endpoints: [...(collection.endpoints || []), ...endpoints] }

/**
 * The Entraide plugin: adds the mutual-help collections, the role fields on
 * the host's auth collection, the domain endpoints and hooks. Returns a new
 * config; the one passed in is never changed.
 *
 * @example
 * buildConfig({ ..., plugins: [entraidePlugin({ moderation: { preModeratedContributions: 2 } })] })
 */
export const entraidePlugin =
  (pluginOptions: EntraideOptions = {}) =>
  (incoming: Config): Config => {
    const options = resolveOptions(pluginOptions)
    const hostCollections = incoming.collections ?? []
    const users = hostCollections.find((collection) => collection.slug === options.usersCollection)
    if (!users || !users.auth) {
      throw new Error(
        `Entraide: the auth collection "${options.usersCollection}" was not found. Add it with auth enabled, or set the usersCollection option.`,
      )
    }
    const added = entraideCollections(options)
    const clash = added.find((collection) => hostCollections.some((host) => host.slug === collection.slug))
    if (clash) {
      throw new Error(`Entraide: the host config already has a collection "${clash.slug}", which Entraide needs.`)
    }
    const endpoints = collectionEndpoints(options)
    return {
      ...incoming,
      custom: { ...incoming.custom, entraide: brandOptions(options) },
      collections: [
        ...hostCollections.map((collection) => (collection === users ? extendUsers(collection, options) : collection)),
        ...added.map((collection) => withEndpoints(collection, endpoints[collection.slug] ?? [])),
      ],
    }
  }
