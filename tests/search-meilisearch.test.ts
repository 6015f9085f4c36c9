import { randomUUID } from 'node:crypto'

import { Meilisearch } from 'meilisearch'
import { describe } from 'vitest'

import { MeilisearchEngine } from '../src/search/meilisearchEngine'
import { describeSearchEngineConformance } from './search/conformance'

const host = process.env.MEILI_HOST?.trim()
const apiKey = process.env.MEILI_API_KEY?.trim() || undefined

const title = host
  ? `Meilisearch conformance against ${host}`
  : 'Meilisearch conformance — SKIPPED: set MEILI_HOST (and MEILI_API_KEY) to run against a live server'

describe.skipIf(!host)(title, () => {
  // Each harness gets its own index, deleted afterwards, so runs never see each other's documents.
  describeSearchEngineConformance(async () => {
    const indexName = `knowledge_test_${randomUUID().replace(/-/g, '')}`
    const client = new Meilisearch({ host: host ?? '', apiKey })
    return {
      engine: new MeilisearchEngine({ host: host ?? '', apiKey, indexName, client }),
      dispose: async () => {
        await client.deleteIndexIfExists(indexName)
      },
    }
  })
})
