import { describe, expect, it } from 'vitest'

import { createSearchEngine } from './createEngine'
import { MeilisearchEngine } from './meilisearchEngine'

describe('createSearchEngine', () => {
  it('uses the embedded engine when MEILI_HOST is not set', () => {
    expect(createSearchEngine({ env: {} }).kind).toBe('embedded')
    expect(createSearchEngine({ env: { MEILI_HOST: '  ' } }).kind).toBe('embedded')
  })

  it('uses Meilisearch when MEILI_HOST is set, on the configured index', () => {
    const engine = createSearchEngine({
      env: { MEILI_HOST: 'http://meili.internal:7700', MEILI_API_KEY: 'key' },
      meilisearch: { indexName: 'knowledge_staging' },
    })
    expect(engine.kind).toBe('meilisearch')
    expect(engine instanceof MeilisearchEngine && engine.indexName).toBe('knowledge_staging')
  })
})
