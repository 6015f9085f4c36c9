import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import { browserSkipReason, printServerOutputOnFailure, type RunningApp } from './harness.ts'
import { openProcedurePage, runToken, signInInWidget, useAppInChromium, viewportScreenshot } from './journeyWidget.ts'

// A session can end while the page stays open (it expires, or the person
// signs out everywhere from another device). The widget must then say so in
// its own words, show the person as signed out, and keep what they wrote.

const reason = browserSkipReason()
const slug = 'renouveler-un-passeport'
const citizen = demoAccount('camille')

describe.skipIf(reason)(`The widget when a session ends under it${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  useAppInChromium((opened) => ({ app, browser, page } = opened))

  /** Ends every session of the person on the server, as "sign out everywhere" does from another device. */
  const signOutEverywhere = async ({ email, password }: { email: string; password: string }) => {
    const login = await fetch(`${app.url}/api/users/login`, {
      body: JSON.stringify({ email, password }),
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    })
    const { token } = (await login.json()) as { token: string }
    const logout = await fetch(`${app.url}/api/users/logout?allSessions=true`, {
      headers: { Authorization: `JWT ${token}` },
      method: 'POST',
    })
    expect(logout.status).toBe(200)
  }

  it('says the session ended, keeps the text, and sends it once the person signs in again', async () => {
    const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
    await signInInWidget(widget, citizen)
    const tip = `Le timbre fiscal se prend en ligne en deux minutes, gardez le numéro. (${runToken()})`
    await widget.getByRole('button', { exact: true, name: 'Partager une astuce' }).click()
    const form = widget.getByRole('form', { name: 'Partager une astuce' })
    await form.getByLabel('Votre astuce').fill(tip)

    await signOutEverywhere(citizen)
    await form.getByRole('button', { name: 'Publier l’astuce' }).click()

    await form
      .getByRole('alert')
      .getByText(/Vous n’êtes plus connecté·e/)
      .waitFor()
    expect(await form.getByRole('alert').innerText()).not.toMatch(/not allowed|droit/i)
    await widget.getByRole('button', { exact: true, name: 'Se connecter' }).waitFor()
    expect(await widget.getByText(`Connecté·e en tant que ${citizen.displayName}`).count()).toBe(0)
    await expect(form.getByLabel('Votre astuce').inputValue()).resolves.toBe(tip)
    await viewportScreenshot(page, 'session-01-ended')

    await signInInWidget(widget, citizen)
    await expect(form.getByLabel('Votre astuce').inputValue()).resolves.toBe(tip)
    await form.getByRole('button', { name: 'Publier l’astuce' }).click()
    await widget.getByText(/^Merci, votre astuce est (publiée|enregistrée)/).waitFor()
    await widget.getByText(tip).waitFor()
  }, 180_000)
})
