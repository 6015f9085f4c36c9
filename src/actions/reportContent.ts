import type { PayloadRequest } from 'payload'

import type { Report } from '../../payload-types'
import { reportReasons, type ReportReason } from '../../collections/Reports'
import type { VotableCollection } from '../../collections/Votes'
import { InvalidInputError } from '../errors'
import { screenPersonalData } from '../hooks/guardPersonalData'
import { writeSystemFields } from '../hooks/systemWrites'
import { optionsOf } from '../utilities/pluginOptions'
import { autoHideNote } from './moderateContent'
import type { ID } from '../utilities/ids'
import { requireContributor } from './actor'
import { loadVisible } from './load'
import { inTransaction } from './transaction'

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
}): Promise<{ report: Report; isCreated: boolean }> =>
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
    const target = await loadVisible({ collection, id, req })
    const targetKey = `${collection}:${target.id}`
    const { docs } = await req.payload.find({
      collection: 'reports',
      depth: 0,
      limit: 1,
      overrideAccess: true,
      req,
      where: {
        and: [{ targetKey: { equals: targetKey } }, { reporter: { equals: actor.id } }, { status: { equals: 'open' } }],
      },
    })
    const existing = docs[0]
    if (existing) return { isCreated: false, report: existing }
    const report = await req.payload.create({
      collection: 'reports',
      data: {
        note: safeNote?.trim() || null,
        reason,
        reporter: actor.id,
        status: 'open',
        target: { relationTo: collection, value: target.id },
        targetKey,
      },
      overrideAccess: true,
      req,
    })
    await hideWhenReportedEnough({ collection, req, target, targetKey })
    return { isCreated: true, report }
  })

/**
 * An item reported by enough distinct people is hidden at once, pending an
 * editor's decision (each person has at most one open report per item).
 * Guides are reviewed through their versions instead.
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
  const { totalDocs } = await req.payload.count({
    collection: 'reports',
    overrideAccess: true,
    req,
    // Reports the personal-data guard opens have no reporter: they are not people's reports.
    where: {
      and: [{ targetKey: { equals: targetKey } }, { status: { equals: 'open' } }, { reporter: { exists: true } }],
    },
  })
  if (totalDocs >= optionsOf(req.payload).moderation.reportsToHide) {
    await writeSystemFields({
      collection,
      data: { moderationNote: autoHideNote, visibility: 'hidden' },
      id: target.id,
      req,
    })
  }
}
