import type { Endpoint } from 'payload'

import { publishGuideEdit } from '../actions/publishGuideEdit.ts'
import { rejectGuideEdit } from '../actions/rejectGuideEdit.ts'
import { verifyGuide } from '../actions/verifyGuide.ts'
import { endpoint, readJsonObject, routeId } from './http.ts'

/** `POST /api/guides/:id/verify`: an agent marks the published guide verified. */
export const verifyGuideEndpoint = (): Endpoint =>
  endpoint('post', '/:id/verify', async (req) => {
    const guideId = routeId(req, 'guide')
    await readJsonObject(req)
    return Response.json({ guide: await verifyGuide({ guideId, req }) })
  })

/** `POST /api/guides/:id/publish-edit`: a reviewer publishes the edit waiting on a guide. */
export const publishGuideEditEndpoint = (): Endpoint =>
  endpoint('post', '/:id/publish-edit', async (req) => {
    const guideId = routeId(req, 'guide')
    await readJsonObject(req)
    return Response.json({ guide: await publishGuideEdit({ guideId, req }) })
  })

/** `POST /api/guides/:id/reject-edit`: a reviewer rejects the edit waiting on a guide; the published text stays. */
export const rejectGuideEditEndpoint = (): Endpoint =>
  endpoint('post', '/:id/reject-edit', async (req) => {
    const guideId = routeId(req, 'guide')
    await readJsonObject(req)
    return Response.json(await rejectGuideEdit({ guideId, req }))
  })
