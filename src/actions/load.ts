import type { CollectionSlug, DataFromCollectionSlug, PayloadRequest } from 'payload'

import { NotFoundError } from '../errors'
import { idOf, parseId, type ID } from '../utilities/ids'

const labels: Record<string, string> = {
  agencies: 'agency',
  answers: 'answer',
  guides: 'guide',
  procedures: 'procedure',
  threads: 'thread',
  tips: 'tip',
  'wiki-pages': 'wiki page',
}

/**
 * Loads one document the caller may see (their access rules apply), or fails
 * with 404. Ids of the wrong shape are simply not found, never a 500.
 */
export const loadVisible = async <TSlug extends CollectionSlug>(args: {
  req: PayloadRequest
  collection: TSlug
  id: ID
  draft?: boolean
}): Promise<DataFromCollectionSlug<TSlug>> => {
  const doc = await findVisible(args)
  if (!doc) throw new NotFoundError(labels[args.collection] ?? args.collection, args.id)
  return doc
}

/**
 * One document the caller may see (their access rules apply), or null when
 * there is none; ids of the wrong shape are simply not found.
 */
export const findVisible = async <TSlug extends CollectionSlug>({
  collection,
  id,
  req,
  draft = false,
}: {
  req: PayloadRequest
  collection: TSlug
  id: ID
  draft?: boolean
}): Promise<DataFromCollectionSlug<TSlug> | null> => {
  const parsed = parseId(id)
  if (parsed === null) return null
  const { docs } = await req.payload.find({
    collection,
    depth: 0,
    draft,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    where: { id: { equals: parsed } },
  })
  return docs[0] ?? null
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
export const loadRelated = async <TSlug extends CollectionSlug>({
  collection,
  req,
  value,
}: {
  req: PayloadRequest
  collection: TSlug
  value: unknown
}): Promise<DataFromCollectionSlug<TSlug> | null> => {
  const id = idOf(value)
  if (id === null) return null
  return req.payload.findByID({ collection, depth: 0, disableErrors: true, id, overrideAccess: true, req })
}
