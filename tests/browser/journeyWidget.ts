import path from 'node:path'

import type { Browser, Locator, Page } from 'playwright-core'

import { afterAll, beforeAll } from 'vitest'

import { artifactsDir, launchBrowser, printServerOutputOnFailure, startApp, type RunningApp } from './harness.ts'

/** How long one step may take: the dev server compiles each page on its first visit. */
export const stepTimeout = 120_000

/** A person who signs up in the widget. */
export type Newcomer = { displayName: string; email: string; password: string }

/** A short token that tells this run's people and texts apart from the demo content. */
export const runToken = (): string => `${Date.now().toString(36).slice(-4)}${Math.random().toString(36).slice(2, 5)}`

/** The widget's host element on a demo procedure page; Playwright's locators pierce its open shadow root. */
export const widgetOf = (page: Page): Locator => page.locator('[data-entraide-procedure]')

/**
 * Opens a procedure page of the demo site and waits until the widget shows
 * the procedure's community content (its last section is rendered).
 */
export const openProcedurePage = async (
  page: Page,
  { baseUrl, slug }: { baseUrl: string; slug: string },
): Promise<Locator> => {
  await page.goto(`${baseUrl}/demarches/${slug}`, { timeout: stepTimeout })
  const widget = widgetOf(page)
  await widget.getByRole('heading', { name: 'Les questions des usagers' }).waitFor({ timeout: stepTimeout })
  return widget
}

/** The widget's sign-in / sign-up dialog (only one exists; its name follows its mode). */
const authDialogOf = (widget: Locator): Locator => widget.locator('dialog.ew-dialog')

/**
 * Waits until the widget greets the person; fails at once, with the message
 * shown, when the dialog reports an error instead.
 */
const waitUntilSignedIn = async (widget: Locator, dialog: Locator, displayName: string): Promise<void> => {
  const greeting = widget.getByText(`Connecté·e en tant que ${displayName}`)
  const refusal = dialog.getByRole('alert').filter({ hasText: /\S/ })
  await greeting.or(refusal).first().waitFor({ timeout: stepTimeout })
  if (await greeting.isVisible()) return
  throw new Error(`The widget refused to sign ${displayName} in: ${(await refusal.first().textContent()) ?? ''}`)
}

/**
 * The confirmation link the app wrote to its log for `email` (no mail server
 * in the browser tests: the demo's console adapter logs each email with its
 * links), as a path on the running app.
 */
const confirmationPathIn = (output: string, email: string): string | null => {
  const line = output.split('\n').find((each) => each.includes(email) && each.includes('confirm-email'))
  const link = line ? /https?:\/\/[^"\s,\]]*confirm-email\?token=[0-9a-f]+/.exec(line)?.[0] : undefined
  return link ? new URL(link).pathname + new URL(link).search : null
}

/**
 * Confirms a new account's email address as its owner would, following the
 * link of the confirmation email that the app wrote to its log.
 */
export const confirmEmailFromLog = async (
  app: { url: string; outputTail: (characters?: number) => string },
  email: string,
): Promise<void> => {
  const deadline = Date.now() + stepTimeout
  let confirmation: string | null = null
  while (confirmation === null && Date.now() < deadline) {
    confirmation = confirmationPathIn(app.outputTail(500_000), email)
    if (confirmation === null) await new Promise((resolve) => setTimeout(resolve, 200))
  }
  if (confirmation === null) throw new Error(`No confirmation link for ${email} in the app's log`)
  const confirmed = await fetch(`${app.url}${confirmation}`, { method: 'POST' })
  if (confirmed.status !== 200) throw new Error(`Confirming ${email} answered ${confirmed.status}`)
}

/**
 * Creates a citizen account from the widget's "Créer un compte" dialog; when
 * the widget asks to confirm the email address first, follows the emailed
 * link (read from the app's log) and signs in. Waits until signed in.
 */
export const signUpInWidget = async (
  widget: Locator,
  person: Newcomer,
  app: { url: string; outputTail: (characters?: number) => string },
): Promise<void> => {
  await widget.getByRole('button', { exact: true, name: 'Créer un compte' }).click()
  const dialog = widget.getByRole('dialog', { name: 'Créer un compte' })
  await dialog.getByLabel('Nom affiché publiquement').fill(person.displayName)
  await dialog.getByLabel('Adresse électronique').fill(person.email)
  await dialog.getByLabel('Mot de passe').fill(person.password)
  await dialog.locator('button[type="submit"]').click()
  const checkMailbox = widget.getByText('Consultez votre boîte de réception', { exact: false })
  const greeting = widget.getByText(`Connecté·e en tant que ${person.displayName}`)
  await checkMailbox.or(greeting).first().waitFor({ timeout: stepTimeout })
  if (await greeting.isVisible()) return
  await confirmEmailFromLog(app, person.email)
  await widget
    .getByRole('dialog', { name: 'Se connecter' })
    .getByRole('button', { exact: true, name: 'Fermer' })
    .click()
  await signInInWidget(widget, person)
}

/** Signs in from the widget's "Se connecter" dialog and waits until the widget greets the person. */
export const signInInWidget = async (
  widget: Locator,
  { displayName, email, password }: { displayName: string; email: string; password: string },
): Promise<void> => {
  await widget.getByRole('button', { exact: true, name: 'Se connecter' }).click()
  const dialog = widget.getByRole('dialog', { name: 'Se connecter' })
  await dialog.getByLabel('Adresse électronique').fill(email)
  await dialog.getByLabel('Mot de passe').fill(password)
  await dialog.locator('button[type="submit"]').click()
  await waitUntilSignedIn(widget, dialog, displayName)
}

/** The card of a question in the widget, found by its title. */
export const threadCard = (widget: Locator, title: string): Locator =>
  widget.getByRole('article', { exact: true, name: title })

/** The `id` of the document a Payload REST create answered with (a number or a string, as the database stores it), for URLs. */
export const createdId = async (response: { json: () => Promise<unknown> }): Promise<string> => {
  const body = (await response.json()) as { doc?: { id?: unknown } }
  const id = body.doc?.id
  if ((typeof id !== 'string' || id === '') && (typeof id !== 'number' || !Number.isSafeInteger(id)))
    throw new Error(`The API answered without a document id: ${JSON.stringify(body)}`)
  return String(id)
}

/** A long date as the widget writes it in French (Paris time), e.g. "28 novembre 2026". */
export const frenchLongDate = (date: Date): string =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date)

/** Saves a screenshot of what the viewport shows (where focus is, a dialog) under test-results/screenshots. */
export const viewportScreenshot = async (page: Page, name: string): Promise<string> => {
  const file = path.join(artifactsDir, `${name}.png`)
  await page.screenshot({ path: file })
  return file
}

/** What most browser test files work with: their own app server, Chromium, and one page. */
export type AppInChromium = { app: RunningApp; browser: Browser; page: Page }

/** Starts the app and Chromium, and opens one desktop-sized page (for a file's `beforeAll`). */
export const openAppInChromium = async (): Promise<AppInChromium> => {
  const app = await startApp()
  const browser = await launchBrowser()
  const page = await browser.newPage({ viewport: { height: 900, width: 1280 } })
  page.setDefaultTimeout(stepTimeout)
  return { app, browser, page }
}

/**
 * In a describe block: the block's app and Chromium page, opened before its
 * tests and closed after them (the server's last output printed after a
 * failed test); `set` receives them once they are open.
 */
export const useAppInChromium = (set: (opened: AppInChromium) => void): void => {
  let opened: Partial<AppInChromium> = {}
  printServerOutputOnFailure(() => opened.app)
  beforeAll(async () => {
    const all = await openAppInChromium()
    opened = all
    set(all)
  }, 300_000)
  afterAll(() => closeAppInChromium(opened), 60_000)
}

/** Closes what `openAppInChromium` opened, whatever part of it started (for a file's `afterAll`). */
export const closeAppInChromium = async ({
  app,
  browser,
}: {
  app?: RunningApp | undefined
  browser?: Browser | undefined
}): Promise<void> => {
  await browser?.close()
  await app?.stop()
}
