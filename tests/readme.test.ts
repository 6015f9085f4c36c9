import { readFileSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { renderOptionsTable } from '../scripts/optionsTable.ts'

const readme = readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8')

describe('README', () => {
  it('lists every plugin option with the default and meaning its documentation gives', () => {
    expect(readme).toContain(renderOptionsTable())
  })
})
