import type { Page } from 'playwright-core'
import { expect } from 'vitest'

import { contrastBehindImages, describeFindings, runAxe, stillUndecided } from './a11yAxe.ts'
import { describeHtmlcsErrors, runHtmlcs } from './a11yHtmlcs.ts'
import { viewportScreenshot } from './journeyWidget.ts'

/**
 * Both engines on the page as it is now, once its transitions have ended
 * (`runAxe` and `runHtmlcs` wait for them), inside the widget's shadow root
 * too: axe-core (WCAG 2.1 A and AA) must find no violation and must have
 * checked colour contrast, deciding it everywhere except on glyphs without
 * text (the ▲ ▼ of the vote buttons, hidden from screen readers) and text
 * over the DSFR's gradient underlines, decided here instead (see
 * `contrastBehindImages`); HTML_CodeSniffer (WCAG2AA) must report no error.
 * A screenshot of the viewport is kept under `shot`. `include` limits both
 * engines to one part of the page (Entraide's views in the admin panel).
 */
export const expectAccessible = async (
  page: Page,
  shot: string,
  { include }: { include?: string } = {},
): Promise<void> => {
  const report = await runAxe(page, include ? { include: [include] } : {})
  // Taken after axe's wait: the page as checked.
  await viewportScreenshot(page, shot)
  expect(report.violations, describeFindings(report.violations)).toEqual([])
  expect(report.passed).toContain('color-contrast')
  const undecided = stillUndecided(report.incomplete)
  expect(undecided, describeFindings(undecided)).toEqual([])
  await expect(contrastBehindImages(page, report.incomplete)).resolves.toEqual([])
  const errors = await runHtmlcs(page, include ? { within: include } : {})
  expect(errors, describeHtmlcsErrors(errors)).toEqual([])
}
