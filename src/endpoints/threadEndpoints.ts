import type { Endpoint } from 'payload'

import { acceptAnswer } from '../actions/acceptAnswer'
import { endpoint, readJsonObject, requiredId, routeId } from './http'

/** `POST /api/threads/:id/accept` `{ "answer": id }`: the asker accepts an answer. */
export const acceptAnswerEndpoint = (): Endpoint =>
  endpoint('post', '/:id/accept', async (req) => {
    const threadId = routeId(req, 'thread')
    const body = await readJsonObject(req)
    const result = await acceptAnswer({ answerId: requiredId(body, 'answer'), req, threadId })
    return Response.json(result)
  })
