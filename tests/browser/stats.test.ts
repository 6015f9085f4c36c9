import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { expectAccessible } from './a11yCheck.ts'
import { browserSkipReason, printServerOutputOnFailure, type RunningApp } from './harness.ts'
import { stepTimeout, useAppInChromium, viewportScreenshot } from './journeyWidget.ts'

// The public figures page of the demo site: reached from the footer, its tables
// readable by screen readers (captions, column and row headers), the CSV behind
// its link, and both accessibility engines (axe-core, HTML_CodeSniffer) at zero errors.

const reason = browserSkipReason()

describe.skipIf(reason)(`The public figures page${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  useAppInChromium((opened) => ({ app, browser, page } = opened))

  it('is linked from the footer and shows the figures of the seeded demo, computed at start', async () => {
    await page.goto(app.url, { timeout: stepTimeout })
    await page.getByRole('contentinfo').getByRole('link', { name: 'Les chiffres de l’entraide' }).click()
    await page.waitForURL(/\/chiffres$/)
    await page.getByRole('heading', { level: 1, name: 'Les chiffres de l’entraide' }).waitFor()
    // The title changes once the client-side navigation has rendered the page's metadata.
    await expect.poll(() => page.title()).toMatch(/^Les chiffres de l’entraide/)
    await expect(page.getByText(/^Chiffres calculés le /).count()).resolves.toBe(1)
    await page.getByRole('heading', { level: 2, name: 'Sur l’ensemble du site' }).waitFor()
  }, 180_000)

  it('gives every table a caption, column headers and month row headers', async () => {
    await page.goto(`${app.url}/chiffres`, { timeout: stepTimeout })
    const tables = page.locator('table.figures-table')
    await tables.first().waitFor()
    const count = await tables.count()
    // The site, then at least one agency and one procedure.
    expect(count).toBeGreaterThanOrEqual(3)
    for (let index = 0; index < count; index++) {
      const table = tables.nth(index)
      await expect(table.locator('caption').innerText()).resolves.toMatch(/chiffres mois par mois/)
      await expect(table.locator('thead th[scope="col"]').count()).resolves.toBe(7)
      await expect(table.locator('thead th[scope="col"]').last().innerText()).resolves.toBe('Questions évitées')
      await expect(table.locator('tbody tr').count()).resolves.toBe(12)
      await expect(table.locator('tbody th[scope="row"]').count()).resolves.toBe(12)
    }
    // The site's table, named by its caption, reads the current month first.
    const site = page.getByRole('table', {
      name: 'Ensemble du site : chiffres mois par mois, du plus récent au plus ancien',
    })
    const firstMonth = await site.locator('tbody th').first().innerText()
    const now = new Intl.DateTimeFormat('fr-FR', { month: 'long', timeZone: 'UTC', year: 'numeric' }).format(new Date())
    expect(firstMonth).toBe(now)
  }, 180_000)

  it('has no error from either accessibility engine, on a wide screen and at 320 px', async () => {
    await page.goto(`${app.url}/chiffres`, { timeout: stepTimeout })
    await page.getByRole('heading', { level: 1 }).waitFor()
    await expectAccessible(page, 'stats-01-figures')
    const narrow = await browser.newPage({ viewport: { height: 800, width: 320 } })
    narrow.setDefaultTimeout(stepTimeout)
    try {
      await narrow.goto(`${app.url}/chiffres`, { timeout: stepTimeout })
      await narrow.getByRole('heading', { level: 1 }).waitFor()
      // Wide tables scroll in their own region; the page itself does not scroll sideways.
      const widths = await narrow.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }))
      expect(widths.page).toBeLessThanOrEqual(widths.viewport)
      await expectAccessible(narrow, 'stats-02-figures-320')
    } finally {
      await narrow.close()
    }
  }, 180_000)

  it('links to the CSV of all the figures', async () => {
    await page.goto(`${app.url}/chiffres`, { timeout: stepTimeout })
    const link = page.getByRole('link', { name: 'Télécharger tous les chiffres (CSV)' })
    const href = await link.getAttribute('href')
    expect(href).toBe('/api/entraide/stats?format=csv')
    const response = await fetch(`${app.url}${href ?? ''}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="entraide-stats-\d{4}-\d{2}-\d{2}\.csv"$/,
    )
    const [header] = (await response.text()).split('\r\n')
    expect(header).toMatch(/^scope,agency,agency_name,procedure,procedure_title,month,/)
  }, 180_000)
})
