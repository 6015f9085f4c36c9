import { describe, expect, it } from 'vitest'

import { createSearchEngine } from './createEngine.ts'
import { isSearchError } from './errors.ts'

describe('createSearchEngine', () => {
  it('uses the embedded engine when MEILI_HOST is not set', () => {
    expect(createSearchEngine({ env: {} }).kind).toBe('embedded')
    expect(createSearchEngine({ env: { MEILI_HOST: '  ' } }).kind).toBe('embedded')
  })

  it('uses Meilisearch when MEILI_HOST is set, loading its client on first use', async () => {
    const engine = createSearchEngine({
      env: { MEILI_HOST: 'http://127.0.0.1:9', MEILI_API_KEY: 'key' },
      meilisearch: { indexName: 'knowledge_staging', requestTimeoutMs: 2000 },
    })
    expect(engine.kind).toBe('meilisearch')
    // Nothing listens on port 9: the loaded client reports the server unreachable, naming the setting.
    const error = await engine.stats().catch((caught: unknown) => caught)
    expect(isSearchError(error, 'engine-unavailable')).toBe(true)
    expect(error instanceof Error && error.message).toContain('MEILI_HOST')
  })

  it('refuses a MEILI_HOST that is not a URL, naming the variable', () => {
    let error: unknown
    try {
      createSearchEngine({ env: { MEILI_HOST: 'http://meili internal:7700' } })
    } catch (caught) {
      error = caught
    }
    expect(isSearchError(error, 'engine-unavailable')).toBe(true)
    expect(error instanceof Error && error.message).toContain('MEILI_HOST')
  })
})
