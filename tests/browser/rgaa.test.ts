import type { Browser, Locator, Page } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import { describeFindings, runAxe } from './a11yAxe.ts'
import { browserSkipReason, printServerOutputOnFailure, type RunningApp } from './harness.ts'
import {
  openProcedurePage,
  signInInWidget,
  stepTimeout,
  useAppInChromium,
  viewportScreenshot,
  widgetOf,
} from './journeyWidget.ts'

// What a manual RGAA 4.1 pass found and no engine catches: step links that
// lose keyboard users, controls without edges in forced colours, every field
// marked invalid, vote buttons that all read "Utile", a header that overflows
// at 320 px with text spacing, a brand link whose title says something else.

const reason = browserSkipReason()
const slug = 'renouveler-un-passeport'
const citizen = demoAccount('camille')

/** The element that has focus, through the widget's shadow root: its id, tag, text and whether it is marked invalid. */
const focusedOf = (page: Page) =>
  page.evaluate(() => {
    let element: Element | null = document.activeElement
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement
    return {
      id: element?.id ?? '',
      invalid: element?.getAttribute('aria-invalid') ?? null,
      tag: element?.tagName ?? '',
      text: (element?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    }
  })

/** The texts an element's `aria-describedby` points to, looked up in its own root (the widget's shadow root). */
const descriptionOf = (field: Locator): Promise<string> =>
  field.evaluate((element) => {
    const root = element.getRootNode()
    const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
    return ids
      .map((id) => (root instanceof ShadowRoot || root instanceof Document ? root.getElementById(id) : null))
      .map((described) => (described?.textContent ?? '').replace(/\s+/g, ' ').trim())
      .join(' | ')
  })

/** How an element's edge is drawn: the width, style and colour of its top border, and its outline. */
const edgeOf = (element: Locator) =>
  element.evaluate((node) => {
    const style = getComputedStyle(node)
    return {
      color: style.borderTopColor,
      style: style.borderTopStyle,
      width: parseFloat(style.borderTopWidth),
    }
  })

/** Whether an edge is one a person sees: a drawn line of some colour. */
const isVisibleEdge = (edge: { color: string; style: string; width: number }): boolean =>
  edge.style !== 'none' &&
  edge.style !== 'hidden' &&
  edge.width >= 1 &&
  !/rgba\(.*,\s*0\)$|transparent/.test(edge.color)

/** Pixels around a control's box kept in its screenshot: the outermost ones show what lies outside it. */
const screenshotMargin = 4

/**
 * Whether a control's boundary shows in a screenshot of it: along each side
 * (its middle 80 %, clear of rounded corners), the share of points where the
 * edge's row or column of pixels, or one next to it (the box is rounded to
 * whole pixels), differs clearly (by more than 48 on a channel) from what
 * lies 4 px outside the box, at the same point. A control drawn with a shadow only, in forced colours, has the same
 * colour inside its edge as outside: every share is then near 0.
 */
const drawnSidesOf = async (page: Page, control: Locator) => {
  await control.scrollIntoViewIfNeeded()
  const box = await control.boundingBox()
  if (!box) throw new Error('the control is not displayed')
  const png = await page.screenshot({
    clip: {
      height: box.height + 2 * screenshotMargin,
      width: box.width + 2 * screenshotMargin,
      x: box.x - screenshotMargin,
      y: box.y - screenshotMargin,
    },
  })
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  const at = (x: number, y: number) => {
    const index = (Math.round(y) * info.width + Math.round(x)) * info.channels
    return [data[index] ?? 0, data[index + 1] ?? 0, data[index + 2] ?? 0]
  }
  const differs = (a: number[], b: number[]) => a.some((value, index) => Math.abs(value - (b[index] ?? 0)) > 48)
  const span = (from: number, to: number) => {
    const length = to - from
    return Array.from({ length: Math.max(1, Math.floor(length * 0.8)) }, (_, index) => from + length * 0.1 + index)
  }
  const [left, top] = [screenshotMargin, screenshotMargin]
  const [right, bottom] = [info.width - screenshotMargin - 1, info.height - screenshotMargin - 1]
  const share = (points: { inside: [number, number][]; outside: [number, number] }[]) =>
    points.filter(({ inside, outside }) => inside.some(([x, y]) => differs(at(x, y), at(...outside)))).length /
    points.length
  const round = (value: number) => Math.round(value * 100) / 100
  // The edge row or column, and one either side of it: the box's position is rounded to whole pixels.
  const around = (x: number, y: number, dx: number, dy: number): [number, number][] => [
    [x - dx, y - dy],
    [x, y],
    [x + dx, y + dy],
  ]
  const side = (points: number[], edge: (point: number) => { inside: [number, number][]; outside: [number, number] }) =>
    round(share(points.map(edge)))
  return {
    bottom: side(span(left, right), (x) => ({ inside: around(x, bottom, 0, 1), outside: [x, info.height - 1] })),
    left: side(span(top, bottom), (y) => ({ inside: around(left, y, 1, 0), outside: [0, y] })),
    right: side(span(top, bottom), (y) => ({ inside: around(right, y, 1, 0), outside: [info.width - 1, y] })),
    top: side(span(left, right), (x) => ({ inside: around(x, top, 0, 1), outside: [x, 0] })),
  }
}

/** Fails unless every side of the control's box is drawn along at least 90 % of its length. */
const expectBoundaryDrawn = async (page: Page, what: string, control: Locator): Promise<void> => {
  const sides = await drawnSidesOf(page, control)
  expect(
    Object.values(sides).every((drawn) => drawn >= 0.9),
    `${what}: share of each side drawn apart from its surroundings ${JSON.stringify(sides)}`,
  ).toBe(true)
}

describe.skipIf(reason)(`RGAA: what a manual pass found${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  let browser: Browser
  let page: Page
  useAppInChromium((opened) => ({ app, browser, page } = opened))

  it('a step’s link moves focus into that step’s help and announces it, also when pressed again', async () => {
    await openProcedurePage(page, { baseUrl: app.url, slug })
    const status = page.locator('.entraide-host > [role="status"]')
    await expect(status.innerText()).resolves.toBe('')

    const stepLink = (title: string) =>
      page.getByRole('link', { exact: true, name: `Astuces et questions sur cette étape : ${title}` })
    await stepLink('Acheter le timbre fiscal').focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\?etape=2#entraide$/)
    const region = page.getByRole('region', {
      exact: true,
      name: 'Entraide entre usagers sur l’étape 2 : Acheter le timbre fiscal',
    })
    await region.waitFor()
    // Focus is in the help, not left on the link now off screen…
    await expect.poll(() => focusedOf(page)).toMatchObject({ id: 'entraide' })
    const box = await region.boundingBox()
    expect(box && box.y >= 0 && box.y < 900).toBe(true)
    // …a status message says which step the help now covers…
    await expect.poll(() => status.innerText()).toBe('Entraide entre usagers sur l’étape 2 : Acheter le timbre fiscal.')
    await widgetOf(page).getByText('Astuces et questions sur l’étape 2 : Acheter le timbre fiscal.').waitFor()
    // …and the next Tab goes on inside the help, not to the next step's link.
    await page.keyboard.press('Tab')
    await expect.poll(async () => (await focusedOf(page)).text).toBe('Voir l’entraide sur toute la démarche')
    await viewportScreenshot(page, 'rgaa-01-step-help-focused')

    // The same link again: the address does not change, focus still goes to the help.
    await stepLink('Acheter le timbre fiscal').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => focusedOf(page)).toMatchObject({ id: 'entraide' })

    // Another step: the help follows, named and announced after that step.
    await stepLink('Prendre rendez-vous dans une mairie équipée').focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/\?etape=3#entraide$/)
    await page
      .getByRole('region', {
        exact: true,
        name: 'Entraide entre usagers sur l’étape 3 : Prendre rendez-vous dans une mairie équipée',
      })
      .waitFor()
    await expect.poll(() => focusedOf(page)).toMatchObject({ id: 'entraide' })
    await expect
      .poll(() => status.innerText())
      .toBe('Entraide entre usagers sur l’étape 3 : Prendre rendez-vous dans une mairie équipée.')
    await widgetOf(page)
      .getByText('Astuces et questions sur l’étape 3 : Prendre rendez-vous dans une mairie équipée.')
      .waitFor()
  }, 180_000)

  it('in forced colours, fields, buttons and the sign-in dialog keep visible edges, in their styles and on screen', async () => {
    const forced = await browser.newPage({ viewport: { height: 900, width: 1280 } })
    forced.setDefaultTimeout(stepTimeout)
    try {
      await forced.emulateMedia({ forcedColors: 'active' })
      const widget = await openProcedurePage(forced, { baseUrl: app.url, slug })
      await expect(forced.evaluate(() => matchMedia('(forced-colors: active)').matches)).resolves.toBe(true)

      const controls: [string, Locator][] = [
        ['search field', widget.getByRole('searchbox', { name: 'Rechercher dans l’entraide' })],
        ['search button', widget.getByRole('search').getByRole('button', { exact: true, name: 'Rechercher' })],
        ['« Se connecter »', widget.getByRole('button', { exact: true, name: 'Se connecter' })],
        [
          '« Utile »',
          widget
            .locator('[id^="entraide-tip-"]')
            .first()
            .getByRole('button', { name: /^Utile : / }),
        ],
        [
          '« Signaler »',
          widget
            .locator('[id^="entraide-tip-"]')
            .first()
            .getByRole('button', { name: /^Signaler / }),
        ],
      ]
      for (const [what, control] of controls) {
        const edge = await edgeOf(control)
        expect(isVisibleEdge(edge), `${what}: ${JSON.stringify(edge)}`).toBe(true)
        await expectBoundaryDrawn(forced, what, control)
      }
      await viewportScreenshot(forced, 'rgaa-02-forced-colours-widget')

      await widget.getByRole('button', { exact: true, name: 'Se connecter' }).click()
      const dialog = widget.getByRole('dialog', { name: 'Se connecter' })
      await dialog.waitFor()
      const inDialog: [string, Locator][] = [
        ['the dialog', widget.locator('dialog.ew-dialog')],
        ['email field', dialog.getByLabel('Adresse électronique')],
        ['password field', dialog.getByLabel('Mot de passe')],
        ['« Fermer »', dialog.getByRole('button', { name: 'Fermer' })],
        ['submit button', dialog.locator('button[type="submit"]')],
      ]
      for (const [what, control] of inDialog) {
        const edge = await edgeOf(control)
        expect(isVisibleEdge(edge), `${what}: ${JSON.stringify(edge)}`).toBe(true)
        await expectBoundaryDrawn(forced, what, control)
      }
      await viewportScreenshot(forced, 'rgaa-03-forced-colours-dialog')
      await forced.keyboard.press('Escape')

      // The demo site's own search box too.
      await forced.goto(app.url, { timeout: stepTimeout })
      const search = forced.getByRole('search', { name: 'Rechercher dans les démarches et l’entraide' })
      const homeControls: [string, Locator][] = [
        ['home search field', search.getByRole('searchbox')],
        ['home search button', search.getByRole('button', { name: 'Rechercher' })],
      ]
      for (const [what, control] of homeControls) {
        const edge = await edgeOf(control)
        expect(isVisibleEdge(edge), `${what}: ${JSON.stringify(edge)}`).toBe(true)
        await expectBoundaryDrawn(forced, what, control)
      }
      await viewportScreenshot(forced, 'rgaa-03b-forced-colours-home-search')
    } finally {
      await forced.close()
    }
  }, 180_000)

  it('a refused question marks only the wrong field, says why under it, and moves focus there', async () => {
    await page.context().clearCookies()
    const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
    await signInInWidget(widget, citizen)
    await widget.getByRole('button', { exact: true, name: 'Poser une question' }).click()
    const form = widget.getByRole('form', { name: 'Poser une question' })
    const title = form.getByLabel('Votre question en une phrase')
    const body = form.getByLabel('Détails')
    // Required fields say so where everyone sees it.
    await expect(form.locator('label', { hasText: 'Votre question en une phrase' }).innerText()).resolves.toContain(
      '(obligatoire)',
    )
    await title.fill('Faut-il refaire les photos pour un renouvellement ?')
    await body.fill('Court.')
    await form.getByRole('button', { name: 'Publier la question' }).click()
    await form.getByRole('alert').waitFor()

    await expect(title.getAttribute('aria-invalid')).resolves.toBeNull()
    await expect(body.getAttribute('aria-invalid')).resolves.toBe('true')
    // French numbers group thousands with a narrow no-break space: compared with spaces made plain.
    await expect(descriptionOf(body)).resolves.toContain('« Détails » : de 10 à 5 000 caractères.')
    // The title's description is its hint only (“De 10 à 200 caractères.”), no message about it.
    await expect(descriptionOf(title)).resolves.toBe('De 10 à 200 caractères.')
    await expect.poll(() => focusedOf(page)).toMatchObject({ invalid: 'true', tag: 'TEXTAREA' })
    const messages = await form.locator('.ew-field-error').allInnerTexts()
    expect(messages.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
      '« Détails » : de 10 à 5 000 caractères.',
    ])
    await viewportScreenshot(page, 'rgaa-04-field-error')
    const report = await runAxe(page)
    expect(report.violations, describeFindings(report.violations)).toEqual([])
  }, 180_000)

  it('vote buttons are named after their item, and a change of score is announced', async () => {
    await page.context().clearCookies()
    const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
    await signInInWidget(widget, citizen)
    // Each « Utile » names its item: no two read alike, and each is described by its item's score.
    const ups = widget.getByRole('button', { name: /^Utile : / })
    const names = await ups.evaluateAll((buttons) =>
      buttons.map((button) => (button.textContent ?? '').replace(/[▲▼]/g, '').replace(/\s+/g, ' ').trim()),
    )
    expect(names.length).toBeGreaterThan(1)
    expect(new Set(names).size).toBe(names.length)
    for (const index of names.keys()) {
      await expect(descriptionOf(ups.nth(index))).resolves.toMatch(/^Score : -?\d+$/)
    }
    // Every « Signaler … » ends on a whole word.
    const reports = await widget
      .getByRole('button', { name: /^Signaler / })
      .evaluateAll((buttons) => buttons.map((button) => (button.textContent ?? '').replace(/\s+/g, ' ').trim()))
    for (const name of reports.filter((text) => text.endsWith('…'))) {
      expect(name, name).toMatch(/[\p{L}\p{N}.!?»)]…$/u)
      expect(name, name).not.toMatch(/\s…$/)
    }

    // Someone else's tip: vote, and hear the new score.
    const tip = widget.locator('[id^="entraide-tip-"]').filter({ has: page.getByRole('button', { name: /^Utile : / }) })
    const up = tip.first().getByRole('button', { name: /^Utile : / })
    const wasPressed = (await up.getAttribute('aria-pressed')) === 'true'
    await up.focus()
    await page.keyboard.press('Space')
    await expect
      .poll(() => tip.first().locator('[role="status"]').first().innerText())
      .toMatch(wasPressed ? /^Vote retiré\. Score : -?\d+\.$/ : /^Vote « Utile » enregistré\. Score : -?\d+\.$/)
    await expect(descriptionOf(up)).resolves.toMatch(/^Score : -?\d+$/)
    // Put it back as it was.
    await page.keyboard.press('Space')
    await expect.poll(() => up.getAttribute('aria-pressed')).toBe(String(wasPressed))
  }, 180_000)

  it('at 320 px with the text spacing of WCAG 1.4.12, the header does not overflow, and the service link is named by its text', async () => {
    const narrow = await browser.newPage({ viewport: { height: 640, width: 320 } })
    narrow.setDefaultTimeout(stepTimeout)
    try {
      await narrow.goto(app.url, { timeout: stepTimeout })
      await narrow.addStyleTag({
        content:
          '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }',
      })
      const overflow = await narrow.evaluate(() => ({
        // What the header shows: the brand, its texts and its controls (the DSFR lets the menu button's
        // empty layout box reach into the page's margin; the page itself must not scroll sideways).
        beyond: [
          ...document.querySelectorAll('.fr-header__brand, .fr-header__brand :is(p, a, button, span):not(.fr-sr-only)'),
        ]
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
          .map(
            (element) =>
              `${element.localName}.${[...element.classList].join('.')} ends at ${element.getBoundingClientRect().right}px`,
          ),
        page: document.documentElement.scrollWidth,
        viewport: window.innerWidth,
      }))
      expect(overflow.page).toBeLessThanOrEqual(overflow.viewport)
      expect(overflow.beyond).toEqual([])
      await viewportScreenshot(narrow, 'rgaa-05-header-320-text-spacing')

      // WCAG 2.5.3: what the link shows starts its name, and no title says otherwise.
      const link = narrow.getByRole('banner').getByRole('link', { name: /^Démarches démo/ })
      await expect(link.getAttribute('href')).resolves.toBe('/')
      await expect(link.getAttribute('title')).resolves.toBeNull()
      const visible = (await link.locator('.fr-header__service-title').innerText()).replace(/\s+/g, ' ').trim()
      expect(visible).toBe('Démarches démo')
      // On a small screen the menu is behind a button that opens it as a dialog.
      await narrow.getByRole('button', { exact: true, name: 'Menu' }).click()
      const menu = narrow.getByRole('dialog', { name: 'Menu' })
      await menu
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Toutes les démarches' })
        .waitFor()
      await viewportScreenshot(narrow, 'rgaa-05b-menu-320')
      await menu.getByRole('button', { name: 'Fermer' }).click()
      await menu.waitFor({ state: 'hidden' })
    } finally {
      await narrow.close()
    }
  }, 180_000)

  it('the footer leads to the accessibility statement, which says how conformity was measured', async () => {
    await page.goto(app.url, { timeout: stepTimeout })
    await page.getByRole('contentinfo').getByRole('link', { name: 'Accessibilité : non conforme' }).click()
    await page.waitForURL(/\/accessibilite$/)
    await page.getByRole('heading', { level: 1, name: 'Déclaration d’accessibilité' }).waitFor()
    for (const heading of ['État de conformité', 'Comment l’accessibilité a été mesurée']) {
      await page.getByRole('heading', { level: 2, name: heading }).waitFor()
    }
    await expect(page.title()).resolves.toMatch(/^Déclaration d’accessibilité/)
    const report = await runAxe(page)
    expect(report.violations, describeFindings(report.violations)).toEqual([])
  }, 180_000)
})
