import type { Endpoint } from 'payload'

import { reverifyItem } from '../actions/reverifyItem.ts'
import { requireContributor } from '../actions/actor.ts'
import { loadReverifyQueue } from '../data/reverifyQueue.ts'
import { InvalidInputError } from '../errors.ts'
import type { ReverifiedCollection } from '../fields/reverification.ts'
import { parseIdFor } from '../utilities/ids.ts'
import { endpoint, readJsonObject, routeId } from './http.ts'

const itemWord = { answers: 'answer', guides: 'guide', tips: 'tip', 'wiki-pages': 'wiki page' } as const

/**
 * `POST /api/{guides|wiki-pages|answers|tips}/:id/reverify`: an agent of the
 * procedure's agency, or an editor, confirms the item is still right; it
 * stops waiting for re-verification and records who and when.
 */
export const reverifyEndpoint = (collection: ReverifiedCollection): Endpoint =>
  endpoint('post', '/:id/reverify', async (req) => {
    const id = routeId(req, itemWord[collection])
    await readJsonObject(req)
    return Response.json({ item: await reverifyItem({ collection, id, req }) })
  })

/**
 * `GET /api/entraide/reverify-queue[?agency=id]`: the items waiting for
 * re-verification that the signed-in agent (their agency's) or editor (every
 * agency, or the one asked for) may re-verify, oldest first, with why and
 * what changed.
 */
export const reverifyQueueEndpoint = (): Endpoint =>
  endpoint('get', '/entraide/reverify-queue', async (req) => {
    const actor = requireContributor(req)
    const raw = req.searchParams.get('agency')
    const agency = raw === null || raw === '' ? null : parseIdFor(req.payload, 'agencies', raw)
    if (raw !== null && raw !== '' && agency === null) {
      throw new InvalidInputError('"agency" must be the id of an agency.', 'agency')
    }
    const queue = await loadReverifyQueue({ actor, agency, req })
    return Response.json(queue, { headers: { 'Cache-Control': 'private, no-store' } })
  })
