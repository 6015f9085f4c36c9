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

describe('what a search shows', () => {
  it('says how many results are on screen when fewer than all are shown', () => {
    expect(stringsFor('fr').searchShown(8, 15)).toBe('8 affichés sur 15.')
    expect(stringsFor('en').searchShown(8, 15)).toBe('Showing 8 of 15.')
  })

  it('offers the same search in every procedure when this one has nothing', () => {
    expect(stringsFor('fr').searchNothingHere('impots')).toBe('Aucun résultat pour « impots » dans cette démarche.')
    expect(stringsFor('fr').searchEverywhere('impots')).toBe('Chercher « impots » dans toutes les démarches')
    expect(stringsFor('en').searchEverywhere('taxes')).toBe('Search “taxes” in all procedures')
  })
})
