import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ID } from '../../src/utilities/ids.ts'

import { demoAccount } from '../../demo/accounts.ts'
import { browserSkipReason, printServerOutputOnFailure, type RunningApp } from './harness.ts'
import {
  closeAppInChromium,
  openAppInChromium,
  openProcedurePage,
  runToken,
  stepTimeout,
  viewportScreenshot,
  widgetOf,
} from './journeyWidget.ts'

// The citizen journey with the keyboard alone: only Tab, Shift+Tab, Enter,
// Space, Escape and typed characters, never a click. Every element that takes
// focus on the way must show it.

const reason = browserSkipReason()
const slug = 'renouveler-un-passeport'
const citizen = demoAccount('camille')

/** What has focus, looking through shadow roots, and whether it shows it. */
type Focused = {
  tag: string
  id: ID
  /** Accessible-ish name: aria-label, the label of a field, or the text. */
  name: string
  isBody: boolean
  isInDialog: boolean
  isInWidget: boolean
  /** Next.js's development overlay, absent from production builds. */
  isDevOverlay: boolean
  isFocusVisible: boolean
  /** In the Tab order (not a skip link's target, focused by script with tabindex -1). */
  isTabbable: boolean
  pressed: string | null
}

/** The text as a regular expression that matches it literally. */
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const focusedOf = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const top = document.activeElement
    let element: Element | null = top
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement
    if (!element || !(element instanceof HTMLElement)) {
      return {
        id: '',
        isBody: true,
        isDevOverlay: false,
        isFocusVisible: false,
        isInDialog: false,
        isInWidget: false,
        isTabbable: false,
        name: '',
        pressed: null,
        tag: 'NONE',
      }
    }
    const labels = 'labels' in element ? (element as HTMLInputElement).labels : null
    const label = labels?.[0]?.textContent ?? null
    // Text without decorations hidden from assistive technologies (the ▲ of "Utile").
    const spoken = element.cloneNode(true) as HTMLElement
    spoken.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove())
    const isOutlined = (style: CSSStyleDeclaration) =>
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1 && style.outlineColor !== 'rgba(0, 0, 0, 0)'
    // The DSFR's enlarged links (a card's title, the header's brand) draw their focus ring on a
    // `::before` spread over the whole card or brand.
    const hasOutline = isOutlined(getComputedStyle(element)) || isOutlined(getComputedStyle(element, '::before'))
    return {
      id: element.id,
      isBody: element === document.body,
      isDevOverlay: top?.tagName === 'NEXTJS-PORTAL',
      isFocusVisible: element.matches(':focus-visible') && hasOutline,
      isInDialog: element.closest('dialog[open]') !== null,
      isInWidget: top?.hasAttribute('data-entraide-procedure') ?? false,
      isTabbable: element.tabIndex >= 0,
      name: (element.getAttribute('aria-label') ?? label ?? spoken.textContent ?? '').replace(/\s+/g, ' ').trim(),
      pressed: element.getAttribute('aria-pressed'),
      tag: element.tagName,
    }
  })

describe.skipIf(reason)(`Keyboard only: the citizen journey without a mouse${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  printServerOutputOnFailure(() => app)
  let browser: Browser
  let page: Page
  /** Elements that took focus without showing it. */
  const invisibleFocus: string[] = []

  const press = async (key: string): Promise<Focused> => {
    await page.keyboard.press(key)
    const focused = await focusedOf(page)
    if (focused.isTabbable && !focused.isDevOverlay && !focused.isFocusVisible) {
      invisibleFocus.push(`${focused.tag} "${focused.name}"`)
    }
    return focused
  }

  /** Presses Tab until the focused element matches, and returns it; fails after `max` presses. */
  const tabTo = async (isTarget: (focused: Focused) => boolean, what: string, max = 80): Promise<Focused> => {
    const seen: string[] = []
    for (let count = 0; count < max; count += 1) {
      const focused = await press('Tab')
      if (isTarget(focused)) return focused
      seen.push(`${focused.tag} "${focused.name.slice(0, 40)}"`)
    }
    throw new Error(`Tab never reached ${what}; focus went through: ${seen.join(', ')}`)
  }

  beforeAll(async () => {
    ;({ app, browser, page } = await openAppInChromium())
    await openProcedurePage(page, { baseUrl: app.url, slug })
  }, 300_000)

  afterAll(() => closeAppInChromium({ app, browser }), 60_000)

  it('the first Tab reaches the skip link, shown on screen, and Enter moves focus to the main content', async () => {
    const first = await press('Tab')
    expect(first).toMatchObject({ name: 'Aller au contenu', tag: 'A' })
    expect(first.isFocusVisible).toBe(true)
    const box = await page.getByRole('link', { name: 'Aller au contenu' }).boundingBox()
    expect(box && box.y >= 0 && box.width > 1 && box.height > 1).toBe(true)
    const main = await press('Enter')
    expect(main).toMatchObject({ id: 'contenu', tag: 'MAIN' })
    expect(new URL(page.url()).hash).toBe('#contenu')
  })

  it('the link to the community help leads into the widget', async () => {
    await tabTo((focused) => focused.name === 'Aller à l’entraide entre usagers', 'the link to the widget')
    await press('Enter')
    const next = await press('Tab')
    expect(next).toMatchObject({ isInWidget: true, name: 'Se connecter', tag: 'BUTTON' })
  }, 120_000)

  it('the sign-in dialog takes focus, keeps it inside, and gives it back to its opener on Escape', async () => {
    await press('Enter')
    await expect
      .poll(() => focusedOf(page))
      .toMatchObject({ isInDialog: true, name: expect.stringContaining('Adresse électronique'), tag: 'INPUT' })
    await viewportScreenshot(page, 'keyboard-01-sign-in-dialog')

    // A native modal dialog: the page behind is inert. Between the last and
    // the first control, focus passes through the browser's own interface
    // (the document itself), never through the page behind.
    const reached = new Set<string>()
    for (const key of [...Array<string>(12).fill('Tab'), ...Array<string>(12).fill('Shift+Tab')]) {
      const focused = await press(key)
      if (focused.isBody) continue
      expect(focused.isInDialog, `${key} moved focus out of the dialog, to ${focused.tag} "${focused.name}"`).toBe(true)
      reached.add(focused.name)
    }
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'Fermer',
        'Se connecter',
        'Pas encore de compte ? Créer un compte',
        expect.stringContaining('Adresse électronique'),
        expect.stringContaining('Mot de passe'),
      ]),
    )

    await press('Escape')
    expect(await widgetOf(page).locator('dialog[open]').count()).toBe(0)
    await expect.poll(() => focusedOf(page)).toMatchObject({ isInWidget: true, name: 'Se connecter', tag: 'BUTTON' })
  })

  it('signs in with the keyboard; focus stays on a live control of the widget', async () => {
    await press('Enter')
    await expect.poll(async () => (await focusedOf(page)).name).toContain('Adresse électronique')
    await page.keyboard.type(citizen.email)
    const password = await press('Tab')
    expect(password.name).toContain('Mot de passe')
    await page.keyboard.type(citizen.password)
    await press('Enter')
    await widgetOf(page).getByText(`Connecté·e en tant que ${citizen.displayName}`).waitFor()
    await expect.poll(async () => (await focusedOf(page)).name).toBe('Se déconnecter')
    await viewportScreenshot(page, 'keyboard-02-signed-in')
  })

  it('asks a question with the keyboard; focus goes to the form, then to the question just asked', async () => {
    const title = `Peut-on prendre rendez-vous en mairie pour le passeport le samedi ? (${runToken()})`
    await tabTo((focused) => focused.name === 'Poser une question' && focused.tag === 'BUTTON', 'the ask button', 120)
    await press('Enter')
    await expect.poll(async () => (await focusedOf(page)).name).toContain('Votre question en une phrase')
    await page.keyboard.type(title)
    const bodyField = await press('Tab')
    expect(bodyField).toMatchObject({ tag: 'TEXTAREA' })
    expect(bodyField.name).toContain('Détails')
    await page.keyboard.type('Je travaille en semaine et ma mairie ne propose que des créneaux en journée.')
    const submit = await press('Tab')
    expect(submit).toMatchObject({ name: 'Publier la question', tag: 'BUTTON' })
    await viewportScreenshot(page, 'keyboard-03-ask-form')
    await press('Enter')
    const widget = widgetOf(page)
    await widget.getByText(/^Merci, votre question est (publiée|enregistrée)/).waitFor()
    await widget.getByRole('article', { exact: true, name: title }).waitFor()
    // Focus lands on the new question, first in the list, where its author sees it at once.
    await expect.poll(async () => (await focusedOf(page)).name).toMatch(new RegExp(`^${escapeRegExp(title)}`))
    expect((await focusedOf(page)).tag).toBe('ARTICLE')
  })

  it('votes with Space on someone else’s contribution, and the vote is kept after a reload', async () => {
    const button = await tabTo(
      (focused) => focused.tag === 'BUTTON' && focused.name.startsWith('Utile : ') && focused.pressed === 'false',
      'a vote button',
      150,
    )
    const itemId = await page.evaluate(() => {
      let element: Element | null = document.activeElement
      while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement
      return element?.closest('[id^="entraide-"]')?.id ?? ''
    })
    expect(itemId).not.toBe('')
    expect(button.pressed).toBe('false')
    await page.keyboard.press('Space')
    await expect.poll(async () => (await focusedOf(page)).pressed).toBe('true')
    await viewportScreenshot(page, 'keyboard-04-voted')

    await page.reload({ timeout: stepTimeout })
    const item = widgetOf(page).locator(`[id="${itemId}"]`)
    await expect
      .poll(
        () =>
          item
            .getByRole('button', { name: /^Utile : / })
            .first()
            .getAttribute('aria-pressed'),
        {
          timeout: stepTimeout,
        },
      )
      .toBe('true')
  })

  it('every element that took focus showed a visible focus indicator', () => {
    expect(invisibleFocus).toEqual([])
  })
})
