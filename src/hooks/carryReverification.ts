import type { CollectionBeforeChangeHook, CollectionSlug } from 'payload'

import { reverificationFieldNames } from '../fields/reverification.ts'
import { idOf, isRecord } from '../utilities/ids.ts'

/**
 * Keeps an item's re-verification state (written on its published record
 * only, see `writeSystemFields`) in every new revision of a versioned
 * collection: saving or publishing a revision does not clear "to re-verify";
 * only re-verifying does.
 */
export const carryReverification =
  (collection: CollectionSlug): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    const id = idOf(originalDoc)
    if (operation !== 'update' || id === null) return data
    const published: unknown = await req.payload.db.findOne({ collection, req, where: { id: { equals: id } } })
    if (!isRecord(published)) return data
    const next: Record<string, unknown> = { ...data }
    for (const field of reverificationFieldNames) {
      next[field] = field === 'reverifiedBy' ? idOf(published[field]) : published[field]
    }
    return next
  }
