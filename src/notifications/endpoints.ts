import type { Endpoint, PayloadRequest } from 'payload'

import { requireContributor } from '../actions/actor.ts'
import { notificationsSlug } from '../collections/Notifications.ts'
import { endpoint, readJsonObject } from '../endpoints/http.ts'
import { InvalidInputError, NotFoundError } from '../errors.ts'
import { fillIn, kindNamesOf, notificationStrings } from '../translations/notifications.ts'
import { parseIdFor, type ID } from '../utilities/ids.ts'
import { escapeHtml, htmlPage } from '../utilities/html.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'
import { follow, isFollowing, unfollow } from './follows.ts'
import {
  isNotificationChannel,
  notificationKinds,
  type FollowableCollection,
  type NotificationChannel,
  type NotificationKind,
  type NotificationLanguage,
} from './kinds.ts'
import { preferencesOf, savePreferences, type Preferences, type PreferencesChange } from './preferences.ts'
import { readUnsubscribeToken } from './unsubscribeToken.ts'

/** The language a request prefers among French and English, else the site's. */
const languageOf = (req: PayloadRequest): NotificationLanguage => {
  const header = req.headers.get('accept-language') ?? ''
  const first = header.split(',')[0]?.trim().slice(0, 2).toLowerCase()
  return first === 'en' || first === 'fr' ? first : optionsOf(req.payload).locale
}

/** `GET /api/notifications/unread`: how many of my notifications I have not read (the bell). */
const unreadEndpoint = (): Endpoint =>
  endpoint('get', '/unread', async (req) => {
    const actor = requireContributor(req)
    const { totalDocs } = await req.payload.count({
      collection: notificationsSlug,
      overrideAccess: true,
      req,
      where: { and: [{ recipient: { equals: actor.id } }, { isRead: { equals: false } }] },
    })
    return Response.json({ unread: totalDocs })
  })

/** `POST /api/notifications/read-all`: marks all my notifications read. */
const readAllEndpoint = (): Endpoint =>
  endpoint('post', '/read-all', async (req) => {
    const actor = requireContributor(req)
    const result = await req.payload.update({
      collection: notificationsSlug,
      data: { isRead: true },
      depth: 0,
      overrideAccess: true,
      req,
      select: { id: true },
      where: { and: [{ recipient: { equals: actor.id } }, { isRead: { equals: false } }] },
    })
    return Response.json({ marked: result.docs.length })
  })

const page = (language: NotificationLanguage, message: string, form: string, status: number): Response =>
  htmlPage({ extra: form, language, message, status, title: notificationStrings[language].unsubscribe })

/** The person and kinds of a request's unsubscribe token, when the person still exists. */
const claimOf = async (req: PayloadRequest): Promise<{ user: ID; kinds: readonly NotificationKind[] } | null> => {
  const token = typeof req.query.token === 'string' ? req.query.token : ''
  const claim = readUnsubscribeToken(req.payload.secret, token)
  if (!claim) return null
  const collection = usersCollectionOf(req.payload)
  const user = parseIdFor(req.payload, collection, claim.userId)
  if (user === null) return null
  const { totalDocs } = await req.payload.count({ collection, overrideAccess: true, req, where: { id: { equals: user } } })
  return totalDocs === 0 ? null : { kinds: claim.kinds, user }
}

/**
 * `GET /api/notifications/unsubscribe?token=…`: the page the email's link
 * opens, without signing in. It changes nothing by itself (mail scanners open
 * links), and offers the button that does.
 */
const unsubscribePageEndpoint = (): Endpoint => ({
  handler: async (req) => {
    const claim = await claimOf(req)
    if (!claim) {
      const language = languageOf(req)
      return page(language, notificationStrings[language].unsubscribeInvalid, '', 400)
    }
    const { language } = (await preferencesOf(req, [claim.user])).get(String(claim.user)) ?? { language: languageOf(req) }
    const strings = notificationStrings[language]
    const token = typeof req.query.token === 'string' ? req.query.token : ''
    const form = `<form method="post" action="?token=${escapeHtml(encodeURIComponent(token))}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(strings.unsubscribe)}</button></form>`
    return page(language, fillIn(strings.why, { kind: kindNamesOf(language, claim.kinds) }), form, 200)
  },
  method: 'get',
  path: '/unsubscribe',
})

/**
 * `POST /api/notifications/unsubscribe?token=…`: the one-click unsubscribe
 * of RFC 8058 (mail clients post `List-Unsubscribe=One-Click`), and the
 * page's button. That kind of email (the kinds a grouped email held) stops
 * for that person; they keep it in the app, and everything else stays as it was. The signed token is the only
 * credential: no session, no cross-site check, any body.
 */
const unsubscribeEndpoint = (): Endpoint => ({
  handler: async (req) => {
    const claim = await claimOf(req)
    if (!claim) {
      const language = languageOf(req)
      return page(language, notificationStrings[language].unsubscribeInvalid, '', 400)
    }
    const channels: Partial<Record<NotificationKind, NotificationChannel>> = {}
    for (const kind of claim.kinds) channels[kind] = 'in-app'
    const saved = await savePreferences({ change: { channels }, req, user: claim.user })
    const strings = notificationStrings[saved.language]
    return page(saved.language, fillIn(strings.unsubscribed, { kind: kindNamesOf(saved.language, claim.kinds) }), '', 200)
  },
  method: 'post',
  path: '/unsubscribe',
})

/** The endpoints of the notifications collection. */
export const notificationEndpoints = (): Endpoint[] => [
  unreadEndpoint(),
  readAllEndpoint(),
  unsubscribePageEndpoint(),
  unsubscribeEndpoint(),
]

const singular: Record<FollowableCollection, 'thread' | 'guide' | 'procedure'> = {
  guides: 'guide',
  procedures: 'procedure',
  threads: 'thread',
}

/** The item to follow (the route's `:id` by default), as the caller may see it; 404 when there is none they may see. */
export const followedItem = async (
  req: PayloadRequest,
  collection: FollowableCollection,
  raw: unknown = req.routeParams?.id,
): Promise<ID> => {
  const id = parseIdFor(req.payload, collection, raw)
  const notFound = new NotFoundError(singular[collection], typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '')
  if (id === null) throw notFound
  const { totalDocs } = await req.payload.count({
    collection,
    overrideAccess: false,
    req,
    where: { id: { equals: id } },
  })
  if (totalDocs === 0) throw notFound
  return id
}

/**
 * `POST /api/{threads|guides|procedures}/:id/follow` and `…/unfollow`: the
 * signed-in person follows the item or stops; `GET …/follow` says whether
 * they do. Each answers `{ isFollowing }`.
 */
export const followEndpoints = (collection: FollowableCollection): Endpoint[] => [
  endpoint('get', '/:id/follow', async (req) => {
    const actor = requireContributor(req)
    const id = await followedItem(req, collection)
    return Response.json({ isFollowing: await isFollowing({ collection, id, req, user: actor.id }) })
  }),
  endpoint('post', '/:id/follow', async (req) => {
    const actor = requireContributor(req)
    await readJsonObject(req)
    const id = await followedItem(req, collection)
    await follow({ collection, id, req, user: actor.id })
    return Response.json({ isFollowing: true })
  }),
  endpoint('post', '/:id/unfollow', async (req) => {
    const actor = requireContributor(req)
    await readJsonObject(req)
    const id = await followedItem(req, collection)
    await unfollow({ collection, id, req, user: actor.id })
    return Response.json({ isFollowing: false })
  }),
]

export const readChange = (body: Record<string, unknown>): PreferencesChange => {
  const change: PreferencesChange = {}
  const { channels, language } = body
  if (language !== undefined) {
    if (language !== 'fr' && language !== 'en') throw new InvalidInputError('"language" must be "fr" or "en".', 'language')
    change.language = language
  }
  if (channels !== undefined) {
    if (typeof channels !== 'object' || channels === null || Array.isArray(channels)) {
      throw new InvalidInputError('"channels" must be an object: for each kind of notification, "email", "in-app" or "off".', 'channels')
    }
    const chosen: Partial<Record<NotificationKind, NotificationChannel>> = {}
    for (const [kind, channel] of Object.entries(channels)) {
      const known = notificationKinds.find((each) => each === kind)
      if (!known) {
        throw new InvalidInputError(`"channels" names an unknown kind "${kind}"; kinds are ${notificationKinds.join(', ')}.`, 'channels')
      }
      if (!isNotificationChannel(channel)) {
        throw new InvalidInputError(`"channels.${kind}" must be "email", "in-app" or "off".`, 'channels')
      }
      chosen[known] = channel
    }
    change.channels = chosen
  }
  return change
}

const presentPreferences = (preferences: Preferences) => ({ channels: preferences.channels, language: preferences.language })

/**
 * `GET /api/notification-preferences/me`: my language and, per kind, email,
 * in-app or off. `POST` with `{ language?, channels? }` changes them.
 */
export const preferencesEndpoints = (): Endpoint[] => [
  endpoint('get', '/me', async (req) => {
    const actor = requireContributor(req)
    const preferences = (await preferencesOf(req, [actor.id])).get(String(actor.id))
    return Response.json(preferences ? presentPreferences(preferences) : null)
  }),
  endpoint('post', '/me', async (req) => {
    const actor = requireContributor(req)
    const change = readChange(await readJsonObject(req))
    return Response.json(presentPreferences(await savePreferences({ change, req, user: actor.id })))
  }),
]
