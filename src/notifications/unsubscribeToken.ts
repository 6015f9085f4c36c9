import { createHmac, timingSafeEqual } from 'node:crypto'

import { listOf } from '../utilities/ids.ts'
import { isNotificationKind, type NotificationKind } from './kinds.ts'

/**
 * Who unsubscribes from what: the person's id (as text) and the kinds of
 * email, one for an email about one notification, those it held for a
 * grouped email.
 */
export type UnsubscribeClaim = { userId: string; kinds: readonly NotificationKind[] }

const signature = (secret: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(`entraide-unsubscribe:${payload}`).digest()

/**
 * A token that lets whoever holds the email stop some kinds of email (one,
 * usually) for one person, without signing in: the person and the kinds,
 * signed with the Payload secret (HMAC-SHA256). It names no email address.
 */
export const signUnsubscribeToken = (secret: string, { kinds, userId }: UnsubscribeClaim): string => {
  const payload = Buffer.from(JSON.stringify([userId, ...kinds])).toString('base64url')
  return `${payload}.${signature(secret, payload).toString('base64url')}`
}

/** The claim of a token this secret signed, or null for anything else (altered, truncated, another site's). */
export const readUnsubscribeToken = (secret: string, token: string): UnsubscribeClaim | null => {
  const [payload, signed, ...rest] = token.split('.')
  if (!payload || !signed || rest.length > 0) return null
  const expected = signature(secret, payload)
  const given = Buffer.from(signed, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  const [userId, ...named] = listOf(parsed)
  if (typeof userId !== 'string' || userId === '' || named.length === 0) return null
  const kinds = named.filter(isNotificationKind)
  if (kinds.length !== named.length) return null
  return { kinds: [...new Set(kinds)], userId }
}
