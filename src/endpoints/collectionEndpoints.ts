import type { Endpoint } from 'payload'

import type { ResolvedOptions } from '../options.js'

/** The domain endpoints of each Entraide collection, by slug. */
export const collectionEndpoints = (_options: ResolvedOptions): Record<string, Endpoint[]> => ({})
