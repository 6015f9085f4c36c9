import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { isSearchError } from '../../src/search/errors.ts'
import type { SearchErrorCode } from '../../src/search/errors.ts'
import { defaultIndexSettings } from '../../src/search/settings.ts'
import type { KnowledgeDocument, SearchEngine, SearchFilter, SearchParams } from '../../src/search/types.ts'

/** An engine under test, and how to throw away what it created. */
export type EngineHarness = { engine: SearchEngine; dispose: () => Promise<void> }

/** Builds a fresh, empty engine on which `ensureIndex` has not been called yet. */
export type EngineFactory = () => Promise<EngineHarness>

const passport = { id: 1, slug: 'passeport', title: 'Passeport' }
const idCard = { id: 2, slug: 'carte-identite', title: 'Pièce d’identité' }
const taxes = { id: 3, slug: 'declaration-revenus', title: 'Déclaration des revenus' }
const housing = { id: 4, slug: 'aide-logement', title: 'Aide au logement' }
const vehicle = { id: 5, slug: 'carte-grise', title: 'Véhicule' }
const licence = { id: 6, slug: 'permis-conduire', title: 'Permis de conduire' }

const knowledge = (document: Partial<KnowledgeDocument> & Pick<KnowledgeDocument, 'id' | 'type' | 'title' | 'text'>) => ({
  procedure: null,
  agency: null,
  isOfficial: false,
  isValidated: false,
  score: 0,
  updatedAt: Date.UTC(2025, 0, 1),
  url: `/entraide/${document.id}`,
  ...document,
})

const hostileAgency = 'quote"and\\back\\'

const longText = [
  'Pour obtenir un logement social, il faut déposer une demande auprès de la mairie ou en ligne.',
  'Le dossier réunit les justificatifs de ressources, une pièce d’identité et la composition du foyer.',
  'Une fois la demande enregistrée, vous recevez un numéro unique départemental à conserver précieusement.',
  'Ce numéro est demandé à chaque renouvellement annuel et lors de chaque proposition de logement.',
  'Sans renouvellement dans les délais, la demande est radiée et l’ancienneté est perdue.',
].join(' ')

/** The corpus every read-only test searches; expectations are computed from it, never typed in. */
export const fixtures: KnowledgeDocument[] = [
  knowledge({
    id: 'procedures-1',
    type: 'procedure',
    title: 'Renouveler son passeport',
    text: 'Le passeport se renouvelle en mairie sur rendez-vous. Préparez une photo récente et un timbre fiscal acheté en ligne.',
    procedure: passport,
    agency: 'ants',
    isOfficial: true,
    isValidated: true,
    updatedAt: Date.UTC(2025, 2, 1),
  }),
  knowledge({
    id: 'guides-1',
    type: 'guide',
    title: 'Refaire sa carte nationale d’identité après une perte',
    text: 'Déclarez la perte en ligne, puis prenez rendez-vous en mairie avec un justificatif de domicile.',
    procedure: idCard,
    agency: 'ants',
    isValidated: true,
    updatedAt: Date.UTC(2025, 1, 10),
  }),
  knowledge({
    id: 'wiki-1',
    type: 'wiki',
    title: 'Déclarer ses impôts en ligne',
    text: 'La déclaration des revenus se fait chaque printemps sur l’espace particulier.',
    procedure: taxes,
    agency: 'dgfip',
    isOfficial: true,
    isValidated: true,
    updatedAt: Date.UTC(2025, 3, 5),
  }),
  knowledge({
    id: 'tips-1',
    type: 'tip',
    title: 'Aide personnalisée au logement : déclarer ses ressources',
    text: 'Chaque trimestre, mettez à jour vos ressources auprès de la caisse pour garder le bon montant.',
    procedure: housing,
    agency: 'caf',
    isValidated: true,
    score: 4,
    updatedAt: Date.UTC(2025, 4, 1),
  }),
  knowledge({
    id: 'tips-2',
    type: 'tip',
    title: 'Photo pour la CNI',
    text: 'Le fond doit être clair et uni, sinon la mairie refuse le dossier.',
    procedure: idCard,
    agency: 'ants',
    score: 2,
    updatedAt: Date.UTC(2025, 4, 3),
  }),
  knowledge({
    id: 'threads-1',
    type: 'thread',
    title: 'Carte grise perdue, que faire ?',
    text: 'J’ai perdu ma carte grise : faut-il porter plainte avant la demande de duplicata ?',
    procedure: vehicle,
    agency: 'ants',
    updatedAt: Date.UTC(2025, 5, 1),
  }),
  knowledge({
    id: 'guides-2',
    type: 'guide',
    title: 'Renouvellement du permis de conduire',
    text: 'Le renouvellement du permis se demande en ligne, avec une photo numérique.',
    procedure: licence,
    agency: 'ants',
    updatedAt: Date.UTC(2025, 0, 20),
  }),
  knowledge({ id: 'guides-3', type: 'guide', title: 'Demander un logement social', text: longText, procedure: housing }),
  // Three documents of equal relevance, inserted from the least to the most trusted.
  ...(
    [
      ['threads-2', 'thread', false, false],
      ['threads-3', 'thread', false, true],
      ['wiki-2', 'wiki', true, false],
    ] as const
  ).map(([id, type, isOfficial, isValidated]) =>
    knowledge({
      id,
      type,
      title: 'Attestation d’hébergement',
      text: 'Lettre signée par la personne qui héberge, avec la copie de sa pièce d’identité.',
      isOfficial,
      isValidated,
    }),
  ),
  ...Array.from({ length: 7 }, (_, index) =>
    knowledge({
      id: `tips-${10 + index}`,
      type: 'tip',
      title: `Astuce ${index + 1} pour le formulaire cerfa`,
      text: `Remplir le cerfa en majuscules, case ${index + 1}.`,
      procedure: index % 2 === 0 ? taxes : housing,
      agency: index % 2 === 0 ? 'dgfip' : 'caf',
      score: index,
      updatedAt: Date.UTC(2025, 6, 1 + index),
    }),
  ),
  knowledge({ id: 'tips-30', type: 'tip', title: 'Agence au nom étrange', text: 'Une agence test.', agency: hostileAgency }),
]

const ids = (documents: readonly KnowledgeDocument[]): string[] => documents.map(({ id }) => id).sort()

const tally = (values: readonly (string | null)[]): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const value of values) if (value !== null) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

const rejection = async (promise: Promise<unknown>): Promise<SearchErrorCode | 'no error' | 'other error'> => {
  try {
    await promise
    return 'no error'
  } catch (error) {
    return isSearchError(error) ? error.code : 'other error'
  }
}

const stripTags = (value: string): string => value.replace(/<\/?mark>/g, '')

/**
 * The contract every search engine keeps, Meilisearch included, written once.
 * Each engine's test file calls it with a factory of fresh engines. What only
 * the embedded engine does is in `describeEmbeddedEngineExtras`.
 */
export const describeSearchEngineContract = (factory: EngineFactory): void => {
  describe('on a loaded index', () => {
    let harness: EngineHarness
    const search = (params: SearchParams) => harness.engine.search(params)
    const all = async (params: SearchParams = {}) => search({ limit: 100, ...params })
    const hitIds = async (params: SearchParams) => (await all(params)).hits.map(({ document }) => document.id)

    beforeAll(async () => {
      harness = await factory()
      await harness.engine.ensureIndex(defaultIndexSettings)
      await harness.engine.upsert(fixtures)
      await harness.engine.flush()
    })
    afterAll(async () => {
      await harness?.dispose()
    })

    it('ensureIndex can run again without losing documents', async () => {
      await harness.engine.ensureIndex(defaultIndexSettings)
      expect((await harness.engine.stats()).documentCount).toBe(fixtures.length)
      expect((await all()).total).toBe(fixtures.length)
    })

    it('finds accented words typed without accents, and keeps the accents in the highlight', async () => {
      const result = await search({ query: 'impots' })
      expect(result.hits[0]?.document.id).toBe('wiki-1')
      expect(result.hits[0]?.formatted.title).toBe('Déclarer ses <mark>impôts</mark> en ligne')
      expect(await hitIds({ query: 'IMPÔTS' })).toContain('wiki-1')
      expect(await hitIds({ query: 'declaration revenus' })).toContain('wiki-1')
    })

    it('tolerates one typo in a word of five letters or more (paseport → passeport)', async () => {
      const result = await search({ query: 'paseport' })
      expect(result.hits[0]?.document.id).toBe('procedures-1')
      expect(await hitIds({ query: 'renouvelement' })).toContain('guides-2')
    })

    it('tolerates no typo in a word of four letters (phto does not find photo)', async () => {
      expect((await search({ query: 'phto' })).total).toBe(0)
      expect(await hitIds({ query: 'photo' })).toEqual(expect.arrayContaining(['procedures-1', 'tips-2', 'guides-2']))
    })

    it('counts two swapped letters as one typo, and a typo on the first letter as two', async () => {
      expect(await hitIds({ query: 'miarie' })).toEqual(expect.arrayContaining(['procedures-1', 'guides-1', 'tips-2']))
      expect(await hitIds({ query: 'phoot' })).toEqual(expect.arrayContaining(['procedures-1', 'tips-2', 'guides-2']))
      expect((await search({ query: 'fhoto' })).total).toBe(0)
    })

    it('finds passeport from the frequent misspelling pasport (two letters off) through the default synonyms', async () => {
      expect((await search({ query: 'pasport' })).hits[0]?.document.id).toBe('procedures-1')
    })

    it('matches the last word as a prefix while the reader types (renouv)', async () => {
      const found = await hitIds({ query: 'renouv' })
      expect(found).toEqual(expect.arrayContaining(['procedures-1', 'guides-2']))
      const highlighted = (await search({ query: 'renouv', filter: { op: 'equals', attribute: 'type', value: 'procedure' } }))
        .hits[0]?.formatted.title
      expect(highlighted).toBe('<mark>Renouv</mark>eler son passeport')
    })

    it('expands administration acronyms into long forms whose words are French stop words elsewhere (CNI, APL)', async () => {
      // "carte nationale d’identité", "aide personnalisée au logement": d and au sit between the words in documents.
      expect(await hitIds({ query: 'CNI' })).toEqual(expect.arrayContaining(['guides-1', 'tips-2']))
      expect(await hitIds({ query: 'APL' })).toContain('tips-1')
    })

    it('finds the acronym and the other names from a long form of up to three words', async () => {
      expect(await hitIds({ query: 'carte d’identité' })).toEqual(expect.arrayContaining(['guides-1', 'tips-2']))
      expect(await hitIds({ query: "carte d'identité" })).toContain('tips-2')
      expect(await hitIds({ query: "certificat d'immatriculation" })).toContain('threads-1')
    })

    it('drops French stop words typed with a capital or in capitals, as in lower case', async () => {
      const sorted = async (query: string) => (await hitIds({ query })).sort()
      expect(await sorted('La carte grise')).toEqual(await sorted('carte grise'))
      expect(await sorted('La carte grise')).toContain('threads-1')
      expect(await sorted('LE PASSEPORT')).toEqual(await sorted('passeport'))
      expect(await sorted('Une photo')).toEqual(await sorted('photo'))
    })

    it('ranks documents matching every word first, and drops trailing words only when needed', async () => {
      const found = await hitIds({ query: 'renouvellement permis' })
      expect(found[0]).toBe('guides-2')
      expect(await hitIds({ query: 'passeport mandarine' })).toEqual(['procedures-1'])
      expect((await search({ query: 'passeport mandarine', matchingStrategy: 'all' })).total).toBe(0)
      // mairie is in three documents, passeport in one: `last` drops passeport, `frequency` drops mairie.
      const withMairie = fixtures.filter(({ text }) => text.includes('mairie')).map(({ id }) => id)
      expect((await hitIds({ query: 'mairie passeport' })).sort()).toEqual(withMairie.sort())
      expect(await hitIds({ query: 'mairie passeport', matchingStrategy: 'frequency' })).toEqual(['procedures-1'])
    })

    it('ranks official, then validated, above community content of equal relevance', async () => {
      const found = await hitIds({ query: 'attestation hebergement' })
      expect(found.slice(0, 3)).toEqual(['wiki-2', 'threads-3', 'threads-2'])
    })

    it('filters with equals, in, boolean, and, or and not', async () => {
      const cases: [SearchFilter, (document: KnowledgeDocument) => boolean][] = [
        [{ op: 'equals', attribute: 'type', value: 'guide' }, (document) => document.type === 'guide'],
        [{ op: 'equals', attribute: 'procedure.slug', value: 'passeport' }, (document) => document.procedure?.slug === 'passeport'],
        [{ op: 'boolean', attribute: 'isOfficial', value: true }, (document) => document.isOfficial],
        [
          {
            op: 'and',
            filters: [
              { op: 'equals', attribute: 'agency', value: 'ants' },
              { op: 'in', attribute: 'type', values: ['guide', 'procedure'] },
            ],
          },
          (document) => document.agency === 'ants' && (document.type === 'guide' || document.type === 'procedure'),
        ],
        [
          {
            op: 'or',
            filters: [
              { op: 'boolean', attribute: 'isValidated', value: true },
              { op: 'equals', attribute: 'agency', value: 'caf' },
            ],
          },
          (document) => document.isValidated || document.agency === 'caf',
        ],
        [{ op: 'not', filter: { op: 'equals', attribute: 'type', value: 'tip' } }, (document) => document.type !== 'tip'],
        [{ op: 'not', filter: { op: 'equals', attribute: 'agency', value: 'ants' } }, (document) => document.agency !== 'ants'],
      ]
      for (const [filter, expected] of cases) {
        const result = await all({ filter })
        expect(ids(result.hits.map(({ document }) => document)), JSON.stringify(filter)).toEqual(ids(fixtures.filter(expected)))
        expect(result.total).toBe(fixtures.filter(expected).length)
      }
      const withQuery = await all({ query: 'photo', filter: { op: 'equals', attribute: 'agency', value: 'ants' } })
      expect(withQuery.hits.length).toBeGreaterThan(0)
      expect(withQuery.hits.every(({ document }) => document.agency === 'ants')).toBe(true)
    })

    it('keeps hostile filter values literal: quotes and backslashes never change the filter', async () => {
      for (const value of ['a" OR type = "guide', 'guide" OR "1" = "1', '\\', 'guide\\', '\\" OR type = "tip']) {
        expect((await all({ filter: { op: 'equals', attribute: 'type', value } })).total, value).toBe(0)
        expect((await all({ filter: { op: 'in', attribute: 'agency', values: [value, 'nowhere'] } })).total, value).toBe(0)
      }
      const exact = await all({ filter: { op: 'equals', attribute: 'agency', value: hostileAgency } })
      expect(exact.hits.map(({ document }) => document.id)).toEqual(['tips-30'])
    })

    it('counts facet values over the whole filtered result set, not just the page', async () => {
      const facets = ['type', 'agency', 'procedure.slug']
      const everything = await search({ facets, limit: 1 })
      expect(everything.facets.type).toEqual(tally(fixtures.map(({ type }) => type)))
      expect(everything.facets.agency).toEqual(tally(fixtures.map(({ agency }) => agency)))
      expect(everything.facets['procedure.slug']).toEqual(tally(fixtures.map(({ procedure }) => procedure?.slug ?? null)))

      const ants = fixtures.filter(({ agency }) => agency === 'ants')
      const filtered = await search({ facets: ['type'], filter: { op: 'equals', attribute: 'agency', value: 'ants' }, limit: 2 })
      expect(filtered.total).toBe(ants.length)
      expect(filtered.facets.type).toEqual(tally(ants.map(({ type }) => type)))

      const queried = await all({ query: 'photo', facets: ['type'] })
      expect(queried.facets.type).toEqual(tally(queried.hits.map(({ document }) => document.type)))
    })

    it('paginates with limit and offset and an exact total, on any offset', async () => {
      const expected = fixtures.filter(({ title }) => title.includes('cerfa'))
      const pages = await Promise.all([0, 3, 6].map((offset) => search({ query: 'cerfa', limit: 3, offset })))
      expect(pages.map(({ total }) => total)).toEqual([7, 7, 7].map(() => expected.length))
      expect(pages.every(({ isTotalExact }) => isTotalExact)).toBe(true)
      const shifted = await search({ query: 'cerfa', limit: 3, offset: 2 })
      expect(shifted).toMatchObject({ total: expected.length, isTotalExact: true })
      expect(shifted.hits.map(({ document }) => document.id)).toEqual(
        (await search({ query: 'cerfa', limit: 5 })).hits.slice(2).map(({ document }) => document.id),
      )
      expect(pages.map(({ hits }) => hits.length)).toEqual([3, 3, 1])
      const seen = pages.flatMap(({ hits }) => hits.map(({ document }) => document.id))
      expect(new Set(seen).size).toBe(seen.length)
      expect(seen.sort()).toEqual(ids(expected))
      const countOnly = await search({ query: 'cerfa', limit: 0 })
      expect(countOnly.hits).toEqual([])
      expect(countOnly.total).toBe(expected.length)
    })

    it('sorts on a sortable attribute', async () => {
      const result = await all({ filter: { op: 'equals', attribute: 'type', value: 'tip' }, sort: [{ attribute: 'updatedAt', direction: 'desc' }] })
      const dates = result.hits.map(({ document }) => document.updatedAt)
      expect(dates.length).toBe(fixtures.filter(({ type }) => type === 'tip').length)
      expect(dates).toEqual([...dates].sort((left, right) => right - left))
    })

    it('highlights matches with the requested tags, like Meilisearch’s _formatted', async () => {
      const result = await search({ query: 'passeport', highlight: { preTag: '<b>', postTag: '</b>' } })
      const hit = result.hits.find(({ document }) => document.id === 'procedures-1')
      expect(hit?.formatted.title).toBe('Renouveler son <b>passeport</b>')
      expect(hit?.formatted.text).toContain('<b>passeport</b>')
      expect(hit?.document.title).toBe('Renouveler son passeport')
    })

    it('crops long text around the matches with a marker', async () => {
      const result = await search({ query: 'numero unique', crop: { length: 10, marker: '[…]' } })
      const text = result.hits.find(({ document }) => document.id === 'guides-3')?.formatted.text ?? ''
      expect(text).toContain('<mark>numéro</mark>')
      expect(text).toContain('<mark>unique</mark>')
      expect(text.startsWith('[…]')).toBe(true)
      expect(text.endsWith('[…]')).toBe(true)
      const words = stripTags(text).replace(/\[…\]/g, '').match(/[\p{L}\p{N}]+/gu) ?? []
      expect(words.length).toBeLessThanOrEqual(12)
      expect(words.length).toBeGreaterThanOrEqual(6)
    })

    it('returns hits with what the search API needs', async () => {
      const [hit] = (await search({ query: 'passeport' })).hits
      expect(hit?.document).toEqual(fixtures.find(({ id }) => id === 'procedures-1'))
    })

    it('rejects filters, facets and sorts on attributes that are not declared, with a typed error', async () => {
      expect(await rejection(search({ filter: { op: 'equals', attribute: 'title', value: 'x' } }))).toBe('filter-not-allowed')
      expect(await rejection(search({ filter: { op: 'equals', attribute: 'email', value: 'x' } }))).toBe('filter-not-allowed')
      expect(
        await rejection(
          search({ filter: { op: 'or', filters: [{ op: 'equals', attribute: 'type', value: 'tip' }, { op: 'boolean', attribute: 'score', value: true }] } }),
        ),
      ).toBe('filter-not-allowed')
      expect(await rejection(search({ facets: ['url'] }))).toBe('filter-not-allowed')
      expect(await rejection(search({ sort: [{ attribute: 'text', direction: 'asc' }] }))).toBe('sort-not-allowed')
      expect(await rejection(search({ filter: { op: 'in', attribute: 'type', values: [] } }))).toBe('invalid-filter')
      expect(await rejection(search({ limit: -1 }))).toBe('invalid-search-params')
      expect(await rejection(search({ limit: 5000 }))).toBe('invalid-search-params')
    })
  })

  describe('word forms and acronyms, as readers type them', () => {
    let harness: EngineHarness
    const passportPage = { id: 11, slug: 'renouveler-un-passeport', title: 'Renouveler un passeport (majeur)' }
    const registration = { id: 12, slug: 'certificat-d-immatriculation', title: 'Carte grise : changement d’adresse' }
    const corpus = [
      knowledge({
        id: 'guides-11',
        type: 'guide',
        title: 'Renouveler son passeport sans perdre de temps',
        text: 'Faites la pré-demande en ligne, achetez le timbre fiscal, puis prenez rendez-vous.',
        procedure: passportPage,
      }),
      knowledge({
        id: 'threads-11',
        type: 'thread',
        title: 'Renouveler mon passeport en urgence',
        text: 'Mon vol part dans dix jours.',
        procedure: passportPage,
      }),
      knowledge({
        id: 'procedures-12',
        type: 'procedure',
        title: 'Changer l’adresse de sa carte grise',
        text: 'Sur le site de l’ANTS, déclarez la nouvelle adresse dans le mois. Munissez-vous d’une pièce d’identité.',
        procedure: registration,
        isOfficial: true,
      }),
      knowledge({
        id: 'tips-12',
        type: 'tip',
        title: 'Refaire sa carte d’identité',
        text: 'La mairie rend la nouvelle carte en trois semaines.',
      }),
    ]
    const hitIds = async (params: SearchParams) =>
      (await harness.engine.search({ limit: 100, ...params })).hits.map(({ document }) => document.id)

    beforeAll(async () => {
      harness = await factory()
      await harness.engine.ensureIndex(defaultIndexSettings)
      await harness.engine.upsert(corpus)
      await harness.engine.flush()
    })
    afterAll(async () => {
      await harness?.dispose()
    })

    it('finds a guide written with the verb from the noun the reader types (renouvellement → Renouveler)', async () => {
      const onThePage: SearchFilter = { op: 'equals', attribute: 'procedure.slug', value: passportPage.slug }
      expect((await hitIds({ query: 'renouvellement passeport', filter: onThePage })).sort()).toEqual(['guides-11', 'threads-11'])
      expect(await hitIds({ query: 'renouvellement' })).toEqual(expect.arrayContaining(['guides-11', 'threads-11']))
      expect(await hitIds({ query: 'changement adresse' })).toContain('procedures-12')
    })

    it('expands an acronym only into its words in a row, not into the same words apart (CNI ≠ carte grise … pièce d’identité)', async () => {
      expect(await hitIds({ query: 'CNI' })).toEqual(['tips-12'])
      expect(await hitIds({ query: 'cni', filter: { op: 'equals', attribute: 'procedure.slug', value: registration.slug } })).toEqual([])
    })
  })

  describe('writes', () => {
    const harnesses: EngineHarness[] = []
    const fresh = async (): Promise<SearchEngine> => {
      const harness = await factory()
      harnesses.push(harness)
      await harness.engine.ensureIndex(defaultIndexSettings)
      return harness.engine
    }
    afterAll(async () => {
      await Promise.all(harnesses.map((harness) => harness.dispose()))
    })

    const total = async (engine: SearchEngine, query: string) => (await engine.search({ query })).total

    it('refuses to work before ensureIndex', async () => {
      const harness = await factory()
      harnesses.push(harness)
      expect(await rejection(harness.engine.search({ query: 'x' }))).toBe('index-not-ready')
      expect(await rejection(harness.engine.upsert(fixtures.slice(0, 1)))).toBe('index-not-ready')
    })

    it('deletes documents by id, and ignores unknown ids', async () => {
      const engine = await fresh()
      await engine.upsert([
        knowledge({ id: 'tips-1', type: 'tip', title: 'Mandoline municipale', text: 'Premier.' }),
        knowledge({ id: 'tips-2', type: 'tip', title: 'Mandoline départementale', text: 'Second.' }),
      ])
      await engine.flush()
      expect(await total(engine, 'mandoline')).toBe(2)
      await engine.delete(['tips-1', 'tips-404', 'not/a valid id'])
      await engine.flush()
      const result = await engine.search({ query: 'mandoline' })
      expect(result.hits.map(({ document }) => document.id)).toEqual(['tips-2'])
      expect((await engine.stats()).documentCount).toBe(1)
    })

    it('replaces a whole document on upsert with the same id', async () => {
      const engine = await fresh()
      await engine.upsert([knowledge({ id: 'guides-9', type: 'guide', title: 'Ancien titre xylophone', text: 'Vieux texte.', agency: 'caf' })])
      await engine.flush()
      await engine.upsert([knowledge({ id: 'guides-9', type: 'guide', title: 'Nouveau titre zeppelin', text: 'Texte neuf.' })])
      await engine.flush()
      expect(await total(engine, 'xylophone')).toBe(0)
      const result = await engine.search({ query: 'zeppelin', facets: ['agency'] })
      expect(result.hits.map(({ document }) => document.agency)).toEqual([null])
      expect(result.facets.agency).toEqual({})
      expect((await engine.stats()).documentCount).toBe(1)
    })

    it('clears every document and keeps accepting new ones', async () => {
      const engine = await fresh()
      await engine.upsert(fixtures)
      await engine.flush()
      await engine.clear()
      await engine.flush()
      expect((await engine.search({})).total).toBe(0)
      expect((await engine.stats()).documentCount).toBe(0)
      await engine.upsert([knowledge({ id: 'wiki-5', type: 'wiki', title: 'Retour après nettoyage', text: 'Encore là.' })])
      await engine.flush()
      expect(await total(engine, 'nettoyage')).toBe(1)
    })

    it('never returns hits past maxTotalHits, and says when the total stopped there', async () => {
      const harness = await factory()
      harnesses.push(harness)
      const { engine } = harness
      const maxTotalHits = 5
      await engine.ensureIndex({ ...defaultIndexSettings, maxTotalHits })
      const cerfa = fixtures.filter(({ title }) => title.includes('cerfa'))
      await engine.upsert(cerfa)
      await engine.flush()
      const first = await engine.search({ query: 'cerfa', limit: 10 })
      expect(first.hits).toHaveLength(maxTotalHits)
      // Exact (the embedded engine counts everything), or stopped at the cap and flagged (Meilisearch): never a wrong exact figure.
      if (first.isTotalExact) expect(first.total).toBe(cerfa.length)
      else expect(first.total).toBe(maxTotalHits)
      const straddling = await engine.search({ query: 'cerfa', limit: 3, offset: 3 })
      expect(straddling.hits.map(({ document }) => document.id)).toEqual(first.hits.slice(3).map(({ document }) => document.id))
      expect((await engine.search({ query: 'cerfa', limit: 3, offset: maxTotalHits })).hits).toEqual([])
      expect(straddling.total).toBe(first.total)
      expect(straddling.isTotalExact).toBe(first.isTotalExact)
    })

    it('rejects a batch holding an invalid document without writing any of it', async () => {
      const engine = await fresh()
      const valid = knowledge({ id: 'guides-1', type: 'guide', title: 'Valide', text: 'Texte.' })
      const invalid = knowledge({ id: 'guides/12', type: 'guide', title: 'Invalide', text: 'Texte.' })
      expect(await rejection(engine.upsert([valid, invalid]))).toBe('invalid-document')
      await engine.flush()
      expect((await engine.stats()).documentCount).toBe(0)
    })
  })
}

/**
 * What the embedded engine does beyond Meilisearch, so that the contract above
 * claims nothing of Meilisearch that the server does not do. Meilisearch looks
 * synonyms up on at most three consecutive query words: a long form of four
 * words or more finds its acronym only on the embedded engine.
 */
export const describeEmbeddedEngineExtras = (factory: EngineFactory): void => {
  describe('beyond Meilisearch', () => {
    let harness: EngineHarness
    const hitIds = async (query: string) =>
      (await harness.engine.search({ query, limit: 100 })).hits.map(({ document }) => document.id)

    beforeAll(async () => {
      harness = await factory()
      await harness.engine.ensureIndex(defaultIndexSettings)
      await harness.engine.upsert(fixtures)
      await harness.engine.flush()
    })
    afterAll(async () => {
      await harness?.dispose()
    })

    it('finds the acronym from a long form of four words or more (carte nationale d’identité → CNI)', async () => {
      // tips-2 only says "CNI".
      expect(await hitIds('carte nationale d’identité')).toEqual(expect.arrayContaining(['guides-1', 'tips-2']))
      expect(await hitIds('aide personnalisée au logement')).toContain('tips-1')
    })

    it('highlights the words of an acronym’s long form only where they follow each other', async () => {
      const engine = harness.engine
      await engine.upsert([
        knowledge({
          id: 'procedures-40',
          type: 'procedure',
          title: 'Déclarer un changement d’adresse',
          text: 'Le changement d’adresse sur la carte grise est gratuit. La carte d’identité n’a pas à être refaite.',
        }),
      ])
      await engine.flush()
      const result = await engine.search({ query: 'CNI', filter: { op: 'equals', attribute: 'type', value: 'procedure' } })
      const hit = result.hits.find(({ document }) => document.id === 'procedures-40')
      expect(hit?.formatted.text).toBe(
        'Le changement d’adresse sur la carte grise est gratuit. La <mark>carte</mark> d’<mark>identité</mark> n’a pas à être refaite.',
      )
      await engine.delete(['procedures-40'])
      await engine.flush()
    })

    it('finds the long form of an acronym in documents written, changed and deleted after it was first searched', async () => {
      const engine = harness.engine
      const before = await hitIds('CNI')
      const write = async (id: string, text: string) => {
        await engine.upsert([knowledge({ id, type: 'tip', title: 'Un conseil', text })])
        await engine.flush()
      }
      await write('tips-41', 'Apportez votre carte nationale d’identité, même périmée.')
      expect(await hitIds('CNI')).toContain('tips-41')
      // Every word is still there, no longer one after the other.
      await write('tips-41', 'Apportez la carte grise, une pièce nationale et votre identité.')
      expect(await hitIds('CNI')).not.toContain('tips-41')
      await write('tips-42', 'La carte d’identité suffit.')
      expect(await hitIds('CNI')).toContain('tips-42')
      await engine.delete(['tips-41', 'tips-42'])
      await engine.flush()
      expect((await hitIds('CNI')).sort()).toEqual(before.sort())
    })

    it('drops stop words whatever their case (lA, lE)', async () => {
      expect((await hitIds('lA carte grise')).sort()).toEqual((await hitIds('carte grise')).sort())
    })
  })
}
