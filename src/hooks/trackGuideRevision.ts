import type { CollectionBeforeChangeHook } from 'payload'

import { reverificationFieldNames } from '../fields/reverification.ts'
import { guideEditorKey } from '../data/guideProposals.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { idOf, isRecord } from '../utilities/ids.ts'

/** Guide fields maintained by Entraide, carried from the published record into every revision. */
const systemFields = ['verifiedBy', 'verifiedAt', 'score', ...reverificationFieldNames] as const

/**
 * Records who wrote each guide revision, and keeps the verification and score
 * of the published record in every revision. Publishing new content after an
 * agent's verification flags the guide for review: the verification was for
 * the text readers no longer see.
 */
export const trackGuideRevision =
  (): CollectionBeforeChangeHook =>
  async ({ context, data, operation, originalDoc, req }) => {
    const next: Record<string, unknown> = { ...data }
    const actor = actorFromRequest(req)
    // An accepted proposal is its author's revision, whoever accepted it.
    const editor = idOf(context[guideEditorKey])
    if (editor !== null) next.lastEditedBy = editor
    else if (actor) next.lastEditedBy = actor.id
    const id = idOf(originalDoc)
    if (operation !== 'update' || id === null) return next
    const published: unknown = await req.payload.db.findOne({
      collection: 'guides',
      req,
      where: { id: { equals: id } },
    })
    if (!isRecord(published)) return next
    for (const field of systemFields) {
      next[field] = field === 'verifiedBy' || field === 'reverifiedBy' ? idOf(published[field]) : published[field]
    }
    if (next._status === 'published' && published.verifiedAt) next.needsReview = true
    return next
  }
