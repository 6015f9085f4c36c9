import { describe, expect, it } from 'vitest'

import { EmbeddedEngine } from '../src/search/embeddedEngine.ts'
import { defaultIndexSettings } from '../src/search/settings.ts'
import type { KnowledgeDocument, SearchIndexSettings, SearchParams } from '../src/search/types.ts'
import { describeEmbeddedEngineExtras, describeSearchEngineContract } from './search/conformance.ts'

const freshEmbedded = async () => ({ engine: new EmbeddedEngine(), dispose: async () => {} })

describe('Embedded engine conformance', () => {
  describeSearchEngineContract(freshEmbedded)
  describeEmbeddedEngineExtras(freshEmbedded)
})

describe('Embedded engine ranking rules in another order', () => {
  const document = (id: string, title: string, trust: number, score: number, day: number): KnowledgeDocument => ({
    id,
    type: 'tip',
    title,
    text: 'Un conseil.',
    procedure: null,
    agency: null,
    isOfficial: trust >= 2,
    isValidated: trust % 2 === 1,
    score,
    updatedAt: Date.UTC(2025, 0, day),
    url: `/entraide/${id}`,
  })
  // Both words in `both-*`, one in `one-*`; trusts, scores and dates set so each rule order gives another result.
  const documents = [
    document('both-low-trust', 'passeport mairie', 0, 0, 3),
    document('one-high-trust', 'passeport', 3, 5, 1),
    document('both-high-trust', 'passeport mairie', 3, 1, 2),
  ]
  const order = async (rankingRules: SearchIndexSettings['rankingRules'], params: SearchParams = {}) => {
    const engine = new EmbeddedEngine()
    await engine.ensureIndex({ ...defaultIndexSettings, rankingRules })
    await engine.upsert(documents)
    const { hits } = await engine.search({ query: 'passeport mairie', ...params })
    return hits.map(({ document: { id } }) => id)
  }

  it('follows the rules in the order the settings give, whichever come first', async () => {
    expect(await order(['words', 'trust:desc'])).toEqual(['both-high-trust', 'both-low-trust', 'one-high-trust'])
    expect(await order(['words', 'trust:asc'])).toEqual(['both-low-trust', 'both-high-trust', 'one-high-trust'])
    expect(await order(['trust:desc', 'words'])).toEqual(['both-high-trust', 'one-high-trust', 'both-low-trust'])
    expect(await order(['trust:asc', 'words'])).toEqual(['both-low-trust', 'both-high-trust', 'one-high-trust'])
  })

  it('applies the rules after a custom attribute or a sort in their order too', async () => {
    // score:desc first: the score decides, then words, then trust.
    expect(await order(['score:desc', 'words', 'trust:desc'])).toEqual([
      'one-high-trust',
      'both-high-trust',
      'both-low-trust',
    ])
    // A sort between words and trust: the dates decide among documents with both words.
    const byDate = (direction: 'asc' | 'desc') =>
      order(['words', 'sort', 'trust:desc'], { sort: [{ attribute: 'updatedAt', direction }] })
    expect(await byDate('desc')).toEqual(['both-low-trust', 'both-high-trust', 'one-high-trust'])
    expect(await byDate('asc')).toEqual(['both-high-trust', 'both-low-trust', 'one-high-trust'])
  })
})

describe('Embedded engine filters between writes', () => {
  const tip = (id: string, agency: string | null): KnowledgeDocument => ({
    id,
    type: 'tip',
    title: 'Passeport en mairie',
    text: 'Prenez rendez-vous.',
    procedure: null,
    agency,
    isOfficial: false,
    isValidated: false,
    score: 0,
    updatedAt: Date.UTC(2025, 0, 1),
    url: `/entraide/${id}`,
  })

  it('answers the same filter again with the documents written, changed and deleted since', async () => {
    const engine = new EmbeddedEngine()
    await engine.ensureIndex(defaultIndexSettings)
    await engine.upsert([tip('tips-1', 'ants'), tip('tips-2', 'caf')])
    const ants = async (query?: string) =>
      (await engine.search({ query, filter: { op: 'equals', attribute: 'agency', value: 'ants' } })).hits
        .map(({ document }) => document.id)
        .sort()
    expect(await ants('passeport')).toEqual(['tips-1'])
    await engine.upsert([tip('tips-3', 'ants')])
    expect(await ants('passeport')).toEqual(['tips-1', 'tips-3'])
    expect(await ants()).toEqual(['tips-1', 'tips-3'])
    await engine.upsert([tip('tips-1', 'caf')])
    expect(await ants('passeport')).toEqual(['tips-3'])
    await engine.delete(['tips-3'])
    expect(await ants('passeport')).toEqual([])
    expect(await ants()).toEqual([])
  })
})
