import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import { describeFindings, runAxe } from './a11yAxe.ts'
import { newAdminPage, signInThroughApi } from './adminActions.ts'
import { browserSkipReason, type RunningApp } from './harness.ts'
import { stepTimeout, useAppInChromium, viewportScreenshot } from './journeyWidget.ts'

// The listening dashboard of the admin panel on the seeded demo (its months of
// generated history): an agent sees their own agency only, whatever the address
// asks; an editor every agency, with a filter; the figures say when the
// scheduled job computed them; each chart is hidden from
// assistive technologies and drawn beside the table that says the same; axe-core's
// WCAG 2.1 A and AA rules at zero violations; "write the answer" opens a draft.

const reason = browserSkipReason()

const agencyNamed = async (app: RunningApp, slug: string): Promise<{ id: string | number; name: string }> => {
  const response = await fetch(`${app.url}/api/agencies?where[slug][equals]=${slug}&depth=0`)
  const { docs } = (await response.json()) as { docs: Array<{ id: string | number; name: string }> }
  const agency = docs[0]
  if (!agency) throw new Error(`The demo agency ${slug} is missing.`)
  return agency
}

/** Opens the dashboard and waits for its charts to be drawn. */
const openDashboard = async (page: Page, app: RunningApp, query = ''): Promise<void> => {
  await page.goto(`${app.url}/admin/listening${query}`, { timeout: stepTimeout })
  await page.getByRole('heading', { level: 1, name: 'Tableau d’écoute' }).waitFor({ timeout: stepTimeout })
  await page.locator('.entraide-chart svg').first().waitFor({ timeout: stepTimeout })
}

/** Every chart is hidden from assistive technologies, every table has a caption and column headers. */
const expectChartsBesideTables = async (page: Page): Promise<void> => {
  const charts = page.locator('.entraide-chart')
  expect(await charts.count()).toBeGreaterThanOrEqual(4)
  for (const chart of await charts.all()) expect(await chart.getAttribute('aria-hidden')).toBe('true')
  // Each chart labels its horizontal axis, and no two drawn labels overlap or leave the chart.
  const labelBoxes = await charts.evaluateAll((elements) =>
    elements.map((chart) => {
      const svg = chart.querySelector('.recharts-wrapper > svg')?.getBoundingClientRect()
      const labels = [...chart.querySelectorAll('.recharts-xAxis-tick-labels text')].map((text) => {
        const box = text.getBoundingClientRect()
        return { left: box.left, right: box.right, text: text.textContent ?? '' }
      })
      return { labels, left: svg?.left ?? 0, right: svg?.right ?? 0 }
    }),
  )
  for (const chart of labelBoxes) {
    expect(chart.labels.length).toBeGreaterThan(0)
    const inside = chart.labels.filter((label) => label.left >= chart.left - 1 && label.right <= chart.right + 1)
    expect(inside).toEqual(chart.labels)
    const overlapping = chart.labels.slice(1).filter((label, index) => label.left < chart.labels[index]!.right)
    expect(overlapping).toEqual([])
  }
  const tables = page.locator('.entraide-dashboard__section table')
  expect(await tables.count()).toBeGreaterThanOrEqual(8)
  for (const table of await tables.all()) {
    expect((await table.locator('caption').innerText()).trim()).not.toBe('')
    expect(await table.locator('thead th[scope="col"]').count()).toBeGreaterThanOrEqual(2)
  }
}

const expectAccessible = async (page: Page): Promise<void> => {
  const report = await runAxe(page)
  expect(report.violations, describeFindings(report.violations)).toEqual([])
}

describe.skipIf(reason)(`The listening dashboard${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  let browser: Browser
  useAppInChromium((opened) => ({ app, browser } = opened))

  it('shows an agent the figures of their own agency only, accessibly', async () => {
    const agent = demoAccount('agentAnts')
    const own = await agencyNamed(app, agent.agency ?? '')
    const other = await agencyNamed(app, 'caf')
    const page = await newAdminPage(browser, { height: 1000, width: 1400 })
    try {
      await signInThroughApi(page, { baseUrl: app.url, email: agent.email, password: agent.password })
      await openDashboard(page, app)
      // Linked in the navigation (its Entraide group may be folded).
      await expect(page.locator('nav a[href="/admin/listening"]').getAttribute('id')).resolves.toBe('nav-entraide-listening')
      await page.getByText(`Chiffres de votre organisme : ${own.name}.`).waitFor()
      // Computed by the scheduled job (the demo runs it once at start), and said so.
      await page.getByText(/^Chiffres calculés le \d{1,2} \S+ \d{4}/).waitFor()
      // No agency to choose: the server decides.
      expect(await page.locator('#entraide-dashboard-agency').count()).toBe(0)
      const unanswered = page.getByRole('table', { name: 'Questions sans réponse, par ancienneté' })
      expect(await unanswered.locator('tbody th[scope="row"]').allInnerTexts()).toEqual([
        'Moins de 48 heures',
        '2 à 7 jours',
        '7 à 30 jours',
        'Plus de 30 jours',
      ])
      // Only the agency's procedures are listed where people struggle.
      const procedures = await page.getByRole('table', { name: 'Où les usagers bloquent, par démarche' }).locator('tbody th').allInnerTexts()
      expect(procedures.length).toBeGreaterThan(0)
      expect(procedures).not.toContain('Demander l’aide personnalisée au logement (APL)')
      await expectChartsBesideTables(page)
      await viewportScreenshot(page, 'listening-01-agent')
      await expectAccessible(page)

      // Asking for another agency in the address changes nothing.
      await openDashboard(page, app, `?agency=${other.id}`)
      await page.getByText(`Chiffres de votre organisme : ${own.name}.`).waitFor()
    } finally {
      await page.close()
    }
  }, 300_000)

  it('shows an editor every agency, with a filter, and writes the answer to a search that found nothing', async () => {
    const editor = demoAccount('editor')
    const caf = await agencyNamed(app, 'caf')
    const page = await newAdminPage(browser, { height: 1000, width: 1400 })
    let createdPage: string | null = null
    try {
      await signInThroughApi(page, { baseUrl: app.url, email: editor.email, password: editor.password })
      await openDashboard(page, app)
      const filter = page.getByLabel('Organisme', { exact: true })
      await expect(filter.inputValue()).resolves.toBe('')
      await expectChartsBesideTables(page)
      const searches = page.getByRole('table', { name: 'Recherches sans résultat' })
      // The seeded history has searches that found nothing, week after week.
      expect(await searches.locator('tbody tr').count()).toBeGreaterThanOrEqual(5)
      await viewportScreenshot(page, 'listening-02-editor')
      await expectAccessible(page)

      await filter.selectOption(String(caf.id))
      await page.getByRole('button', { name: 'Afficher' }).click()
      await page.waitForURL(new RegExp(`agency=${caf.id}`))
      await page.locator('.entraide-chart svg').first().waitFor()
      await expect(page.getByLabel('Organisme', { exact: true }).inputValue()).resolves.toBe(String(caf.id))
      await expectAccessible(page)

      // "Write the answer": a draft titled after the search, opened in the admin.
      const query = (await searches.locator('tbody th').first().innerText()).trim()
      await searches.getByRole('button', { name: new RegExp(`^Rédiger la réponse`) }).first().click()
      await page.waitForURL(/\/admin\/collections\/wiki-pages\/[^/]+$/, { timeout: stepTimeout })
      createdPage = page.url().split('/').pop() ?? null
      const title = page.locator('#field-title')
      await title.waitFor({ timeout: stepTimeout })
      await expect(title.inputValue()).resolves.toBe(`${query.charAt(0).toLocaleUpperCase('fr')}${query.slice(1)}`)
      await viewportScreenshot(page, 'listening-03-draft')
    } finally {
      if (createdPage) await page.request.delete(`${app.url}/api/wiki-pages/${createdPage}`).catch(() => undefined)
      await page.close()
    }
  }, 300_000)
})
