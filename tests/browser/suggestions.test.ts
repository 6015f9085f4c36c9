import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import { describeFindings, runAxe } from './a11yAxe.ts'
import { browserSkipReason, type RunningApp } from './harness.ts'
import { openProcedurePage, signInInWidget, useAppInChromium, viewportScreenshot } from './journeyWidget.ts'

// Issue 11, fewer duplicate questions: while a person types a question's
// title, the widget shows the existing questions and official answers of the
// procedure that may already answer it; choosing one opens it and is
// recorded as a "found" signal.

const reason = browserSkipReason()
const slug = 'renouveler-un-passeport'
const citizen = demoAccount('camille')
const seededQuestion = 'Faut-il fournir un acte de naissance pour renouveler son passeport ?'

/** What has focus, looking into the widget's shadow root: its tag, id and text. */
const focused = (page: Page): Promise<{ tag: string; id: string; text: string }> =>
  page.evaluate(() => {
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    return { id: active?.id ?? '', tag: active?.tagName ?? '', text: active?.textContent?.trim() ?? '' }
  })

describe.skipIf(reason)(`Suggestions while asking a question${reason ? ` — ${reason}` : ''}`, () => {
  let app: RunningApp
  let page: Page
  useAppInChromium((opened) => ({ app, page } = opened))

  it('shows a seeded question similar to the title being typed, announced, reachable by keyboard, and opens it when chosen', async () => {
    const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
    await signInInWidget(widget, citizen)
    await widget.getByRole('button', { exact: true, name: 'Poser une question' }).click()
    const title = widget.getByRole('textbox', { name: /^Votre question en une phrase/ })
    await title.waitFor()

    const lookups: string[] = []
    page.on('request', (request) => {
      if (request.url().includes('/api/entraide/search')) lookups.push(request.url())
    })
    await title.pressSequentially('Acte de naissance pour renouveler', { delay: 40 })

    const region = widget.getByRole('region', { name: 'Votre question a peut-être déjà une réponse' })
    const suggestion = region.getByRole('link', { exact: true, name: seededQuestion })
    await suggestion.waitFor()
    expect(await region.getByRole('listitem').count()).toBeLessThanOrEqual(4)
    // Debounced: one lookup per pause, not one per keystroke; none counted as a search.
    expect(lookups.length).toBeGreaterThan(0)
    expect(lookups.length).toBeLessThan(5)
    for (const url of lookups) {
      const params = new URL(url).searchParams
      expect(params.get('suggest')).toBe('true')
      expect(params.get('procedure')).toBe(slug)
      expect(params.get('type')).toBe('thread,wiki')
    }
    // Screen readers hear how many, once, from a polite status.
    const status = widget.getByRole('status').filter({ hasText: 'pourraient répondre à la vôtre' })
    await expect.poll(() => status.count()).toBe(1)
    // The person can still ask.
    expect(await widget.getByRole('button', { exact: true, name: 'Publier la question' }).isEnabled()).toBe(true)

    await viewportScreenshot(page, 'suggestions-shown')
    const report = await runAxe(page)
    expect(report.violations, describeFindings(report.violations)).toEqual([])

    // From the title, Tab reaches the suggestions before the rest of the form.
    await title.focus()
    await page.keyboard.press('Tab')
    const first = await focused(page)
    expect(first.tag).toBe('A')
    let current = first
    for (let presses = 0; current.text !== seededQuestion && presses < 5; presses += 1) {
      await page.keyboard.press('Tab')
      current = await focused(page)
    }
    expect(current.text).toBe(seededQuestion)

    const href = (await suggestion.getAttribute('href')) ?? ''
    const anchor = new URL(href, app.url).hash.slice(1)
    expect(anchor).toMatch(/^entraide-thread-/)
    const signal = page.waitForResponse(
      (response) => new URL(response.url()).pathname === '/api/entraide/suggestions/found' && response.request().method() === 'POST',
    )
    await page.keyboard.press('Enter')
    const recorded = await signal
    expect(recorded.status()).toBe(201)
    expect(JSON.parse(recorded.request().postData() ?? '{}')).toEqual({
      document: anchor.replace('entraide-thread-', 'threads-'),
      title: 'Acte de naissance pour renouveler',
    })
    // Opened in the widget, as search results open: the question itself has focus.
    await expect.poll(async () => (await focused(page)).id).toBe(anchor)
  })
})
