import type { CollectionAfterChangeHook } from 'payload'

import { writeSystemFields } from './systemWrites'

const timeOf = (value: unknown): number | null => {
  if (typeof value !== 'string' && !(value instanceof Date)) return null
  const time = new Date(value).getTime()
  return Number.isNaN(time) ? null : time
}

/**
 * When the administration changes a procedure after an agent verified its
 * guide, the guide is flagged "needs review" so readers are warned.
 */
export const flagGuideWhenProcedureChanges =
  (): CollectionAfterChangeHook =>
  async ({ doc, previousDoc, req }) => {
    const changedAt = timeOf(doc.lastOfficialChange)
    if (changedAt === null || changedAt === timeOf(previousDoc?.lastOfficialChange)) return doc
    const { docs } = await req.payload.find({
      collection: 'guides',
      depth: 0,
      limit: 1,
      overrideAccess: true,
      pagination: false,
      req,
      where: { procedure: { equals: doc.id } },
    })
    const guide = docs[0]
    const verifiedAt = timeOf(guide?.verifiedAt)
    if (guide && verifiedAt !== null && changedAt > verifiedAt && guide.needsReview !== true) {
      await writeSystemFields({ collection: 'guides', data: { needsReview: true }, id: guide.id, req })
    }
    return doc
  }
