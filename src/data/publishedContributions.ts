import {
  createLocalReq,
  type CollectionAfterChangeHook,
  type CollectionAfterDeleteHook,
  type Payload,
  type PayloadRequest,
  type Where,
} from 'payload'

import { idOf, isRecord, isSameId, type ID } from '../utilities/ids.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'

/**
 * Each account's number of published contributions (questions, answers and
 * tips of its own), kept on the account so that pre-moderation and standing
 * read one figure instead of counting three collections. The contributions'
 * hooks change it in the transaction of the write that publishes, hides,
 * moves or deletes a contribution. Null (or absent) means not counted yet:
 * accounts from before the field, until the start-up counts them or a read
 * counts and records them.
 */

const contributionSlugs = ['threads', 'answers', 'tips'] as const

const fieldOf = (payload: Payload): string => optionsOf(payload).users.layout.publishedContributions

/** The three counts, as before the figure existed. */
export const countPublishedContributions = async (req: PayloadRequest, author: ID): Promise<number> => {
  const where: Where = { and: [{ author: { equals: author } }, { visibility: { equals: 'published' } }] }
  let total = 0
  for (const collection of contributionSlugs) {
    total += (await req.payload.count({ collection, overrideAccess: true, req, where })).totalDocs
  }
  return total
}

const figureOf = (payload: Payload, person: unknown): number | null => {
  if (!isRecord(person)) return null
  const value = person[fieldOf(payload)]
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null
}

/** Counts the contributions of an account whose figure is not counted yet, and records it. */
const countAndRecord = async (req: PayloadRequest, author: ID): Promise<number> => {
  const total = await countPublishedContributions(req, author)
  await req.payload.db.updateOne({
    collection: usersCollectionOf(req.payload),
    // `updatedAt: null` leaves the account's date of change alone: the figure is not an edit of the account.
    data: { [fieldOf(req.payload)]: total, updatedAt: null },
    id: author,
    req,
    returning: false,
  })
  return total
}

/**
 * The published contributions of the account `person` (a document of the
 * users collection, as read from the database): its figure, or, when not
 * counted yet, the counts, then recorded.
 */
export const publishedContributionsOfAccount = async (req: PayloadRequest, person: unknown): Promise<number> => {
  const figure = figureOf(req.payload, person)
  if (figure !== null) return figure
  const id = idOf(person)
  return id === null ? 0 : countAndRecord(req, id)
}

/**
 * The published contributions of the person making the request. Through
 * the REST and GraphQL APIs, `req.user` was read from the database by
 * Payload's authentication at the start of this request (and the hooks below
 * keep it in step with the request's own writes), so its figure is used as
 * is; through the Local API, `req.user` is whatever object the caller passed,
 * possibly older than the last moderation, so the figure is read again, in
 * the request's transaction: one statement.
 */
export const publishedContributionsOfActor = async (req: PayloadRequest, actorId: ID): Promise<number> => {
  if (req.payloadAPI !== 'local' && isRecord(req.user) && isSameId(req.user.id, actorId)) {
    const figure = figureOf(req.payload, req.user)
    if (figure !== null) return figure
  }
  const field = fieldOf(req.payload)
  const person: unknown = await req.payload.db.findOne({
    collection: usersCollectionOf(req.payload),
    req,
    select: { [field]: true },
    where: { id: { equals: actorId } },
  })
  if (!isRecord(person)) return 0
  const figure = figureOf(req.payload, person)
  return figure ?? countAndRecord(req, actorId)
}

/**
 * Adds `delta` to the author's figure, in one statement, only when it is
 * counted already (a figure not counted yet is counted whole when read).
 */
const adjust = async (req: PayloadRequest, author: ID, delta: number): Promise<void> => {
  const field = fieldOf(req.payload)
  await req.payload.db.updateOne({
    collection: usersCollectionOf(req.payload),
    data: { [field]: { $inc: delta }, updatedAt: null },
    // The SQL adapters update in one statement with `atomic` (without it they select the id first);
    // MongoDB's update is atomic as it is.
    options: req.payload.db.name === 'mongoose' ? {} : { atomic: true },
    req,
    returning: false,
    where: { and: [{ id: { equals: author } }, { [field]: { exists: true } }] },
  })
  // The request's own account stays in step, for a later read of it in the same request.
  if (isRecord(req.user) && isSameId(req.user.id, author)) {
    const figure = figureOf(req.payload, req.user)
    if (figure !== null) req.user[field] = figure + delta
  }
}

/** The author of a contribution when it is published, else null. */
const publishedAuthor = (doc: unknown): ID | null =>
  isRecord(doc) && doc.visibility === 'published' ? idOf(doc.author) : null

/** Keeps the authors' figures when a contribution is created, published, hidden or given another author. */
export const keepPublishedContributionsOnChange =
  (): CollectionAfterChangeHook =>
  async ({ doc, operation, previousDoc, req }) => {
    const before = operation === 'create' ? null : publishedAuthor(previousDoc)
    const after = publishedAuthor(doc)
    if (before !== null && after !== null && isSameId(before, after)) return
    if (before !== null) await adjust(req, before, -1)
    if (after !== null) await adjust(req, after, 1)
  }

/** Takes a deleted published contribution off its author's figure. */
export const keepPublishedContributionsOnDelete =
  (): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    const author = publishedAuthor(doc)
    if (author !== null) await adjust(req, author, -1)
  }

/** Accounts counted per transaction at start-up. */
const accountsPerBatch = 200

/**
 * Counts the figure of every account that has none yet (accounts from before
 * the field, in a database Payload pushes its schema to in development; the
 * migration does it for migrated databases). Nothing is written when every
 * account is counted; a failure is logged and the start goes on.
 */
export const countUncountedAccounts = async (payload: Payload): Promise<void> => {
  // Payload's migrate command starts the app before the tables exist; the migration does this itself.
  if (process.env.PAYLOAD_MIGRATING === 'true') return
  const collection = usersCollectionOf(payload)
  const where: Where = { [fieldOf(payload)]: { exists: false } }
  try {
    const { totalDocs } = await payload.db.count({ collection, where })
    let counted = 0
    // Bounded by the accounts found at first, whatever happens to them meanwhile.
    for (let batch = 0; counted < totalDocs && batch <= totalDocs / accountsPerBatch; batch += 1) {
      const { docs } = await payload.db.find({
        collection,
        limit: accountsPerBatch,
        pagination: false,
        select: { id: true },
        where,
      })
      if (docs.length === 0) break
      const req = await createLocalReq({}, payload)
      const transactionID = (await payload.db.beginTransaction()) ?? undefined
      req.transactionID = transactionID
      try {
        for (const doc of docs) {
          const id = idOf(doc)
          if (id !== null) await countAndRecord(req, id)
        }
        if (transactionID !== undefined) await payload.db.commitTransaction(transactionID)
      } catch (error) {
        if (transactionID !== undefined) await payload.db.rollbackTransaction(transactionID)
        throw error
      }
      counted += docs.length
    }
    if (counted > 0) payload.logger.info(`Entraide: published contributions counted for ${counted} account(s).`)
  } catch (error) {
    payload.logger.error({ err: error, msg: 'Entraide: could not count the published contributions of accounts.' })
  }
}
