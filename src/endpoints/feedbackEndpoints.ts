import type { Endpoint } from 'payload'

import type { VotableCollection } from '../collections/Votes.ts'
import { castVote, isVoteValue } from '../actions/castVote.ts'
import { isReportReason, reportContent } from '../actions/reportContent.ts'
import { reportReasons } from '../data/documents.ts'
import { InvalidInputError } from '../errors.ts'
import { enforceRateLimit } from '../rateLimit/enforce.ts'
import { endpoint, optionalString, readJsonObject, routeId } from './http.ts'

const singular: Record<VotableCollection, 'answer' | 'tip' | 'thread' | 'guide'> = {
  answers: 'answer',
  guides: 'guide',
  threads: 'thread',
  tips: 'tip',
}

/** `POST /api/{collection}/:id/vote` `{ "value": 1 | -1 | 0 }`: returns `{ "score": n }`. */
export const voteEndpoint = (collection: VotableCollection): Endpoint =>
  endpoint('post', '/:id/vote', async (req) => {
    await enforceRateLimit({ category: 'votes', req })
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
    await enforceRateLimit({ category: 'reports', req })
    const id = routeId(req, singular[collection])
    const body = await readJsonObject(req)
    const reason = body.reason
    if (!isReportReason(reason)) {
      throw new InvalidInputError(`"reason" must be one of: ${reportReasons.join(', ')}.`, 'reason')
    }
    const { isCreated, report } = await reportContent({
      collection,
      id,
      note: optionalString(body, 'note'),
      reason,
      req,
    })
    return Response.json(
      { report: { id: report.id, reason: report.reason, status: report.status } },
      { status: isCreated ? 201 : 200 },
    )
  })
