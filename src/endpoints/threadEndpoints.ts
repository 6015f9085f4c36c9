import type { Endpoint } from 'payload'

import { acceptAnswer } from '../actions/acceptAnswer.ts'
import { endpoint, readJsonObject, requiredId, routeId } from './http.ts'

/** `POST /api/threads/:id/accept` `{ "answer": id }`: the asker accepts an answer. */
export const acceptAnswerEndpoint = (): Endpoint =>
  endpoint('post', '/:id/accept', async (req) => {
    const threadId = routeId(req, 'thread')
    const body = await readJsonObject(req)
    const result = await acceptAnswer({ answerId: requiredId(req, body, 'answer', 'answer'), req, threadId })
    return Response.json(result)
  })
