/**
 * A document id. Always a string: SQLite is configured with UUIDv7 ids and
 * MongoDB uses ObjectIds, so the API and the code see one id type.
 */
export type ID = string

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const asId = (value: unknown): ID | null => {
  if (typeof value === 'string' && value.length > 0) return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/**
 * The id of a relationship value, whether it is populated (`{ id }`), a bare
 * id, or a polymorphic `{ relationTo, value }`; null when there is none.
 */
export const idOf = (value: unknown): ID | null => {
  if (isRecord(value)) {
    if ('relationTo' in value && 'value' in value) return idOf(value.value)
    return asId(value.id)
  }
  return asId(value)
}

/** Whether two values designate the same document. */
export const isSameId = (a: unknown, b: unknown): boolean => {
  const left = idOf(a)
  return left !== null && left === idOf(b)
}

/**
 * Reads a document id from request input: a UUID or an ObjectId, or at least
 * a short token of letters, digits, dashes and underscores. Anything else is
 * null, so bad ids become 404 or 400, never a database error.
 */
export const parseId = (raw: unknown): ID | null =>
  typeof raw === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(raw) ? raw : null

export { isRecord }
