import type { Access, CollectionConfig, GlobalConfig, PayloadRequest } from 'payload'

import { actorFromRequest, actorOf, type PersonLayout } from '../policies/roles.ts'

/** Whether the request comes from an account made by public sign-up, which has no standing on the host's content. */
export const isCommunityRequest = (req: PayloadRequest): boolean => actorFromRequest(req)?.isCommunityAccount === true

/**
 * The same request seen as an anonymous visitor's. Everything reads through
 * to the real request except `user`, so a host's access function can be
 * asked what it grants to someone who is not signed in.
 */
const asAnonymous = (req: PayloadRequest): PayloadRequest =>
  new Proxy(req, {
    get: (target, property) => {
      if (property === 'user') return null
      const value: unknown = Reflect.get(target, property)
      if (typeof value !== 'function') return value
      return (...args: unknown[]): unknown => {
        const result: unknown = Reflect.apply(value, target, args)
        return result
      }
    },
  })

/** Payload's rule where a host sets none: any signed-in person. */
const payloadDefault: Access = ({ req }) => Boolean(req.user)

/**
 * A host's access rule that gives community accounts exactly what it gives
 * anonymous visitors, and everyone else what it always gave them.
 */
export const asAnonymousForCommunity =
  (hostRule: Access | undefined): Access =>
  (args) => {
    const rule = hostRule ?? payloadDefault
    if (!isCommunityRequest(args.req)) return rule(args)
    return rule({ ...args, req: asAnonymous(args.req) })
  }

/** The host's own `admin.hidden`, and hidden from community accounts in any case. */
export const hiddenFromCommunity =
  <Args extends { user: unknown }>(hostHidden: boolean | ((args: Args) => boolean) | undefined, layout: PersonLayout) =>
  (args: Args): boolean =>
    actorOf(args.user, layout)?.isCommunityAccount === true ||
    (typeof hostHidden === 'function' ? hostHidden(args) : hostHidden === true)

const collectionOperations = ['create', 'read', 'update', 'delete', 'readVersions', 'unlock'] as const
const globalOperations = ['read', 'update', 'readVersions'] as const

/**
 * A host collection that community accounts see as anonymous visitors do:
 * every access rule is evaluated without their session, and the collection
 * is hidden from them in the admin panel. Nothing changes for anyone else.
 */
export const guardHostCollection = (collection: CollectionConfig, layout: PersonLayout): CollectionConfig => {
  const access: NonNullable<CollectionConfig['access']> = { ...collection.access }
  for (const operation of collectionOperations) {
    access[operation] = asAnonymousForCommunity(collection.access?.[operation])
  }
  return { ...collection, access, admin: { ...collection.admin, hidden: hiddenFromCommunity(collection.admin?.hidden, layout) } }
}

/** A host global that community accounts see as anonymous visitors do. */
export const guardHostGlobal = (global: GlobalConfig, layout: PersonLayout): GlobalConfig => {
  const access: NonNullable<GlobalConfig['access']> = { ...global.access }
  for (const operation of globalOperations) {
    access[operation] = asAnonymousForCommunity(global.access?.[operation])
  }
  return { ...global, access, admin: { ...global.admin, hidden: hiddenFromCommunity(global.admin?.hidden, layout) } }
}
