import { describe, expect, it } from 'vitest'

import { stringsFor } from './strings.ts'

describe('the number of search results', () => {
  it('says "more than" when the engine stopped counting, with the number written for each language', () => {
    expect(stringsFor('fr').searchResultsMoreThan(1000, 'photo')).toBe('Plus de 1\u202f000 résultats pour « photo ».')
    expect(stringsFor('en').searchResultsMoreThan(1000, 'photo')).toBe('More than 1,000 results for “photo”.')
  })

  it('writes exact counts of a thousand and more with the language’s separators', () => {
    expect(stringsFor('fr').searchResults(2345, 'photo')).toBe('2\u202f345 résultats pour « photo ».')
    expect(stringsFor('en').searchResults(2345, 'photo')).toBe('2,345 results for “photo”.')
  })
})
