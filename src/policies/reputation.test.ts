import { describe, expect, it } from 'vitest'

import { reputationOf, type ReputationAct } from './reputation.ts'
import { hasStanding } from './standing.ts'

const rules = { maxPointsFromOnePerson: 10 }
const everyone = () => true

describe('reputation', () => {
  it('counts nothing of one’s own acts', () => {
    const acts: ReputationAct[] = [{ by: 1, kind: 'accepted' }, { by: 1, kind: 'vote', value: 1 }]
    expect(reputationOf({ acts, hasStanding: everyone, personId: 1, rules })).toBe(0)
  })

  it('counts nothing from people without standing', () => {
    const acts: ReputationAct[] = [{ by: 2, kind: 'accepted' }, { by: 3, kind: 'vote', value: 1 }]
    expect(reputationOf({ acts, hasStanding: (by) => by === 3, personId: 1, rules })).toBe(1)
  })

  it('caps one person’s votes and acceptances, up and down, but not validations', () => {
    const acts: ReputationAct[] = [
      { by: 2, kind: 'accepted' },
      { by: 2, kind: 'accepted' },
      { by: 3, kind: 'vote', value: 1 },
      { by: 4, kind: 'validated', what: 'answer' },
      { by: 4, kind: 'validated', what: 'tip' },
    ]
    expect(reputationOf({ acts, hasStanding: everyone, personId: 1, rules })).toBe(10 + 1 + 50)
    const downs: ReputationAct[] = Array.from({ length: 30 }, () => ({ by: 5, kind: 'vote', value: -1 }))
    expect(reputationOf({ acts: [...acts, ...downs], hasStanding: everyone, personId: 1, rules })).toBe(51)
  })

  it('never goes below zero', () => {
    expect(reputationOf({ acts: [{ by: 2, kind: 'vote', value: -1 }], hasStanding: everyone, personId: 1, rules })).toBe(0)
  })
})

describe('standing', () => {
  const standing = { minAccountAgeHours: 24, minPublishedContributions: 1 }
  const now = new Date('2026-06-02T12:00:00Z')
  it('needs an account old enough with published contributions, and is always there for staff', () => {
    const old = '2026-05-31T12:00:00Z'
    expect(hasStanding({ createdAt: old, publishedContributions: 1, role: 'citizen' }, standing, now)).toBe(true)
    expect(hasStanding({ createdAt: old, publishedContributions: 0, role: 'citizen' }, standing, now)).toBe(false)
    expect(hasStanding({ createdAt: '2026-06-02T11:00:00Z', publishedContributions: 5, role: 'citizen' }, standing, now)).toBe(false)
    expect(hasStanding({ createdAt: null, publishedContributions: 5, role: 'citizen' }, standing, now)).toBe(false)
    expect(hasStanding({ createdAt: '2026-06-02T11:59:00Z', publishedContributions: 0, role: 'agent' }, standing, now)).toBe(true)
  })
})
