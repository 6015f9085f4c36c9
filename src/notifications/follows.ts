import type { PayloadRequest } from 'payload'

import { subscriptionsSlug } from '../collections/Subscriptions.ts'
import { idKey, idOf, isRecord, type ID } from '../utilities/ids.ts'
import type { FollowableCollection } from './kinds.ts'

const targetKeyOf = (collection: FollowableCollection, id: ID): string => `${collection}:${String(id)}`

const keyOf = (user: ID, collection: FollowableCollection, id: ID): string => `${String(user)}:${targetKeyOf(collection, id)}`

/** Whether an error is the unique index refusing a second row (any database). */
export const isDuplicate = (error: unknown): boolean => {
  if (!isRecord(error)) return false
  const text = `${String(error.message)} ${isRecord(error.cause) ? String(error.cause.message) : ''}`
  return /unique|duplicate|E11000|already/i.test(text) || (isRecord(error.data) && Array.isArray(error.data.errors))
}

/** Whether the person follows the item. */
export const isFollowing = async ({
  collection,
  id,
  req,
  user,
}: {
  req: PayloadRequest
  user: ID
  collection: FollowableCollection
  id: ID
}): Promise<boolean> => {
  const { totalDocs } = await req.payload.count({
    collection: subscriptionsSlug,
    overrideAccess: true,
    req,
    where: { key: { equals: keyOf(user, collection, id) } },
  })
  return totalDocs > 0
}

/**
 * The person follows the item from now on (nothing changes when they already
 * do): they hear of its official answers and changes. In the caller's
 * transaction, so a refused write follows nothing.
 */
export const follow = async ({
  collection,
  id,
  req,
  user,
}: {
  req: PayloadRequest
  user: ID
  collection: FollowableCollection
  id: ID
}): Promise<void> => {
  if (await isFollowing({ collection, id, req, user })) return
  try {
    await req.payload.create({
      collection: subscriptionsSlug,
      data: {
        key: keyOf(user, collection, id),
        targetCollection: collection,
        targetId: String(id),
        targetKey: targetKeyOf(collection, id),
        user,
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
  } catch (error) {
    // A parallel request followed it first.
    if (!isDuplicate(error)) throw error
  }
}

/** The person stops following the item (nothing changes when they did not). */
export const unfollow = async ({
  collection,
  id,
  req,
  user,
}: {
  req: PayloadRequest
  user: ID
  collection: FollowableCollection
  id: ID
}): Promise<void> => {
  await req.payload.delete({
    collection: subscriptionsSlug,
    overrideAccess: true,
    req,
    where: { key: { equals: keyOf(user, collection, id) } },
  })
}

/**
 * Followers read per page when an event fans out. Small enough that the
 * page's own reads (its followers, their preferences, who was told already)
 * hold SQLite's event loop only briefly.
 */
export const followersPageSize = 100

/**
 * The followers of an item, one page at a time (`afterId` is the last id of
 * the previous page), so a fan-out to thousands never holds them all.
 */
export const followersPage = async ({
  afterId,
  collection,
  id,
  req,
}: {
  req: PayloadRequest
  collection: FollowableCollection
  id: ID
  afterId: ID | null
}): Promise<{ users: ID[]; lastId: ID | null }> => {
  const { docs } = await req.payload.find({
    collection: subscriptionsSlug,
    depth: 0,
    limit: followersPageSize,
    overrideAccess: true,
    pagination: false,
    req,
    select: { user: true },
    sort: 'id',
    where: {
      and: [{ targetKey: { equals: targetKeyOf(collection, id) } }, ...(afterId === null ? [] : [{ id: { greater_than: afterId } }])],
    },
  })
  const users: ID[] = []
  let lastId: ID | null = null
  for (const doc of docs) {
    const user = isRecord(doc) ? idOf(doc.user) : null
    if (user !== null) users.push(user)
    lastId = isRecord(doc) ? idOf(doc.id) : lastId
  }
  return { lastId: docs.length < followersPageSize ? null : lastId, users }
}

/** The ids as `idKey`s, for comparing ids of either type. */
export const keysOf = (ids: readonly ID[]): Set<string> =>
  new Set(ids.map(idKey).filter((key): key is string => key !== null))
