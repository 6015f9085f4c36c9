import { describe } from 'vitest'

import { EmbeddedEngine } from '../src/search/embeddedEngine.ts'
import { describeEmbeddedEngineExtras, describeSearchEngineContract } from './search/conformance.ts'

const freshEmbedded = async () => ({ engine: new EmbeddedEngine(), dispose: async () => {} })

describe('Embedded engine conformance', () => {
  describeSearchEngineContract(freshEmbedded)
  describeEmbeddedEngineExtras(freshEmbedded)
})
