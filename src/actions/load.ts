import type { PayloadRequest } from 'payload'

import type { EntraideCollection, EntraideDocuments } from '../data/documents.ts'
import { findDocByID, readDoc } from '../data/local.ts'
import { NotFoundError } from '../errors.ts'
import { idOf, type ID } from '../utilities/ids.ts'
import { claimRow } from './transaction.ts'

const labels: Record<string, string> = {
  agencies: 'agency',
  answers: 'answer',
  guides: 'guide',
  'guide-proposals': 'guide proposal',
  procedures: 'procedure',
  threads: 'thread',
  tips: 'tip',
  'wiki-pages': 'wiki page',
}

/**
 * Loads one document the caller may see (their access rules apply), or fails
 * with 404. Ids of the wrong shape are simply not found, never a 500.
 */
export const loadVisible = async <Slug extends EntraideCollection>(args: {
  req: PayloadRequest
  collection: Slug
  id: ID
  draft?: boolean
}): Promise<EntraideDocuments[Slug]> => {
  const doc = await findVisible(args)
  if (!doc) throw new NotFoundError(labels[args.collection] ?? args.collection, String(args.id))
  return doc
}

/**
 * Like `loadVisible`, for an action that changes the document or derives
 * something from its current state (a score, an accepted answer, a
 * promotion): the document is claimed in the action's transaction first, so
 * parallel actions on it take turns on every database, and it is read again
 * after the claim, as the previous action left it.
 */
export const loadForUpdate = async <Slug extends EntraideCollection>(args: {
  req: PayloadRequest
  collection: Slug
  id: ID
  draft?: boolean
}): Promise<EntraideDocuments[Slug]> => {
  const seen = await loadVisible(args)
  await claimRow({ collection: args.collection, id: seen.id, req: args.req })
  return readDoc({ collection: args.collection, draft: args.draft, id: seen.id, req: args.req })
}

/**
 * One document the caller may see (their access rules apply), or null when
 * there is none; ids of the wrong shape are simply not found.
 */
export const findVisible = async <Slug extends EntraideCollection>({
  collection,
  id,
  req,
  draft = false,
}: {
  req: PayloadRequest
  collection: Slug
  id: ID
  draft?: boolean
}): Promise<EntraideDocuments[Slug] | null> => {
  // The caller's access rules apply; an id that cannot be one of this collection's is not found.
  return findDocByID({ collection, draft, id, overrideAccess: false, req })
}

/** The agency that owns a procedure, or null when the procedure is unknown. */
export const agencyOfProcedure = async ({
  procedure,
  req,
}: {
  req: PayloadRequest
  procedure: unknown
}): Promise<ID | null> => {
  const doc = await loadRelated({ collection: 'procedures', req, value: procedure })
  return doc ? idOf(doc.agency) : null
}

/**
 * The document a relationship points to, read with system rights (the caller
 * was already checked on the item that holds the relationship), or null.
 */
export const loadRelated = async <Slug extends EntraideCollection>({
  collection,
  req,
  value,
}: {
  req: PayloadRequest
  collection: Slug
  value: unknown
}): Promise<EntraideDocuments[Slug] | null> => {
  // Values sent by people (a procedure in a new guide) may be of the wrong shape: findDocByID then finds nothing.
  const id = idOf(value)
  if (id === null) return null
  return findDocByID({ collection, id, req })
}
