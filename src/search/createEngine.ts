import { EmbeddedEngine } from './embeddedEngine'
import { MeilisearchEngine } from './meilisearchEngine'
import type { MeilisearchEngineOptions } from './meilisearchEngine'
import type { SearchEngine } from './types'

export type CreateSearchEngineOptions = {
  /** Where `MEILI_HOST` and `MEILI_API_KEY` are read. @default process.env */
  env?: Readonly<Record<string, string | undefined>>
  /** Passed to the Meilisearch engine when one is created (index name, timeouts, batch size). */
  meilisearch?: Omit<MeilisearchEngineOptions, 'host' | 'apiKey' | 'client'>
}

/**
 * The configured search engine: Meilisearch when `MEILI_HOST` is set (with
 * `MEILI_API_KEY` when the server requires a key), otherwise the embedded
 * engine, which needs no server. Call `ensureIndex(settings)` on it before use.
 */
export const createSearchEngine = ({ env = process.env, meilisearch }: CreateSearchEngineOptions = {}): SearchEngine => {
  const host = env.MEILI_HOST?.trim()
  if (host) {
    const apiKey = env.MEILI_API_KEY?.trim()
    return new MeilisearchEngine({ ...meilisearch, host, apiKey: apiKey || undefined })
  }
  return new EmbeddedEngine()
}
