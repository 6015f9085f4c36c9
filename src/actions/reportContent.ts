import type { PayloadRequest } from 'payload'

import type { ReportDoc } from '../data/documents.ts'
import { reportReasons, type ReportReason } from '../data/documents.ts'
import type { VotableCollection } from '../collections/Votes.ts'
import { InvalidInputError } from '../errors.ts'
import { screenPersonalData } from '../hooks/guardPersonalData.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { autoHideNote } from './moderateContent.ts'
import type { ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { loadForUpdate } from './load.ts'
import { createDoc, findAllDocs, findDocs } from '../data/local.ts'
import { accountsWithStanding } from '../data/standing.ts'
import { vouchedFor } from '../data/vouched.ts'
import { inTransaction } from './transaction.ts'

/** Longest report note, in characters. */
export const maxReportNoteLength = 1000

/** Whether a value is one of the report reasons. */
export const isReportReason = (value: unknown): value is ReportReason =>
  reportReasons.some((reason) => reason === value)

/**
 * Flags a contribution for the moderators. Reporting the same item again
 * while one's report is still open returns that report instead of a new one.
 */
export const reportContent = async ({
  collection,
  id,
  note,
  reason,
  req,
}: {
  req: PayloadRequest
  collection: VotableCollection
  id: ID
  reason: ReportReason
  note?: string
}): Promise<{ report: ReportDoc; isCreated: boolean }> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!isReportReason(reason)) {
      throw new InvalidInputError(`The reason must be one of: ${reportReasons.join(', ')}.`, 'reason')
    }
    if (note !== undefined && note.length > maxReportNoteLength) {
      throw new InvalidInputError(`The note is limited to ${maxReportNoteLength} characters.`, 'note')
    }
    // The report itself is in front of moderators: a masked note needs no report of its own.
    const screened = screenPersonalData({ plain: { note }, req }).values.note
    const safeNote = typeof screened === 'string' ? screened : undefined
    const target = await loadForUpdate({ collection, id, req })
    const targetKey = `${collection}:${String(target.id)}`
    const { docs } = await findDocs({
      collection: 'reports',
      limit: 1,
      req,
      where: {
        and: [{ targetKey: { equals: targetKey } }, { reporter: { equals: actor.id } }, { status: { equals: 'open' } }],
      },
    })
    const existing = docs[0]
    if (existing) return { isCreated: false, report: existing }
    const report = await createDoc({
      collection: 'reports',
      data: {
        note: safeNote?.trim() || null,
        reason,
        reporter: actor.id,
        status: 'open',
        target: { relationTo: collection, value: target.id },
        targetKey,
      },
      req,
    })
    await hideWhenReportedEnough({ collection, req, target, targetKey })
    return { isCreated: true, report }
  })

/**
 * An item reported by enough distinct people with standing (accounts old
 * enough, with published contributions of their own: `moderation.standing`)
 * is hidden at once, pending an editor's decision; reports from accounts made
 * a moment ago wait for the editor without hiding anything. An item carrying
 * an agent's word (validated, promoted, or a question holding such an answer)
 * is never hidden by reports alone: it goes first in the moderation queue.
 * Each person has at most one open report per item. Guides are reviewed
 * through their versions instead.
 */
const hideWhenReportedEnough = async ({
  collection,
  req,
  target,
  targetKey,
}: {
  req: PayloadRequest
  collection: VotableCollection
  target: { id: ID; visibility?: string | null }
  targetKey: string
}): Promise<void> => {
  if (collection === 'guides' || target.visibility !== 'published') return
  const threshold = optionsOf(req.payload).moderation.reportsToHide
  const reports = await findAllDocs({
    collection: 'reports',
    req,
    // Reports the personal-data guard opens have no reporter: they are not people's reports.
    where: {
      and: [{ targetKey: { equals: targetKey } }, { status: { equals: 'open' } }, { reporter: { exists: true } }],
    },
  })
  if (reports.length < threshold) return
  const withStanding = await accountsWithStanding({ ids: reports.map((report) => report.reporter), req })
  if (withStanding.size < threshold) return
  if ((await vouchedFor({ collection, ids: [target.id], req })).size > 0) return
  await writeSystemFields({
    collection,
    data: { moderationNote: autoHideNote, visibility: 'hidden' },
    id: target.id,
    req,
  })
}
