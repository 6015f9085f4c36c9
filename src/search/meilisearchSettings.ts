import { foldText, tokenize } from './text.ts'
import type { Synonyms } from './types.ts'

/**
 * The oldest Meilisearch the index settings work on: `typoTolerance.disableOnNumbers`
 * appeared in 1.15.0, and an older server refuses the whole settings update.
 */
export const meilisearchMinimumVersion = '1.15.0'

/**
 * Meilisearch looks a query's words up in the synonyms one word, two or three
 * consecutive words at a time, never more: a longer expression can be found
 * through its synonyms, but typing it never finds them.
 */
export const meilisearchMaxSynonymKeyWords = 3

const versionPattern = /^v?(\d+)\.(\d+)\.(\d+)/

const versionParts = (version: string): [number, number, number] | undefined => {
  const match = versionPattern.exec(version.trim())
  if (!match) return undefined
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

/**
 * Whether a Meilisearch version (`pkgVersion` of `GET /version`, e.g.
 * `1.15.2` or `1.16.0-rc.1`) is at least `minimum`; undefined when the
 * version cannot be read.
 */
export const isVersionAtLeast = (version: string, minimum: string): boolean | undefined => {
  const actual = versionParts(version)
  const required = versionParts(minimum)
  if (!actual || !required) return undefined
  for (let index = 0; index < 3; index += 1) {
    const difference = (actual[index] ?? 0) - (required[index] ?? 0)
    if (difference !== 0) return difference > 0
  }
  return true
}

/** Every word of every synonym expression, keys and values, folded. */
const synonymWordsOf = (synonyms: Synonyms): Set<string> => {
  const words = new Set<string>()
  for (const [key, expressions] of Object.entries(synonyms)) {
    for (const expression of [key, ...expressions]) for (const word of tokenize(expression)) words.add(word)
  }
  return words
}

const capitalized = (word: string): string => word.charAt(0).toLocaleUpperCase('fr') + word.slice(1)

/**
 * The stop words to give Meilisearch for a list written in lower case.
 *
 * Meilisearch compares words with its stop words before it lower-cases them
 * and removes accents, so each word is listed as written, capitalised and in
 * capitals, each with and without accents (`le`, `Le`, `LE`; `à`, `À`, `a`, `A`).
 *
 * Words that occur in a synonym expression are left out: Meilisearch drops
 * stop words from synonyms but keeps their place in documents, and the words
 * of a synonym must follow each other, so `aide personnalisée au logement`
 * could never match with `au` a stop word.
 */
export const meilisearchStopWords = (stopWords: readonly string[], synonyms: Synonyms): string[] => {
  const synonymWords = synonymWordsOf(synonyms)
  const words = new Set<string>()
  for (const stopWord of stopWords) {
    const written = stopWord.trim().toLocaleLowerCase('fr')
    if (written.length === 0 || tokenize(written).some((word) => synonymWords.has(word))) continue
    for (const form of [written, foldText(written)]) {
      words.add(form)
      words.add(capitalized(form))
      words.add(form.toLocaleUpperCase('fr'))
    }
  }
  return [...words]
}

/**
 * The synonyms to give Meilisearch: the same, without the keys Meilisearch
 * can never look up (more than three words, see `meilisearchMaxSynonymKeyWords`).
 * Such a long form stays one way: `apl` still finds `aide personnalisée au
 * logement`, but typing the long form only finds the documents that contain it.
 */
export const meilisearchSynonyms = (synonyms: Synonyms): Record<string, string[]> => {
  const result: Record<string, string[]> = {}
  for (const [key, expressions] of Object.entries(synonyms)) {
    if (tokenize(key).length > meilisearchMaxSynonymKeyWords || expressions.length === 0) continue
    result[key] = [...expressions]
  }
  return result
}
