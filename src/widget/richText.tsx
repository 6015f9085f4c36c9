import { Fragment, type ReactNode } from 'react'

/** A link target that passed the scheme check. */
export type SafeLink = {
  href: string
  /** Absolute http(s) links leave the host site and get `rel="nofollow ugc noopener"`. */
  isExternal: boolean
}

// Resolving against a reserved host tells relative links from absolute ones
// with the browser's own URL parser, which also strips the tabs, newlines and
// control characters that hide schemes such as "java\nscript:".
const relativeBase = 'https://relative.invalid'

/**
 * The href of a link written by a contributor, or null when it must not be a
 * link: only http(s), mailto and relative links pass; `javascript:`,
 * `data:`, `vbscript:` and every other scheme are dropped.
 */
export const safeHref = (raw: unknown): SafeLink | null => {
  if (typeof raw !== 'string') return null
  const value = raw.trim()
  if (value === '' || value.length > 2048) return null
  let url: URL
  try {
    url = new URL(value, `${relativeBase}/`)
  } catch {
    return null
  }
  if (url.protocol === 'mailto:') return { href: url.href, isExternal: false }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null
  if (url.origin === relativeBase) return { href: `${url.pathname}${url.search}${url.hash}`, isExternal: false }
  return { href: url.href, isExternal: true }
}

/** The rel of links to other sites written by contributors. */
export const externalRel = 'nofollow ugc noopener'

/** The rel of those that open a new window: the new page learns nothing of this one. */
export const newWindowRel = `${externalRel} noreferrer`

type Node = Record<string, unknown>

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value)

const childrenOf = (node: Node): Node[] => (Array.isArray(node.children) ? node.children.filter(isNode) : [])

// Hostile documents can nest without end or hold millions of nodes.
const maxDepth = 24
const maxNodes = 5000

// Lexical's text format bits.
const formats = {
  bold: 1,
  code: 16,
  italic: 2,
  strikethrough: 4,
  subscript: 32,
  superscript: 64,
  underline: 8,
} as const

const formattedText = (text: string, format: number, key: string): ReactNode => {
  let content: ReactNode = text
  if (format & formats.code) content = <code>{content}</code>
  if (format & formats.bold) content = <strong>{content}</strong>
  if (format & formats.italic) content = <em>{content}</em>
  if (format & formats.underline) content = <u>{content}</u>
  if (format & formats.strikethrough) content = <s>{content}</s>
  if (format & formats.subscript) content = <sub>{content}</sub>
  else if (format & formats.superscript) content = <sup>{content}</sup>
  return <Fragment key={key}>{content}</Fragment>
}

const plainText = (node: Node, depth: number): string => {
  if (depth > maxDepth) return ''
  if (typeof node.text === 'string') return node.text
  if (node.type === 'linebreak') return '\n'
  return childrenOf(node)
    .map((child) => plainText(child, depth + 1))
    .join('')
}

const headingLevelOf = (tag: unknown, baseLevel: number): number => {
  const written = typeof tag === 'string' && /^h[1-6]$/.test(tag) ? Number(tag.slice(1)) : 2
  return Math.min(6, Math.max(baseLevel, baseLevel + written - 2))
}

const Heading = ({ children, level }: { level: number; children: ReactNode }) => {
  if (level <= 2) return <h2>{children}</h2>
  if (level === 3) return <h3>{children}</h3>
  if (level === 4) return <h4>{children}</h4>
  if (level === 5) return <h5>{children}</h5>
  return <h6>{children}</h6>
}

type RenderContext = { baseLevel: number; budget: { nodes: number }; newWindowLabel: string }

const renderNodes = (nodes: Node[], depth: number, context: RenderContext, keyPrefix: string): ReactNode[] =>
  nodes.map((node, index) => renderNode(node, depth, context, `${keyPrefix}.${index}`))

const renderNode = (node: Node, depth: number, context: RenderContext, key: string): ReactNode => {
  context.budget.nodes += 1
  if (depth > maxDepth || context.budget.nodes > maxNodes) return null
  const children = () => renderNodes(childrenOf(node), depth + 1, context, key)
  switch (node.type) {
    case 'text':
      return typeof node.text === 'string'
        ? formattedText(node.text, typeof node.format === 'number' ? node.format : 0, key)
        : null
    case 'linebreak':
      return <br key={key} />
    case 'tab':
      return <Fragment key={key}>{'\t'}</Fragment>
    case 'paragraph':
      return childrenOf(node).length === 0 ? null : <p key={key}>{children()}</p>
    case 'heading':
      return (
        <Heading key={key} level={headingLevelOf(node.tag, context.baseLevel)}>
          {children()}
        </Heading>
      )
    case 'quote':
      return <blockquote key={key}>{children()}</blockquote>
    case 'list':
      if (node.listType === 'number') {
        const start =
          typeof node.start === 'number' && Number.isInteger(node.start) && node.start > 1 ? node.start : undefined
        return (
          <ol key={key} start={start}>
            {children()}
          </ol>
        )
      }
      return <ul key={key}>{children()}</ul>
    case 'listitem':
      return <li key={key}>{children()}</li>
    case 'horizontalrule':
      return <hr key={key} />
    case 'code':
      return (
        <pre key={key}>
          <code>{plainText(node, depth)}</code>
        </pre>
      )
    case 'link':
    case 'autolink': {
      const fields = isNode(node.fields) ? node.fields : {}
      // Internal links point at documents of the admin panel, not pages readers can open.
      const link = fields.linkType === 'internal' ? null : safeHref(fields.url ?? node.url)
      if (!link) return <span key={key}>{children()}</span>
      const opensNewTab = link.isExternal && fields.newTab === true
      return (
        <a
          key={key}
          href={link.href}
          rel={opensNewTab ? newWindowRel : link.isExternal ? externalRel : undefined}
          target={opensNewTab ? '_blank' : undefined}
        >
          {children()}
          {/* Said in the link's name and shown: nobody is taken to another window unawares. */}
          {opensNewTab && (
            <>
              <span aria-hidden="true"> ↗</span>
              <span className="ew-sr-only"> {context.newWindowLabel}</span>
            </>
          )}
        </a>
      )
    }
    default:
      // Uploads, blocks, relationships and anything unknown are not shown: only known nodes are safe to render.
      return null
  }
}

/**
 * Renders a Lexical rich-text value with only known node types: text is
 * escaped by React, links keep http(s), mailto and relative targets only,
 * and contributors' external links get `rel="nofollow ugc noopener"`; those
 * that open a new window say so in their name (`newWindowLabel`) and add
 * `noreferrer`.
 * Headings of the content start at `baseLevel` so they nest under the
 * widget's own headings.
 */
export const RichText = ({
  baseLevel = 4,
  className,
  newWindowLabel,
  value,
}: {
  value: unknown
  baseLevel?: number
  className?: string
  /** Said after the text of a link that opens a new window, in the widget's language ("(nouvelle fenêtre)"). */
  newWindowLabel: string
}) => {
  const root = isNode(value) && isNode(value.root) ? value.root : null
  if (!root) return null
  const context: RenderContext = {
    baseLevel: Math.min(6, Math.max(2, baseLevel)),
    budget: { nodes: 0 },
    newWindowLabel,
  }
  return <div className={className}>{renderNodes(childrenOf(root), 0, context, 'n')}</div>
}
