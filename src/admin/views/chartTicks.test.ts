import { describe, expect, it } from 'vitest'

import { estimatedWidth, labelGap, tickInterval, valueAxisWidth } from './chartTicks.ts'

const weeks = ['14/09', '21/09', '28/09', '05/10', '12/10', '19/10', '26/10', '02/11', '09/11', '16/11', '23/11', '30/11']

describe('which tick labels a dashboard chart draws', () => {
  it('draws every week label on a wide chart', () => {
    expect(tickInterval(weeks, 1160)).toBe(0)
  })

  it('skips labels on a phone-wide chart so that the drawn ones do not overlap', () => {
    const interval = tickInterval(weeks, 290)
    expect(interval).toBeGreaterThan(0)
    const slot = (290 - valueAxisWidth) / weeks.length
    // Two drawn labels are (interval + 1) slots apart: more than the widest label.
    expect((interval + 1) * slot).toBeGreaterThan(Math.max(...weeks.map(estimatedWidth)))
    expect(interval * slot).toBeLessThanOrEqual(Math.max(...weeks.map(estimatedWidth)) + labelGap)
  })

  it('makes room for long procedure names by drawing fewer of them', () => {
    const names = ['Obtenir un acte de naissance', 'Renouveler un passeport', 'Demander l’aide personnalisée…']
    expect(tickInterval(names, 570)).toBe(1)
    expect(tickInterval(names, 1160)).toBe(0)
  })

  it('draws every label while the chart has no width yet, and for no label at all', () => {
    expect(tickInterval(weeks, 0)).toBe(0)
    expect(tickInterval([], 500)).toBe(0)
  })
})
