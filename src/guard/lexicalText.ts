/**
 * The text of a Lexical rich-text value as its readers get it, and the way
 * back to the nodes that hold it, so that what the guard finds can be masked
 * where it was written.
 */

type JsonObject = Record<string, unknown>

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Where a stretch of the reading text comes from: the `text` of one text node. */
type TextSegment = { node: JsonObject; start: number; end: number }

/**
 * A string held elsewhere in the value (a link's address, a block's field):
 * not part of the running text, but sent to every reader with it.
 */
export type LexicalAttribute = { holder: JsonObject | unknown[]; key: string | number; value: string }

/** What a reader gets from a rich-text value. */
export type LexicalText = {
  /** The running text: text nodes of one block joined, blocks and line breaks separated by a line break. */
  text: string
  segments: TextSegment[]
  /** Every other string the value holds, in document order. */
  attributes: LexicalAttribute[]
}

/** Inline nodes whose text continues the surrounding sentence; any other node with children is a block. */
const inlineTypes: ReadonlySet<string> = new Set(['link', 'autolink', 'text', 'linebreak', 'tab'])

/**
 * Keys whose strings only describe layout (`format: 'center'`, `direction:
 * 'ltr'`): nobody writes into them through the editor, and what a client
 * sends there is bounded by Payload's validation of the node.
 */
const layoutKeys: ReadonlySet<string> = new Set(['type', 'format', 'direction', 'mode', 'tag', 'listType', 'textFormat'])

/**
 * Reads a Lexical value as a reader does: text nodes of one block joined (so
 * an identifier split by bold formatting is still one), blocks and line
 * breaks separated by a line break, and, apart from it, every other string
 * the value carries (a `mailto:` or `tel:` link is read by anyone who opens
 * the page). Walked with an explicit stack, so a hostile, deeply nested value
 * cannot exhaust the call stack.
 */
export function readLexical(value: unknown): LexicalText {
  let text = ''
  const segments: TextSegment[] = []
  const attributes: LexicalAttribute[] = []
  const root = isObject(value) ? value.root : undefined
  type Entry = { kind: 'node'; node: unknown } | { kind: 'exit' } | { kind: 'data'; holder: JsonObject | unknown[]; key: string | number; value: unknown }
  const stack: Entry[] = [{ kind: 'node', node: root }]
  const breakLine = () => {
    if (text !== '' && !text.endsWith('\n')) text += '\n'
  }
  while (stack.length > 0) {
    const entry = stack.pop()
    if (entry === undefined) continue
    if (entry.kind === 'exit') {
      breakLine()
      continue
    }
    if (entry.kind === 'data') {
      const data = entry.value
      if (typeof data === 'string') {
        if (data !== '') attributes.push({ holder: entry.holder, key: entry.key, value: data })
      } else if (Array.isArray(data)) {
        for (let index = data.length - 1; index >= 0; index--) {
          stack.push({ holder: data, key: index, kind: 'data', value: data[index] })
        }
      } else if (isObject(data)) {
        const keys = Object.keys(data)
        for (let index = keys.length - 1; index >= 0; index--) {
          const key = keys[index] ?? ''
          stack.push({ holder: data, key, kind: 'data', value: data[key] })
        }
      }
      continue
    }
    const node = entry.node
    if (!isObject(node)) continue
    const type = typeof node.type === 'string' ? node.type : ''
    const isText = type === 'text' && typeof node.text === 'string'
    const children = Array.isArray(node.children) ? node.children : undefined
    const isBlock = children !== undefined && !inlineTypes.has(type)
    // Pushed first, so read after the node's text: its other strings.
    const keys = Object.keys(node).filter(
      (key) => key !== 'children' && !layoutKeys.has(key) && !(isText && key === 'text'),
    )
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index] ?? ''
      stack.push({ holder: node, key, kind: 'data', value: node[key] })
    }
    if (isText && typeof node.text === 'string') {
      segments.push({ end: text.length + node.text.length, node, start: text.length })
      text += node.text
    } else if (type === 'linebreak') {
      text += '\n'
    } else if (type === 'tab') {
      text += '\t'
    } else if (children !== undefined) {
      if (isBlock) {
        breakLine()
        stack.push({ kind: 'exit' })
      }
      for (let index = children.length - 1; index >= 0; index--) {
        stack.push({ kind: 'node', node: children[index] })
      }
    }
  }
  return { attributes, segments, text }
}

/** A replacement of the running text from `start` to `end`, offsets into {@link LexicalText.text}. */
export type TextEdit = { start: number; end: number; replacement: string }

/**
 * A copy of a Lexical value with its running text edited where the edits say
 * (each edit spread over the text nodes it covers: the replacement goes to the
 * first, the covered characters of the others are removed) and the attributes
 * at the given positions of {@link LexicalText.attributes} replaced.
 */
export function editLexical(
  value: unknown,
  { textEdits, attributeEdits }: { textEdits: readonly TextEdit[]; attributeEdits: ReadonlyMap<number, string> },
): unknown {
  const copy: unknown = structuredClone(value)
  const { attributes, segments } = readLexical(copy)
  const edits = new Map<JsonObject, Array<{ from: number; to: number; replacement: string }>>()
  for (const edit of textEdits) {
    let isFirst = true
    for (const segment of segments) {
      if (segment.end <= edit.start || segment.start >= edit.end) continue
      const from = Math.max(edit.start, segment.start) - segment.start
      const to = Math.min(edit.end, segment.end) - segment.start
      edits.set(segment.node, [
        ...(edits.get(segment.node) ?? []),
        { from, replacement: isFirst ? edit.replacement : '', to },
      ])
      isFirst = false
    }
  }
  for (const [node, nodeEdits] of edits) {
    let text = typeof node.text === 'string' ? node.text : ''
    for (const edit of [...nodeEdits].sort((a, b) => b.from - a.from)) {
      text = text.slice(0, edit.from) + edit.replacement + text.slice(edit.to)
    }
    node.text = text
  }
  for (const [index, replacement] of attributeEdits) {
    const attribute = attributes[index]
    if (attribute === undefined) continue
    if (Array.isArray(attribute.holder)) {
      if (typeof attribute.key === 'number') attribute.holder[attribute.key] = replacement
    } else {
      attribute.holder[String(attribute.key)] = replacement
    }
  }
  return copy
}
