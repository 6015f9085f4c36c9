import type { Access, CollectionConfig, Field } from 'payload'

import { channelField, followableCollections, notificationChannels, notificationKinds } from '../notifications/kinds.ts'
import type { ResolvedOptions } from '../options.ts'
import { nobody } from '../policies/access.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'
import { kindLabel, valueLabel } from '../translations/notifications.ts'

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
    { name: 'user', type: 'relationship', label: both('Person', 'Personne'), relationTo: options.usersCollection, required: true, index: true },
    {
      name: 'targetCollection',
      type: 'select',
      label: both('Follows (collection)', 'Suit (collection)'),
      options: followableCollections.map((slug) => ({ label: valueLabel(slug), value: slug })),
      required: true,
    },
    { name: 'targetId', type: 'text', label: both('Follows (id)', 'Suit (id)'), required: true },
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
    {
      name: 'user',
      type: 'relationship',
      label: both('Person', 'Personne'),
      relationTo: options.usersCollection,
      required: true,
      unique: true,
      index: true,
    },
    {
      name: 'language',
      type: 'select',
      label: both('Language of emails', 'Langue des courriels'),
      options: [
        { label: both('French', 'Français'), value: 'fr' },
        { label: both('English', 'Anglais'), value: 'en' },
      ],
    },
    {
      name: 'channels',
      type: 'group',
      label: both('How each kind is received', 'Réception de chaque type'),
      fields: notificationKinds.map(
        (kind): Field => ({
          name: channelField(kind),
          type: 'select',
          label: kindLabel(kind),
          options: notificationChannels.map((channel) => ({ label: valueLabel(channel), value: channel })),
        }),
      ),
    },
  ],
  timestamps: true,
})
