import type { PayloadRequest, Where } from 'payload'

import type { ReviewReason } from '../data/documents.ts'
import { findAllDocs } from '../data/local.ts'
import { storedChanges, type ProcedureChange } from '../data/procedureChanges.ts'
import type { ReverifiedCollection } from '../fields/reverification.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import type { ID } from '../utilities/ids.ts'

/** An item that can wait for re-verification, as the flagging reads it. */
type Reverifiable = {
  id: ID
  needsReview: boolean
  reviewReason: ReviewReason | null
  reviewChanges: unknown
  reviewFlaggedAt: string | null
  reverifiedAt: string | null
  createdAt: string
}

/** The most changes one item keeps: the latest ones, enough to say what to look at. */
const maxStoredChanges = 30

/**
 * Marks one item "to re-verify", with why and, for a change of its procedure,
 * what changed. An item already waiting keeps the date it started waiting and
 * adds the new changes to the ones it had: the person re-verifying sees all
 * of them. A change of the procedure outranks an expiry as the reason.
 */
export const markToReverify = async ({
  changes = [],
  collection,
  item,
  reason,
  req,
}: {
  req: PayloadRequest
  collection: ReverifiedCollection
  item: Reverifiable
  reason: ReviewReason
  changes?: ProcedureChange[]
}): Promise<void> => {
  const kept = item.needsReview ? storedChanges(item.reviewChanges) : []
  const isWaiting = item.needsReview && item.reviewFlaggedAt !== null
  await writeSystemFields({
    collection,
    data: {
      needsReview: true,
      reviewChanges: [...kept, ...changes].slice(-maxStoredChanges),
      reviewFlaggedAt: isWaiting ? item.reviewFlaggedAt : new Date().toISOString(),
      reviewReason: isWaiting && item.reviewReason === 'procedure-changed' ? 'procedure-changed' : reason,
    },
    id: item.id,
    req,
  })
}

const timeOf = (value: string | null | undefined): number | null => {
  if (!value) return null
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? null : time
}

/** Since when an item's content was vouched for, or null when nobody vouched for it. */
type VouchedAt = (item: Reverifiable & { verifiedAt?: string | null; validatedAt?: string | null }) => string | null

/**
 * The knowledge about one procedure that a change of it puts in doubt: its
 * guide, its wiki pages, its validated answers (an answer nobody validated
 * claims nothing official) and its tips, each with when it was last vouched for.
 */
const knowledgeOf = async (
  req: PayloadRequest,
  procedure: ID,
): Promise<Array<{ collection: ReverifiedCollection; item: Reverifiable; vouchedAt: string | null }>> => {
  const ofProcedure: Where = { procedure: { equals: procedure } }
  const latest: VouchedAt = (item) => item.reverifiedAt ?? item.verifiedAt ?? item.validatedAt ?? null
  const [guides, pages, answers, tips] = await Promise.all([
    findAllDocs({ collection: 'guides', req, where: ofProcedure }),
    findAllDocs({ collection: 'wiki-pages', req, where: ofProcedure }),
    findAllDocs({ collection: 'answers', req, where: { and: [ofProcedure, { validatedAt: { exists: true } }] } }),
    findAllDocs({ collection: 'tips', req, where: ofProcedure }),
  ])
  return [
    ...guides.map((item) => ({ collection: 'guides' as const, item, vouchedAt: latest(item) })),
    ...pages.map((item) => ({ collection: 'wiki-pages' as const, item, vouchedAt: latest(item) ?? item.createdAt })),
    ...answers.map((item) => ({ collection: 'answers' as const, item, vouchedAt: latest(item) })),
    ...tips.map((item) => ({ collection: 'tips' as const, item, vouchedAt: latest(item) ?? item.createdAt })),
  ]
}

/**
 * After a change of a procedure's official content, marks the guide, wiki
 * pages, validated answers and tips of that procedure, and no other, "to
 * re-verify" with the changes. A new date of last official change alone
 * marks only the items vouched for before that date (a guide nobody verified
 * stays as it is), as it always did; any other change marks them all.
 * Returns how many items were marked.
 */
export const flagKnowledgeOfProcedure = async ({
  changes,
  procedure,
  req,
}: {
  req: PayloadRequest
  procedure: ID
  changes: ProcedureChange[]
}): Promise<number> => {
  if (changes.length === 0) return 0
  const contentChanged = changes.some((change) => change.field !== 'lastOfficialChange')
  const declared = changes.find((change) => change.field === 'lastOfficialChange')
  const declaredAt = declared && 'after' in declared ? timeOf(declared.after) : null
  const declaredBefore = declared && 'before' in declared ? timeOf(declared.before) : null
  // Moving the date back (a correction) puts nothing in doubt.
  if (!contentChanged && (declaredAt === null || (declaredBefore !== null && declaredAt <= declaredBefore))) return 0
  let marked = 0
  for (const { collection, item, vouchedAt } of await knowledgeOf(req, procedure)) {
    if (!contentChanged) {
      const vouched = timeOf(vouchedAt)
      if (vouched === null || declaredAt === null || vouched >= declaredAt) continue
    }
    await markToReverify({ changes, collection, item, reason: 'procedure-changed', req })
    marked += 1
  }
  return marked
}
