import { describe, expect, it } from 'vitest'

import type { SearchResult } from '../search/types.ts'
import { searchResponseOf } from './search.ts'

const result = (total: number, isTotalExact: boolean): SearchResult => ({
  hits: [],
  total,
  isTotalExact,
  facets: {},
  processingTimeMs: 1,
  query: 'passeport',
  limit: 10,
  offset: 0,
})

describe('the search API response', () => {
  it('says whether the total is exact, or where the engine stopped counting', () => {
    expect(searchResponseOf(result(42, true))).toMatchObject({ total: 42, isTotalExact: true })
    expect(searchResponseOf(result(1000, false))).toMatchObject({ total: 1000, isTotalExact: false })
  })
})
