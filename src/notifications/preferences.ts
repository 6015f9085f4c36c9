import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { notificationPreferencesSlug } from '../collections/Subscriptions.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { idKey, type ID } from '../utilities/ids.ts'
import {
  channelField,
  defaultChannels,
  notificationChannels,
  notificationKinds,
  type NotificationChannel,
  type NotificationKind,
  type NotificationLanguage,
} from './kinds.ts'

/** One person's settings, every default filled. */
export type Preferences = {
  language: NotificationLanguage
  channels: Record<NotificationKind, NotificationChannel>
}

const stored = z.object({
  id: z.union([z.string(), z.number()]),
  user: z.unknown(),
  language: z.enum(['fr', 'en']).nullish(),
  channels: z.record(z.string(), z.enum(notificationChannels).nullish()).nullish(),
})

const resolved = (doc: z.output<typeof stored> | null, fallback: NotificationLanguage): Preferences => {
  const channels = { ...defaultChannels }
  for (const kind of notificationKinds) {
    const chosen = doc?.channels?.[channelField(kind)]
    if (chosen) channels[kind] = chosen
  }
  return { channels, language: doc?.language ?? fallback }
}

const findStored = async (req: PayloadRequest, users: readonly ID[]): Promise<Array<z.output<typeof stored>>> => {
  if (users.length === 0) return []
  const { docs } = await req.payload.find({
    collection: notificationPreferencesSlug,
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req,
    where: { user: { in: [...users] } },
  })
  return docs.map((doc: unknown) => stored.parse(doc))
}

/** The settings of several people at once, by `idKey` of each person; people without settings get the defaults. */
export const preferencesOf = async (req: PayloadRequest, users: readonly ID[]): Promise<Map<string, Preferences>> => {
  const fallback = optionsOf(req.payload).locale
  const byUser = new Map<string, Preferences>()
  for (const doc of await findStored(req, users)) {
    const key = idKey(doc.user)
    if (key !== null) byUser.set(key, resolved(doc, fallback))
  }
  for (const user of users) {
    const key = idKey(user)
    if (key !== null && !byUser.has(key)) byUser.set(key, resolved(null, fallback))
  }
  return byUser
}

/** What a person changes in their settings; what is left out stays. */
export type PreferencesChange = {
  language?: NotificationLanguage
  channels?: Partial<Record<NotificationKind, NotificationChannel>>
}

/**
 * Saves a change to one person's settings (creating their row the first
 * time) and returns the settings that now apply. Written with system rights:
 * callers have checked who may change them.
 */
export const savePreferences = async ({
  change,
  req,
  user,
}: {
  req: PayloadRequest
  user: ID
  change: PreferencesChange
}): Promise<Preferences> => {
  const [existing] = await findStored(req, [user])
  const channels: Record<string, NotificationChannel> = {}
  for (const kind of notificationKinds) {
    const channel = change.channels?.[kind]
    if (channel !== undefined) channels[channelField(kind)] = channel
  }
  const data = {
    ...(change.language ? { language: change.language } : {}),
    channels: { ...existing?.channels, ...channels },
  }
  const saved: unknown = existing
    ? await req.payload.update({ collection: notificationPreferencesSlug, data, depth: 0, id: existing.id, overrideAccess: true, req })
    : await req.payload.create({ collection: notificationPreferencesSlug, data: { ...data, user }, depth: 0, overrideAccess: true, req })
  return resolved(stored.parse(saved), optionsOf(req.payload).locale)
}

