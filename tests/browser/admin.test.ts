import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import { newAdminPage, signInThroughApi, signOutThroughApi } from './adminActions.ts'
import { browserSkipReason, launchBrowser, printServerOutputOnFailure, startApp, type RunningApp } from './harness.ts'
import { viewportScreenshot } from './journeyWidget.ts'

const skipReason = browserSkipReason()
if (skipReason) console.warn(skipReason)

/** The text of an element, once it is on the page. */
const textOf = async (locator: Locator): Promise<string> => {
  await locator.first().waitFor({ timeout: 120_000 })
  return (await locator.first().innerText()).trim()
}

/** Reads JSON from the running app's REST API, anonymously. */
const getJson = async (app: RunningApp, path: string): Promise<Record<string, any>> => {
  const response = await fetch(`${app.url}/api${path}`)
  return { status: response.status, ...(await response.json()) }
}

// The pages are a French-speaking person's (see newAdminPage), unless a test says otherwise.
describe.skipIf(skipReason !== null)('agents’ and editors’ tools in the admin panel (Chromium)', () => {
  let app: RunningApp
  printServerOutputOnFailure(() => app)
  let browser: Browser

  beforeAll(async () => {
    app = await startApp()
    browser = await launchBrowser()
  }, 300_000)
  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  it('the review views: an agent validates from the queue, an editor publishes, dismisses and rejects', async () => {
    const page = await newAdminPage(browser, { height: 1000, width: 1400 })
    const agent = demoAccount('agentAnts')
    await signInThroughApi(page, { baseUrl: app.url, email: agent.email, password: agent.password })
    await page.goto(`${app.url}/admin/awaiting-validation`)
    const firstRow = page.locator('.entraide-table tbody tr').first()
    const link = firstRow.locator('a').first()
    await link.waitFor({ timeout: 120_000 })
    const answerHref = (await link.getAttribute('href')) ?? ''
    const answerId = decodeURIComponent(answerHref.split('/').pop() ?? '')
    await viewportScreenshot(page, 'admin-08-awaiting-validation')
    await firstRow.getByRole('button', { name: /^Valider : / }).click()
    await page.getByText(/est validée\.$/).first().waitFor({ timeout: 120_000 })
    await page.locator(`a[href="${answerHref}"]`).waitFor({ state: 'detached', timeout: 120_000 })
    const validated = await getJson(app, `/answers/${answerId}?depth=0`)
    // The agent who clicked is recorded as the validator.
    const me = await page.evaluate(async () => ((await (await fetch('/api/users/me')).json()) as { user: { id: unknown } }).user)
    expect(String(validated.validatedBy)).toBe(String(me.id))
    await signOutThroughApi(page, { baseUrl: app.url })

    const editor = demoAccount('editor')
    await signInThroughApi(page, { baseUrl: app.url, email: editor.email, password: editor.password })
    await page.goto(`${app.url}/admin/moderation`)
    const pendingRow = page.locator('.entraide-table tbody tr').first()
    const pendingLink = pendingRow.locator('a').first()
    await pendingLink.waitFor({ timeout: 120_000 })
    const [, collection, pendingId] = /collections\/([^/]+)\/([^/?]+)/.exec((await pendingLink.getAttribute('href')) ?? '') ?? []
    expect((await getJson(app, `/${collection}/${pendingId}`)).status).toBe(404)
    await viewportScreenshot(page, 'admin-09-moderation-queue')
    // Hiding needs a reason the author will read.
    await pendingRow.getByRole('button', { name: /^Masquer : / }).click()
    await pendingRow.getByRole('alert').getByText('Indiquez un motif pour la masquer : l’auteur le verra.').waitFor()
    await pendingRow.getByRole('button', { name: /^Publier : / }).click()
    await page.getByText('Publiée.').first().waitFor({ timeout: 120_000 })
    expect((await getJson(app, `/${collection}/${pendingId}`)).status).toBe(200)

    const report = page.locator('.entraide-cards > li').first()
    await report.waitFor({ timeout: 120_000 })
    const reported = (await report.locator('a').first().innerText()).trim()
    await report.getByRole('button', { name: /^Classer sans suite : / }).click()
    await page.getByText('Les signalements sont classés sans suite.').first().waitFor({ timeout: 120_000 })
    await page.locator('.entraide-cards > li', { hasText: reported }).waitFor({ state: 'detached', timeout: 120_000 })
    await viewportScreenshot(page, 'admin-10-moderation-after')

    await page.goto(`${app.url}/admin/guide-reviews`)
    const review = page.locator('.entraide-cards > li').first()
    await review.locator('.entraide-diff').waitFor({ timeout: 120_000 })
    const guideHref = (await review.locator('h2 a').getAttribute('href')) ?? ''
    const guideId = decodeURIComponent(guideHref.split('/').pop() ?? '')
    const before = await getJson(app, `/guides/${guideId}?depth=0`)
    expect(await review.locator('.entraide-diff ins').count()).toBeGreaterThan(0)
    await viewportScreenshot(page, 'admin-11-guide-review')
    await review.getByRole('button', { name: /^Refuser la modification/ }).click()
    await page.getByText(/est refusée\.$/).first().waitFor({ timeout: 120_000 })
    await page.locator(`.entraide-cards a[href="${guideHref}"]`).waitFor({ state: 'detached', timeout: 120_000 })
    const after = await getJson(app, `/guides/${guideId}?depth=0`)
    expect(after.body).toEqual(before.body)
    await page.close()
  }, 600_000)

  it('citizens read guides with a pointer to proposals, and get a clear refusal on the review views, in their language', async () => {
    const citizen = demoAccount('camille')
    const { docs: guides } = await getJson(app, '/guides?limit=1&depth=0')
    const page = await newAdminPage(browser, { height: 1000, width: 1400 })
    await signInThroughApi(page, { baseUrl: app.url, email: citizen.email, password: citizen.password })

    await page.goto(`${app.url}/admin/collections/guides/${guides[0].id}`)
    // Citizens propose edits from the procedure page: the guide is read-only here, with nothing to save.
    expect(await textOf(page.locator('.entraide-notice'))).toContain('Les guides s’améliorent par des propositions.')
    expect(await textOf(page.locator('.entraide-notice'))).toContain('« Améliorer ce guide »')
    expect(await page.locator('#action-submit-for-review').count()).toBe(0)
    expect(await page.locator('#action-save').count()).toBe(0)
    await viewportScreenshot(page, 'admin-06-citizen-guide')

    await page.goto(`${app.url}/admin/awaiting-validation`)
    expect(await textOf(page.getByRole('alert').filter({ hasText: 'Accès refusé.' }))).toContain(
      'réservée aux agents publics, aux éditeurs et aux administrateurs',
    )
    await viewportScreenshot(page, 'admin-07-citizen-not-allowed')
    await page.close()

    // A browser that asks for English gets the admin panel in English.
    const english = await newAdminPage(browser, { height: 1000, locale: 'en-GB', width: 1400 })
    await signInThroughApi(english, { baseUrl: app.url, email: citizen.email, password: citizen.password })
    await english.goto(`${app.url}/admin/collections/guides/${guides[0].id}`)
    expect(await textOf(english.locator('.entraide-notice'))).toContain('Guides are improved through proposals.')
    expect(await textOf(english.locator('label[for="field-title"]'))).toContain('Title')
    await viewportScreenshot(english, 'admin-12-citizen-guide-english')
    await english.close()

    // One asking for a language the demo does not offer gets its default, French.
    const german = await newAdminPage(browser, { height: 1000, locale: 'de-DE', width: 1400 })
    await signInThroughApi(german, { baseUrl: app.url, email: citizen.email, password: citizen.password })
    await german.goto(`${app.url}/admin/collections/guides/${guides[0].id}`)
    expect(await textOf(german.locator('.entraide-notice'))).toContain('Les guides s’améliorent par des propositions.')
    expect(await textOf(german.locator('label[for="field-title"]'))).toContain('Titre')
    await german.close()
  }, 300_000)
})
