import type { CollectionConfig } from 'payload'

import { nobody } from '../policies/access.ts'
import { label } from '../translations/i18n.ts'

/** The slug of the search consumers' leases. */
export const searchLeasesSlug = 'search-leases'

/**
 * Leases of the work one app node does for all (feeding Meilisearch from
 * the change feed): one row per consumer and period of time (`slot`,
 * `<consumer>@<epoch>`, unique), inserted by the node that holds that
 * period. The unique index lets exactly one insert win, on every adapter;
 * the row also keeps the holder's feed position, so the next holder resumes
 * where it stopped (see `src/search/meilisearchConsumer.ts`). Internal:
 * hidden from the admin panel, closed to REST and GraphQL.
 */
export const searchLeasesCollection = (): CollectionConfig => ({
  slug: searchLeasesSlug,
  labels: { singular: label('searchLease'), plural: label('searchLeases') },
  admin: { group: label('groupAdministration'), hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  lockDocuments: false,
  fields: [
    { name: 'slot', type: 'text', label: label('fieldSearchLeaseSlot'), required: true, unique: true, maxLength: 96 },
    { name: 'consumer', type: 'text', label: label('fieldSearchLeaseConsumer'), required: true, index: true, maxLength: 64 },
    { name: 'epoch', type: 'number', label: label('fieldSearchLeaseEpoch'), required: true },
    { name: 'holder', type: 'text', label: label('fieldSearchLeaseHolder'), required: true, maxLength: 64 },
    // The holder's position in the feed: { cursor, marker, seen }.
    { name: 'position', type: 'json', label: label('fieldSearchLeasePosition') },
  ],
  timestamps: true,
})
