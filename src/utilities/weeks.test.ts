import { describe, expect, it } from 'vitest'

import { addToWeeks, weekOf, weeksUpTo } from './weeks.ts'

describe('weeks', () => {
  it('names a week by its Monday, in UTC', () => {
    // Wednesday 2 December 2026, Monday 30 November, Sunday 6 December late in the day.
    expect(weekOf(Date.parse('2026-12-02T12:00:00Z'))).toBe('2026-11-30')
    expect(weekOf(Date.parse('2026-11-30T00:00:00Z'))).toBe('2026-11-30')
    expect(weekOf(Date.parse('2026-12-06T23:59:59Z'))).toBe('2026-11-30')
    expect(weekOf(Date.parse('2026-11-29T23:59:59Z'))).toBe('2026-11-23')
  })

  it('lists the weeks up to now, oldest first', () => {
    expect(weeksUpTo(Date.parse('2026-12-02T12:00:00Z'), 3)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30'])
  })

  it('adds weekly counts and keeps the latest weeks only', () => {
    expect(addToWeeks({ '2026-11-16': 1, '2026-11-23': 2 }, { '2026-11-23': 1, '2026-11-30': 4 }, 2)).toEqual({
      '2026-11-23': 3,
      '2026-11-30': 4,
    })
  })
})
