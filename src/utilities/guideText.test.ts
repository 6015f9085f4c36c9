import { describe, expect, it } from 'vitest'

import {
  blockOfLine,
  blocksFromLexical,
  guideLines,
  lexicalFromBlocks,
  lexicalFromLines,
  lineOf,
  mergeLines,
} from './guideText.ts'

const bold = (text: string) => ({ detail: 0, format: 1, mode: 'normal', style: '', text, type: 'text', version: 1 })
const plain = (text: string) => ({ ...bold(text), format: 0 })

/** A guide as the admin editor saves it: a heading, a paragraph with bold text and a line break, a list. */
const stored = {
  root: {
    children: [
      { children: [plain('Avant de commencer')], tag: 'h2', type: 'heading', version: 1 },
      {
        children: [
          plain('Gardez '),
          bold('votre ancien passeport'),
          { type: 'linebreak', version: 1 },
          plain('avec vous.'),
        ],
        type: 'paragraph',
        version: 1,
      },
      {
        children: [
          { children: [plain('Pré-demande en ligne')], type: 'listitem', value: 1, version: 1 },
          {
            children: [
              plain('Voir '),
              {
                children: [plain('le site')],
                fields: { linkType: 'custom', url: 'https://www.service-public.fr/' },
                type: 'link',
                version: 3,
              },
            ],
            type: 'listitem',
            value: 2,
            version: 1,
          },
        ],
        listType: 'number',
        type: 'list',
        version: 1,
      },
      { type: 'upload', value: 3, version: 1 },
    ],
    type: 'root',
    version: 1,
  },
}

describe('a guide as blocks', () => {
  it('reads headings, paragraphs, list items and links, one line each', () => {
    expect(guideLines(stored)).toEqual([
      '## Avant de commencer',
      'Gardez votre ancien passeport avec vous.',
      '1. Pré-demande en ligne',
      '1. Voir [le site](https://www.service-public.fr/)',
    ])
    expect(guideLines(null)).toEqual([])
    expect(guideLines({ root: 'x' })).toEqual([])
  })

  it('gives back the nodes of unchanged blocks, formatting included, and builds the changed ones', () => {
    const blocks = blocksFromLexical(stored)
    const changed = blocks.map((block, index) =>
      index === 2 ? { ...block, text: 'Faire la [pré-demande](https://ants.gouv.fr/)' } : block,
    )
    const value = lexicalFromBlocks(changed)
    const root = value.root as { children: Record<string, unknown>[] }
    expect(root.children[1]).toEqual(stored.root.children[1])
    expect(root.children).toHaveLength(3)
    const list = root.children[2] as { children: { children: Record<string, unknown>[] }[]; listType: string }
    expect(list.listType).toBe('number')
    expect(list.children[0]?.children[1]).toMatchObject({ fields: { url: 'https://ants.gouv.fr/' }, type: 'link' })
    expect(guideLines(value)).toEqual([
      '## Avant de commencer',
      'Gardez votre ancien passeport avec vous.',
      '1. Faire la [pré-demande](https://ants.gouv.fr/)',
      '1. Voir [le site](https://www.service-public.fr/)',
    ])
  })

  it('keeps a paragraph that starts like a marker a paragraph', () => {
    const line = lineOf({ kind: 'paragraph', text: '- pas une liste' })
    expect(blockOfLine(line)).toEqual({ kind: 'paragraph', text: '- pas une liste' })
  })
})

describe('merging a proposal onto a newer text', () => {
  const base = ['## A', 'un', 'deux', 'trois']

  it('re-applies changes made to other places', () => {
    expect(mergeLines(base, ['## A', 'UN', 'deux', 'trois'], ['## A', 'un', 'deux', 'TROIS', 'quatre'])).toEqual({
      conflicts: [],
      lines: ['## A', 'UN', 'deux', 'TROIS', 'quatre'],
    })
  })

  it('keeps the published text and reports a conflict where both changed the same place', () => {
    const merge = mergeLines(base, ['## A', 'UN', 'deux', 'trois'], ['## A', 'Un !', 'deux', 'trois'])
    expect(merge.lines).toEqual(['## A', 'UN', 'deux', 'trois'])
    expect(merge.conflicts).toEqual([{ base: ['un'], current: ['UN'], proposal: ['Un !'] }])
  })

  it('takes identical changes once, and a removal where the other side did not touch the line', () => {
    expect(mergeLines(base, ['## A', 'UN', 'deux', 'trois'], ['## A', 'UN', 'deux', 'trois'])).toEqual({
      conflicts: [],
      lines: ['## A', 'UN', 'deux', 'trois'],
    })
    expect(mergeLines(base, ['## A', 'UN', 'deux', 'trois'], ['## A', 'un', 'deux'])).toEqual({
      conflicts: [],
      lines: ['## A', 'UN', 'deux'],
    })
  })

  it('builds the merged value from the nodes of either text', () => {
    const value = lexicalFromLines(
      ['## Avant de commencer', 'Gardez votre ancien passeport avec vous.', 'Nouveau.'],
      [stored],
    )
    const root = value.root as { children: unknown[] }
    expect(root.children[1]).toEqual(stored.root.children[1])
    expect(guideLines(value)).toEqual(['## Avant de commencer', 'Gardez votre ancien passeport avec vous.', 'Nouveau.'])
  })
})
