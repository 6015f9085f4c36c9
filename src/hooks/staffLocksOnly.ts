import type { CollectionBeforeOperationHook, PayloadRequest, Where } from 'payload'

import { DocumentLockedError } from '../errors.ts'
import { actorFromRequest, actorOf, layoutOfRequest } from '../policies/roles.ts'
import { holdsBindingLocks } from '../policies/contributions.ts'
import { idOf, isRecord, isSameId, type ID } from '../utilities/ids.ts'
import { usersCollectionOf } from '../utilities/pluginOptions.ts'

const lockedDocuments = 'payload-locked-documents'

/** Payload's lock lifetime when a collection sets none: five minutes without activity. */
const defaultLockSeconds = 300

/** The ids of the people holding a live lock on a document, with the collection of their account. */
const liveLockHolders = async (
  req: PayloadRequest,
  slug: string,
  id: ID,
  lockSeconds: number,
): Promise<Array<{ collection: string; id: ID }>> => {
  const where: Where = {
    and: [
      { 'document.relationTo': { equals: slug } },
      { 'document.value': { equals: id } },
      { updatedAt: { greater_than: new Date(Date.now() - lockSeconds * 1000).toISOString() } },
    ],
  }
  const { docs } = await req.payload.db.find({ collection: lockedDocuments, limit: 10, pagination: false, req, where })
  return docs.flatMap((lock) => {
    const user: unknown = Reflect.get(lock, 'user')
    if (!isRecord(user) || typeof user.relationTo !== 'string') return []
    const holder = idOf(isRecord(user.value) ? user.value.id : user.value)
    return holder === null ? [] : [{ collection: user.relationTo, id: holder }]
  })
}

/**
 * Document locks on Entraide's collections bind only when staff hold them.
 * Payload refuses a save (423) while anyone else holds a live lock, and any
 * signed-in person's lock counts; here, on a save or delete through REST or
 * GraphQL, a live lock held by another staff member refuses it (423), and
 * locks held by anyone else (a citizen editing in the admin panel, or a lock
 * made through the API) are passed over. Calls that already override locks
 * (the Local API's default) are left alone.
 */
export const staffLocksOnly =
  (): CollectionBeforeOperationHook =>
  async ({ args, collection, operation, req }) => {
    if (operation !== 'update' && operation !== 'delete') return args
    if (!isRecord(args) || args.overrideLock !== false || !req.payload.collections[lockedDocuments]) return args
    if (collection.lockDocuments === false) return args
    const documentId = idOf('id' in args ? args.id : undefined)
    if (documentId === null) return args
    const lockSeconds =
      typeof collection.lockDocuments === 'object' ? collection.lockDocuments.duration : defaultLockSeconds
    const me = actorFromRequest(req)
    const others = (await liveLockHolders(req, collection.slug, documentId, lockSeconds)).filter(
      (holder) => me === null || !isSameId(holder.id, me.id) || holder.collection !== req.user?.collection,
    )
    const layout = layoutOfRequest(req)
    const people = usersCollectionOf(req.payload)
    for (const holder of others) {
      // Accounts of another auth collection are the host's own people: their locks bind.
      if (holder.collection !== people) throw new DocumentLockedError()
      const account = await req.payload.db.findOne({
        collection: holder.collection,
        req,
        where: { id: { equals: holder.id } },
      })
      if (holdsBindingLocks(actorOf(account, layout))) throw new DocumentLockedError()
    }
    return { ...args, overrideLock: true }
  }
