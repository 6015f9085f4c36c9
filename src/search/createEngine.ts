import { EmbeddedEngine } from './embeddedEngine.ts'
import { SearchError } from './errors.ts'
import type { MeilisearchEngineOptions } from './meilisearchEngine.ts'
import type { SearchEngine } from './types.ts'

export type CreateSearchEngineOptions = {
  /** Where `MEILI_HOST` and `MEILI_API_KEY` are read. @default process.env */
  env?: Readonly<Record<string, string | undefined>>
  /** Passed to the Meilisearch engine when one is created (index name, timeouts, batch size). */
  meilisearch?: Omit<MeilisearchEngineOptions, 'host' | 'apiKey' | 'client'>
}

/**
 * The Meilisearch engine, loaded on first use: the `meilisearch` client is
 * an optional peer dependency, installed only by sites that use Meilisearch.
 */
const lazyMeilisearchEngine = (options: MeilisearchEngineOptions): SearchEngine => {
  let loaded: Promise<SearchEngine> | null = null
  const engine = (): Promise<SearchEngine> => {
    loaded ??= import('./meilisearchEngine.ts').then(
      ({ MeilisearchEngine }) => new MeilisearchEngine(options),
      (error: unknown) => {
        loaded = null
        throw new SearchError('engine-unavailable', {
          cause: error,
          message:
            'MEILI_HOST is set but the "meilisearch" package cannot be loaded: install it in the site (npm install meilisearch@^0.62) or unset MEILI_HOST to use the embedded engine.',
        })
      },
    )
    return loaded
  }
  return {
    clear: async () => (await engine()).clear(),
    delete: async (ids) => (await engine()).delete(ids),
    ensureIndex: async (settings) => (await engine()).ensureIndex(settings),
    flush: async () => (await engine()).flush(),
    kind: 'meilisearch',
    search: async (params) => (await engine()).search(params),
    stats: async () => (await engine()).stats(),
    upsert: async (documents) => (await engine()).upsert(documents),
  }
}

/** MEILI_HOST, when it is an http(s) URL; a clear error naming the variable otherwise. */
const checkedHost = (host: string): string => {
  let url: URL | null = null
  try {
    url = new URL(host)
  } catch {
    url = null
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new SearchError('engine-unavailable', {
      details: { host, setting: 'MEILI_HOST' },
      message: `MEILI_HOST ${JSON.stringify(host)} is not a URL Meilisearch can be reached at; write it as http://host:7700 or https://host.`,
    })
  }
  return host
}

/**
 * The configured search engine: Meilisearch when `MEILI_HOST` is set (with
 * `MEILI_API_KEY` when the server requires a key), otherwise the embedded
 * engine, which needs no server. Call `ensureIndex(settings)` on it before use.
 * @throws SearchError `engine-unavailable` naming MEILI_HOST when it is not a URL.
 */
export const createSearchEngine = ({ env = process.env, meilisearch }: CreateSearchEngineOptions = {}): SearchEngine => {
  const host = env.MEILI_HOST?.trim()
  if (host) {
    const apiKey = env.MEILI_API_KEY?.trim()
    return lazyMeilisearchEngine({ ...meilisearch, apiKey: apiKey || undefined, host: checkedHost(host) })
  }
  return new EmbeddedEngine()
}
