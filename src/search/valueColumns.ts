import { filterValueMatches, readAttribute } from './filters.ts'
import type { FilterScalar, KnowledgeDocument, SearchFilter } from './types.ts'

/**
 * Attributes with few distinct values, kept by the embedded engine as one
 * value code per document so that a filter selects its documents before any
 * word is matched, and facets count codes instead of reading documents.
 * Attributes with a value per document (id, title, score, dates) are not
 * kept: a filter on them is checked document by document, as before.
 */
export const columnAttributes = [
  'type',
  'agency',
  'procedure.slug',
  'procedure.id',
  'procedure.title',
  'isOfficial',
  'isValidated',
] as const

/** One attribute's values: `codes[shortId]` indexes `values`, -1 when the document has none. */
export class ValueColumn {
  readonly attribute: string
  codes = new Int32Array(0)
  readonly values: FilterScalar[] = []
  readonly #codeOf = new Map<FilterScalar, number>()

  constructor(attribute: string) {
    this.attribute = attribute
  }

  set(shortId: number, document: KnowledgeDocument): void {
    this.#grow(shortId + 1)
    const value = readAttribute(document, this.attribute)
    if (value === null) {
      this.codes[shortId] = -1
      return
    }
    let code = this.#codeOf.get(value)
    if (code === undefined) {
      code = this.values.length
      this.values.push(value)
      this.#codeOf.set(value, code)
    }
    this.codes[shortId] = code
  }

  unset(shortId: number): void {
    if (shortId < this.codes.length) this.codes[shortId] = -1
  }

  /** 1 for each code whose value passes `expected` (any of them for `in`). */
  matchingCodes(expected: readonly FilterScalar[]): Uint8Array {
    const passes = new Uint8Array(this.values.length)
    this.values.forEach((value, code) => {
      if (expected.some((candidate) => filterValueMatches(value, candidate))) passes[code] = 1
    })
    return passes
  }

  #grow(size: number): void {
    if (this.codes.length >= size) return
    const codes = new Int32Array(Math.max(size, this.codes.length * 2, 1024)).fill(-1)
    codes.set(this.codes)
    this.codes = codes
  }
}

export type ValueColumns = ReadonlyMap<string, ValueColumn>

export const createValueColumns = (): Map<string, ValueColumn> =>
  new Map(columnAttributes.map((attribute) => [attribute, new ValueColumn(attribute)]))

/**
 * What the columns make of a filter: `allowed[shortId]` is 1 for the documents
 * passing every part the columns can answer, and `residual` lists the parts
 * (under the top-level `and`s) that must still be checked per document.
 * Slots of deleted or unused ids may be 1 (a `not` sets them); callers skip them.
 */
export type Narrowing = { allowed: Uint8Array; residual: SearchFilter[] }

/**
 * Narrows by the filter's column-backed conditions, or returns undefined when
 * no part of it can be answered from the columns (then every document is a
 * candidate and the whole filter is checked per document).
 */
export const narrowByColumns = (filter: SearchFilter, columns: ValueColumns, size: number): Narrowing | undefined => {
  const exact = (node: SearchFilter): Uint8Array | undefined => {
    switch (node.op) {
      case 'equals':
      case 'boolean':
      case 'in': {
        const column = columns.get(node.attribute)
        if (!column) return undefined
        const passes = column.matchingCodes(node.op === 'in' ? node.values : [node.value])
        const { codes } = column
        const bits = new Uint8Array(size)
        const end = Math.min(size, codes.length)
        for (let shortId = 0; shortId < end; shortId += 1) {
          const code = codes[shortId] ?? -1
          if (code >= 0 && passes[code] === 1) bits[shortId] = 1
        }
        return bits
      }
      case 'and': {
        const parts = node.filters.map(exact)
        if (parts.some((part) => part === undefined)) return undefined
        return combine(parts, 'and')
      }
      case 'or': {
        const parts = node.filters.map(exact)
        if (parts.some((part) => part === undefined)) return undefined
        return combine(parts, 'or')
      }
      case 'not': {
        const bits = exact(node.filter)
        if (!bits) return undefined
        for (let shortId = 0; shortId < size; shortId += 1) bits[shortId] = bits[shortId] === 1 ? 0 : 1
        return bits
      }
    }
  }
  const residual: SearchFilter[] = []
  const narrowed: Uint8Array[] = []
  const split = (node: SearchFilter): void => {
    if (node.op === 'and') {
      node.filters.forEach(split)
      return
    }
    const bits = exact(node)
    if (bits) narrowed.push(bits)
    else residual.push(node)
  }
  split(filter)
  if (narrowed.length === 0) return undefined
  return { allowed: combine(narrowed, 'and'), residual }
}

// One loop per operation, not a function called per document: this runs over every document of the index.
const combine = (parts: readonly (Uint8Array | undefined)[], operation: 'and' | 'or'): Uint8Array => {
  const [first, ...rest] = parts
  const result = first ?? new Uint8Array(0)
  for (const part of rest) {
    if (!part) continue
    const end = Math.min(result.length, part.length)
    if (operation === 'and') {
      for (let index = 0; index < end; index += 1) result[index] = (result[index] ?? 0) & (part[index] ?? 0)
      result.fill(0, end)
    } else {
      for (let index = 0; index < end; index += 1) result[index] = (result[index] ?? 0) | (part[index] ?? 0)
    }
  }
  return result
}
