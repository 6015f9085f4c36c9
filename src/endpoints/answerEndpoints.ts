import type { Endpoint } from 'payload'

import { promoteAnswer } from '../actions/promoteAnswer.ts'
import { validateAnswer } from '../actions/validateAnswer.ts'
import { endpoint, optionalId, optionalString, readJsonObject, routeId } from './http.ts'

/** `POST /api/answers/:id/validate` `{ "note"?: string }`: an agent validates an answer. */
export const validateAnswerEndpoint = (): Endpoint =>
  endpoint('post', '/:id/validate', async (req) => {
    const answerId = routeId(req, 'answer')
    const body = await readJsonObject(req)
    const answer = await validateAnswer({ answerId, note: optionalString(body, 'note'), req })
    return Response.json({ answer })
  })

/** `POST /api/answers/:id/promote` `{ "wikiPage"?: id, "title"?: string }`: 201 on a new page, 200 on append. */
export const promoteAnswerEndpoint = (): Endpoint =>
  endpoint('post', '/:id/promote', async (req) => {
    const answerId = routeId(req, 'answer')
    const body = await readJsonObject(req)
    const { isCreated, wikiPage } = await promoteAnswer({
      answerId,
      req,
      title: optionalString(body, 'title'),
      wikiPageId: optionalId(req, body, 'wikiPage', 'wiki page'),
    })
    return Response.json({ wikiPage }, { status: isCreated ? 201 : 200 })
  })
