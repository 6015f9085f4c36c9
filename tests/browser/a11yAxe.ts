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
 * Runs axe-core on the page as it is now, WCAG 2.1 A and AA rules only,
 * looking into the widget's open shadow root as axe does by default. Next.js's
 * development overlay (absent from production builds) is left out.
 */
export const runAxe = async (page: Page): Promise<AxeReport> => {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axeScript })
  // Only plain data crosses back from the page; it is shaped here.
  const results = await page.evaluate(async (tags) => {
    const { axe } = window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }
    const raw = await axe.run(
      { exclude: [['nextjs-portal']] },
      { resultTypes: ['violations', 'incomplete'], runOnly: { type: 'tag', values: tags } },
    )
    return JSON.parse(JSON.stringify(raw)) as Record<'violations' | 'passes' | 'incomplete', RawResult[]>
  }, wcag21aa)
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
