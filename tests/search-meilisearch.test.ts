import { randomUUID } from 'node:crypto'

import { Meilisearch } from 'meilisearch'
import { afterAll, describe, expect, it } from 'vitest'

import { isSearchError } from '../src/search/errors.ts'
import { MeilisearchEngine } from '../src/search/meilisearchEngine.ts'
import { isVersionAtLeast, meilisearchMinimumVersion } from '../src/search/meilisearchSettings.ts'
import { defaultIndexSettings } from '../src/search/settings.ts'
import { describeSearchEngineContract } from './search/conformance.ts'

const host = process.env.MEILI_HOST?.trim()
const apiKey = process.env.MEILI_API_KEY?.trim() || undefined

const title = host
  ? `Meilisearch conformance against ${host}`
  : 'Meilisearch conformance — SKIPPED: set MEILI_HOST (and MEILI_API_KEY) to run against a live server'

// The contract only: what the embedded engine does beyond Meilisearch is not
// claimed of the server (see describeEmbeddedEngineExtras).
describe.skipIf(!host)(title, () => {
  // Built on first use: the suite is still collected when skipped, without a host.
  let shared: Meilisearch | undefined
  const clientOf = (): Meilisearch => {
    shared ??= new Meilisearch({ host: host ?? '', apiKey })
    return shared
  }
  const indexNames: string[] = []
  afterAll(async () => {
    if (shared) await Promise.all(indexNames.map((indexName) => clientOf().deleteIndexIfExists(indexName)))
  })

  // Each harness gets its own index, deleted afterwards, so runs never see each other's documents.
  describeSearchEngineContract(async () => {
    const indexName = `knowledge_test_${randomUUID().replace(/-/g, '')}`
    indexNames.push(indexName)
    return {
      engine: new MeilisearchEngine({ host: host ?? '', apiKey, indexName, client: clientOf() }),
      dispose: async () => {
        await clientOf().deleteIndexIfExists(indexName)
      },
    }
  })

  it(`runs a server at least as recent as ${meilisearchMinimumVersion}`, async () => {
    const { pkgVersion } = await clientOf().getVersion()
    expect(isVersionAtLeast(pkgVersion, meilisearchMinimumVersion), pkgVersion).toBe(true)
  })

  it.skipIf(!apiKey)(
    'answers engine-auth, naming MEILI_API_KEY, to a wrong key (needs MEILI_API_KEY: a server without a master key accepts any)',
    async () => {
      const indexName = `knowledge_test_${randomUUID().replace(/-/g, '')}`
      indexNames.push(indexName)
      const engine = new MeilisearchEngine({ host: host ?? '', apiKey: `${apiKey ?? ''}-wrong`, indexName })
      const error = await engine.ensureIndex(defaultIndexSettings).then(
        () => undefined,
        (reason: unknown) => reason,
      )
      expect(isSearchError(error, 'engine-auth')).toBe(true)
      expect(error instanceof Error && error.message).toContain('MEILI_API_KEY')
    },
  )
})
