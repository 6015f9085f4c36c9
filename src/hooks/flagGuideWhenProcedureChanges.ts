import type { CollectionAfterChangeHook } from 'payload'

import { writeSystemFields } from './systemWrites.ts'
import { findDocs } from '../data/local.ts'
import { idOf, isRecord } from '../utilities/ids.ts'

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
    const current: unknown = doc
    const previous: unknown = previousDoc
    if (!isRecord(current)) return
    const changedAt = timeOf(current.lastOfficialChange)
    if (changedAt === null || changedAt === timeOf(isRecord(previous) ? previous.lastOfficialChange : null)) return
    const procedureId = idOf(current.id)
    if (procedureId === null) return
    const { docs } = await findDocs({
      collection: 'guides',
      limit: 1,
      overrideAccess: true,
      pagination: false,
      req,
      where: { procedure: { equals: procedureId } },
    })
    const guide = docs[0]
    const verifiedAt = timeOf(guide?.verifiedAt)
    if (guide && verifiedAt !== null && changedAt > verifiedAt && guide.needsReview !== true) {
      await writeSystemFields({ collection: 'guides', data: { needsReview: true }, id: guide.id, req })
    }
  }
