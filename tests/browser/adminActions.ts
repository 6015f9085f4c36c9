import type { Browser, Locator, Page } from 'playwright-core'

import type { ID } from '../../src/utilities/ids.ts'

/**
 * The language an admin page asks for, as a person's browser does: the
 * helpers below read the admin panel in French, the demo's language.
 */
export const adminLocale = 'fr-FR'

/** A new page (in its own browser context) of a French-speaking admin user, or of one whose browser asks for `locale`. */
export const newAdminPage = (
  browser: Browser,
  { locale = adminLocale, ...viewport }: { height: number; width: number; locale?: string },
): Promise<Page> => browser.newPage({ locale, viewport })

/** Where the admin panel is, and who signs in. */
export type AdminTarget = { baseUrl: string }

/** How long a step of the admin panel may take (the dev server compiles pages on first visit). */
const stepTimeout = 120_000

/**
 * Waits for the outcome of a panel action: resolves on the success message,
 * throws with the panel's error message (the API's own) otherwise.
 */
const outcomeOf = async (panel: Locator): Promise<string> => {
  const success = panel.locator('.entraide-status__success')
  const failure = panel.locator('.entraide-status__error')
  await success.or(failure).first().waitFor({ timeout: stepTimeout })
  if (await failure.count()) throw new Error(`The admin panel reported: ${await failure.first().innerText()}`)
  return success.first().innerText()
}

/** Signs in to the admin panel with an email and a password, and waits for the dashboard. */
export const signIn = async (
  page: Page,
  { baseUrl, email, password }: AdminTarget & { email: string; password: string },
): Promise<void> => {
  await page.goto(`${baseUrl}/admin/login`, { timeout: stepTimeout })
  await page.locator('#field-email').fill(email, { timeout: stepTimeout })
  await page.locator('#field-password').fill(password)
  await page.locator('form button[type="submit"]').click()
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: stepTimeout })
  await page.locator('.template-default').waitFor({ timeout: stepTimeout })
}

/**
 * Signs in through the REST API, as the admin panel's own form does (the
 * session cookie lands in the page's browser context), and opens no page: the
 * test goes straight to the one it needs. For tests about what comes after
 * signing in: the form is exercised by `signIn`, and each full load of the
 * admin panel costs the browser about a second of CPU.
 */
export const signInThroughApi = async (
  page: Page,
  { baseUrl, email, password }: AdminTarget & { email: string; password: string },
): Promise<void> => {
  const response = await page.request.post(`${baseUrl}/api/users/login`, { data: { email, password } })
  if (!response.ok()) throw new Error(`Signing in as ${email} was refused (${response.status()}): ${await response.text()}`)
}

/** Signs out through the REST API, as the admin panel's logout view does. */
export const signOutThroughApi = async (page: Page, { baseUrl }: AdminTarget): Promise<void> => {
  const response = await page.request.post(`${baseUrl}/api/users/logout`)
  if (!response.ok()) throw new Error(`Signing out was refused (${response.status()}): ${await response.text()}`)
  const cookies = await page.context().cookies(baseUrl)
  if (cookies.some((cookie) => cookie.name.endsWith('-token') && cookie.value)) throw new Error('The session cookie outlived signing out.')
}

/** Signs out of the admin panel. */
export const signOut = async (page: Page, { baseUrl }: AdminTarget): Promise<void> => {
  await page.goto(`${baseUrl}/admin/logout`, { timeout: stepTimeout })
  await page.waitForURL((url) => url.pathname.endsWith('/login'), { timeout: stepTimeout })
}

/**
 * Opens the edit view of an answer, unless the page shows it already (the
 * panel updates in place after each action, as a person would go on from
 * it), and returns its validation panel.
 */
export const openAnswerValidationPanel = async (
  page: Page,
  { answerId, baseUrl }: AdminTarget & { answerId: ID },
): Promise<Locator> => {
  const editView = `${baseUrl}/admin/collections/answers/${encodeURIComponent(answerId)}`
  if (page.url() !== editView) await page.goto(editView, { timeout: stepTimeout })
  const panel = page.locator('section.entraide-validation')
  await panel.waitFor({ timeout: stepTimeout })
  return panel
}

/**
 * From the answer's edit view, validates it with an optional note, as an
 * agent of the procedure's agency, an editor or an admin. Resolves once the
 * panel shows the answer validated; throws with the API's message otherwise.
 */
export const validateAnswerInAdmin = async (
  page: Page,
  { answerId, baseUrl, note }: AdminTarget & { answerId: ID; note?: string },
): Promise<void> => {
  const panel = await openAnswerValidationPanel(page, { answerId, baseUrl })
  if (note !== undefined) await panel.getByLabel('Note de validation (facultative)').fill(note)
  await panel.getByRole('button', { exact: true, name: 'Valider' }).click()
  await outcomeOf(panel)
  await panel.getByTestId('entraide-validated').getByText(/^Par /).waitFor({ timeout: stepTimeout })
}

/**
 * From the answer's edit view, promotes the validated answer into the wiki:
 * a new draft page (optionally titled), or appended to the existing page
 * whose title contains `intoPageTitled`. Returns the wiki page's id.
 */
export const promoteAnswerInAdmin = async (
  page: Page,
  {
    answerId,
    baseUrl,
    intoPageTitled,
    title,
  }: AdminTarget & { answerId: ID; title?: string; intoPageTitled?: string },
): Promise<{ wikiPageId: ID }> => {
  const panel = await openAnswerValidationPanel(page, { answerId, baseUrl })
  if (intoPageTitled !== undefined) {
    await panel.getByLabel('Une page existante').check()
    await panel.getByLabel('Chercher une page du wiki').fill(intoPageTitled)
    const select = panel.getByLabel('Page du wiki', { exact: true })
    const option = select.locator('option', { hasText: intoPageTitled }).first()
    await option.waitFor({ state: 'attached', timeout: stepTimeout })
    await select.selectOption({ value: (await option.getAttribute('value')) ?? '' })
  } else if (title !== undefined) {
    await panel.getByLabel('Titre de la page (facultatif)').fill(title)
  }
  await panel.getByRole('button', { exact: true, name: 'Reprendre' }).click()
  await outcomeOf(panel)
  const link = panel.getByTestId('entraide-promoted').locator('a')
  await link.waitFor({ timeout: stepTimeout })
  const href = (await link.getAttribute('href')) ?? ''
  const wikiPageId = decodeURIComponent(href.split('/').pop() ?? '')
  if (wikiPageId === '') throw new Error('The promoted answer links to no wiki page.')
  return { wikiPageId }
}

/**
 * As an editor or admin, publishes the latest draft of a wiki page from its
 * edit view with Payload's own Publish button. Resolves once the API saved it.
 */
export const publishWikiPageInAdmin = async (
  page: Page,
  { baseUrl, wikiPageId }: AdminTarget & { wikiPageId: ID },
): Promise<void> => {
  await page.goto(`${baseUrl}/admin/collections/wiki-pages/${encodeURIComponent(wikiPageId)}`, { timeout: stepTimeout })
  const publish = page.locator('#action-save')
  await publish.waitFor({ timeout: stepTimeout })
  const saved = page.waitForResponse(
    (response) =>
      response.request().method() === 'PATCH' && response.url().includes(`/api/wiki-pages/${wikiPageId}`),
    { timeout: stepTimeout },
  )
  await publish.click()
  const response = await saved
  if (!response.ok()) throw new Error(`Publishing the wiki page failed with HTTP ${response.status()}.`)
  const body: unknown = await response.json()
  const status = typeof body === 'object' && body !== null && 'doc' in body ? JSON.stringify(body.doc) : ''
  if (!status.includes('"_status":"published"')) {
    throw new Error('The wiki page was saved but is not published: is the signed-in person an editor?')
  }
  await page.locator('.status__value', { hasText: /^Publié$/ }).waitFor({ timeout: stepTimeout })
}
