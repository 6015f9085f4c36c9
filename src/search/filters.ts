import { listOf } from '../utilities/ids.ts'
import { SearchError } from './errors.ts'
import type { FilterScalar, KnowledgeDocument, SearchFilter } from './types.ts'

// Bounds on what a filter may ask, so a request cannot make an engine walk a
// pathological tree. Far above what the search endpoint builds.
const maxDepth = 16
const maxNodes = 256
const maxInValues = 500
const attributeNamePattern = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

const invalidFilter = (message: string): SearchError => new SearchError('invalid-filter', { message })

/**
 * Checks a filter tree before any engine sees it: known operators, non-empty
 * `and` / `or` / `in`, finite numbers, bounded size, and only attributes
 * declared filterable.
 * @throws SearchError `filter-not-allowed` naming the attribute, or `invalid-filter`.
 */
export const validateFilter = (filter: SearchFilter, filterableAttributes: readonly string[]): void => {
  let nodes = 0
  const checkAttribute = (attribute: unknown): void => {
    if (typeof attribute !== 'string' || !attributeNamePattern.test(attribute)) {
      throw invalidFilter(`Filter attribute ${JSON.stringify(attribute)} is not an attribute name.`)
    }
    if (!filterableAttributes.includes(attribute)) {
      throw new SearchError('filter-not-allowed', {
        message: `Attribute "${attribute}" is not filterable. Filterable attributes: ${filterableAttributes.join(', ')}.`,
        details: { attribute, filterableAttributes: [...filterableAttributes] },
      })
    }
  }
  const checkValue = (value: unknown): void => {
    if (typeof value === 'string') return
    if (typeof value === 'number' && Number.isFinite(value)) return
    throw invalidFilter(`Filter value ${JSON.stringify(value)} must be a string or a finite number.`)
  }
  const visit = (node: SearchFilter, depth: number): void => {
    nodes += 1
    if (depth > maxDepth) throw invalidFilter(`Filter is nested deeper than ${maxDepth} levels.`)
    if (nodes > maxNodes) throw invalidFilter(`Filter has more than ${maxNodes} nodes.`)
    switch (node.op) {
      case 'equals':
        checkAttribute(node.attribute)
        checkValue(node.value)
        return
      case 'in':
        checkAttribute(node.attribute)
        if (!Array.isArray(node.values) || node.values.length === 0) {
          throw invalidFilter(`"in" on "${node.attribute}" needs at least one value.`)
        }
        if (node.values.length > maxInValues) {
          throw invalidFilter(`"in" on "${node.attribute}" has more than ${maxInValues} values.`)
        }
        node.values.forEach(checkValue)
        return
      case 'boolean': {
        const { attribute, value } = node
        checkAttribute(attribute)
        if (typeof value !== 'boolean') throw invalidFilter(`"boolean" on "${attribute}" needs true or false.`)
        return
      }
      case 'and':
      case 'or':
        if (listOf(node.filters).length === 0) throw invalidFilter(`"${node.op}" needs at least one filter.`)
        for (const child of node.filters) visit(child, depth + 1)
        return
      case 'not':
        visit(node.filter, depth + 1)
        return
      default:
        throw invalidFilter('Unknown filter operator: use equals, in, boolean, and, or or not.')
    }
  }
  if (typeof filter !== 'object' || filter === null) throw invalidFilter('A filter must be an object.')
  visit(filter, 1)
}

/**
 * Quotes a value for a Meilisearch filter expression. Backslashes are doubled
 * and double quotes escaped, so a value like `a" OR type = "x` or one ending
 * in `\` stays one literal string and can never close the quotes early.
 */
export const quoteFilterValue = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`

// Every value is quoted, numbers and booleans too: Meilisearch reads a quoted
// `3` or `true` exactly like the bare word, and one quoting path leaves no
// unescaped case.
const literal = (value: FilterScalar): string => quoteFilterValue(String(value))

/**
 * Compiles a filter tree to a Meilisearch filter string, every value quoted
 * and escaped and every sub-expression parenthesized.
 * @throws SearchError `filter-not-allowed` or `invalid-filter` (see `validateFilter`).
 */
export const compileMeilisearchFilter = (filter: SearchFilter, filterableAttributes: readonly string[]): string => {
  validateFilter(filter, filterableAttributes)
  const compile = (node: SearchFilter): string => {
    switch (node.op) {
      case 'equals':
      case 'boolean':
        return `${node.attribute} = ${literal(node.value)}`
      case 'in':
        return `${node.attribute} IN [${node.values.map(literal).join(', ')}]`
      case 'and':
      case 'or':
        return node.filters.length === 1 && node.filters[0]
          ? compile(node.filters[0])
          : node.filters.map((child) => `(${compile(child)})`).join(node.op === 'and' ? ' AND ' : ' OR ')
      case 'not':
        return `NOT (${compile(node.filter)})`
    }
  }
  return compile(filter)
}

/**
 * The value of an attribute path of a document, or `null` when the document
 * has none (no procedure, no agency) or the path is unknown.
 */
export const readAttribute = (document: KnowledgeDocument, attribute: string): FilterScalar | null => {
  switch (attribute) {
    case 'id':
      return document.id
    case 'type':
      return document.type
    case 'title':
      return document.title
    case 'text':
      return document.text
    case 'procedure.id':
      return document.procedure?.id ?? null
    case 'procedure.slug':
      return document.procedure?.slug ?? null
    case 'procedure.title':
      return document.procedure?.title ?? null
    case 'agency':
      return document.agency
    case 'isOfficial':
      return document.isOfficial
    case 'isValidated':
      return document.isValidated
    case 'score':
      return document.score
    case 'updatedAt':
      return document.updatedAt
    case 'url':
      return document.url
    default:
      return null
  }
}

// Meilisearch compares filter strings trimmed and lower-cased; so do we.
const normalize = (value: string): string => value.trim().toLowerCase()

/**
 * Whether a document's value passes one filter value, with Meilisearch's
 * comparison rules (see `compileFilterPredicate`).
 */
export const filterValueMatches = (actual: FilterScalar | null, expected: FilterScalar): boolean => {
  if (actual === null) return false
  if (typeof actual === 'number') {
    if (typeof expected === 'number') return expected === actual
    if (typeof expected === 'boolean') return false
    const trimmed = expected.trim()
    return trimmed !== '' && Number(trimmed) === actual
  }
  if (typeof actual === 'boolean') return String(actual) === normalize(String(expected))
  return actual === expected || normalize(actual) === normalize(String(expected))
}

/** A compiled filter: whether a document passes. */
export type FilterPredicate = (document: KnowledgeDocument) => boolean

/**
 * Compiles a filter tree to a predicate with the same meaning as the
 * Meilisearch filter string: values are compared literally (never parsed), a
 * missing attribute matches no condition, and `not` matches it.
 * @throws SearchError `filter-not-allowed` or `invalid-filter` (see `validateFilter`).
 */
export const compileFilterPredicate = (filter: SearchFilter, filterableAttributes: readonly string[]): FilterPredicate => {
  validateFilter(filter, filterableAttributes)
  const compile = (node: SearchFilter): FilterPredicate => {
    switch (node.op) {
      case 'equals':
      case 'boolean': {
        const { attribute, value } = node
        return (document) => filterValueMatches(readAttribute(document, attribute), value)
      }
      case 'in': {
        const { attribute, values } = node
        return (document) => {
          const actual = readAttribute(document, attribute)
          return values.some((value) => filterValueMatches(actual, value))
        }
      }
      case 'and': {
        const children = node.filters.map(compile)
        return (document) => children.every((child) => child(document))
      }
      case 'or': {
        const children = node.filters.map(compile)
        return (document) => children.some((child) => child(document))
      }
      case 'not': {
        const child = compile(node.filter)
        return (document) => !child(document)
      }
    }
  }
  return compile(filter)
}
