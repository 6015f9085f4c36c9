import type { PayloadRequest } from 'payload'

import type { Report } from '../../payload-types'
import { ConflictError, ForbiddenActionError, InvalidInputError } from '../errors'
import { canModerate } from '../policies/contributions'
import { idOf, type ID } from '../utilities/ids'
import { requireContributor } from './actor'
import { loadVisible } from './load'
import { autoHideNote, moderateContent, settleReports, type ModeratedCollection } from './moderateContent'
import { inTransaction } from './transaction'

/** What an editor decides on a report. */
export type ReportDecision = 'hide' | 'dismiss'

const moderatedCollections: ReadonlySet<string> = new Set(['threads', 'answers', 'tips'])
const isModerated = (value: string): value is ModeratedCollection => moderatedCollections.has(value)

/**
 * An editor decides on a report: `hide` the reported item (its author sees the
 * note), or `dismiss` the report — which restores an item that reports had
 * hidden automatically. Every open report on the item is settled with the
 * same decision, recording who decided, when and why.
 */
export const resolveReport = async ({
  decision,
  note,
  reportId,
  req,
}: {
  req: PayloadRequest
  reportId: ID
  decision: ReportDecision
  note?: string
}): Promise<Report> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!canModerate(actor)) throw new ForbiddenActionError('Only editors and admins decide on reports.')
    if (decision !== 'hide' && decision !== 'dismiss') {
      throw new InvalidInputError('The decision must be "hide" or "dismiss".', 'decision')
    }
    const report = await loadVisible({ collection: 'reports', id: reportId, req })
    if (report.status !== 'open') throw new ConflictError(`This report was already ${report.status}.`)
    const collection = report.target.relationTo
    const targetId = idOf(report.target.value)
    const reason = note?.trim() ?? ''
    if (targetId !== null && isModerated(collection)) {
      const target = await req.payload.findByID({
        collection,
        depth: 0,
        disableErrors: true,
        id: targetId,
        overrideAccess: true,
        req,
      })
      if (decision === 'hide' && target && target.visibility !== 'hidden') {
        await moderateContent({
          action: 'hide',
          collection,
          id: targetId,
          reason: reason || 'Hidden after a report.',
          req,
        })
      } else if (decision === 'dismiss' && target?.visibility === 'hidden' && target.moderationNote === autoHideNote) {
        await moderateContent({ action: 'restore', collection, id: targetId, reason, req })
      }
    }
    await settleReports({ action: decision, collection, id: targetId ?? '', note: reason, req })
    return req.payload.findByID({ collection: 'reports', depth: 0, id: report.id, overrideAccess: true, req })
  })
