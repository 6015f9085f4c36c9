import type { Endpoint } from 'payload'

import { promoteTip } from '../actions/promoteTip.ts'
import { validateTip } from '../actions/validateTip.ts'
import { endpoint, optionalId, optionalString, readJsonObject, routeId } from './http.ts'

/** `POST /api/tips/:id/validate`: an agent validates a published tip. */
export const validateTipEndpoint = (): Endpoint =>
  endpoint('post', '/:id/validate', async (req) => {
    const tipId = routeId(req, 'tip')
    await readJsonObject(req)
    return Response.json({ tip: await validateTip({ req, tipId }) })
  })

/** `POST /api/tips/:id/promote` `{ "wikiPage"?: id, "title"?: string }`: 201 on a new page, 200 on append. */
export const promoteTipEndpoint = (): Endpoint =>
  endpoint('post', '/:id/promote', async (req) => {
    const tipId = routeId(req, 'tip')
    const body = await readJsonObject(req)
    const { isCreated, wikiPage } = await promoteTip({
      req,
      tipId,
      title: optionalString(body, 'title'),
      wikiPageId: optionalId(req, body, 'wikiPage', 'wiki page'),
    })
    return Response.json({ wikiPage }, { status: isCreated ? 201 : 200 })
  })
