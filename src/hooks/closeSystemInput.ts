import type { CollectionBeforeOperationHook } from 'payload'

import { isRecord } from '../utilities/ids.ts'

/** Fields only the database sets: never taken from what a client sends. */
const systemFields = ['id', 'createdAt', 'updatedAt'] as const

/** Most documents one request lists from Entraide's collections; the admin panel's largest page is 100. */
export const maxListLimit = 100

/**
 * Drops the system fields (`id`, `createdAt`, `updatedAt`) from the data of
 * a create or update sent through REST or GraphQL: the database sets them.
 * Server code (the Local API) keeps them, for imports.
 */
export const dropSystemFields =
  (): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (req.payloadAPI === 'local' || (operation !== 'create' && operation !== 'update')) return args
    const data: unknown = isRecord(args) ? args.data : undefined
    if (!isRecord(data) || !systemFields.some((field) => field in data)) return args
    const kept: Record<string, unknown> = { ...data }
    for (const field of systemFields) delete kept[field]
    return { ...args, data: kept }
  }

/**
 * Caps the documents one GraphQL list returns at `maxListLimit`: `limit: 0`
 * ("no limit"), a larger limit or `pagination: false` return one page of at
 * most that many, and `totalDocs` says how many there are. REST lists are
 * capped before Payload reads their query (see `guardedRoutes`). Reads that
 * server code makes on the request's behalf with system rights
 * (`overrideAccess`) are not capped: they are not what the client asked for.
 */
export const capListLimit =
  (): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (req.payloadAPI !== 'GraphQL' || operation !== 'read' || !isRecord(args) || 'id' in args) return args
    if (args.overrideAccess === true) return args
    const limit: unknown = args.limit
    const isWithinCap = typeof limit === 'number' && limit > 0 && limit <= maxListLimit
    if (isWithinCap && args.pagination !== false) return args
    return {
      ...args,
      limit: isWithinCap ? limit : limit === undefined ? undefined : maxListLimit,
      pagination: true,
    }
  }
