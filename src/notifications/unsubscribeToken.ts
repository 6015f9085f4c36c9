import { createHmac, timingSafeEqual } from 'node:crypto'

import { listOf } from '../utilities/ids.ts'
import { isNotificationKind, type NotificationKind } from './kinds.ts'

/** Who unsubscribes from what: the person's id (as text) and the kind of email. */
export type UnsubscribeClaim = { userId: string; kind: NotificationKind }

const signature = (secret: string, payload: string): Buffer =>
  createHmac('sha256', secret).update(`entraide-unsubscribe:${payload}`).digest()

/**
 * A token that lets whoever holds the email stop one kind of email for one
 * person, without signing in: the person and the kind, signed with the
 * Payload secret (HMAC-SHA256). It names no email address.
 */
export const signUnsubscribeToken = (secret: string, { kind, userId }: UnsubscribeClaim): string => {
  const payload = Buffer.from(JSON.stringify([userId, kind])).toString('base64url')
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
  const list = listOf(parsed)
  if (list.length !== 2) return null
  const [userId, kind] = list
  if (typeof userId !== 'string' || userId === '' || !isNotificationKind(kind)) return null
  return { kind, userId }
}
