import type { CollectionConfig, Payload } from 'payload'

import { nobody } from '../policies/access.ts'
import { label } from '../translations/i18n.ts'

/** The slug of the search change feed. */
export const searchChangesSlug = 'search-changes'

/** Rows of the feed read per query by its followers. */
export const changeRowsPerRead = 1000

/**
 * The next rows of the feed, oldest first: those created after `from` (epoch
 * ms; at or after it when `isInclusive`), every row when `from` is 0.
 */
export const readChangeRows = async (payload: Payload, from: number, isInclusive: boolean) => {
  const after = new Date(Math.max(0, from)).toISOString()
  const { docs } = await payload.find({
    collection: searchChangesSlug,
    depth: 0,
    limit: changeRowsPerRead,
    overrideAccess: true,
    pagination: false,
    sort: 'createdAt',
    where: from <= 0 ? {} : { createdAt: isInclusive ? { greater_than_equal: after } : { greater_than: after } },
  })
  return docs
}

/**
 * The search change feed: one row per search-relevant write, written in the
 * write's own transaction, naming what to re-sync (a collection and an id),
 * never the document itself. Every app node reads the rows after its last
 * one and brings its index up to date from the database (see
 * `src/search/feed.ts`). Rows are ordered by `createdAt`, then id; old rows
 * are pruned. Internal: hidden from the admin panel, closed to REST and
 * GraphQL (only the plugin writes and reads it, with `overrideAccess`).
 */
export const searchChangesCollection = (): CollectionConfig => ({
  slug: searchChangesSlug,
  labels: { singular: label('searchChange'), plural: label('searchChanges') },
  admin: { group: label('groupAdministration'), hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  // Nobody edits a change in the admin panel: no lock to keep.
  lockDocuments: false,
  fields: [
    // Collection slugs and ids of every adapter (numbers or strings) are kept as text.
    { name: 'target', type: 'text', label: label('fieldSearchChangeTarget'), required: true, maxLength: 64 },
    { name: 'targetId', type: 'text', label: label('fieldSearchChangeTargetId'), required: true, maxLength: 64 },
  ],
  timestamps: true,
})
