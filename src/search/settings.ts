import { SearchError } from './errors.ts'
import { validateFilter } from './filters.ts'
import { frenchStopWords } from './text.ts'
import type {
  FormattableAttribute,
  KnowledgeAttribute,
  KnowledgeDocument,
  MatchingStrategy,
  SearchFilter,
  SearchIndexSettings,
  SearchParams,
  SortCriterion,
  Synonyms,
} from './types.ts'

/** The index every engine uses unless told otherwise. */
export const defaultIndexName = 'knowledge'

/** Facets of the search API: `type`, `agency` and the procedure (by slug). */
export const knowledgeFacets: readonly KnowledgeAttribute[] = ['type', 'agency', 'procedure.slug']

const normalizeExpression = (expression: string): string => expression.trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Turns groups of equivalent expressions into Meilisearch's one-way format:
 * every expression of a group matches every other one.
 */
export const synonymGroups = (groups: readonly (readonly string[])[]): Synonyms => {
  const synonyms: Record<string, string[]> = {}
  for (const group of groups) {
    const expressions = group.map(normalizeExpression).filter((expression) => expression.length > 0)
    for (const expression of expressions) {
      synonyms[expression] = [...(synonyms[expression] ?? []), ...expressions.filter((other) => other !== expression)]
    }
  }
  return mergeSynonyms(synonyms)
}

/**
 * Merges synonym sets: keys and expressions are normalized (trimmed, spaces
 * collapsed, lower-cased), the expressions of a key are united without
 * duplicates. Accented and unaccented spellings are both kept, in case a
 * server does not fold accents. Later sources add to earlier ones, never remove.
 */
export const mergeSynonyms = (...sources: readonly Synonyms[]): Synonyms => {
  const merged: Record<string, string[]> = {}
  for (const source of sources) {
    for (const [key, expressions] of Object.entries(source)) {
      const normalizedKey = normalizeExpression(key)
      if (normalizedKey.length === 0) continue
      const current = merged[normalizedKey] ?? []
      const seen = new Set([normalizedKey, ...current])
      for (const expression of expressions.map(normalizeExpression)) {
        if (expression.length === 0 || seen.has(expression)) continue
        seen.add(expression)
        current.push(expression)
      }
      merged[normalizedKey] = current
    }
  }
  return merged
}

/**
 * Acronyms and alternative names of French public services and documents,
 * in both directions, plus frequent misspellings that are too far from the
 * word for typo tolerance (`pasport` is two letters away from `passeport`).
 */
export const defaultFrenchSynonyms: Synonyms = synonymGroups([
  ['cni', "carte nationale d'identité", "carte d'identité"],
  ['apl', 'aide personnalisée au logement'],
  ['caf', "caisse d'allocations familiales"],
  ['ants', 'agence nationale des titres sécurisés'],
  ['dgfip', 'direction générale des finances publiques'],
  ['impôts', 'impots', 'impôt', 'impot'],
  ['passeport', 'passport', 'pasport'],
  ['permis de conduire', 'permis auto', 'permis b'],
  ['carte grise', "certificat d'immatriculation"],
  ['rib', "relevé d'identité bancaire"],
  ['rsa', 'revenu de solidarité active'],
  ['aah', 'allocation aux adultes handicapés'],
  ['mdph', 'maison départementale des personnes handicapées'],
  ['cpam', "caisse primaire d'assurance maladie"],
  ['msa', 'mutualité sociale agricole'],
  ['css', 'complémentaire santé solidaire', 'cmu'],
  ['cpf', 'compte personnel de formation'],
  ['pacs', 'pacte civil de solidarité'],
  ['pôle emploi', 'france travail'],
  ['titre de séjour', 'carte de séjour'],
  ['acte de naissance', 'extrait de naissance'],
  ['justificatif de domicile', 'attestation de domicile'],
])

/**
 * Word families of the procedures' vocabulary: the noun a reader types
 * (`renouvellement`, `déclaration`) and the verb forms guides and questions
 * are written with (`renouveler`, `renouvelez`, `déclarer`). Neither engine
 * stems French words (Meilisearch does not), so without these a search for
 * "renouvellement passeport" misses a guide titled "Renouveler son passeport".
 * Each form finds the others; forms one typo apart (plurals, `-é`/`-er`) are
 * already found by typo tolerance and need not all be listed.
 */
export const defaultFrenchWordFamilies: Synonyms = synonymGroups([
  ['renouvellement', 'renouveler', 'renouvelez', 'renouvelle', 'renouvelé', 'renouveller'],
  ['demande', 'demander', 'demandez'],
  ['déclaration', 'déclarer', 'déclarez'],
  ['inscription', 'inscrire', 'inscrivez', 'inscrit'],
  ['changement', 'changer', 'changez'],
  ['modification', 'modifier', 'modifiez'],
  ['remplacement', 'remplacer', 'remplacez'],
  ['paiement', 'payer', 'payez'],
  ['remboursement', 'rembourser', 'remboursé'],
  ['résiliation', 'résilier', 'résiliez'],
  ['obtention', 'obtenir', 'obtenez'],
  ['délivrance', 'délivrer', 'délivré'],
  ['prolongation', 'prolonger', 'prolongez'],
  ['perte', 'perdu', 'perdue', 'perdre'],
  ['déménagement', 'déménager', 'déménagez'],
])

/**
 * The default settings of the `knowledge` index. Ranking: Meilisearch's
 * built-in rules first, then `trust:desc` (official, then validated) and the
 * community score, so that official and validated knowledge ranks above
 * community content only when relevance is otherwise equal.
 */
export const defaultIndexSettings: SearchIndexSettings = {
  searchableAttributes: ['title', 'procedure.title', 'text'],
  filterableAttributes: ['type', 'procedure.slug', 'agency', 'isOfficial', 'isValidated'],
  sortableAttributes: ['updatedAt', 'score', 'title'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'trust:desc', 'score:desc'],
  stopWords: frenchStopWords,
  synonyms: mergeSynonyms(defaultFrenchSynonyms, defaultFrenchWordFamilies),
  typoTolerance: {
    isEnabled: true,
    minWordSizeForOneTypo: 5,
    minWordSizeForTwoTypos: 9,
    isDisabledOnNumbers: true,
  },
  locales: ['fra'],
  maxValuesPerFacet: 200,
  maxTotalHits: 1000,
}

/**
 * The default settings with extra synonyms (e.g. from plugin options) merged
 * into the French defaults.
 */
export const buildIndexSettings = ({ synonyms }: { synonyms?: Synonyms } = {}): SearchIndexSettings =>
  synonyms ? { ...defaultIndexSettings, synonyms: mergeSynonyms(defaultIndexSettings.synonyms, synonyms) } : defaultIndexSettings

/**
 * The derived `trust` ranking value: 3 official and validated, 2 official,
 * 1 validated, 0 community content.
 */
export const trustOf = (document: Pick<KnowledgeDocument, 'isOfficial' | 'isValidated'>): number =>
  (document.isOfficial ? 2 : 0) + (document.isValidated ? 1 : 0)

export const defaultLimit = 20
export const maxLimit = 1000
const maxOffset = 1_000_000
const maxCropLength = 200
const maxTagLength = 100
const formattableAttributes: readonly FormattableAttribute[] = ['title', 'text']

/** `SearchParams` with every default filled and every value checked. */
export type ResolvedSearchParams = {
  query: string
  filter: SearchFilter | undefined
  facets: readonly string[]
  sort: readonly SortCriterion[]
  limit: number
  offset: number
  matchingStrategy: MatchingStrategy
  highlight: { attributes: readonly FormattableAttribute[]; preTag: string; postTag: string }
  crop: { attributes: readonly FormattableAttribute[]; length: number; marker: string }
}

const invalidParams = (message: string, details: Record<string, unknown> = {}): SearchError =>
  new SearchError('invalid-search-params', { message, details })

const integerIn = (value: number | undefined, fallback: number, min: number, max: number, name: string): number => {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidParams(`${name} must be an integer from ${min} to ${max}, got ${String(value)}.`, { param: name })
  }
  return value
}

const tag = (value: string | undefined, fallback: string, name: string): string => {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || value.length > maxTagLength) {
    throw invalidParams(`${name} must be a string of at most ${maxTagLength} characters.`, { param: name })
  }
  return value
}

const formattable = (
  attributes: readonly FormattableAttribute[] | undefined,
  fallback: readonly FormattableAttribute[],
  name: string,
): readonly FormattableAttribute[] => {
  if (attributes === undefined) return fallback
  for (const attribute of attributes) {
    if (!formattableAttributes.includes(attribute)) {
      throw invalidParams(`${name} accepts ${formattableAttributes.join(', ')}, got ${JSON.stringify(attribute)}.`, {
        param: name,
      })
    }
  }
  return [...new Set(attributes)]
}

/**
 * Fills the defaults of a search and checks it against the index settings, so
 * that both engines accept and reject exactly the same searches.
 * @throws SearchError `filter-not-allowed` for a filter or facet on an attribute
 * not declared filterable, `sort-not-allowed`, `invalid-filter` or `invalid-search-params`.
 */
export const resolveSearchParams = (params: SearchParams, settings: SearchIndexSettings): ResolvedSearchParams => {
  if (params.query !== undefined && typeof params.query !== 'string') throw invalidParams('query must be a string.')
  if (params.filter !== undefined) validateFilter(params.filter, settings.filterableAttributes)
  const facets = [...new Set(params.facets ?? [])]
  for (const facet of facets) {
    if (!settings.filterableAttributes.some((attribute) => attribute === facet)) {
      throw new SearchError('filter-not-allowed', {
        message: `Attribute "${facet}" is not filterable, so it cannot be a facet. Filterable attributes: ${settings.filterableAttributes.join(', ')}.`,
        details: { attribute: facet, filterableAttributes: [...settings.filterableAttributes] },
      })
    }
  }
  const sort = params.sort ?? []
  for (const criterion of sort) {
    if (!settings.sortableAttributes.some((attribute) => attribute === criterion.attribute)) {
      throw new SearchError('sort-not-allowed', {
        message: `Attribute "${criterion.attribute}" is not sortable. Sortable attributes: ${settings.sortableAttributes.join(', ')}.`,
        details: { attribute: criterion.attribute, sortableAttributes: [...settings.sortableAttributes] },
      })
    }
    if (criterion.direction !== 'asc' && criterion.direction !== 'desc') {
      throw invalidParams(`Sort direction must be "asc" or "desc", got ${JSON.stringify(criterion.direction)}.`)
    }
  }
  const matchingStrategy = params.matchingStrategy ?? 'last'
  if (matchingStrategy !== 'last' && matchingStrategy !== 'all' && matchingStrategy !== 'frequency') {
    throw invalidParams(`matchingStrategy must be last, all or frequency.`)
  }
  return {
    query: params.query ?? '',
    filter: params.filter,
    facets,
    sort: sort.map(({ attribute, direction }) => ({ attribute, direction })),
    limit: integerIn(params.limit, defaultLimit, 0, maxLimit, 'limit'),
    offset: integerIn(params.offset, 0, 0, maxOffset, 'offset'),
    matchingStrategy,
    highlight: {
      attributes: formattable(params.highlight?.attributes, formattableAttributes, 'highlight.attributes'),
      preTag: tag(params.highlight?.preTag, '<mark>', 'highlight.preTag'),
      postTag: tag(params.highlight?.postTag, '</mark>', 'highlight.postTag'),
    },
    crop: {
      attributes: formattable(params.crop?.attributes, ['text'], 'crop.attributes'),
      length: integerIn(params.crop?.length, 24, 1, maxCropLength, 'crop.length'),
      marker: tag(params.crop?.marker, '…', 'crop.marker'),
    },
  }
}
