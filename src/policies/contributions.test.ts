import { describe, expect, it } from 'vitest'

import {
  agencyScopeOf,
  canActForAgency,
  canEditWikiPage,
  canPromote,
  canPromoteInto,
  canPublishPending,
  canReviewGuideEdit,
  canValidate,
  canVerifyGuide,
  canContribute,
  canModerate,
  canPublishGuide,
  canPublishWiki,
  canReviewContributions,
} from './contributions.ts'
import { actorOf, type Actor } from './roles.ts'

const person = (overrides: Partial<Actor> = {}): Actor => ({
  agency: null,
  hasConfirmedEmail: true,
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

  it('publishes guide edits directly for agents of the guide’s agency and citizens trusted by others only', () => {
    const rules = { trustedReputation: 50, trustedValidatedContributions: 1 }
    const validated = (count: number) => ({ rules, validatedContributions: count })
    expect(canPublishGuide(person({ reputation: 49 }), 'ants', validated(3))).toBe(false)
    expect(canPublishGuide(person({ reputation: 50 }), 'ants', validated(1))).toBe(true)
    expect(canPublishGuide(person({ reputation: 500 }), 'ants', validated(0))).toBe(false)
    expect(canPublishGuide(person({ reputation: 500, isSuspended: true }), 'ants', validated(3))).toBe(false)
    expect(canPublishGuide(person({ agency: 'ants', role: 'agent' }), 'ants', validated(0))).toBe(true)
    expect(canPublishGuide(person({ agency: 'caf', role: 'agent' }), 'ants', validated(0))).toBe(false)
    expect(canPublishGuide(person({ role: 'editor' }), 'ants', validated(0))).toBe(true)
  })

  it('scopes every agency decision to the agent’s own agency', () => {
    const ants = person({ agency: 'ants', role: 'agent' })
    for (const may of [canValidate, canPromote, canPromoteInto, canPublishPending, canVerifyGuide, canReviewGuideEdit, canEditWikiPage]) {
      expect(may(ants, 'ants')).toBe(true)
      expect(may(ants, 'caf')).toBe(false)
      expect(may(ants, null)).toBe(false)
      expect(may(person({ role: 'editor' }), null)).toBe(true)
      expect(may(person({ reputation: 1000 }), 'ants')).toBe(false)
    }
    expect(agencyScopeOf(ants)).toEqual({ agency: 'ants', kind: 'agency' })
    expect(agencyScopeOf(person({ role: 'agent' }))).toEqual({ kind: 'none' })
    expect(agencyScopeOf(person({ role: 'admin' }))).toEqual({ kind: 'all' })
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
