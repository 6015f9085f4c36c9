/** A document id: a number on SQL adapters, a string on MongoDB. */
export type ID = number | string

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The id of a relationship value, whether it is populated (`{ id }`), a bare
 * id, or a polymorphic `{ relationTo, value }`; null when there is none.
 */
export const idOf = (value: unknown): ID | null => {
  if (typeof value === 'number' || (typeof value === 'string' && value.length > 0)) return value
  if (isRecord(value)) {
    if ('relationTo' in value && 'value' in value) return idOf(value.value)
    const id = value.id
    if (typeof id === 'number' || (typeof id === 'string' && id.length > 0)) return id
  }
  return null
}

/** Whether two ids designate the same document, across number and string forms. */
export const isSameId = (a: unknown, b: unknown): boolean => {
  const left = idOf(a)
  const right = idOf(b)
  return left !== null && right !== null && String(left) === String(right)
}

export { isRecord }
