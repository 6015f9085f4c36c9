import { createRequire } from 'node:module'

import type { Page } from 'playwright-core'

import { animationsEnded } from './a11yAxe.ts'

/** HTML_CodeSniffer's browser build, injected into the page under test. */
const htmlcsScript = createRequire(import.meta.url).resolve('html_codesniffer/build/HTMLCS.js')

/** One error HTML_CodeSniffer reported: its sniff code, message, where it was found and on which element. */
export type HtmlcsError = {
  code: string
  message: string
  /** `page` for the document, `shadow root of <host>` for a copy of a shadow tree. */
  where: string
  element: string
}

/**
 * Runs HTML_CodeSniffer's WCAG2AA standard on the page as it is now, and
 * returns its errors (type 1; warnings and notices ask a person to check and
 * are left out), the document's first, then each open shadow root's.
 *
 * HTML_CodeSniffer does not look into shadow roots: run on the document it
 * sees the widget's host as an empty element. Each open shadow root is
 * therefore checked through a copy of its content (its `<style>` included)
 * put right after its host, in the host's own parent: it inherits what the
 * host inherits (the DSFR's colour tokens, fonts and theme), its rules apply
 * as in the shadow root (every widget rule is scoped under the widget's root
 * class), and its `id` references (labels, descriptions) resolve within it as
 * they do within the shadow root. The copy is checked alone, then removed.
 * What a copy cannot carry is state held in properties only (a typed value,
 * a dialog opened as modal shows as an open non-modal one), which none of the
 * standard's sniffs read. Next.js's development overlay is left out.
 * `within` limits the run to one element (and the shadow roots inside it).
 */
export const runHtmlcs = async (page: Page, { within }: { within?: string } = {}): Promise<HtmlcsError[]> => {
  await animationsEnded(page)
  if (!(await page.evaluate(() => 'HTMLCS' in window))) await page.addScriptTag({ path: htmlcsScript })
  return page.evaluate(async (within) => {
    type Message = { type: number; code: string; msg: string; element: Element | null }
    const { HTMLCS } = window as unknown as {
      HTMLCS: {
        process: (
          standard: string,
          content: Document | Element,
          done: () => void,
          failed: () => void,
          lang: string,
        ) => void
        getMessages: () => Message[]
      }
    }
    const sniff = (content: Document | Element): Promise<Message[]> =>
      new Promise((resolve, reject) =>
        HTMLCS.process(
          'WCAG2AA',
          content,
          () => resolve(HTMLCS.getMessages()),
          () => reject(new Error('HTML_CodeSniffer could not run')),
          'en',
        ),
      )
    const describe = (element: Element | null): string => {
      if (!element) return '(document)'
      const html = element.outerHTML.replace(/\s+/g, ' ')
      return html.length > 200 ? `${html.slice(0, 200)}…` : html
    }
    const errorsOf = (messages: Message[], where: string) =>
      messages
        .filter((message) => message.type === 1 && !message.element?.closest('nextjs-portal'))
        .map((message) => ({ code: message.code, element: describe(message.element), message: message.msg, where }))

    const scope = within ? document.querySelector(within) : document
    if (!scope) throw new Error(`Nothing matches ${within ?? ''} to check`)
    const errors = errorsOf(await sniff(scope), within ?? 'page')
    const hosts = [...scope.querySelectorAll('*')].filter(
      (element) => element.shadowRoot !== null && element.localName !== 'nextjs-portal',
    )
    for (const host of hosts) {
      const copy = document.createElement('div')
      copy.setAttribute('data-htmlcs-copy', '')
      for (const child of host.shadowRoot?.childNodes ?? []) copy.append(child.cloneNode(true))
      host.after(copy)
      try {
        const label = host.getAttribute('data-entraide-procedure') ?? host.localName
        errors.push(...errorsOf(await sniff(copy), `shadow root of ${label}`))
      } finally {
        copy.remove()
      }
    }
    return errors
  }, within)
}

/** The errors as lines a person can act on: where, sniff code, message, element. */
export const describeHtmlcsErrors = (errors: HtmlcsError[]): string =>
  errors.map((error) => `[${error.where}] ${error.code}\n  ${error.message}\n  at ${error.element}`).join('\n')
