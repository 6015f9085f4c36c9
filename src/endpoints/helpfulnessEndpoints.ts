import type { Endpoint } from 'payload'

import { browserCookie, countHelpfulness, parseHelpfulness, rateHelpfulness } from '../actions/rateHelpfulness.ts'
import { findVisible } from '../actions/load.ts'
import type { HelpfulnessTarget } from '../data/documents.ts'
import { NotFoundError } from '../errors.ts'
import { endpoint, readJsonObject, routeId } from './http.ts'

const itemWord = { answers: 'answer', guides: 'guide', 'wiki-pages': 'wiki page' } as const

/** A year: the browser id lives as long as a person may come back to change their answer. */
const cookieMaxAge = 365 * 24 * 60 * 60

/**
 * `POST /api/{guides|wiki-pages|answers}/:id/helpful` `{ "helpful": boolean, "reason"?, "note"? }`:
 * 201 for a first feedback, 200 when it replaces the person's (or browser's)
 * earlier one; the item's counts in the body. Anonymous readers get a random
 * browser id cookie the first time.
 */
export const helpfulEndpoint = (collection: HelpfulnessTarget): Endpoint =>
  endpoint('post', '/:id/helpful', async (req) => {
    const id = routeId(req, itemWord[collection])
    const input = parseHelpfulness(await readJsonObject(req))
    const { isCreated, newBrowserId } = await rateHelpfulness({ collection, id, input, req })
    const headers = new Headers({ 'Cache-Control': 'private, no-store' })
    if (newBrowserId !== null) {
      headers.set('Set-Cookie', `${browserCookie}=${newBrowserId}; Path=/; Max-Age=${cookieMaxAge}; HttpOnly; SameSite=Lax`)
    }
    const counts = await countHelpfulness({ collection, id, req })
    return Response.json({ helpfulness: counts }, { headers, status: isCreated ? 201 : 200 })
  })

/** `GET /api/{guides|wiki-pages|answers}/:id/helpfulness`: how many found the item helpful or not, and why not. */
export const helpfulnessCountsEndpoint = (collection: HelpfulnessTarget): Endpoint =>
  endpoint('get', '/:id/helpfulness', async (req) => {
    const id = routeId(req, itemWord[collection])
    const item = await findVisible({ collection, id, req })
    if (!item) throw new NotFoundError(itemWord[collection], String(id))
    return Response.json({ helpfulness: await countHelpfulness({ collection, id: item.id, req }) })
  })
