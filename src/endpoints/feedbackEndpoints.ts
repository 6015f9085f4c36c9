import type { Endpoint } from 'payload'

import type { VotableCollection } from '../../collections/Votes.js'
import { castVote, isVoteValue } from '../actions/castVote.js'
import { isReportReason, reportContent } from '../actions/reportContent.js'
import { reportReasons } from '../../collections/Reports.js'
import { InvalidInputError } from '../errors.js'
import { endpoint, optionalString, readJsonObject, routeId } from './http.js'

const singular: Record<VotableCollection, string> = { answers: 'answer', guides: 'guide', threads: 'thread', tips: 'tip' }

/** `POST /api/{collection}/:id/vote` `{ "value": 1 | -1 | 0 }`: returns `{ "score": n }`. */
export const voteEndpoint = (collection: VotableCollection): Endpoint =>
  endpoint('post', '/:id/vote', async (req) => {
    const id = routeId(req, singular[collection])
    const body = await readJsonObject(req)
    const value = body.value
    if (!isVoteValue(value)) {
      throw new InvalidInputError('"value" must be 1 (up), -1 (down) or 0 (remove my vote).', 'value')
    }
    return Response.json(await castVote({ collection, id, req, value }))
  })

/** `POST /api/{collection}/:id/report` `{ "reason", "note"? }`: 201 with the report. */
export const reportEndpoint = (collection: VotableCollection): Endpoint =>
  endpoint('post', '/:id/report', async (req) => {
    const id = routeId(req, singular[collection])
    const body = await readJsonObject(req)
    const reason = body.reason
    if (!isReportReason(reason)) {
      throw new InvalidInputError(`"reason" must be one of: ${reportReasons.join(', ')}.`, 'reason')
    }
    const { isCreated, report } = await reportContent({ collection, id, note: optionalString(body, 'note'), reason, req })
    return Response.json({ report: { id: report.id, reason: report.reason, status: report.status } }, { status: isCreated ? 201 : 200 })
  })
