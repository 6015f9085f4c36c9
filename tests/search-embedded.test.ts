import { describe } from 'vitest'

import { EmbeddedEngine } from '../src/search/embeddedEngine'
import { describeSearchEngineConformance } from './search/conformance'

describe('Embedded engine conformance', () => {
  describeSearchEngineConformance(async () => ({ engine: new EmbeddedEngine(), dispose: async () => {} }))
})
