import { createRequire } from 'node:module'

import type { Page } from 'playwright-core'

/** axe-core's browser build, injected into the page under test. */
const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** The rules of WCAG 2.1 levels A and AA, which RGAA 4 follows. */
export const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** One failed rule, with where it failed. */
export type AxeFinding = {
  id: string
  impact: string | null
  help: string
  nodes: { target: string; summary: string }[]
}

/** What axe found on a page: failures, the rules that passed, and what needs a person to check. */
export type AxeReport = {
  violations: AxeFinding[]
  passed: string[]
  incomplete: AxeFinding[]
}

type RawResult = {
  id: string
  impact?: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

const findingOf = (result: RawResult): AxeFinding => ({
  help: result.help,
  id: result.id,
  impact: result.impact ?? null,
  nodes: result.nodes.map((node) => ({ summary: node.failureSummary ?? '', target: JSON.stringify(node.target) })),
})

/**
 * Waits until the CSS transitions and animations running on the page, in
 * shadow roots too, have ended (infinite ones aside; 5 s at most). A check in
 * the middle of one measures colours no one sees for more than an instant: a
 * vote button that turns pressed as the person's votes arrive takes its light
 * text at once and its dark background over a tenth of a second.
 */
export const animationsEnded = (page: Page): Promise<void> =>
  page.evaluate(async () => {
    const roots: (Document | ShadowRoot)[] = [document]
    for (const element of document.querySelectorAll('*')) if (element.shadowRoot) roots.push(element.shadowRoot)
    const finite = [...new Set(roots.flatMap((root) => root.getAnimations()))].filter((animation) =>
      Number.isFinite(Number(animation.effect?.getComputedTiming().endTime ?? Number.POSITIVE_INFINITY)),
    )
    const ended = Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)))
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5000))])
  })

/**
 * Runs axe-core on the page as it is now (once its transitions have ended),
 * WCAG 2.1 A and AA rules only, looking into the widget's open shadow root as
 * axe does by default. Next.js's development overlay (absent from production
 * builds) is left out. `include` limits the run to the elements those
 * selectors match (Entraide's own parts of a page it shares with the admin
 * panel).
 */
export const runAxe = async (page: Page, { include }: { include?: string[] } = {}): Promise<AxeReport> => {
  await animationsEnded(page)
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeScript })
  // Only plain data crosses back from the page; it is shaped here.
  const results = await page.evaluate(
    async ({ include, tags }) => {
      const { axe } = window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }
      const raw = await axe.run(
        { exclude: [['nextjs-portal']], ...(include ? { include: include.map((selector) => [selector]) } : {}) },
        { resultTypes: ['violations', 'incomplete'], runOnly: { type: 'tag', values: tags } },
      )
      return JSON.parse(JSON.stringify(raw)) as Record<'violations' | 'passes' | 'incomplete', RawResult[]>
    },
    { include, tags: wcag21aa },
  )
  return {
    incomplete: results.incomplete.map(findingOf),
    passed: results.passes.map((result) => result.id),
    violations: results.violations.map(findingOf),
  }
}

/** The failures as lines a person can act on: rule, impact, element, why. */
export const describeFindings = (findings: AxeFinding[]): string =>
  findings
    .flatMap((finding) =>
      finding.nodes.map(
        (node) => `${finding.id} (${finding.impact ?? 'n/a'}): ${finding.help}\n  at ${node.target}\n  ${node.summary}`,
      ),
    )
    .join('\n')

/** Why axe could not decide a contrast: an image or gradient behind the text, or a pseudo-element over or under it. */
const isBehindImage = (summary: string): boolean => /background (image|gradient)|pseudo element/.test(summary)

/**
 * Decides the contrasts axe leaves undecided because a background image lies
 * behind the text: the DSFR draws link underlines and card borders with
 * `linear-gradient` images a pixel or two thick, radio buttons with small
 * `radial-gradient` marks in the label's left padding, and paints some
 * backgrounds with one-colour gradients. For each such element, the first
 * opaque background from the element outwards (through shadow roots) is a
 * background colour or a one-colour gradient covering the box; lines and
 * marks are passed over, and so are pseudo-elements laid over the text that
 * draw lines only (the DSFR's table borders) or are lines or small marks
 * themselves (a current page's bar, a card's arrow); anything else is
 * reported. The
 * text colour must reach 4.5:1 against that background. Returns the elements
 * that fail, as lines; `stillUndecided` leaves these nodes to this check.
 */
export const contrastBehindImages = async (page: Page, findings: AxeFinding[]): Promise<string[]> => {
  const targets = findings
    .filter((finding) => finding.id === 'color-contrast')
    .flatMap((finding) => finding.nodes.filter((node) => isBehindImage(node.summary)).map((node) => node.target))
  if (targets.length === 0) return []
  return page.evaluate((selectors) => {
    const channel = (value: number) => {
      const c = value / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }
    const parse = (color: string): [number, number, number, number] | null => {
      const match = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(color)
      return match
        ? [Number(match[1]), Number(match[2]), Number(match[3]), match[4] === undefined ? 1 : Number(match[4])]
        : null
    }
    const luminance = ([r = 0, g = 0, b = 0]: number[]) =>
      0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    const problems: string[] = []
    for (const raw of selectors) {
      // axe's target: a selector, or a list of selectors crossing shadow roots.
      const path = JSON.parse(raw) as (string | string[])[]
      const chain = Array.isArray(path[0]) ? (path[0] as string[]) : (path as string[])
      let root: Document | ShadowRoot = document
      let element: Element | null = null
      for (const selector of chain) {
        element = root.querySelector(selector)
        if (element?.shadowRoot) root = element.shadowRoot
      }
      if (!element) {
        problems.push(`${raw}: not found`)
        continue
      }
      // From the element outwards, the first opaque background: a background colour, or a gradient of
      // one colour covering the box (the DSFR paints some backgrounds so). Gradients at most 4 px high or
      // wide are lines (underlines, borders), and small ones within the left padding are marks beside the
      // text (a radio button's circle): neither lies under the text. Any other image leaves it undecided.
      const gradientPattern = /(?:linear|radial)-gradient\((?:[^()]|\([^()]*\))*\)/g
      let background: [number, number, number, number] | null = null
      let problem: string | null = null
      for (let node: Element | null = element; node && !background && !problem;) {
        const style = getComputedStyle(node)
        // The DSFR draws a table's borders on pseudo-elements laid over it: such layers (positioned, not
        // beside the text as an icon is) may hold lines only.
        for (const pseudo of ['::before', '::after']) {
          const drawn = getComputedStyle(node, pseudo)
          if (drawn.content === 'none' || drawn.display === 'none') continue
          if (drawn.position !== 'absolute' && drawn.position !== 'fixed') continue
          const fill = parse(drawn.backgroundColor)
          const [boxWidth, boxHeight] = [parseFloat(drawn.width), parseFloat(drawn.height)]
          // A line (a current page's bar) or a small mark (a card's arrow) is no background.
          const isSmall = boxWidth <= 4 || boxHeight <= 4 || (boxWidth <= 32 && boxHeight <= 32)
          if (fill && fill[3] > 0 && !isSmall) {
            problem = `a filled ${pseudo} over or under the text (${drawn.backgroundColor}, ${drawn.width} × ${drawn.height})`
          }
          const images = drawn.backgroundImage.match(gradientPattern) ?? []
          const sizes = drawn.backgroundSize.split(',').map((size) => size.trim().split(/\s+/))
          for (const [index, layer] of images.entries()) {
            const size = sizes[index % sizes.length] ?? ['auto']
            const [width, height] = [size[0] ?? 'auto', size[1] ?? size[0] ?? 'auto'].map((value) =>
              value.endsWith('px') ? parseFloat(value) : Infinity,
            ) as [number, number]
            if (width > 4 && height > 4) problem = `a ${pseudo} image over or under the text (${layer})`
          }
          if (drawn.backgroundImage.replace(gradientPattern, '').replace(/none|,|\s/g, '') !== '') {
            problem = `a ${pseudo} image over or under the text (${drawn.backgroundImage})`
          }
        }
        if (problem) break
        const layers = style.backgroundImage.match(gradientPattern) ?? []
        if (style.backgroundImage.replace(gradientPattern, '').replace(/none|,|\s/g, '') !== '') {
          problem = `an image behind the text (${style.backgroundImage})`
          break
        }
        const sizes = style.backgroundSize.split(',').map((size) => size.trim().split(/\s+/))
        for (const [index, layer] of layers.entries()) {
          const size = sizes[index % sizes.length] ?? ['auto']
          const [width, height] = [size[0] ?? 'auto', size[1] ?? size[0] ?? 'auto'].map((value) =>
            value.endsWith('px') ? parseFloat(value) : Infinity,
          ) as [number, number]
          // A line (an underline, a border) or a mark in the padding beside the text (a radio button's circle).
          if (width <= 4 || height <= 4 || (width <= 32 && height <= 32 && parseFloat(style.paddingLeft) >= width))
            continue
          const colours = [...new Set(layer.match(/rgba?\([^()]*\)/g) ?? [])]
          const colour = colours.length === 1 ? parse(colours[0] ?? '') : null
          if (!colour) {
            problem = `a gradient behind the text (${layer})`
            break
          }
          if (colour[3] === 1) {
            background = colour
            break
          }
        }
        const colour = parse(style.backgroundColor)
        if (!background && colour && colour[3] === 1) background = colour
        const parent: Node | null = node.parentNode
        node = parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null
      }
      if (problem) {
        problems.push(`${raw}: ${problem}`)
        continue
      }
      background ??= [255, 255, 255, 1]
      const text = parse(getComputedStyle(element).color)
      if (!text) {
        problems.push(`${raw}: unreadable text colour`)
        continue
      }
      const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a) as [number, number]
      const ratio = (light + 0.05) / (dark + 0.05)
      if (ratio < 4.5) problems.push(`${raw}: contrast ${ratio.toFixed(2)}:1 (text ${getComputedStyle(element).color})`)
    }
    return problems
  }, targets)
}

/** The contrast findings axe could not decide, less the non-text glyphs and those behind gradients (see `contrastBehindImages`). */
export const stillUndecided = (findings: AxeFinding[]): AxeFinding[] =>
  findings
    .filter((finding) => finding.id === 'color-contrast')
    .map((finding) => ({
      ...finding,
      nodes: finding.nodes.filter(
        (node) => !node.summary.includes('only non-text characters') && !isBehindImage(node.summary),
      ),
    }))
    .filter((finding) => finding.nodes.length > 0)
