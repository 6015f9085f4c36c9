/** A Lexical node as Payload stores it in a rich-text field. */
export type LexicalNode = {
  type: string
  version: number
  [key: string]: unknown
}

/** The serialized value of a Lexical rich-text field. */
export type LexicalRoot = {
  root: {
    type: 'root'
    children: LexicalNode[]
    direction: 'ltr' | 'rtl' | null
    format: '' | 'left' | 'start' | 'center' | 'right' | 'end' | 'justify'
    indent: number
    version: number
  }
}

const textNode = (text: string): LexicalNode => ({
  type: 'text',
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
  text,
  version: 1,
})

const paragraph = (lines: string[]): LexicalNode => ({
  type: 'paragraph',
  children: lines.flatMap((line, index) =>
    index === 0 ? [textNode(line)] : [{ type: 'linebreak', version: 1 }, textNode(line)],
  ),
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  version: 1,
})

/** A heading node (`h2` by default). */
export const headingNode = (text: string, tag: 'h2' | 'h3' = 'h2'): LexicalNode => ({
  type: 'heading',
  children: [textNode(text)],
  direction: 'ltr',
  format: '',
  indent: 0,
  tag,
  version: 1,
})

/**
 * Paragraph nodes for plain text: blank lines separate paragraphs, single
 * line breaks are kept inside a paragraph, so the text reads as it was typed.
 */
export const plainTextToNodes = (text: string): LexicalNode[] =>
  text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.split('\n').map((line) => line.trimEnd()))
    .filter((lines) => lines.some((line) => line.trim().length > 0))
    .map(paragraph)

/** A rich-text value made of the given nodes. */
export const lexicalRoot = (children: LexicalNode[]): LexicalRoot => ({
  root: { type: 'root', children, direction: 'ltr', format: '', indent: 0, version: 1 },
})

/** The top-level nodes of a rich-text value, or none when it is empty or malformed. */
export const childrenOf = (value: unknown): LexicalNode[] => {
  if (typeof value !== 'object' || value === null || !('root' in value)) return []
  const root = value.root
  if (typeof root !== 'object' || root === null || !('children' in root) || !Array.isArray(root.children)) return []
  const nodes: unknown[] = root.children
  return nodes.filter(
    (node): node is LexicalNode =>
      typeof node === 'object' &&
      node !== null &&
      'type' in node &&
      typeof node.type === 'string' &&
      'version' in node &&
      typeof node.version === 'number',
  )
}
