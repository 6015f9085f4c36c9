import { describe, expect, it } from 'vitest'

import { EmbeddedEngine } from './embeddedEngine.ts'
import { compileFilterPredicate } from './filters.ts'
import { defaultIndexSettings } from './settings.ts'
import type { KnowledgeDocument, KnowledgeType, SearchFilter } from './types.ts'

// Filters on low-cardinality attributes select candidates before matching;
// whatever the path, a filtered search must return exactly the documents of
// the unfiltered search that pass the filter, ranked the same, with facets
// counted over them.

const settings = {
  ...defaultIndexSettings,
  filterableAttributes: [...defaultIndexSettings.filterableAttributes, 'score' as const, 'procedure.id' as const],
}
const types: KnowledgeType[] = ['procedure', 'guide', 'wiki', 'tip', 'thread']
const words = ['passeport', 'carte', 'identité', 'mairie', 'renouvellement', 'nationale', 'logement', 'timbre']

const corpus: KnowledgeDocument[] = Array.from({ length: 240 }, (_, index) => ({
  id: `doc-${index}`,
  type: types[index % types.length] ?? 'tip',
  title: `${words[index % words.length]} ${words[(index * 3) % words.length]}`,
  text: Array.from({ length: 12 }, (_, offset) => words[(index * 7 + offset * 5) % words.length]).join(' '),
  procedure: index % 9 === 0 ? null : { id: (index % 4) + 1, slug: `procedure-${(index % 4) + 1}`, title: 'Démarche' },
  agency: index % 5 === 0 ? null : ['ants', 'caf', 'Mairie'][index % 3] ?? null,
  isOfficial: index % 6 === 0,
  isValidated: index % 4 === 1,
  score: index % 7,
  updatedAt: Date.UTC(2026, 0, 1) + index,
  url: `/docs/${index}`,
}))

const filters: SearchFilter[] = [
  { op: 'equals', attribute: 'procedure.slug', value: 'procedure-2' },
  { op: 'equals', attribute: 'agency', value: ' MAIRIE ' },
  { op: 'equals', attribute: 'procedure.id', value: '3' },
  { op: 'in', attribute: 'type', values: ['tip', 'wiki', 'nope'] },
  { op: 'boolean', attribute: 'isOfficial', value: true },
  { op: 'not', filter: { op: 'equals', attribute: 'agency', value: 'caf' } },
  {
    op: 'or',
    filters: [
      { op: 'equals', attribute: 'type', value: 'guide' },
      { op: 'boolean', attribute: 'isValidated', value: true },
    ],
  },
  // A column-backed part narrows; the score condition is checked per document.
  {
    op: 'and',
    filters: [
      { op: 'equals', attribute: 'procedure.slug', value: 'procedure-1' },
      { op: 'not', filter: { op: 'equals', attribute: 'score', value: 3 } },
    ],
  },
  // Nothing column-backed at the top: checked per document only.
  {
    op: 'or',
    filters: [
      { op: 'equals', attribute: 'score', value: 2 },
      { op: 'equals', attribute: 'type', value: 'thread' },
    ],
  },
  { op: 'equals', attribute: 'procedure.slug', value: 'unknown' },
]

describe('the embedded engine’s filters', () => {
  it('return the unfiltered ranking’s documents that pass the filter, in the same order, after replacements and deletions', async () => {
    const engine = new EmbeddedEngine()
    await engine.ensureIndex(settings)
    await engine.upsert(corpus)
    await engine.upsert(corpus.filter((_, index) => index % 11 === 0).map((document) => ({ ...document, agency: 'caf' })))
    await engine.delete(corpus.filter((_, index) => index % 13 === 0).map(({ id }) => id))

    for (const query of ['passeport', 'carte identite', 'mairie renouvel', '']) {
      for (const matchingStrategy of ['last', 'all', 'frequency'] as const) {
        const all = await engine.search({ limit: 1000, matchingStrategy, query })
        for (const filter of filters) {
          const passes = compileFilterPredicate(filter, settings.filterableAttributes)
          const expected = all.hits.filter((hit) => passes(hit.document)).map((hit) => hit.document.id)
          const filtered = await engine.search({
            facets: ['type', 'agency'],
            filter,
            limit: 1000,
            matchingStrategy,
            query,
          })
          expect(filtered.hits.map((hit) => hit.document.id), JSON.stringify({ filter, query })).toEqual(expected)
          expect(filtered.total).toBe(expected.length)
          const types = new Map<string, number>()
          for (const hit of all.hits.filter((candidate) => passes(candidate.document))) {
            types.set(hit.document.type, (types.get(hit.document.type) ?? 0) + 1)
          }
          expect(filtered.facets.type).toEqual(Object.fromEntries(types))
        }
      }
    }
  })
})
