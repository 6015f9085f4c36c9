import { describe, expect, it } from 'vitest'

import { procedureChanges, storedChanges } from './procedureChanges.ts'

const steps = (...titles: string[]) => ({ steps: titles.map((title, index) => ({ id: `row-${title}-${index}`, title })) })

describe('procedureChanges', () => {
  it('does not call steps moved when they were only renumbered by a removal before them', () => {
    const before = steps('A', 'B', 'C')
    const after = { steps: before.steps.slice(1) }
    expect(procedureChanges(before, after)).toEqual([{ field: 'steps', steps: [{ kind: 'removed', number: 1, title: 'A' }] }])
  })

  it('names swapped steps as moved', () => {
    const before = steps('A', 'B')
    const [first, second] = before.steps
    expect(procedureChanges(before, { steps: [second, first] })).toEqual([
      {
        field: 'steps',
        steps: [
          { kind: 'moved', number: 1, previousNumber: 2, title: 'B' },
          { kind: 'moved', number: 2, previousNumber: 1, title: 'A' },
        ],
      },
    ])
  })

  it('reads empty text, missing fields and equal dates as no change', () => {
    expect(procedureChanges({ cost: '', delay: null }, { cost: null })).toEqual([])
    expect(
      procedureChanges({ lastOfficialChange: '2026-01-01T00:00:00Z' }, { lastOfficialChange: '2026-01-01T00:00:00.000Z' }),
    ).toEqual([])
    expect(procedureChanges({ title: 'Avant', summary: 'x' }, { title: 'Après', summary: 'y' })).toEqual([])
  })

  it('reads back only well-formed stored changes', () => {
    expect(storedChanges([{ after: '1 €', before: null, field: 'cost' }])).toEqual([{ after: '1 €', before: null, field: 'cost' }])
    expect(storedChanges('not a list')).toEqual([])
    expect(storedChanges(null)).toEqual([])
  })
})
