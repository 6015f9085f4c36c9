import type { CollectionBeforeOperationHook, FlattenedField } from 'payload'

import { InvalidInputError, NotFoundError } from '../errors.ts'
import { idKindOf, isRecord, listOf, parseId, type IdKind } from '../utilities/ids.ts'

/**
 * Deepest nesting accepted in a document sent for writing. Rich text is the
 * deepest legitimate input (a list nested ten levels is about 45 levels of
 * JSON); past this, the request is refused before anything walks it.
 */
export const maxInputDepth = 100

/** Most rich-text nodes accepted in one value (a long guide has a few thousand). */
const maxRichTextNodes = 20_000

/** Operators that compare one value. */
const scalarOperators: ReadonlySet<string> = new Set([
  'equals',
  'not_equals',
  'like',
  'not_like',
  'contains',
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
])

/** Geographic operators, which only point fields take. */
const geoOperators: ReadonlySet<string> = new Set(['near', 'within', 'intersects'])

/** Highest page number accepted: beyond it the offset overflows the database's integers. */
export const maxPage = 1_000_000

/** Operators that take a list (an array, or a comma-separated string). */
const listOperators: ReadonlySet<string> = new Set(['in', 'not_in', 'all'])

const orderingOperators: ReadonlySet<string> = new Set([
  'greater_than',
  'greater_than_equal',
  'less_than',
  'less_than_equal',
  'equals',
  'not_equals',
])

type Scalar = string | number | boolean | null | Date

const isScalar = (value: unknown): value is Scalar =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'number' ||
  typeof value === 'boolean' ||
  value instanceof Date

const isDateLike = (value: unknown): boolean =>
  value === null ||
  ((typeof value === 'string' || typeof value === 'number' || value instanceof Date) &&
    !Number.isNaN(new Date(value).getTime()))

/** Nesting depth of a JSON value, without recursion: a hostile value cannot exhaust the call stack. */
const depthOf = (value: unknown, limit: number): number => {
  let deepest = 0
  const stack: Array<{ value: unknown; depth: number }> = [{ depth: 1, value }]
  while (stack.length > 0) {
    const entry = stack.pop()
    if (entry === undefined || typeof entry.value !== 'object' || entry.value === null) continue
    deepest = Math.max(deepest, entry.depth)
    if (deepest > limit) return deepest
    for (const child of Object.values(entry.value)) {
      if (typeof child === 'object' && child !== null) stack.push({ depth: entry.depth + 1, value: child })
    }
  }
  return deepest
}

const invalid = (path: string, expected: string): InvalidInputError =>
  new InvalidInputError(`"${path}" must be ${expected}.`, path)

/**
 * The shape Payload's Lexical adapter can walk: `{ root: { children: [...] } }`
 * where every node is an object with a string `type`, `children` (when
 * present) a list of nodes and `fields` (when present) an object.
 */
const checkRichText = (value: unknown, path: string): void => {
  if (value === null) return
  const shape = 'a rich-text value ({ "root": { "type": "root", "children": [...] } })'
  if (!isRecord(value) || !isRecord(value.root) || !Array.isArray(value.root.children)) throw invalid(path, shape)
  const stack: unknown[] = Array.from<unknown>(value.root.children)
  let count = 0
  while (stack.length > 0) {
    const node = stack.pop()
    count += 1
    if (count > maxRichTextNodes) throw invalid(path, `a rich-text value of at most ${maxRichTextNodes} nodes`)
    if (!isRecord(node) || typeof node.type !== 'string' || node.type === '') throw invalid(path, shape)
    if (node.fields !== undefined && node.fields !== null && !isRecord(node.fields)) throw invalid(path, shape)
    if (node.children !== undefined) {
      if (!Array.isArray(node.children)) throw invalid(path, shape)
      const children: unknown[] = node.children
      for (const child of children) stack.push(child)
    }
  }
}

const isRelationshipValue = (value: unknown): boolean =>
  typeof value === 'string' ||
  typeof value === 'number' ||
  (isRecord(value) &&
    (typeof value.relationTo === 'string'
      ? isScalar(value.value) || (isRecord(value.value) && isScalar(value.value.id))
      : isScalar(value.id)))

/** Checks one field's value against its type, then the sub-fields of arrays and groups. */
const checkValue = (field: FlattenedField, value: unknown, path: string): void => {
  if (value === undefined || value === null) return
  const hasMany = 'hasMany' in field && field.hasMany === true
  const each = (check: (item: unknown) => boolean, expected: string) => {
    if (hasMany) {
      if (!Array.isArray(value) || !value.every(check)) throw invalid(path, `a list of ${expected}s`)
    } else if (!check(value)) {
      throw invalid(path, `a ${expected}`)
    }
  }
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
    case 'select':
    case 'radio':
      each((item) => typeof item === 'string', 'string')
      return
    case 'number':
      each(
        (item) =>
          (typeof item === 'number' && Number.isFinite(item)) ||
          (typeof item === 'string' && /^-?\d+(\.\d+)?$/.test(item)),
        'number',
      )
      return
    case 'checkbox':
      each((item) => typeof item === 'boolean' || item === 'true' || item === 'false', 'boolean')
      return
    case 'date':
      each((item) => item !== null && isDateLike(item), 'date (ISO 8601)')
      return
    case 'relationship':
    case 'upload':
      each(isRelationshipValue, 'document id')
      return
    case 'richText':
      checkRichText(value, path)
      return
    case 'array':
      if (!Array.isArray(value)) throw invalid(path, 'a list')
      value.forEach((row, index) => {
        if (!isRecord(row)) throw invalid(`${path}.${index}`, 'an object')
        checkFields(field.flattenedFields, row, `${path}.${index}`)
      })
      return
    case 'group':
    case 'tab':
      if (!isRecord(value)) throw invalid(path, 'an object')
      checkFields(field.flattenedFields, value, path)
      return
    default:
      return
  }
}

const checkFields = (fields: FlattenedField[], data: Record<string, unknown>, prefix: string): void => {
  for (const field of fields) {
    if (!(field.name in data)) continue
    checkValue(field, data[field.name], prefix ? `${prefix}.${field.name}` : field.name)
  }
}

/**
 * The field a query path designates inside the collection, or `isHop` when
 * the path goes through a relationship into another collection
 * (`author.email`); `field` is undefined when the path is not a plain field
 * path, which Payload then refuses itself.
 */
const resolvePath = (
  fields: FlattenedField[],
  path: string,
): { field?: FlattenedField; isHop: boolean; isPolymorphicPart?: boolean } => {
  let current = fields
  let found: FlattenedField | undefined
  for (const segment of path.split('.')) {
    if (found) {
      if (found.type === 'relationship' || found.type === 'upload') {
        // A polymorphic value is `{ relationTo, value }`: those two are its own parts, not a hop.
        const isOwnPart = Array.isArray(found.relationTo) && (segment === 'value' || segment === 'relationTo')
        return isOwnPart ? { field: found, isHop: false, isPolymorphicPart: true } : { isHop: true }
      }
      if (found.type !== 'group' && found.type !== 'array' && found.type !== 'tab') return { isHop: false }
      current = found.flattenedFields
    }
    found = current.find((field) => field.name === segment)
    if (!found) return { isHop: false }
  }
  return { field: found, isHop: false }
}

/**
 * Checks a `where` query: `and` / `or` hold lists of queries, every other key
 * is a field path of the collection (not through a relationship) holding
 * `{ operator: value }` with a value of the right kind (one value, a list, or
 * a boolean for `exists`), and dates compared to dates.
 * Payload itself rejects unknown fields and operators; what it would pass on
 * to the database as a crash is refused here with a 400.
 */
/**
 * The collection whose ids a query key compares: `null` for the collection's
 * own `id`, the related collection for a relationship to one collection,
 * undefined when the key holds no id (or may hold ids of several kinds).
 */
const referencedCollection = (field: FlattenedField | undefined, isPolymorphicPart: boolean): string | null | undefined => {
  if (!field || isPolymorphicPart) return undefined
  if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string') {
    return field.relationTo
  }
  return undefined
}

const checkWhere = (
  fields: FlattenedField[],
  where: unknown,
  path: string,
  kindOf: (collection: string | null) => IdKind,
): void => {
  if (where === undefined || where === null) return
  if (!isRecord(where)) throw invalid(path, 'a query object')
  for (const [key, value] of Object.entries(where)) {
    const keyPath = `${path}[${key}]`
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value)) throw invalid(keyPath, 'a list of queries')
      value.forEach((item, index) => checkWhere(fields, item, `${keyPath}[${index}]`, kindOf))
      continue
    }
    if (!isRecord(value)) throw invalid(keyPath, 'an object of operators ({ "equals": ... })')
    const { field, isHop, isPolymorphicPart } = resolvePath(fields, key.replace(/^version\./, ''))
    if (isHop) {
      // Payload checks such paths in a promise it does not wait for: a refused one becomes an
      // unhandled rejection, which can stop the server process.
      throw invalid(
        keyPath,
        `a field of this collection: filter on the related document's id instead ("${key.split('.')[0]}")`,
      )
    }
    const isPolymorphic = !isPolymorphicPart && field?.type === 'relationship' && Array.isArray(field.relationTo)
    for (const [operator, operand] of Object.entries(value)) {
      const operandPath = `${keyPath}[${operator}]`
      if (isPolymorphic && operator !== 'exists') {
        // A reference to one of several collections is compared as a whole, or by its parts.
        const isReference = isRecord(operand) && typeof operand.relationTo === 'string' && isScalar(operand.value)
        if (!((operator === 'equals' || operator === 'not_equals') && isReference)) {
          throw invalid(operandPath, `{ "relationTo", "value" }, or query "${key}.value" and "${key}.relationTo"`)
        }
        continue
      }
      if (scalarOperators.has(operator) && !isScalar(operand)) throw invalid(operandPath, 'a single value')
      if (listOperators.has(operator)) {
        const isList = typeof operand === 'string' || (Array.isArray(operand) && operand.every(isScalar))
        if (!isList) throw invalid(operandPath, 'a list of values')
      }
      if (operator === 'exists' && !(typeof operand === 'boolean' || operand === 'true' || operand === 'false')) {
        throw invalid(operandPath, 'true or false')
      }
      if (geoOperators.has(operator) && field?.type !== 'point')
        throw invalid(operandPath, 'used on a point field only')
      if (field?.type === 'date' && orderingOperators.has(operator) && !isDateLike(operand)) {
        throw invalid(operandPath, 'a date (ISO 8601)')
      }
      // An id of the wrong kind (text for a numeric id) would reach the database as NaN.
      const target = key === 'id' ? null : referencedCollection(field, isPolymorphicPart === true)
      if (target !== undefined && (scalarOperators.has(operator) || listOperators.has(operator))) {
        const kind = kindOf(target)
        const values = typeof operand === 'string' && listOperators.has(operator) ? operand.split(',') : listOf(operand)
        const checked = Array.isArray(operand) || listOperators.has(operator) ? values : [operand]
        if (!checked.every((item) => item === null || parseId(item, kind) !== null)) {
          throw invalid(operandPath, kind === 'number' ? 'a document id (a whole number)' : 'a document id')
        }
      }
    }
  }
}

/**
 * Refuses malformed input before Payload works on it, with a 400 naming the
 * offending field instead of a crash deeper down (a 500): a body that is not
 * a JSON object or is nested absurdly deep, values of the wrong type for their
 * field (an object where a string is expected, as in `{ "$gt": "" }`),
 * rich text that is not Lexical's shape, and `where` queries whose values the
 * database cannot take. Local API calls are server code and are trusted.
 */
export const refuseMalformedInput =
  (): CollectionBeforeOperationHook =>
  ({ args, collection, operation, req }) => {
    if (req.payloadAPI === 'local' || !isRecord(args)) return args
    const kindOf = (target: string | null): IdKind => idKindOf(req.payload, target ?? collection.slug)
    const id: unknown = 'id' in args ? args.id : undefined
    if (id !== undefined && id !== null && parseId(id, kindOf(null)) === null) {
      // Not an id this collection can have: no such document.
      throw new NotFoundError(collection.slug, String(id))
    }
    if ('where' in args) {
      checkWhere(collection.flattenedFields, args.where, 'where', kindOf)
    }
    const page: unknown = 'page' in args ? args.page : undefined
    if (page !== undefined && !(typeof page === 'number' && Number.isInteger(page) && page >= 1 && page <= maxPage)) {
      throw invalid('page', `a page number from 1 to ${maxPage}`)
    }
    const limit: unknown = 'limit' in args ? args.limit : undefined
    if (limit !== undefined && !(typeof limit === 'number' && Number.isInteger(limit) && limit >= 0)) {
      throw invalid('limit', 'a number of documents, from 0 (no limit)')
    }
    if (operation !== 'create' && operation !== 'update') return args
    const data: unknown = args.data
    if (!isRecord(data)) throw new InvalidInputError('The request body must be a JSON object of the document’s fields.')
    if (depthOf(data, maxInputDepth) > maxInputDepth) {
      throw new InvalidInputError(`The request body is nested deeper than ${maxInputDepth} levels.`)
    }
    checkFields(collection.flattenedFields, data, '')
    return args
  }
