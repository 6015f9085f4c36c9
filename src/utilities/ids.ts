import type { Payload } from 'payload'

import type { ID } from '../data/documents.ts'

export type { ID } from '../data/documents.ts'

/**
 * How a collection's ids are stored: numbers (SQL databases by default),
 * UUIDs (SQL databases with `idType: 'uuid'`), ObjectIds (MongoDB), or other
 * text (custom text ids).
 */
export type IdKind = 'number' | 'uuid' | 'objectid' | 'text'

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const asId = (value: unknown): ID | null => {
  if (typeof value === 'string' && value.length > 0) return value
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value
  return null
}

/**
 * The id of a relationship value, whether it is populated (`{ id }`), a bare
 * id, or a polymorphic `{ relationTo, value }`; null when there is none. The
 * id keeps its type (number or string), as the database needs it back.
 */
export const idOf = (value: unknown): ID | null => {
  if (isRecord(value)) {
    if ('relationTo' in value && 'value' in value) return idOf(value.value)
    return asId(value.id)
  }
  return asId(value)
}

/**
 * A key that is the same for one document whatever the type its id arrived
 * in (`12` from the database, `'12'` from a URL): for maps and sets.
 */
export const idKey = (value: unknown): string | null => {
  const id = idOf(value)
  return id === null ? null : String(id)
}

/** Whether two values designate the same document. */
export const isSameId = (a: unknown, b: unknown): boolean => {
  const left = idKey(a)
  return left !== null && left === idKey(b)
}

/** How the ids of a collection are stored. */
export const idKindOf = (payload: Payload, collection: string): IdKind => {
  const custom = payload.collections[collection]?.customIDType
  if (custom === 'number' || custom === 'text') return custom
  if (payload.db.defaultIDType === 'number') return 'number'
  if (payload.db.name === 'mongoose') return 'objectid'
  return Reflect.get(payload.db, 'idType') === 'uuid' ? 'uuid' : 'text'
}

const textId = /^[A-Za-z0-9_-]{1,64}$/
const numericId = /^\d{1,15}$/
const uuidId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const objectId = /^[0-9a-f]{24}$/i

/**
 * Reads a document id from request input. With `kind`, the id takes the type
 * the database stores (a numeric string becomes a number); anything that
 * cannot be such an id is null, so bad ids become 404 or 400, never a
 * database error. Without `kind`, numbers and id-like strings are kept as they are.
 */
export const parseId = (raw: unknown, kind?: IdKind): ID | null => {
  if (kind === 'number') {
    if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw > 0 ? raw : null
    return typeof raw === 'string' && numericId.test(raw) && Number(raw) > 0 ? Number(raw) : null
  }
  if (kind === 'uuid') return typeof raw === 'string' && uuidId.test(raw) ? raw : null
  if (kind === 'objectid') return typeof raw === 'string' && objectId.test(raw) ? raw : null
  if (kind === 'text') {
    if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? String(raw) : null
    return typeof raw === 'string' && textId.test(raw) ? raw : null
  }
  if (typeof raw === 'number') return Number.isSafeInteger(raw) && raw >= 0 ? raw : null
  return typeof raw === 'string' && textId.test(raw) ? raw : null
}

/** Reads a document id of `collection` from request input, in the type its database stores. */
export const parseIdFor = (payload: Payload, collection: string, raw: unknown): ID | null =>
  parseId(raw, idKindOf(payload, collection))

/** The distinct ids among `values`, in their first order. */
export const distinctIds = (values: readonly unknown[]): ID[] => {
  const seen = new Map<string, ID>()
  for (const value of values) {
    const id = idOf(value)
    if (id !== null && !seen.has(String(id))) seen.set(String(id), id)
  }
  return [...seen.values()]
}

export { isRecord }

/** The items of a value that should be a list (an empty list otherwise), each still to be checked. */
export const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? Array.from<unknown>(value) : [])
