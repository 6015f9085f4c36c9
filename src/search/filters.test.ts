import { describe, expect, it } from 'vitest'

import { isSearchError } from './errors.ts'
import { compileFilterPredicate, compileMeilisearchFilter, quoteFilterValue } from './filters.ts'
import type { KnowledgeDocument, SearchFilter } from './types.ts'

const filterable = ['type', 'agency', 'procedure.slug', 'isOfficial', 'isValidated', 'score']

// Reads a compiled filter back the way Meilisearch's parser does: inside double
// quotes a backslash takes the next character literally, a bare quote ends the
// value. If a value could break out of its quotes, the tree read back differs.
const parseMeilisearchFilter = (input: string): SearchFilter => {
  let position = 0
  const skipSpaces = () => {
    while (input[position] === ' ') position += 1
  }
  const expect_ = (text: string) => {
    skipSpaces()
    if (!input.startsWith(text, position)) throw new Error(`expected ${text} at ${position} in ${input}`)
    position += text.length
  }
  const word = (): string => {
    skipSpaces()
    const match = /^[A-Za-z0-9_.]+/.exec(input.slice(position))
    if (!match) throw new Error(`expected a word at ${position} in ${input}`)
    position += match[0].length
    return match[0]
  }
  const quoted = (): string => {
    expect_('"')
    let value = ''
    for (;;) {
      const character = input[position]
      if (character === undefined) throw new Error('unterminated string')
      position += 1
      if (character === '"') return value
      if (character === '\\') {
        const next = input[position]
        if (next === undefined) throw new Error('dangling backslash')
        value += next
        position += 1
      } else {
        value += character
      }
    }
  }
  const primary = (): SearchFilter => {
    skipSpaces()
    if (input.startsWith('NOT ', position)) {
      position += 4
      return { op: 'not', filter: primary() }
    }
    if (input[position] === '(') {
      position += 1
      const inner = expression()
      expect_(')')
      return inner
    }
    const attribute = word()
    skipSpaces()
    if (input.startsWith('IN', position)) {
      position += 2
      expect_('[')
      const values = [quoted()]
      skipSpaces()
      while (input[position] === ',') {
        position += 1
        skipSpaces()
        values.push(quoted())
        skipSpaces()
      }
      expect_(']')
      return { op: 'in', attribute, values }
    }
    expect_('=')
    skipSpaces()
    return { op: 'equals', attribute, value: quoted() }
  }
  const sequence = (keyword: 'AND' | 'OR', next: () => SearchFilter): SearchFilter => {
    const items = [next()]
    skipSpaces()
    while (input.startsWith(`${keyword} `, position)) {
      position += keyword.length + 1
      items.push(next())
      skipSpaces()
    }
    const [only] = items
    return items.length === 1 && only ? only : { op: keyword === 'AND' ? 'and' : 'or', filters: items }
  }
  const expression = (): SearchFilter => sequence('OR', () => sequence('AND', primary))
  const tree = expression()
  skipSpaces()
  if (position !== input.length) throw new Error(`trailing input at ${position}: ${input.slice(position)}`)
  return tree
}

// What the compiled string means: every value a string (Meilisearch reads them so).
const asStrings = (filter: SearchFilter): SearchFilter => {
  switch (filter.op) {
    case 'equals':
    case 'boolean':
      return { op: 'equals', attribute: filter.attribute, value: String(filter.value) }
    case 'in':
      return { op: 'in', attribute: filter.attribute, values: filter.values.map(String) }
    case 'and':
    case 'or':
      return filter.filters.length === 1 && filter.filters[0]
        ? asStrings(filter.filters[0])
        : { op: filter.op, filters: filter.filters.map(asStrings) }
    case 'not':
      return { op: 'not', filter: asStrings(filter.filter) }
  }
}

const hostileValues = [
  'a" OR type = "x',
  '" OR "1" = "1',
  '\\',
  'ends with a backslash\\',
  '\\" OR isOfficial = "true',
  '\\\\"',
  'quote " in the middle',
  "single ' quote",
  ') OR (type = "guide"',
  'NOT',
  'line\nbreak',
  '\\u{41}\\n',
]

const errorCode = (run: () => unknown): string => {
  try {
    run()
    return 'no error'
  } catch (error) {
    return isSearchError(error) ? error.code : 'other error'
  }
}

describe('compileMeilisearchFilter', () => {
  it('quotes every value and parenthesizes every sub-expression', () => {
    const filter: SearchFilter = {
      op: 'and',
      filters: [
        { op: 'equals', attribute: 'type', value: 'guide' },
        {
          op: 'or',
          filters: [
            { op: 'boolean', attribute: 'isOfficial', value: true },
            { op: 'in', attribute: 'agency', values: ['ants', 'caf'] },
          ],
        },
        { op: 'not', filter: { op: 'equals', attribute: 'score', value: 3 } },
      ],
    }
    expect(compileMeilisearchFilter(filter, filterable)).toBe(
      '(type = "guide") AND ((isOfficial = "true") OR (agency IN ["ants", "caf"])) AND (NOT (score = "3"))',
    )
  })

  it('escapes quotes and backslashes', () => {
    expect(quoteFilterValue('a" OR type = "x')).toBe('"a\\" OR type = \\"x"')
    expect(quoteFilterValue('back\\slash\\')).toBe('"back\\\\slash\\\\"')
  })

  it('keeps hostile values literal: the compiled string reads back as the same tree', () => {
    for (const value of hostileValues) {
      const filter: SearchFilter = {
        op: 'or',
        filters: [
          { op: 'equals', attribute: 'agency', value },
          { op: 'in', attribute: 'procedure.slug', values: [value, `${value}2`] },
          { op: 'not', filter: { op: 'equals', attribute: 'type', value } },
        ],
      }
      const compiled = compileMeilisearchFilter(filter, filterable)
      expect(parseMeilisearchFilter(compiled), compiled).toEqual(asStrings(filter))
    }
  })

  it('rejects attributes that are not declared filterable, naming them', () => {
    try {
      compileMeilisearchFilter({ op: 'equals', attribute: 'title', value: 'x' }, filterable)
      expect.unreachable()
    } catch (error) {
      expect(isSearchError(error, 'filter-not-allowed')).toBe(true)
      expect(isSearchError(error) && error.details.attribute).toBe('title')
      expect(isSearchError(error) && error.status).toBe(400)
    }
    const nested: SearchFilter = { op: 'not', filter: { op: 'in', attribute: 'email', values: ['x'] } }
    expect(errorCode(() => compileMeilisearchFilter(nested, filterable))).toBe('filter-not-allowed')
  })

  it('rejects malformed trees', () => {
    const deep = Array.from({ length: 40 }).reduce<SearchFilter>(
      (inner) => ({ op: 'not', filter: inner }),
      { op: 'equals', attribute: 'type', value: 'tip' },
    )
    const cases: unknown[] = [
      { op: 'in', attribute: 'type', values: [] },
      { op: 'and', filters: [] },
      { op: 'or', filters: [] },
      { op: 'equals', attribute: 'score', value: Number.NaN },
      { op: 'equals', attribute: 'score', value: Number.POSITIVE_INFINITY },
      { op: 'boolean', attribute: 'isOfficial', value: 'true' },
      { op: 'equals', attribute: 'type = "x" OR type', value: 'guide' },
      { op: 'like', attribute: 'type', value: 'guide' },
      deep,
    ]
    for (const filter of cases) {
      expect(errorCode(() => compileMeilisearchFilter(filter as SearchFilter, filterable)), JSON.stringify(filter)).toBe(
        'invalid-filter',
      )
    }
  })
})

const document = (overrides: Partial<KnowledgeDocument>): KnowledgeDocument => ({
  id: 'tips-1',
  type: 'tip',
  title: 'Titre',
  text: 'Texte',
  procedure: { id: 1, slug: 'passeport', title: 'Passeport' },
  agency: 'ants',
  isOfficial: false,
  isValidated: true,
  score: 3,
  updatedAt: 0,
  url: '/x',
  ...overrides,
})

describe('compileFilterPredicate', () => {
  const passes = (filter: SearchFilter, value: KnowledgeDocument) => compileFilterPredicate(filter, filterable)(value)

  it('compares strings ignoring case and surrounding spaces, as Meilisearch does', () => {
    expect(passes({ op: 'equals', attribute: 'type', value: 'TIP ' }, document({}))).toBe(true)
    expect(passes({ op: 'equals', attribute: 'type', value: 'guide' }, document({}))).toBe(false)
  })

  it('reads nested attributes and treats a missing one as matching nothing but `not`', () => {
    const orphan = document({ procedure: null, agency: null })
    expect(passes({ op: 'equals', attribute: 'procedure.slug', value: 'passeport' }, document({}))).toBe(true)
    expect(passes({ op: 'equals', attribute: 'procedure.slug', value: 'passeport' }, orphan)).toBe(false)
    expect(passes({ op: 'not', filter: { op: 'equals', attribute: 'agency', value: 'ants' } }, orphan)).toBe(true)
  })

  it('compares numbers and booleans by value', () => {
    expect(passes({ op: 'equals', attribute: 'score', value: 3 }, document({}))).toBe(true)
    expect(passes({ op: 'equals', attribute: 'score', value: '3' }, document({}))).toBe(true)
    expect(passes({ op: 'equals', attribute: 'score', value: '' }, document({ score: 0 }))).toBe(false)
    expect(passes({ op: 'boolean', attribute: 'isValidated', value: true }, document({}))).toBe(true)
    expect(passes({ op: 'boolean', attribute: 'isOfficial', value: true }, document({}))).toBe(false)
  })

  it('combines with and, or, not and in', () => {
    const filter: SearchFilter = {
      op: 'and',
      filters: [
        { op: 'in', attribute: 'type', values: ['guide', 'tip'] },
        { op: 'or', filters: [{ op: 'boolean', attribute: 'isOfficial', value: true }, { op: 'equals', attribute: 'agency', value: 'caf' }] },
      ],
    }
    expect(passes(filter, document({ agency: 'caf' }))).toBe(true)
    expect(passes(filter, document({ agency: 'ants' }))).toBe(false)
    expect(passes(filter, document({ type: 'wiki', isOfficial: true }))).toBe(false)
  })

  it('matches hostile values only literally', () => {
    for (const value of hostileValues) {
      expect(passes({ op: 'equals', attribute: 'agency', value }, document({ agency: value }))).toBe(true)
      expect(passes({ op: 'equals', attribute: 'agency', value }, document({ agency: 'ants' }))).toBe(false)
      expect(passes({ op: 'equals', attribute: 'type', value }, document({}))).toBe(false)
    }
  })

  it('rejects the same trees as the Meilisearch compiler', () => {
    expect(errorCode(() => compileFilterPredicate({ op: 'equals', attribute: 'url', value: 'x' }, filterable))).toBe(
      'filter-not-allowed',
    )
    expect(errorCode(() => compileFilterPredicate({ op: 'in', attribute: 'type', values: [] }, filterable))).toBe('invalid-filter')
  })
})
