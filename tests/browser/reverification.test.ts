import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import { describeFindings, runAxe } from './a11yAxe.ts'
import { browserSkipReason, printServerOutputOnFailure, type RunningApp } from './harness.ts'
import {
  closeAppInChromium,
  openAppInChromium,
  openProcedurePage,
  runToken,
  viewportScreenshot,
} from './journeyWidget.ts'

// A procedure's steps change: its verified guide says, on the demo site, that
// it waits for re-verification and which step changed; an agent's re-verify
// action clears it. Then an anonymous reader says the guide did not help.

const reason = browserSkipReason()
const editor = demoAccount('editor')
const token = runToken()
const slug = `reverification-${token}`

describe.skipIf(reason)(`Re-verification on the demo site${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  printServerOutputOnFailure(() => app)
  let browser: Browser
  let page: Page
  let jwt = ''
  const made: Array<{ collection: string; id: string | number }> = []

  /** Calls the REST API as the demo editor. */
  const api = async (method: string, route: string, body?: unknown): Promise<Record<string, any>> => {
    const response = await fetch(`${app.url}/api${route}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { Authorization: `JWT ${jwt}`, 'Content-Type': 'application/json' },
      method,
    })
    expect(response.status, `${method} ${route}`).toBeLessThan(300)
    return response.json()
  }

  beforeAll(async () => {
    ;({ app, browser, page } = await openAppInChromium())
    const login = await fetch(`${app.url}/api/users/login`, {
      body: JSON.stringify({ email: editor.email, password: editor.password }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    jwt = ((await login.json()) as { token: string }).token
  }, 300_000)

  afterAll(async () => {
    for (const { collection, id } of made.reverse()) {
      await fetch(`${app.url}/api/${collection}/${id}`, { headers: { Authorization: `JWT ${jwt}` }, method: 'DELETE' })
    }
    await closeAppInChromium({ app, browser })
  }, 60_000)

  it('shows the changed step on the guide until it is re-verified', async () => {
    const { docs } = await api('GET', '/agencies?limit=1&depth=0')
    const { doc: procedure } = await api('POST', '/procedures', {
      agency: docs[0].id,
      slug,
      steps: [{ title: 'Faire la pré-demande en ligne' }, { title: 'Prendre rendez-vous en mairie' }],
      title: `Démarche de test ${token}`,
    })
    made.push({ collection: 'procedures', id: procedure.id })
    const { doc: guide } = await api('POST', '/guides', { _status: 'published', procedure: procedure.id, title: `Guide ${token}` })
    made.push({ collection: 'guides', id: guide.id })
    await api('POST', `/guides/${guide.id}/verify`, {})
    await api('PATCH', `/procedures/${procedure.id}`, {
      steps: [procedure.steps[0], { ...procedure.steps[1], title: 'Prendre rendez-vous en ligne' }],
    })

    const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
    const guideCard = widget.locator('#entraide-guide')
    await guideCard.getByText('À re-vérifier', { exact: true }).waitFor()
    await expect(guideCard.innerText()).resolves.toContain('La démarche a changé depuis la dernière vérification par un agent')
    await expect(guideCard.innerText()).resolves.toContain(
      'étape 2 modifiée : « Prendre rendez-vous en mairie » devient « Prendre rendez-vous en ligne »',
    )
    await viewportScreenshot(page, 'reverification-01-guide-waiting')
    const report = await runAxe(page)
    expect(report.violations, describeFindings(report.violations)).toEqual([])

    await api('POST', `/guides/${guide.id}/reverify`, {})
    // A new page (its own context, so no cached copy of the page's data): the guide is verified again.
    const fresh = await browser.newPage({ viewport: { height: 900, width: 1280 } })
    try {
      const confirmed = (await openProcedurePage(fresh, { baseUrl: app.url, slug })).locator('#entraide-guide')
      await confirmed.getByText('Vérifié', { exact: true }).waitFor()
      await expect(confirmed.innerText()).resolves.not.toContain('À re-vérifier')

      // "Was this helpful?", anonymously: no, because it is out of date.
      await confirmed.getByRole('group', { name: /Cela vous a-t-il été utile/ }).getByRole('button', { name: 'Non' }).click()
      await confirmed.getByRole('radio', { name: 'Ce n’est plus à jour' }).check()
      await confirmed.getByRole('button', { name: 'Envoyer mon avis' }).click()
      await confirmed.getByRole('status').filter({ hasText: 'Merci pour votre avis' }).waitFor()
      await viewportScreenshot(fresh, 'reverification-02-helpful-sent')
      const { helpfulness } = await api('GET', `/guides/${guide.id}/helpfulness`)
      expect(helpfulness).toMatchObject({ helpful: 0, notHelpful: 1, reasons: { 'out-of-date': 1 } })
    } finally {
      await fresh.close()
    }
  }, 240_000)
})
