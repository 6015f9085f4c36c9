import type { Access, CollectionConfig } from 'payload'

import { channelField, followableCollections, notificationChannels, notificationKinds } from '../notifications/kinds.ts'
import type { ResolvedOptions } from '../options.ts'
import { nobody } from '../policies/access.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'

/** The slug of the follows collection. */
export const subscriptionsSlug = 'subscriptions'

/** The slug of the per-person notification preferences. */
export const notificationPreferencesSlug = 'notification-preferences'

const both = (en: string, fr: string): { en: string; fr: string } => ({ en, fr })

const readOwn: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (!actor) return false
  return { user: { equals: actor.id } }
}

/**
 * Who follows what: one row per person and followed thread, guide or
 * procedure (the unique `key`, `user:collection:id`). Written only by the
 * follow endpoints and by asking, answering and proposing; each person reads
 * their own.
 */
export const subscriptionsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: subscriptionsSlug,
  labels: { plural: both('Follows', 'Abonnements'), singular: both('Follow', 'Abonnement') },
  admin: {
    group: both('Community', 'Communauté'),
    defaultColumns: ['user', 'targetCollection', 'targetId', 'createdAt'],
    hidden: ({ user }) => !canManageAccounts(actorOf(user, options.users.layout)),
  },
  access: { create: nobody, delete: nobody, read: readOwn, update: nobody },
  fields: [
    { name: 'user', type: 'relationship', relationTo: options.usersCollection, required: true, index: true },
    {
      name: 'targetCollection',
      type: 'select',
      options: followableCollections.map((slug) => ({ label: slug, value: slug })),
      required: true,
    },
    { name: 'targetId', type: 'text', required: true },
    { name: 'targetKey', type: 'text', required: true, index: true, admin: { hidden: true } },
    { name: 'key', type: 'text', required: true, unique: true, index: true, admin: { hidden: true } },
  ],
  timestamps: true,
})

/**
 * Each person's notification settings: the language of their emails and,
 * per kind, email, in-app or off. A person without a row gets the defaults
 * (`defaultChannels`) in the site's language. Written through
 * `/api/notification-preferences/me` and the unsubscribe link.
 */
export const notificationPreferencesCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: notificationPreferencesSlug,
  labels: {
    plural: both('Notification preferences', 'Préférences de notification'),
    singular: both('Notification preferences', 'Préférences de notification'),
  },
  admin: { group: both('Community', 'Communauté'), hidden: ({ user }) => !canManageAccounts(actorOf(user, options.users.layout)) },
  access: { create: nobody, delete: nobody, read: readOwn, update: nobody },
  fields: [
    { name: 'user', type: 'relationship', relationTo: options.usersCollection, required: true, unique: true, index: true },
    {
      name: 'language',
      type: 'select',
      options: [
        { label: 'Français', value: 'fr' },
        { label: 'English', value: 'en' },
      ],
    },
    {
      name: 'channels',
      type: 'group',
      fields: notificationKinds.map((kind) => ({
        name: channelField(kind),
        type: 'select' as const,
        options: notificationChannels.map((channel) => ({ label: channel, value: channel })),
      })),
    },
  ],
  timestamps: true,
})
