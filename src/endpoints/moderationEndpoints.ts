import type { Endpoint } from 'payload'

import {
  isModerationAction,
  moderateContent,
  moderationActions,
  type ModeratedCollection,
} from '../actions/moderateContent.ts'
import { resolveReport } from '../actions/resolveReport.ts'
import { InvalidInputError } from '../errors.ts'
import { endpoint, optionalString, readJsonObject, routeId } from './http.ts'

const singular: Record<ModeratedCollection, 'answer' | 'thread' | 'tip'> = { answers: 'answer', threads: 'thread', tips: 'tip' }

/** `POST /api/{threads,answers,tips}/:id/moderate` `{ "action", "reason"? }`. */
export const moderateEndpoint = (collection: ModeratedCollection): Endpoint =>
  endpoint('post', '/:id/moderate', async (req) => {
    const id = routeId(req, singular[collection])
    const body = await readJsonObject(req)
    const action = body.action
    if (!isModerationAction(action)) {
      throw new InvalidInputError(`"action" must be one of: ${moderationActions.join(', ')}.`, 'action')
    }
    const doc = await moderateContent({ action, collection, id, reason: optionalString(body, 'reason'), req })
    return Response.json({ doc })
  })

/** `POST /api/reports/:id/resolve` `{ "decision": "hide" | "dismiss", "note"? }`. */
export const resolveReportEndpoint = (): Endpoint =>
  endpoint('post', '/:id/resolve', async (req) => {
    const reportId = routeId(req, 'report')
    const body = await readJsonObject(req)
    const decision = body.decision
    if (decision !== 'hide' && decision !== 'dismiss') {
      throw new InvalidInputError('"decision" must be "hide" or "dismiss".', 'decision')
    }
    const report = await resolveReport({ decision, note: optionalString(body, 'note'), reportId, req })
    return Response.json({ report })
  })
