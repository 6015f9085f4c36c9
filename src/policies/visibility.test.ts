import type { Where } from 'payload'
import { describe, expect, it } from 'vitest'

import type { Actor, Role } from './roles.ts'
import { canSeeContribution, pageContributionsWhere, visibleContributionsWhere, type Audience } from './visibility.ts'

// The rule as a test on one item and as a database filter must agree: the
// filter is evaluated here on the same items, the way a database would.

const person = (id: number, role: Role): Actor => ({
  agency: null,
  hasConfirmedEmail: true,
  id,
  isCommunityAccount: role === 'citizen',
  isSuspended: false,
  reputation: 0,
  role,
  suspensionReason: null,
})

/** Evaluates the `and` / `or` / `equals` filters the rule writes on one item. */
const matches = (where: Where | true, item: Record<string, unknown>): boolean => {
  if (where === true) return true
  return Object.entries(where).every(([key, condition]) => {
    if (key === 'and') return (condition as Where[]).every((part) => matches(part, item))
    if (key === 'or') return (condition as Where[]).some((part) => matches(part, item))
    return item[key] === (condition as { equals: unknown }).equals
  })
}

const author = person(1, 'citizen')
const readers: (Actor | null)[] = [
  null,
  author,
  person(2, 'citizen'),
  person(3, 'agent'),
  person(4, 'editor'),
  person(5, 'admin'),
]
const items = ['published', 'pending', 'hidden'].flatMap((visibility) => [
  { author: 1, visibility },
  { author: 2, visibility },
  { author: null, visibility },
])

describe('who sees a contribution', () => {
  it('is the same rule as a test on one item and as a database filter, for every reader and audience', () => {
    for (const audience of ['api', 'page'] as Audience[]) {
      for (const reader of readers) {
        const where = audience === 'api' ? visibleContributionsWhere(reader) : pageContributionsWhere(reader)
        for (const item of items) {
          expect(matches(where, item), `${reader?.role ?? 'anonymous'} ${audience} ${JSON.stringify(item)}`).toBe(
            canSeeContribution(reader, item, audience),
          )
        }
      }
    }
  })

  it('shows published items to all, unpublished ones to their author, and everything to reviewers in the API only', () => {
    const hidden = { author: 1, visibility: 'hidden' }
    expect(canSeeContribution(null, { author: 1, visibility: 'published' })).toBe(true)
    expect(canSeeContribution(null, hidden)).toBe(false)
    expect(canSeeContribution(author, hidden, 'page')).toBe(true)
    expect(canSeeContribution(person(2, 'citizen'), hidden)).toBe(false)
    expect(canSeeContribution(person(3, 'agent'), hidden, 'api')).toBe(true)
    expect(canSeeContribution(person(3, 'agent'), hidden, 'page')).toBe(false)
    // An id that arrives as text (from a URL) is the same author.
    expect(canSeeContribution(author, { author: '1', visibility: 'pending' }, 'page')).toBe(true)
  })
})
