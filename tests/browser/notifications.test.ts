import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import { describeFindings, runAxe } from './a11yAxe.ts'
import { newAdminPage, signIn as signInToAdmin } from './adminActions.ts'
import { browserSkipReason, type RunningApp } from './harness.ts'
import { openProcedurePage, runToken, signInInWidget, stepTimeout, useAppInChromium, viewportScreenshot } from './journeyWidget.ts'

// The bell, as the person it rings for meets it: in the widget, the unread
// count in the button's name, a panel opened and closed by keyboard, marking
// read lowering the count; in the admin panel, the same count in the header,
// leading to the list of what is unread.

const reason = browserSkipReason()
const slug = 'renouveler-un-passeport'
const asker = demoAccount('camille')
const helper = demoAccount('thomas')
const admin = demoAccount('admin')

type Session = { token: string; id: string | number }

describe.skipIf(reason)(`The notification bell${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  useAppInChromium((opened) => ({ app, browser, page } = opened))
  const made: Array<{ collection: string; id: string | number }> = []

  const signInApi = async ({ email, password }: { email: string; password: string }): Promise<Session> => {
    const response = await fetch(`${app.url}/api/users/login`, {
      body: JSON.stringify({ email, password }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { token: string; user: { id: string | number } }
    return { id: body.user.id, token: body.token }
  }

  const api = async (session: Session, method: string, route: string, body?: unknown): Promise<Record<string, any>> => {
    const response = await fetch(`${app.url}/api${route}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: { Authorization: `JWT ${session.token}`, 'Content-Type': 'application/json' },
      method,
    })
    expect(response.status, `${method} ${route}`).toBeLessThan(300)
    return response.json()
  }

  /** Waits until the notification jobs have told the person `count` unread things (they run after the write commits). */
  const waitForUnread = async (session: Session, count: number): Promise<void> => {
    const deadline = Date.now() + 60_000
    let unread = -1
    while (Date.now() < deadline) {
      unread = (await api(session, 'GET', '/notifications/unread')).unread
      if (unread === count) return
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
    throw new Error(`Expected ${count} unread notifications, the API still says ${unread}`)
  }

  it('shows the unread count in the widget, opens by keyboard, and marking read lowers it', async () => {
    const camille = await signInApi(asker)
    const thomas = await signInApi(helper)
    const administrator = await signInApi(admin)
    try {
      // A known starting point: whatever the demo told Camille is read.
      await api(camille, 'POST', '/notifications/read-all', {})
      const procedure = (await api(camille, 'GET', `/procedures?depth=0&limit=1&where[slug][equals]=${slug}`)).docs[0]
      const token = runToken()
      const title = `Faut-il refaire les photos pour un renouvellement ? (${token})`
      const thread = (await api(camille, 'POST', '/threads?depth=0', { body: 'Mes photos ont huit mois.', procedure: procedure.id, title })).doc
      made.push({ collection: 'threads', id: thread.id })
      for (const body of ['Oui, des photos de moins de six mois.', 'Le photographe agréé peut les transmettre en ligne.']) {
        const answer = (await api(thomas, 'POST', '/answers?depth=0', { body: `${body} (${token})`, thread: thread.id })).doc
        made.push({ collection: 'answers', id: answer.id })
      }
      await waitForUnread(camille, 2)

      const bellRequests: string[] = []
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/notifications')) bellRequests.push(request.url())
      })
      const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
      // Nobody signed in: no bell, and no request for one.
      expect(await widget.getByRole('button', { name: /^Notifications/ }).count()).toBe(0)
      expect(bellRequests).toEqual([])
      await signInInWidget(widget, asker)
      const bell = widget.getByRole('button', { exact: true, name: 'Notifications, 2 non lues' })
      await bell.waitFor({ timeout: stepTimeout })
      expect(await bell.getAttribute('aria-expanded')).toBe('false')

      // A third answer while the page is open: opening the panel asks again, and the new count is announced.
      const third = (await api(thomas, 'POST', '/answers?depth=0', { body: `Pensez au timbre fiscal. (${token})`, thread: thread.id })).doc
      made.push({ collection: 'answers', id: third.id })
      await waitForUnread(camille, 3)

      await bell.focus()
      await page.keyboard.press('Enter')
      const panel = widget.getByRole('region', { name: 'Vos notifications' })
      await panel.waitFor()
      await widget.getByRole('button', { exact: true, name: 'Notifications, 3 non lues' }).waitFor()
      await widget.getByRole('status').filter({ hasText: 'Notifications, 3 non lues' }).waitFor()
      expect(await widget.getByRole('button', { name: /^Notifications/ }).getAttribute('aria-expanded')).toBe('true')
      // Focus moved into the panel, inside the widget's shadow root.
      expect(await panel.evaluate((element) => element.contains((element.getRootNode() as ShadowRoot).activeElement))).toBe(true)
      const items = panel.getByRole('listitem').filter({ hasText: 'Non lue' })
      expect(await items.count()).toBe(3)
      // Each says what happened, on which question, and links to the answer.
      const newAnswer = items.first().getByRole('link', { exact: true, name: 'Nouvelle réponse à votre question' })
      expect(await newAnswer.getAttribute('href')).toMatch(/^\/demarches\/renouveler-un-passeport#entraide-answer-/)
      expect(await items.first().innerText()).toContain(`Quelqu’un a répondu à votre question « ${title} ».`)

      const axe = await runAxe(page)
      expect(axe.violations, describeFindings(axe.violations)).toEqual([])
      await viewportScreenshot(page, 'notifications-01-panel')

      // Mark one read, by keyboard: the count drops to 2.
      await panel.getByRole('button', { name: /^Marquer comme lu/ }).first().focus()
      await page.keyboard.press('Enter')
      await widget.getByRole('button', { exact: true, name: 'Notifications, 2 non lues' }).waitFor()
      await widget.getByRole('status').filter({ hasText: 'Notifications, 2 non lues' }).waitFor()
      expect(await panel.getByRole('listitem').filter({ hasText: 'Non lue' }).count()).toBe(2)

      // Escape closes the panel and gives focus back to the bell.
      await page.keyboard.press('Escape')
      await panel.waitFor({ state: 'hidden' })
      const reopened = widget.getByRole('button', { exact: true, name: 'Notifications, 2 non lues' })
      expect(await reopened.evaluate((element) => (element.getRootNode() as ShadowRoot).activeElement === element)).toBe(true)

      // In the admin panel, the header's bell says the same and leads to the unread ones.
      const adminPage = await newAdminPage(browser, { height: 900, width: 1280 })
      try {
        await signInToAdmin(adminPage, { baseUrl: app.url, email: asker.email, password: asker.password })
        const adminBell = adminPage.getByRole('link', { exact: true, name: 'Notifications, 2 non lues' })
        await adminBell.waitFor({ timeout: stepTimeout })
        await adminBell.click()
        await adminPage.waitForURL((url) => url.pathname.endsWith('/collections/notifications'), { timeout: stepTimeout })
        const rows = adminPage.locator('.table tbody tr')
        await rows.first().waitFor({ timeout: stepTimeout })
        expect(await rows.count()).toBe(2)
        expect(await adminPage.locator('.table tbody').innerText()).toContain('Nouvelle réponse à votre question')
        await viewportScreenshot(adminPage, 'notifications-02-admin-list')

        // "Tout marquer comme lu" in the widget empties both bells.
        await reopened.click()
        await widget.getByRole('button', { exact: true, name: 'Tout marquer comme lu' }).click()
        await widget.getByRole('button', { exact: true, name: 'Notifications, aucune non lue' }).waitFor()
        expect((await api(camille, 'GET', '/notifications/unread')).unread).toBe(0)
        await adminPage.goto(`${app.url}/admin`, { timeout: stepTimeout })
        await adminPage.getByRole('link', { exact: true, name: 'Notifications, aucune non lue' }).waitFor({ timeout: stepTimeout })
      } finally {
        await adminPage.context().close()
      }
    } finally {
      // Notifications cannot be deleted through the API; they stay read in this file's own database.
      for (const { collection, id } of made.reverse()) {
        await fetch(`${app.url}/api/${collection}/${id}`, { headers: { Authorization: `JWT ${administrator.token}` }, method: 'DELETE' })
      }
      made.length = 0
    }
  }, 600_000)
})
