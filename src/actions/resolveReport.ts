import type { PayloadRequest } from 'payload'

import { findDocByID, readDoc } from '../data/local.ts'
import type { ReportDoc } from '../data/documents.ts'
import { ConflictError, ForbiddenActionError, InvalidInputError } from '../errors.ts'
import { screenPersonalData } from '../hooks/guardPersonalData.ts'
import { canModerate } from '../policies/contributions.ts'
import { idOf, type ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { loadForUpdate } from './load.ts'
import { autoHideNote, moderateContent, settleReports, type ModeratedCollection } from './moderateContent.ts'
import { inTransaction } from './transaction.ts'

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
}): Promise<ReportDoc> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!canModerate(actor)) throw new ForbiddenActionError('Only editors and admins decide on reports.')
    if (decision !== 'hide' && decision !== 'dismiss') {
      throw new InvalidInputError('The decision must be "hide" or "dismiss".', 'decision')
    }
    const report = await loadForUpdate({ collection: 'reports', id: reportId, req })
    if (report.status !== 'open') throw new ConflictError(`This report was already ${report.status}.`)
    const collection = report.target.relationTo
    const targetId = idOf(report.target.value)
    const typed = note?.trim() ?? ''
    // The resolution is kept on every report of the item, and a hiding note is shown to its author.
    const screened = screenPersonalData({ plain: { note: typed }, req }).values.note
    const reason = typeof screened === 'string' ? screened : typed
    if (targetId !== null && isModerated(collection)) {
      const target = await findDocByID({ collection, id: targetId, req })
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
    await settleReports({ action: decision, note: reason, req, targetKey: report.targetKey })
    return readDoc({ collection: 'reports', id: report.id, req })
  })
