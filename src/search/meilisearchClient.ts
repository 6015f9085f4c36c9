/**
 * Loads the `meilisearch` client, an optional peer dependency, when the
 * Meilisearch engine is first used. The import is left to Node at run time:
 * a site's bundler (Next.js) would otherwise fail its build where the
 * package is not installed, though such a site never uses it. The package
 * build keeps this file's comments, which tell bundlers so.
 */
export const loadMeilisearch = (): Promise<typeof import('meilisearch')> =>
  import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ 'meilisearch')
