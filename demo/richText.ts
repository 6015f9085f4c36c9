import { headingNode, lexicalRoot, type LexicalNode, type LexicalRoot } from 'entraide'

/**
 * A piece of inline text in demo content: plain, bold, or a link to an
 * official website (opened in a new tab, as readers leave the host site).
 */
export type Inline = string | { bold: string } | { text: string; url: string }

/** Lexical's bit for bold text. */
const boldFormat = 1

const elementDefaults = { direction: 'ltr', format: '', indent: 0 } as const

const textNode = (text: string, format = 0): LexicalNode => ({
  type: 'text',
  detail: 0,
  format,
  mode: 'normal',
  style: '',
  text,
  version: 1,
})

const inlineNodes = (parts: Inline[]): LexicalNode[] =>
  parts.map((part) => {
    if (typeof part === 'string') return textNode(part)
    if ('bold' in part) return textNode(part.bold, boldFormat)
    return {
      type: 'link',
      children: [textNode(part.text)],
      fields: { linkType: 'custom', newTab: true, url: part.url },
      ...elementDefaults,
      version: 3,
    }
  })

/** A paragraph made of inline parts. */
export const p = (...parts: Inline[]): LexicalNode => ({
  type: 'paragraph',
  children: inlineNodes(parts),
  ...elementDefaults,
  textFormat: 0,
  version: 1,
})

/** A section heading (`h2`), or a sub-heading with `h3`. */
export const h = (text: string, tag: 'h2' | 'h3' = 'h2'): LexicalNode => headingNode(text, tag)

const list = (listType: 'number' | 'bullet', items: Inline[][]): LexicalNode => ({
  type: 'list',
  children: items.map((parts, index) => ({
    type: 'listitem',
    children: inlineNodes(parts),
    ...elementDefaults,
    value: index + 1,
    version: 1,
  })),
  ...elementDefaults,
  listType,
  start: 1,
  tag: listType === 'number' ? 'ol' : 'ul',
  version: 1,
})

/** A numbered list; each item is a list of inline parts. */
export const ol = (...items: Inline[][]): LexicalNode => list('number', items)

/** A bulleted list; each item is a list of inline parts. */
export const ul = (...items: Inline[][]): LexicalNode => list('bullet', items)

/** A rich-text document from top-level nodes. */
export const doc = (...children: LexicalNode[]): LexicalRoot => lexicalRoot(children)
