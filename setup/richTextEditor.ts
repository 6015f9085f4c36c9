import type { lexicalEditor } from '@payloadcms/richtext-lexical'

let loading: Promise<typeof lexicalEditor> | undefined

/**
 * Payload's rich-text editor, loaded so that the app starts every time.
 *
 * Each of Lexical's packages picks its build at load time with a top-level
 * `await import()`. Loaded all at once, as `@payloadcms/richtext-lexical`
 * imports them, they settle in an order that varies from run to run, and on
 * Node.js 20 some orders leave a module of the editor waiting for good
 * although everything it imports has loaded (its link nodes): nothing is left
 * to wait for, the event loop drains and the process exits with code 13
 * ("unsettled top-level await") before the config exists. Loading Lexical's
 * packages one after the other first, then the editor, leaves the editor
 * nothing still loading to wait for.
 */
export const loadLexicalEditor = (): Promise<typeof lexicalEditor> => {
  loading ??= (async () => {
    // Dependencies before the packages that import them.
    await import('@payloadcms/richtext-lexical/lexical')
    await import('@payloadcms/richtext-lexical/lexical/selection')
    await import('@payloadcms/richtext-lexical/lexical/utils')
    await import('@payloadcms/richtext-lexical/lexical/html')
    await import('@payloadcms/richtext-lexical/lexical/rich-text')
    await import('@payloadcms/richtext-lexical/lexical/list')
    await import('@payloadcms/richtext-lexical/lexical/link')
    await import('@payloadcms/richtext-lexical/lexical/mark')
    await import('@payloadcms/richtext-lexical/lexical/headless')
    const editor = await import('@payloadcms/richtext-lexical')
    return editor.lexicalEditor
  })()
  return loading
}
