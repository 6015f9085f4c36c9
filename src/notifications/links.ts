import type { PayloadRequest } from 'payload'

import { notificationsSlug } from '../collections/Notifications.ts'
import type { ID } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import type { NotificationKind } from './kinds.ts'
import { signUnsubscribeToken } from './unsubscribeToken.ts'

/** The site address links and unsubscribe links start with. */
export const siteUrlOf = (req: PayloadRequest): string =>
  (optionsOf(req.payload).notifications.siteUrl ?? (req.payload.config.serverURL || 'http://localhost:3000')).replace(/\/+$/, '')

/** A notification's link as a full address (procedure URLs are paths on the site). */
export const absolute = (req: PayloadRequest, link: string | null): string | null => {
  if (link === null) return null
  if (/^https?:\/\//.test(link)) return link
  return `${siteUrlOf(req)}${link.startsWith('/') ? '' : '/'}${link}`
}

/** The one-click unsubscribe address of some kinds (one, or those of a grouped email) for one person. */
export const unsubscribeUrlOf = (req: PayloadRequest, user: ID, kinds: readonly NotificationKind[]): string => {
  const token = signUnsubscribeToken(req.payload.secret, { kinds, userId: String(user) })
  return `${siteUrlOf(req)}${req.payload.config.routes.api}/${notificationsSlug}/unsubscribe?token=${token}`
}
