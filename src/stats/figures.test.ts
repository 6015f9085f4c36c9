import { describe, expect, it } from 'vitest'

import { figuresToCsv, median, monthsBetween, rate, ScopeTally, type PublicFigures } from './figures.ts'

describe('the arithmetic of the public figures', () => {
  it('takes the middle value as the median, or the mean of the two middle ones', () => {
    expect(median([30, 10, 20])).toBe(20)
    expect(median([40, 10, 20, 30])).toBe(25)
    expect(median([])).toBeNull()
  })

  it('gives shares from 0 to 1 with 4 decimals, and none without a whole', () => {
    expect(rate(1, 3)).toBe(0.3333)
    expect(rate(0, 4)).toBe(0)
    expect(rate(0, 0)).toBeNull()
  })

  it('lists the months of a period across a new year', () => {
    expect(monthsBetween(new Date('2025-11-01T00:00:00Z'), new Date('2026-02-14T12:00:00Z'))).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ])
  })

  it('ignores what falls outside the period, and keeps an earlier guide measurement only where none was made', () => {
    const tally = new ScopeTally(new Set(['2026-01', '2026-02']))
    tally.question('2025-12', true)
    tally.question('2026-01', true)
    tally.question('2026-01', false)
    tally.guide('2026-02', false)
    tally.keepGuides('2026-02', { guides: 5, guidesVerified: 5 })
    tally.keepGuides('2026-01', { guides: 4, guidesVerified: 3 })
    const [january, february] = tally.figures(['2026-01', '2026-02'])
    expect(january).toMatchObject({ answeredWithin48hRate: 0.5, guides: 4, guidesVerified: 3, guidesVerifiedRate: 0.75, questions: 2 })
    expect(february).toMatchObject({ answeredWithin48hRate: null, guides: 1, guidesVerified: 0, questions: 0 })
  })
})

describe('the CSV of the public figures', () => {
  it('quotes commas and quotes, and keeps a spreadsheet from running a title as a formula', () => {
    const month = {
      answeredWithin48h: 0,
      answeredWithin48hRate: null,
      guides: null,
      guidesVerified: null,
      guidesVerifiedRate: null,
      medianHoursToValidation: null,
      month: '2026-01',
      officialAnswers: 0,
      questions: 0,
      questionsAvoided: 2,
      validations: 0,
    }
    const figures: PublicFigures = {
      agencies: [{ months: [month], name: 'Impôts, "service"', slug: 'impots' }],
      computedAt: '2026-01-31T10:00:00.000Z',
      period: { from: '2026-01', timeZone: 'UTC', to: '2026-01' },
      procedures: [{ agency: 'impots', months: [month], slug: 'declarer', title: '=HYPERLINK("x")' }],
      total: { months: [month] },
    }
    const lines = figuresToCsv(figures).split('\r\n')
    expect(lines[2]).toBe('agency,impots,"Impôts, ""service""",,,2026-01,0,0,,0,,0,,,,2,2026-01-31T10:00:00.000Z')
    expect(lines[3]).toBe('procedure,impots,"Impôts, ""service""",declarer,"\'=HYPERLINK(""x"")",2026-01,0,0,,0,,0,,,,2,2026-01-31T10:00:00.000Z')
    expect(lines.at(-1)).toBe('')
  })
})
