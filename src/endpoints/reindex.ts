import type { Endpoint } from 'payload'

import { ServiceUnavailableError } from '../errors.ts'
import { isSearchError } from '../search/errors.ts'
import { announceSearchRebuild } from '../search/feed.ts'
import { reindexSearch } from '../search/reindex.ts'
import { endpoint } from './http.ts'

/**
 * `POST /api/entraide/reindex`: editors and admins rebuild the search index
 * from the database (an embedded index: this process's, then every other
 * process's, told through the change feed); returns `{ documents, byType, durationMs, engine }` once
 * done. 401 when not signed in, 403 for other roles, 503 when the engine
 * cannot be reached.
 */
export const reindexEndpoint = (): Endpoint =>
  endpoint('post', '/entraide/reindex', async (req) => {
    try {
      const report = await reindexSearch({ req })
      // The other app processes rebuild their own embedded index too.
      await announceSearchRebuild(req.payload).catch((error: unknown) => {
        req.payload.logger.warn({
          err: error,
          msg: 'Entraide: the other nodes could not be asked to rebuild their search index.',
        })
      })
      return Response.json(report)
    } catch (error) {
      if (isSearchError(error)) {
        req.payload.logger.error({ err: error, msg: 'Entraide: the search index could not be rebuilt.' })
        throw new ServiceUnavailableError(`The search index could not be rebuilt: ${error.message}`, error)
      }
      throw error
    }
  })
