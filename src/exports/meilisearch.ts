// The `entraide/meilisearch` entry: the Meilisearch engine for sites that
// build it themselves (a custom index name, timeouts, a shared client). It
// needs the `meilisearch` package, an optional peer dependency.
export { MeilisearchEngine, type MeilisearchEngineOptions } from '../search/meilisearchEngine.ts'
