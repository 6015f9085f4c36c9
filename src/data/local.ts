import { performance } from 'node:perf_hooks'

import type { CollectionSlug, PayloadRequest, SelectType, Sort, Where } from 'payload'
import type { z } from 'zod'

import { NotFoundError } from '../errors.ts'
import { idOf, isRecord, parseIdFor } from '../utilities/ids.ts'
import type { ID } from './documents.ts'
import { decodeDocument, type EntraideCollection, type EntraideDocuments } from './documents.ts'

/**
 * Thin wrappers over Payload's Local API for Entraide's collections: each one
 * reads at depth 0 (relationships as ids) and decodes what comes back, so
 * callers get checked documents whatever the database and its id type. The
 * caller's `req` is passed along, so its transaction and user apply; access
 * rules apply when `overrideAccess` is false, as with Payload itself.
 */

type Query<Slug extends EntraideCollection> = {
  req: PayloadRequest
  collection: Slug
  where?: Where
  sort?: Sort
  limit?: number
  page?: number
  pagination?: boolean
  draft?: boolean
  overrideAccess?: boolean
}

export type FoundDocs<Doc> = { docs: Doc[]; totalDocs: number; hasNextPage: boolean }

/** One page of documents (Payload's default page size unless `limit` is given). */
export const findDocs = async <Slug extends EntraideCollection>({
  collection,
  draft,
  limit,
  overrideAccess = true,
  page,
  pagination,
  req,
  sort,
  where,
}: Query<Slug>): Promise<FoundDocs<EntraideDocuments[Slug]>> => {
  const result = await req.payload.find({
    collection,
    depth: 0,
    draft,
    limit,
    overrideAccess,
    page,
    pagination,
    req,
    sort,
    where,
  })
  return {
    docs: result.docs.map((doc: unknown) => decodeDocument(collection, doc)),
    hasNextPage: result.hasNextPage,
    totalDocs: result.totalDocs,
  }
}

/** Every document that matches, without pagination. */
export const findAllDocs = async <Slug extends EntraideCollection>(
  query: Omit<Query<Slug>, 'limit' | 'page' | 'pagination'>,
): Promise<EntraideDocuments[Slug][]> => {
  const { docs } = await findDocs({ ...query, limit: 0, pagination: false })
  return docs
}

/** One document by id, or null when there is none, the id cannot be one of this collection's, or the caller may not see it. */
export const findDocByID = async <Slug extends EntraideCollection>({
  collection,
  draft,
  id,
  overrideAccess = true,
  req,
}: {
  req: PayloadRequest
  collection: Slug
  id: ID
  draft?: boolean
  overrideAccess?: boolean
}): Promise<EntraideDocuments[Slug] | null> => {
  const parsed = parseIdFor(req.payload, collection, id)
  if (parsed === null) return null
  const { docs } = await findDocs({
    collection,
    draft,
    limit: 1,
    overrideAccess,
    pagination: false,
    req,
    where: { id: { equals: parsed } },
  })
  return docs[0] ?? null
}

/** One document by id, with system rights, after a write; fails with 404 when it is gone. */
export const readDoc = async <Slug extends EntraideCollection>({
  collection,
  draft,
  id,
  req,
}: {
  req: PayloadRequest
  collection: Slug
  id: ID
  draft?: boolean
}): Promise<EntraideDocuments[Slug]> => {
  const doc = await findDocByID({ collection, draft, id, req })
  if (!doc) throw new NotFoundError(collection, String(id))
  return doc
}

/**
 * Only some fields of the matching documents (plus `id`), decoded with the
 * caller's schema: for lists that need a title or a score, not whole documents.
 */
export const findFields = async <Schema extends z.ZodType>({
  collection,
  draft,
  overrideAccess = true,
  req,
  schema,
  select,
  sort,
  where,
}: {
  req: PayloadRequest
  collection: EntraideCollection
  schema: Schema
  select: SelectType
  where?: Where
  sort?: Sort
  draft?: boolean
  overrideAccess?: boolean
}): Promise<z.output<Schema>[]> => {
  const { docs } = await req.payload.find({
    collection,
    depth: 0,
    draft,
    limit: 0,
    overrideAccess,
    pagination: false,
    req,
    select,
    sort,
    where,
  })
  return docs.map((doc: unknown) => schema.parse(doc))
}

type Write<Slug extends EntraideCollection> = {
  req: PayloadRequest
  collection: Slug
  data: Record<string, unknown>
  draft?: boolean
  overrideAccess?: boolean
}

/** Creates a document (system rights unless `overrideAccess` is false) and returns it decoded. */
export const createDoc = async <Slug extends EntraideCollection>({
  collection,
  data,
  draft,
  overrideAccess = true,
  req,
}: Write<Slug>): Promise<EntraideDocuments[Slug]> => {
  const doc: unknown = await req.payload.create({ collection, data, depth: 0, draft, overrideAccess, req })
  return decodeDocument(collection, doc)
}

/** Updates one document by id (system rights unless `overrideAccess` is false) and returns it decoded. */
export const updateDoc = async <Slug extends EntraideCollection>({
  collection,
  data,
  draft,
  id,
  overrideAccess = true,
  req,
}: Write<Slug> & { id: ID }): Promise<EntraideDocuments[Slug]> => {
  const doc: unknown = await req.payload.update({ collection, data, depth: 0, draft, id, overrideAccess, req })
  return decodeDocument(collection, doc)
}

/** Rows a background job reads per query: small enough that each read holds the process only briefly. */
export const backgroundPageSize = 100

/** How many times as long as a page kept the event loop busy a background job rests after it. */
const restFactor = 9

/**
 * A background job's rest after a page of `rowsById` (its `afterPage`): nine
 * times as long as the page kept the event loop busy, so that the job takes
 * at most a tenth of the process's time and the requests served by the same
 * process keep their pace. Waiting for a database server's answer does not
 * count: the event loop serves requests meanwhile.
 */
export const restAfterPage = (busyMs: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(1, busyMs * restFactor)))

/**
 * Every row of a collection that matches, with only the selected fields, one
 * page at a time in id order: each page starts after the last id of the
 * previous one, which every database adapter serves from its primary key
 * however deep the page. `afterPage` runs between pages with how long the
 * page kept this process's event loop busy, reading and counting (a
 * background job rests there in proportion). That is the time requests
 * served by the same process waited for; the time spent waiting for a
 * database server's answer is not in it, as the event loop serves other
 * requests meanwhile.
 */
export async function* rowsById({
  afterPage,
  collection,
  pageSize,
  req,
  select,
  where,
}: {
  req: PayloadRequest
  collection: CollectionSlug
  where: Where
  select: SelectType
  pageSize: number
  afterPage?: (busyMs: number) => Promise<void>
}): AsyncGenerator<Record<string, unknown>> {
  let afterId: ID | null = null
  for (;;) {
    const loopAtStart = performance.eventLoopUtilization()
    const { docs } = await req.payload.find({
      collection,
      depth: 0,
      limit: pageSize,
      overrideAccess: true,
      pagination: false,
      req,
      select,
      sort: 'id',
      where: afterId === null ? where : { and: [where, { id: { greater_than: afterId } }] },
    })
    for (const doc of docs) if (isRecord(doc)) yield doc
    const last: unknown = docs.at(-1)
    afterId = isRecord(last) ? idOf(last.id) : null
    if (docs.length < pageSize || afterId === null) return
    await afterPage?.(performance.eventLoopUtilization(loopAtStart).active)
  }
}
