import { describe, expect, it } from 'vitest'

import { readUnsubscribeToken, signUnsubscribeToken } from './unsubscribeToken.ts'

const secret = 'a-payload-secret'

describe('unsubscribe tokens', () => {
  it('read back the person and kind they were signed for', () => {
    const token = signUnsubscribeToken(secret, { kinds: ['answer-validated'], userId: '42' })
    expect(readUnsubscribeToken(secret, token)).toEqual({ kinds: ['answer-validated'], userId: '42' })
    expect(token).not.toContain('@')
  })

  it('name every kind of a grouped email', () => {
    const token = signUnsubscribeToken(secret, { kinds: ['answer-posted', 'followed-update'], userId: '42' })
    expect(readUnsubscribeToken(secret, token)).toEqual({ kinds: ['answer-posted', 'followed-update'], userId: '42' })
    // Signed, but for no kind at all: nothing to stop.
    expect(readUnsubscribeToken(secret, signUnsubscribeToken(secret, { kinds: [], userId: '42' }))).toBeNull()
  })

  it('are refused when altered, truncated, for another kind or signed with another secret', () => {
    const token = signUnsubscribeToken(secret, { kinds: ['answer-validated'], userId: '42' })
    const [payload, signature] = token.split('.')
    const otherPayload = Buffer.from(JSON.stringify(['43', 'answer-validated'])).toString('base64url')
    expect(readUnsubscribeToken(secret, `${otherPayload}.${signature}`)).toBeNull()
    expect(readUnsubscribeToken(secret, `${payload}.${signature?.slice(0, -2)}`)).toBeNull()
    expect(readUnsubscribeToken(secret, `${payload}`)).toBeNull()
    expect(readUnsubscribeToken('another-secret', token)).toBeNull()
    const unknownKind = Buffer.from(JSON.stringify(['42', 'everything'])).toString('base64url')
    expect(readUnsubscribeToken(secret, signUnsubscribeToken(secret, { kinds: ['answer-validated'], userId: '42' }).replace(payload ?? '', unknownKind))).toBeNull()
    expect(readUnsubscribeToken(secret, '')).toBeNull()
    expect(readUnsubscribeToken(secret, 'not.a.token')).toBeNull()
  })
})
