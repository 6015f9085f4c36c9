import type { Access, CollectionConfig, Endpoint, Field, FieldAccess, GlobalConfig, PayloadRequest } from 'payload'

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

/** A host field rule that gives community accounts what it gives anonymous visitors. */
const fieldRuleAsAnonymousForCommunity =
  (hostRule: FieldAccess): FieldAccess =>
  (args) =>
    isCommunityRequest(args.req) ? hostRule({ ...args, req: asAnonymous(args.req) }) : hostRule(args)

const fieldOperations = ['create', 'read', 'update'] as const

/**
 * The host's fields with their own access rules (at any depth: groups,
 * arrays, rows, collapsibles, tabs, blocks) evaluated without the session of
 * a community account. Fields without a rule follow their collection's.
 */
export const guardHostFields = (fields: Field[]): Field[] =>
  fields.map((field): Field => {
    let guarded: Field = field
    if ('access' in field && field.access) {
      const access = { ...field.access }
      for (const operation of fieldOperations) {
        const rule = field.access[operation]
        // Set by name: some field types take a read rule only, and a rule is wrapped only where the host gave one.
        if (rule) Reflect.set(access, operation, fieldRuleAsAnonymousForCommunity(rule))
      }
      guarded = Object.assign({}, field)
      Reflect.set(guarded, 'access', access)
    }
    if ('fields' in guarded && Array.isArray(guarded.fields)) {
      guarded = { ...guarded, fields: guardHostFields(guarded.fields) }
    }
    if (guarded.type === 'tabs') {
      guarded = { ...guarded, tabs: guarded.tabs.map((tab) => ({ ...tab, fields: guardHostFields(tab.fields) })) }
    }
    if (guarded.type === 'blocks' && Array.isArray(guarded.blocks)) {
      guarded = { ...guarded, blocks: guarded.blocks.map((block) => ({ ...block, fields: guardHostFields(block.fields) })) }
    }
    return guarded
  })

/** A host endpoint that serves community accounts as it serves anonymous visitors. */
export const guardHostEndpoint = (endpoint: Endpoint): Endpoint => ({
  ...endpoint,
  handler: (req) => endpoint.handler(isCommunityRequest(req) ? asAnonymous(req) : req),
})

const guardEndpoints = <T extends Endpoint[] | false | undefined>(endpoints: T): T | Endpoint[] =>
  Array.isArray(endpoints) ? endpoints.map(guardHostEndpoint) : endpoints

const collectionOperations = ['create', 'read', 'update', 'delete', 'readVersions', 'unlock'] as const
const globalOperations = ['read', 'update', 'readVersions'] as const

/**
 * A host collection that community accounts see as anonymous visitors do:
 * every access rule (the collection's and its fields') and its custom
 * endpoints see no session for them, and the collection is hidden from them
 * in the admin panel. Nothing changes for anyone else.
 */
export const guardHostCollection = (collection: CollectionConfig, layout: PersonLayout): CollectionConfig => {
  const access: NonNullable<CollectionConfig['access']> = { ...collection.access }
  for (const operation of collectionOperations) {
    access[operation] = asAnonymousForCommunity(collection.access?.[operation])
  }
  return {
    ...collection,
    access,
    admin: { ...collection.admin, hidden: hiddenFromCommunity(collection.admin?.hidden, layout) },
    endpoints: guardEndpoints(collection.endpoints),
    fields: guardHostFields(collection.fields),
  }
}

/** A host global that community accounts see as anonymous visitors do. */
export const guardHostGlobal = (global: GlobalConfig, layout: PersonLayout): GlobalConfig => {
  const access: NonNullable<GlobalConfig['access']> = { ...global.access }
  for (const operation of globalOperations) {
    access[operation] = asAnonymousForCommunity(global.access?.[operation])
  }
  return {
    ...global,
    access,
    admin: { ...global.admin, hidden: hiddenFromCommunity(global.admin?.hidden, layout) },
    endpoints: guardEndpoints(global.endpoints),
    fields: guardHostFields(global.fields),
  }
}
