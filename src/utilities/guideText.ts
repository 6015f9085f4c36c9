/**
 * A guide's rich text as a list of blocks (headings, paragraphs, list items)
 * whose inline links are written `[label](https://…)`, and the way back to
 * Lexical. The widget's guide editor edits these blocks; guide proposals are
 * compared and merged line by line on the same blocks, one line each. Pure:
 * shared by the server and the widget bundle.
 */

import { commonSubsequenceLengths } from './commonSubsequence.ts'

/** The kinds of block a citizen edits. */
export const guideBlockKinds = ['heading', 'subheading', 'paragraph', 'bullet', 'number'] as const
export type GuideBlockKind = (typeof guideBlockKinds)[number]

/**
 * One block of a guide. `node` is the Lexical node it was read from (a
 * heading, a paragraph or a list item), kept so that a block nobody changed
 * goes back with its formatting (bold, line breaks, nested lists) intact.
 */
export type GuideBlock = { kind: GuideBlockKind; text: string; node?: Record<string, unknown> }

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const childrenOf = (node: JsonObject): JsonObject[] =>
  Array.isArray(node.children) ? node.children.filter(isObject) : []

/** Beyond these, the rest of a value is not read: a hostile value costs little. */
const maxBlocks = 2_000
const maxDepth = 20

/** The inline text of a node: text as is, links as `[label](url)`, line breaks as spaces. */
const inlineText = (node: JsonObject, depth = 0): string => {
  if (depth > maxDepth) return ''
  return childrenOf(node)
    .map((child) => {
      if (child.type === 'text') return typeof child.text === 'string' ? child.text : ''
      if (child.type === 'linebreak' || child.type === 'tab') return ' '
      if (child.type === 'link' || child.type === 'autolink') {
        const fields = isObject(child.fields) ? child.fields : {}
        const url = typeof fields.url === 'string' ? fields.url : typeof child.url === 'string' ? child.url : ''
        const label = inlineText(child, depth + 1)
        return url === '' ? label : `[${label}](${url})`
      }
      // Nested lists stay with their item (kept by `node`), not in its text.
      if (child.type === 'list') return ''
      return inlineText(child, depth + 1)
    })
    .join('')
}

/** The blocks of a Lexical value, in reading order; other node types (images, blocks) are left out. */
export const blocksFromLexical = (value: unknown): GuideBlock[] => {
  const root = isObject(value) && isObject(value.root) ? value.root : null
  if (!root) return []
  const blocks: GuideBlock[] = []
  for (const node of childrenOf(root)) {
    if (blocks.length >= maxBlocks) break
    if (node.type === 'heading') {
      blocks.push({
        kind: node.tag === 'h2' || node.tag === 'h1' ? 'heading' : 'subheading',
        node,
        text: inlineText(node),
      })
    } else if (node.type === 'list') {
      const kind: GuideBlockKind = node.listType === 'number' ? 'number' : 'bullet'
      for (const item of childrenOf(node)) blocks.push({ kind, node: item, text: inlineText(item) })
    } else if (node.type === 'paragraph' || node.type === 'quote') {
      const text = inlineText(node)
      if (text.trim() !== '') blocks.push({ kind: 'paragraph', node, text })
    }
  }
  return blocks
}

const elementDefaults = { direction: 'ltr', format: '', indent: 0 } as const

const textNode = (text: string): JsonObject => ({
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
  text,
  type: 'text',
  version: 1,
})

/** A link written in a block: `[label](url)`. */
const linkPattern = /\[([^\]\n]+)\]\(([^()\s]+)\)/g

/** Inline nodes of a block's text: plain text, and a link node for each `[label](url)`. */
export const inlineNodes = (text: string): JsonObject[] => {
  const nodes: JsonObject[] = []
  let last = 0
  for (const match of text.matchAll(linkPattern)) {
    const [whole, label = '', url = ''] = match
    if (match.index > last) nodes.push(textNode(text.slice(last, match.index)))
    nodes.push({
      ...elementDefaults,
      children: [textNode(label)],
      fields: { linkType: 'custom', newTab: false, url },
      type: 'link',
      version: 3,
    })
    last = match.index + whole.length
  }
  if (last < text.length) nodes.push(textNode(text.slice(last)))
  return nodes
}

const blockNode = (block: GuideBlock, value: number): JsonObject => {
  const children = inlineNodes(block.text)
  if (block.kind === 'heading' || block.kind === 'subheading') {
    return { ...elementDefaults, children, tag: block.kind === 'heading' ? 'h2' : 'h3', type: 'heading', version: 1 }
  }
  if (block.kind === 'paragraph') return { ...elementDefaults, children, textFormat: 0, type: 'paragraph', version: 1 }
  return { ...elementDefaults, children, type: 'listitem', value, version: 1 }
}

/** Whether a kept node still says what the block says (same kind, same text). */
const isSameBlock = (block: GuideBlock): block is GuideBlock & { node: JsonObject } =>
  block.node !== undefined && blocksFromLexical({ root: { children: [wrapForReading(block)] } })[0]?.text === block.text

const wrapForReading = (block: GuideBlock): unknown =>
  block.kind === 'bullet' || block.kind === 'number'
    ? { children: [block.node], listType: block.kind, type: 'list' }
    : block.node

/** A Lexical value made of the blocks: consecutive list items of one kind form one list. */
export const lexicalFromBlocks = (blocks: readonly GuideBlock[]): JsonObject => {
  const children: JsonObject[] = []
  let list: { kind: GuideBlockKind; node: JsonObject; items: JsonObject[] } | null = null
  for (const block of blocks) {
    if (block.text.trim() === '') continue
    const node = isSameBlock(block) ? block.node : null
    if (block.kind === 'bullet' || block.kind === 'number') {
      if (!list || list.kind !== block.kind) {
        const items: JsonObject[] = []
        list = {
          items,
          kind: block.kind,
          node: {
            ...elementDefaults,
            children: items,
            listType: block.kind,
            start: 1,
            tag: block.kind === 'number' ? 'ol' : 'ul',
            type: 'list',
            version: 1,
          },
        }
        children.push(list.node)
      }
      list.items.push({ ...(node ?? blockNode(block, list.items.length + 1)), value: list.items.length + 1 })
    } else {
      list = null
      children.push(node ?? blockNode(block, 1))
    }
  }
  return { root: { ...elementDefaults, children, type: 'root', version: 1 } }
}

const markers: Record<GuideBlockKind, string> = {
  bullet: '- ',
  heading: '## ',
  number: '1. ',
  paragraph: '',
  subheading: '### ',
}

/** One block as one line of text: `## Heading`, `- item`, `1. item`, or the paragraph itself. */
export const lineOf = (block: GuideBlock): string => {
  const text = block.text.replace(/\s+/g, ' ').trim()
  // A paragraph that starts like a marker is escaped, so the line reads back as a paragraph.
  if (block.kind === 'paragraph' && /^(#{2,3} |- |1\. |\\)/.test(text)) return `\\${text}`
  return `${markers[block.kind]}${text}`
}

/** The block a line describes (see `lineOf`). */
export const blockOfLine = (line: string): GuideBlock => {
  if (line.startsWith('\\')) return { kind: 'paragraph', text: line.slice(1) }
  if (line.startsWith('### ')) return { kind: 'subheading', text: line.slice(4) }
  if (line.startsWith('## ')) return { kind: 'heading', text: line.slice(3) }
  if (line.startsWith('- ')) return { kind: 'bullet', text: line.slice(2) }
  if (line.startsWith('1. ')) return { kind: 'number', text: line.slice(3) }
  return { kind: 'paragraph', text: line }
}

/** A guide's text, one block a line: what proposals are compared and merged on. */
export const guideLines = (value: unknown): string[] => blocksFromLexical(value).map(lineOf)

/** Beyond this many cells the matching is not computed; the lines are then taken as all different. */
const maxCells = 1_000_000

/** For each line of `a`, the index of the line of `b` it is matched with (longest common subsequence), or -1. */
const matchLines = (a: readonly string[], b: readonly string[]): number[] => {
  const matched = a.map(() => -1)
  const at = commonSubsequenceLengths(a, b, maxCells)
  if (!at) return matched
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      matched[i] = j
      i += 1
      j += 1
    } else if (at(i + 1, j) >= at(i, j + 1)) i += 1
    else j += 1
  }
  return matched
}

/** A place where the published text and the proposal both changed the base, differently. */
export type MergeConflict = { base: string[]; current: string[]; proposal: string[] }

/** The result of re-applying a proposal onto the current text. */
export type Merge = { lines: string[]; conflicts: MergeConflict[] }

const sameLines = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((line, index) => line === b[index])

/**
 * Three-way merge of lines (diff3): the proposal's changes to `base` are
 * re-applied onto `current` wherever `current` left that part of `base` as it
 * was. Where both changed the same part differently, the current text is kept
 * and the place is returned as a conflict.
 */
export const mergeLines = (base: readonly string[], current: readonly string[], proposal: readonly string[]): Merge => {
  const toCurrent = matchLines(base, current)
  const toProposal = matchLines(base, proposal)
  const lines: string[] = []
  const conflicts: MergeConflict[] = []
  let b = 0
  let c = 0
  let p = 0
  const resolve = (baseEnd: number, currentEnd: number, proposalEnd: number): void => {
    const chunk = {
      base: base.slice(b, baseEnd),
      current: current.slice(c, currentEnd),
      proposal: proposal.slice(p, proposalEnd),
    }
    if (sameLines(chunk.current, chunk.base)) lines.push(...chunk.proposal)
    else if (sameLines(chunk.proposal, chunk.base) || sameLines(chunk.proposal, chunk.current))
      lines.push(...chunk.current)
    else {
      lines.push(...chunk.current)
      conflicts.push(chunk)
    }
  }
  for (let k = 0; k < base.length; k += 1) {
    const inCurrent = toCurrent[k] ?? -1
    const inProposal = toProposal[k] ?? -1
    // A base line both texts kept is a stable point: what lies before it is merged on its own.
    if (inCurrent < c || inProposal < p) continue
    resolve(k, inCurrent, inProposal)
    lines.push(base[k] ?? '')
    b = k + 1
    c = inCurrent + 1
    p = inProposal + 1
  }
  resolve(base.length, current.length, proposal.length)
  return { conflicts, lines }
}

/**
 * The merged blocks as Lexical: a line that is unchanged from the current or
 * the proposed text takes that text's node back, formatting included.
 */
export const lexicalFromLines = (lines: readonly string[], sources: readonly unknown[]): JsonObject => {
  const known = new Map<string, GuideBlock>()
  for (const source of sources) {
    for (const block of blocksFromLexical(source)) {
      const line = lineOf(block)
      if (!known.has(line)) known.set(line, block)
    }
  }
  return lexicalFromBlocks(lines.map((line) => known.get(line) ?? blockOfLine(line)))
}
