import type { Access, CollectionBeforeChangeHook, CollectionBeforeDeleteHook, Payload, PayloadRequest } from 'payload'

import { ForbiddenActionError } from '../errors.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { canManageLocks } from '../policies/contributions.ts'
import { isRecord } from '../utilities/ids.ts'

const lockedDocuments = 'payload-locked-documents'

/** Configs whose lock collection is already closed: a config started twice is closed once. */
const closed = new WeakSet<object>()

/**
 * Closes Payload's document-lock collection (`payload-locked-documents`),
 * which Payload builds itself when it starts and opens to every signed-in
 * person: through the API, anyone could lock any document in anyone's name.
 * Locks on Entraide's collections are staff business: only agents, editors
 * and admins create them through the API, always in their own name.
 * Community accounts (public sign-up) read their own locks and nothing else;
 * the accounts the host created keep the host's rule on the locks of its own
 * documents, and may neither change nor release those of Entraide's. The admin panel's own locking,
 * which writes locks directly, is unchanged; which locks bind a save is
 * decided on Entraide's collections (see `staffLocksOnly`).
 */
export const closeLockCollection = (payload: Payload, entraideSlugs: readonly string[]): void => {
  const collection = payload.collections[lockedDocuments]
  if (!collection || closed.has(collection.config)) return
  closed.add(collection.config)
  const { config } = collection
  const ownSlugs = new Set(entraideSlugs)
  const hostRule: Access = config.access.read
  /**
   * Staff: the host's rule (every lock). Community accounts: their own locks
   * only, to read; nothing else. Accounts the host created keep its rule: the
   * locks of the host's own documents are theirs to see and take over.
   */
  const scoped =
    (rule: Access, { isOwnReadable }: { isOwnReadable: boolean }): Access =>
    (args) => {
      const actor = actorFromRequest(args.req)
      if (actor === null) return false
      if (canManageLocks(actor) || !actor.isCommunityAccount) return rule(args)
      return isOwnReadable ? { 'user.value': { equals: actor.id } } : false
    }
  config.access = {
    ...config.access,
    create: scoped(config.access.create ?? hostRule, { isOwnReadable: false }),
    delete: scoped(config.access.delete ?? hostRule, { isOwnReadable: false }),
    read: scoped(hostRule, { isOwnReadable: true }),
    update: scoped(config.access.update ?? hostRule, { isOwnReadable: false }),
  }
  const isEntraideLock = (lock: unknown): boolean => {
    const target: unknown = isRecord(lock) && isRecord(lock.document) ? lock.document.relationTo : undefined
    return typeof target === 'string' && ownSlugs.has(target)
  }
  const refuseUnlessStaff = (req: PayloadRequest): void => {
    if (req.user && !canManageLocks(actorFromRequest(req))) {
      throw new ForbiddenActionError(
        'Only agents, editors and admins can lock Entraide documents or release their locks.',
      )
    }
  }
  const inOwnName: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
    if (!req.user) return data
    if (isEntraideLock(data) || isEntraideLock(originalDoc)) refuseUnlessStaff(req)
    return { ...data, user: { relationTo: req.user.collection, value: req.user.id } }
  }
  const releasedByStaff: CollectionBeforeDeleteHook = async ({ id, req }) => {
    if (!req.user || canManageLocks(actorFromRequest(req))) return
    const lock = await req.payload.db.findOne({ collection: lockedDocuments, req, where: { id: { equals: id } } })
    if (isEntraideLock(lock)) refuseUnlessStaff(req)
  }
  config.hooks = {
    ...config.hooks,
    beforeChange: [...(config.hooks.beforeChange ?? []), inOwnName],
    beforeDelete: [...(config.hooks.beforeDelete ?? []), releasedByStaff],
  }
}
