import type { Endpoint } from 'payload'

import { verifyGuide } from '../actions/verifyGuide'
import { endpoint, readJsonObject, routeId } from './http'

/** `POST /api/guides/:id/verify`: an agent marks the published guide verified. */
export const verifyGuideEndpoint = (): Endpoint =>
  endpoint('post', '/:id/verify', async (req) => {
    const guideId = routeId(req, 'guide')
    await readJsonObject(req)
    return Response.json({ guide: await verifyGuide({ guideId, req }) })
  })
