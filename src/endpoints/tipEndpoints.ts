import type { Endpoint } from 'payload'

import { promoteTip } from '../actions/promoteTip'
import { validateTip } from '../actions/validateTip'
import { endpoint, optionalId, optionalString, readJsonObject, routeId } from './http'

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
      wikiPageId: optionalId(body, 'wikiPage'),
    })
    return Response.json({ wikiPage }, { status: isCreated ? 201 : 200 })
  })
