import type { Access, CollectionBeforeChangeHook, Payload, Where } from 'payload'

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
 * Locks on Entraide's collections are staff business (agents, editors,
 * admins): only they create, take over, read or release them, and always in
 * their own name. Locks on the host's own collections and globals keep the
 * host's rule, without community accounts. The admin panel's own locking,
 * which writes locks directly, is unchanged; which locks bind a save is
 * decided on Entraide's collections (see `staffLocksOnly`).
 */
export const closeLockCollection = (payload: Payload, entraideSlugs: readonly string[]): void => {
  const collection = payload.collections[lockedDocuments]
  if (!collection || closed.has(collection.config)) return
  closed.add(collection.config)
  const { config } = collection
  const ownSlugs = new Set(entraideSlugs)
  const hostSlugs = Object.keys(payload.collections).filter(
    (slug) => !ownSlugs.has(slug) && payload.collections[slug]?.config.lockDocuments !== false,
  )
  const hostRule: Access = config.access.read
  const ownLocks = (id: string | number): Where => ({ 'user.value': { equals: id } })
  const hostLocks: Where[] = [
    ...(hostSlugs.length > 0 ? [{ 'document.relationTo': { in: hostSlugs } }] : []),
    { globalSlug: { exists: true } },
  ]
  /** Staff: every lock. Others: their own, and the host's locks if the host's rule lets them. */
  const scoped =
    (rule: Access, { isOwnIncluded }: { isOwnIncluded: boolean }): Access =>
    async (args) => {
      const actor = actorFromRequest(args.req)
      if (canManageLocks(actor)) return rule(args)
      if (actor === null) return false
      const own = isOwnIncluded ? [ownLocks(actor.id)] : []
      if (actor.isCommunityAccount) return own.length > 0 ? { or: own } : false
      const granted = await rule(args)
      if (granted === false) return own.length > 0 ? { or: own } : false
      const hosts: Where = { or: hostLocks }
      const reach: Where = granted === true ? hosts : { and: [granted, hosts] }
      return { or: [...own, reach] }
    }
  config.access = {
    ...config.access,
    create: scoped(config.access.create ?? hostRule, { isOwnIncluded: false }),
    delete: scoped(config.access.delete ?? hostRule, { isOwnIncluded: false }),
    read: scoped(hostRule, { isOwnIncluded: true }),
    update: scoped(config.access.update ?? hostRule, { isOwnIncluded: false }),
  }
  const inOwnName: CollectionBeforeChangeHook = ({ data, req }) => {
    if (!req.user) return data
    const target: unknown = isRecord(data.document) ? data.document.relationTo : undefined
    if (typeof target === 'string' && ownSlugs.has(target) && !canManageLocks(actorFromRequest(req))) {
      throw new ForbiddenActionError('Only agents, editors and admins can lock Entraide documents.')
    }
    return { ...data, user: { relationTo: req.user.collection, value: req.user.id } }
  }
  config.hooks = { ...config.hooks, beforeChange: [...(config.hooks.beforeChange ?? []), inOwnName] }
}
