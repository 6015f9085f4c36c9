import type { Access, CollectionConfig, FieldAccess } from 'payload'

import { notificationKinds, notificationSubjects } from '../notifications/kinds.ts'
import type { ResolvedOptions } from '../options.ts'
import { nobody } from '../policies/access.ts'
import { kindLabel, valueLabel } from '../translations/notifications.ts'
import { canManageAccounts } from '../policies/contributions.ts'
import { actorFromRequest, actorOf } from '../policies/roles.ts'
import { isRecord } from '../utilities/ids.ts'

/** The slug of the notifications collection. */
export const notificationsSlug = 'notifications'

/** The slug of the grouped emails: one row per email that gathers a person's notifications of one window. */
export const notificationEmailGroupsSlug = 'notification-email-groups'

/**
 * How the email of a notification went. `grouped`: it waits for the grouped
 * email of its window (`emailGroup`), and becomes `sent` (or `failed`, or
 * `unsubscribed`) with it.
 */
export const emailStatuses = ['none', 'pending', 'grouped', 'sent', 'failed', 'unsubscribed'] as const
type EmailStatus = (typeof emailStatuses)[number]

/** How a grouped email went: waiting for its window's end, being sent, sent, failed, or with nothing left to send. */
export const emailGroupStatuses = ['waiting', 'sending', 'sent', 'failed', 'empty'] as const

/**
 * Each person reads their own notifications. Admins also read those whose
 * email could not be delivered, to see delivery failures; nobody else reads
 * anyone's. The rule is a `where` Payload joins to every query, so a
 * client's own `where` can narrow it but never widen it.
 */
const readOwn: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (!actor) return false
  const own = { recipient: { equals: actor.id } }
  return canManageAccounts(actor) ? { or: [own, { emailStatus: { equals: 'failed' } }] } : own
}

/** Only the recipient marks a notification read (or unread again). */
const updateOwn: Access = ({ req }) => {
  const actor = actorFromRequest(req)
  if (!actor) return false
  return { recipient: { equals: actor.id } }
}

/** Fields only the delivery writes. */
const systemOnly: { create: FieldAccess; update: FieldAccess } = { create: () => false, update: () => false }

const both = (en: string, fr: string): { en: string; fr: string } => ({ en, fr })

/**
 * What each person has been told, in the app. Created only by the delivery
 * job, once per event and recipient (the unique `eventKey`); the recipient
 * reads them and sets `isRead`, nothing else.
 */
export const notificationsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: notificationsSlug,
  labels: { plural: both('Notifications', 'Notifications'), singular: both('Notification', 'Notification') },
  admin: {
    group: both('Community', 'Communauté'),
    // What a recipient scans their list by; admins add the recipient column when they read failed emails.
    defaultColumns: ['title', 'kind', 'isRead', 'createdAt', 'emailStatus'],
    useAsTitle: 'title',
    // Everyone signed in reads their own (the header's bell links to them).
    hidden: ({ user }) => actorOf(user, options.users.layout) === null,
  },
  access: { create: nobody, delete: nobody, read: readOwn, update: updateOwn },
  defaultSort: '-createdAt',
  fields: [
    {
      name: 'recipient',
      type: 'relationship',
      relationTo: options.usersCollection,
      required: true,
      index: true,
      access: systemOnly,
      label: both('Recipient', 'Destinataire'),
    },
    {
      name: 'kind',
      type: 'select',
      options: notificationKinds.map((kind) => ({ label: kindLabel(kind), value: kind })),
      required: true,
      access: systemOnly,
      label: both('Kind', 'Type'),
    },
    { name: 'title', type: 'text', required: true, access: systemOnly, label: both('Title', 'Titre') },
    { name: 'body', type: 'textarea', access: systemOnly, label: both('Text', 'Texte') },
    {
      name: 'note',
      type: 'textarea',
      access: systemOnly,
      label: both('Reason or note', 'Motif ou message'),
    },
    {
      name: 'subjectCollection',
      type: 'select',
      options: notificationSubjects.map((slug) => ({ label: valueLabel(slug), value: slug })),
      required: true,
      access: systemOnly,
      label: both('About (collection)', 'Concerne (collection)'),
    },
    { name: 'subjectId', type: 'text', required: true, access: systemOnly, label: both('About (id)', 'Concerne (id)') },
    { name: 'link', type: 'text', access: systemOnly, label: both('Link', 'Lien') },
    {
      name: 'isRead',
      type: 'checkbox',
      defaultValue: false,
      index: true,
      label: both('Read', 'Lu'),
    },
    { name: 'readAt', type: 'date', access: systemOnly, label: both('Read at', 'Lu le') },
    {
      name: 'emailStatus',
      type: 'select',
      defaultValue: 'none',
      options: emailStatuses.map((status) => ({ label: valueLabel(status), value: status })),
      index: true,
      access: systemOnly,
      label: both('Email', 'Courriel'),
    },
    { name: 'emailError', type: 'text', access: systemOnly, label: both('Email error', 'Erreur d’envoi') },
    { name: 'emailSentAt', type: 'date', access: systemOnly, label: both('Email sent at', 'Courriel envoyé le') },
    {
      name: 'emailGroup',
      type: 'text',
      index: true,
      access: systemOnly,
      label: both('Grouped email', 'Courriel groupé'),
      admin: {
        description: both(
          'Set when this notification went, or goes, in a grouped email.',
          'Renseigné quand cette notification part dans un courriel groupé.',
        ),
      },
    },
    // One notification per event and recipient, on every database: a job run twice creates nothing twice.
    { name: 'eventKey', type: 'text', required: true, unique: true, index: true, access: systemOnly, admin: { hidden: true } },
  ],
  hooks: {
    beforeChange: [
      // The read time follows the flag the recipient sets.
      ({ data, originalDoc, operation }) => {
        if (operation !== 'update') return data
        const original: unknown = originalDoc
        const wasRead = isRecord(original) && original.isRead === true
        if (data.isRead === true && !wasRead) return { ...data, readAt: new Date().toISOString() }
        if (data.isRead === false) return { ...data, readAt: null }
        return data
      },
    ],
  },
  timestamps: true,
})

const readWhenAdmin: Access = ({ req }) => canManageAccounts(actorFromRequest(req))

/**
 * The grouped emails (`notifications.emailWindowMs`): one row per person and
 * window, made by the first notification that waits for it, under a unique
 * key (the person and the window's end), so two runs of the delivery never
 * make two. The job that sends it claims the row first. Admins read them;
 * only the delivery writes them.
 */
export const notificationEmailGroupsCollection = (options: ResolvedOptions): CollectionConfig => ({
  slug: notificationEmailGroupsSlug,
  labels: { plural: both('Grouped emails', 'Courriels groupés'), singular: both('Grouped email', 'Courriel groupé') },
  admin: {
    group: both('Community', 'Communauté'),
    defaultColumns: ['recipient', 'sendAt', 'status', 'count'],
    hidden: ({ user }) => !canManageAccounts(actorOf(user, options.users.layout)),
  },
  access: { create: nobody, delete: nobody, read: readWhenAdmin, update: nobody },
  defaultSort: '-sendAt',
  fields: [
    {
      name: 'recipient',
      type: 'relationship',
      relationTo: options.usersCollection,
      required: true,
      index: true,
      label: both('Recipient', 'Destinataire'),
    },
    {
      name: 'sendAt',
      type: 'date',
      required: true,
      label: both('Sent at the end of the window', 'Envoyé à la fin de la fenêtre'),
    },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'waiting',
      required: true,
      index: true,
      options: emailGroupStatuses.map((status) => ({ label: valueLabel(status), value: status })),
      label: both('Status', 'État'),
    },
    { name: 'count', type: 'number', label: both('Notifications in it', 'Notifications regroupées') },
    { name: 'sentAt', type: 'date', label: both('Sent at', 'Envoyé le') },
    { name: 'error', type: 'text', label: both('Error', 'Erreur') },
    // One row per person and window, on every database.
    { name: 'key', type: 'text', required: true, unique: true, index: true, admin: { hidden: true } },
  ],
  timestamps: true,
})
