import { describe, expect, it } from 'vitest'

import {
  canActForAgency,
  canContribute,
  canModerate,
  canPublishGuide,
  canPublishWiki,
  canReviewContributions,
} from './contributions.ts'
import { actorOf, type Actor } from './roles.ts'

const person = (overrides: Partial<Actor> = {}): Actor => ({
  agency: null,
  id: 'u1',
  isCommunityAccount: true,
  isSuspended: false,
  reputation: 0,
  role: 'citizen',
  suspensionReason: null,
  ...overrides,
})

describe('roles and rights', () => {
  it('reads the acting person from a user document, defaulting unknown roles to citizen', () => {
    expect(actorOf(null)).toBeNull()
    expect(actorOf({ id: 'a', role: 'superuser' })?.role).toBe('citizen')
    expect(actorOf({ agency: { id: 'ag' }, id: 'a', isSuspended: true, role: 'agent' })).toMatchObject({
      agency: 'ag',
      isSuspended: true,
      role: 'agent',
    })
  })

  it('lets agents act on their own agency only, editors and admins everywhere', () => {
    expect(canActForAgency(person({ agency: 'ants', role: 'agent' }), 'ants')).toBe(true)
    expect(canActForAgency(person({ agency: 'ants', role: 'agent' }), 'caf')).toBe(false)
    expect(canActForAgency(person({ role: 'agent' }), 'caf')).toBe(false)
    expect(canActForAgency(person({ role: 'editor' }), 'caf')).toBe(true)
    expect(canActForAgency(person({ role: 'admin' }), null)).toBe(true)
    expect(canActForAgency(person(), 'ants')).toBe(false)
    expect(canActForAgency(null, 'ants')).toBe(false)
  })

  it('publishes guide edits directly for agents and trusted citizens only', () => {
    expect(canPublishGuide(person({ reputation: 49 }), 50)).toBe(false)
    expect(canPublishGuide(person({ reputation: 50 }), 50)).toBe(true)
    expect(canPublishGuide(person({ reputation: 500, isSuspended: true }), 50)).toBe(false)
    expect(canPublishGuide(person({ role: 'agent' }), 50)).toBe(true)
  })

  it('keeps wiki publishing and moderation to editors and admins', () => {
    expect(canPublishWiki(person({ role: 'agent' }))).toBe(false)
    expect(canPublishWiki(person({ role: 'editor' }))).toBe(true)
    expect(canModerate(person({ role: 'agent' }))).toBe(false)
    expect(canModerate(person({ role: 'admin' }))).toBe(true)
    expect(canReviewContributions(person({ role: 'agent' }))).toBe(true)
    expect(canReviewContributions(person())).toBe(false)
  })

  it('stops suspended people from contributing', () => {
    expect(canContribute(person())).toBe(true)
    expect(canContribute(person({ isSuspended: true }))).toBe(false)
    expect(canContribute(null)).toBe(false)
  })
})
