import { describe, expect, it } from 'vitest'

import { isVersionAtLeast, meilisearchStopWords, meilisearchSynonyms } from './meilisearchSettings.ts'

describe('Meilisearch versions', () => {
  it.each([
    ['1.15.0', true],
    ['1.15.3', true],
    ['1.16.0-rc.1', true],
    ['1.50.0', true],
    ['2.0.0', true],
    ['v1.15.0', true],
    ['1.14.9', false],
    ['1.9.0', false],
    ['0.30.5', false],
  ])('compares %s with the minimum 1.15.0', (version, expected) => {
    expect(isVersionAtLeast(version, '1.15.0')).toBe(expected)
  })

  it('cannot tell for a version it cannot read', () => {
    expect(isVersionAtLeast('unknown', '1.15.0')).toBeUndefined()
  })
})

describe('stop words and synonyms for Meilisearch', () => {
  it('lists each stop word in the forms the server compares, without duplicates', () => {
    const words = meilisearchStopWords(['à', 'le', 'ça'], {})
    expect(words.sort()).toEqual(['A', 'a', 'À', 'à', 'CA', 'Ca', 'ca', 'ÇA', 'Ça', 'ça', 'LE', 'Le', 'le'].sort())
  })

  it('leaves out a stop word used in a synonym, whatever the case or accents it is written with', () => {
    expect(meilisearchStopWords(['à', 'le', 'la'], { 'Prise En Charge A La Source': ['prélèvement'] })).toEqual([
      'le',
      'Le',
      'LE',
    ])
  })

  it('keeps keys of three words or fewer, counting the elided ones', () => {
    expect(
      meilisearchSynonyms({
        cni: ["carte nationale d'identité"],
        "carte d'identité": ['cni'],
        "carte nationale d'identité": ['cni'],
        rsa: [],
      }),
    ).toEqual({ cni: ["carte nationale d'identité"], "carte d'identité": ['cni'] })
  })
})
