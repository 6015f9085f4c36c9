import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core'
import type { ID } from '../../src/utilities/ids.ts'
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import {
  adminLocale,
  openAnswerValidationPanel,
  promoteAnswerInAdmin,
  publishWikiPageInAdmin,
  signIn,
  signInThroughApi,
  signOut,
  validateAnswerInAdmin,
} from './adminActions.ts'
import { browserSkipReason, launchBrowser, printServerOutputOnFailure, startApp, type RunningApp } from './harness.ts'
import {
  createdId,
  frenchLongDate,
  openProcedurePage,
  runToken,
  signUpInWidget,
  stepTimeout,
  threadCard,
  type Newcomer,
  viewportScreenshot,
  widgetOf,
} from './journeyWidget.ts'

// The whole co-production loop, through the real Next.js app, the standalone
// widget on the demo site and the admin panel, one person per browser context.
//
// The demo app pre-moderates a newcomer's first two contributions. Both
// citizens here are newcomers who sign up in the widget, so their question and
// answer wait as pending; the ANTS agent publishes each from the admin panel's
// Moderation view, as she would in real life. New people (rather than the
// seeded trusted citizen) make the provenance line name someone only this run
// created.

const reason = browserSkipReason()
const slug = 'renouveler-un-passeport'
const token = runToken()
const asker: Newcomer = {
  displayName: `Awa K. ${token}`,
  email: `awa.${token}@usagers.example`,
  password: 'une longue phrase de passe',
}
const answerer: Newcomer = {
  displayName: `Bruno L. ${token}`,
  email: `bruno.${token}@usagers.example`,
  password: 'une autre phrase de passe',
}
const question = {
  body: 'Je vis au Canada et mon passeport expire dans deux mois. Puis-je le renouveler sur place ou dois-je rentrer en France ?',
  title: `Renouveler son passeport depuis l’étranger : faut-il passer par le consulat ? (${token})`,
}
const answerBody =
  'Oui : un Français établi hors de France dépose sa demande auprès du consulat ou de l’ambassade de son pays de résidence, sur rendez-vous. Le passeport y est remis en main propre.'
const wikiTitle = `Renouveler son passeport à l’étranger : passer par le consulat (${token})`
const agent = demoAccount('agentAnts')
const editor = demoAccount('editor')

/** The id of the focused element, looking into the widget's shadow root. */
const activeElementId = (page: Page): Promise<string> =>
  page.evaluate(() => {
    let active = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    return active?.id ?? ''
  })

const isCreation = (collection: string) => (response: Response) =>
  response.request().method() === 'POST' && new URL(response.url()).pathname === `/api/${collection}`

describe.skipIf(reason)(
  `Journey: ask, answer, accept, validate, promote, publish, find${reason ? ` — ${reason}` : ''}`,
  () => {
    let app: RunningApp
    printServerOutputOnFailure(() => app)
    let browser: Browser
    const contexts: BrowserContext[] = []
    let askerPage: Page
    let answererPage: Page
    let agentPage: Page
    let threadId = ''
    let answerId = ''
    let wikiPageId: ID = ''
    let validatedOn: string[] = []
    let failedStep: string | null = null

    const newPage = async (): Promise<Page> => {
      const context = await browser.newContext({ locale: adminLocale, viewport: { height: 900, width: 1280 } })
      contexts.push(context)
      const page = await context.newPage()
      page.setDefaultTimeout(stepTimeout)
      return page
    }
    /**
     * Closes a person's page once no later step uses it: an open page of the
     * demo site keeps running the DSFR's animation loop, 60 frames a second,
     * about 8 % of a core in Chromium for nothing.
     */
    const closePage = (page: Page): Promise<void> => page.context().close()

    /** A step of the journey; once one fails, the later ones are reported skipped instead of failing for the same cause. */
    const step = (name: string, run: (context: TestContext) => Promise<void>) =>
      it(
        name,
        async (context) => {
          if (failedStep !== null) context.skip(`an earlier step failed: ${failedStep}`)
          try {
            await run(context)
          } catch (error) {
            failedStep = name
            throw error
          }
        },
        300_000,
      )

    /** As the ANTS agent, publishes a contribution held for moderation from the Moderation view. */
    const publishPending = async (rowLabel: string, shot: string) => {
      await agentPage.goto(`${app.url}/admin/moderation`, { timeout: stepTimeout })
      const publish = agentPage.getByRole('button', { exact: true, name: `Publier : ${rowLabel}` })
      await publish.waitFor()
      await viewportScreenshot(agentPage, `${shot}-before`)
      await publish.click()
      await agentPage.getByText('Publiée.').first().waitFor()
      await publish.waitFor({ state: 'detached' })
      await viewportScreenshot(agentPage, shot)
    }

    beforeAll(async () => {
      app = await startApp()
      browser = await launchBrowser()
      askerPage = await newPage()
      answererPage = await newPage()
      agentPage = await newPage()
    }, 300_000)

    afterAll(async () => {
      for (const context of contexts) await context.close().catch(() => undefined)
      await browser?.close()
      await app?.stop()
    }, 60_000)

    step(
      'a newcomer signs up in the widget on the procedure page and asks a question, held for moderation',
      async () => {
        const widget = await openProcedurePage(askerPage, { baseUrl: app.url, slug })
        await viewportScreenshot(askerPage, 'journey-01-procedure-page')
        await signUpInWidget(widget, asker, app)
        await widget.getByRole('button', { exact: true, name: 'Poser une question' }).click()
        const form = widget.getByRole('form', { name: 'Poser une question' })
        await form.getByLabel('Votre question en une phrase').fill(question.title)
        await form.getByLabel('Détails').fill(question.body)
        const created = askerPage.waitForResponse(isCreation('threads'))
        await form.getByRole('button', { name: 'Publier la question' }).click()
        threadId = await createdId(await created)
        await widget
          .getByText('Merci, votre question est enregistrée : elle sera visible par tous après relecture.')
          .waitFor()
        const card = threadCard(widget, question.title)
        await expect.poll(() => card.getByText('En attente de relecture').count()).toBe(1)
        // Its author sees it at once: first of the questions, and focus moved onto it.
        const questions = widget.getByRole('region', { name: 'Les questions des usagers' })
        await expect(questions.locator('ul.ew-list > li').first().getByRole('heading').first().innerText()).resolves.toBe(
          question.title,
        )
        await expect.poll(() => activeElementId(askerPage)).toBe(`entraide-thread-${threadId}`)
        await viewportScreenshot(askerPage, 'journey-02-question-pending')
      },
    )

    step('the newcomer proposes an edit of the guide in the widget, keyboard first; it awaits review', async () => {
      const widget = widgetOf(askerPage)
      const guide = widget.getByRole('region', { name: 'Le guide simplifié' })
      await guide.getByRole('button', { name: /^Améliorer ce guide/ }).click()
      const form = guide.getByRole('form', { name: 'Proposer une modification du guide' })
      // The editor opens in the widget, on the published guide, with the title field focused.
      await expect.poll(() => form.getByLabel('Titre du guide').evaluate((node) => node.matches(':focus'))).toBe(true)
      await expect(form.getByLabel('Titre du guide').inputValue()).resolves.toBe('Renouveler son passeport sans perdre de temps')
      const blockCount = await form.getByLabel(/^Texte du bloc \d+$/).count()
      expect(blockCount).toBeGreaterThan(2)
      // A new paragraph gets the focus, and the change is announced.
      await form.getByRole('button', { name: 'Ajouter un paragraphe' }).click()
      const added = form.getByLabel(`Texte du bloc ${blockCount + 1}`, { exact: true })
      await expect.poll(() => added.evaluate((node) => node.matches(':focus'))).toBe(true)
      await expect(form.getByRole('status').innerText()).resolves.toBe('Paragraphe ajouté à la fin.')
      // Personal data is refused by the server; what was written stays.
      const withPhone = `Pour un rendez-vous rapide, appelez-moi au 06 12 34 56 78 (${token}).`
      await askerPage.keyboard.type(withPhone)
      await form.getByRole('button', { name: 'Envoyer ma proposition' }).click()
      await form.getByRole('alert').filter({ hasText: /téléphone|phone/i }).waitFor()
      await expect(added.inputValue()).resolves.toBe(withPhone)
      const tipText = `Astuce de la communauté : la pré-demande en ligne se garde 6 mois (${token}).`
      await added.fill(tipText)
      // The preview shows the guide as readers would see it.
      await form.getByRole('button', { name: 'Aperçu' }).click()
      const preview = form.getByRole('region', { name: 'Aperçu de votre proposition' })
      await preview.getByText(tipText).waitFor()
      await viewportScreenshot(askerPage, 'journey-02b-guide-proposal-preview')
      await form.getByRole('button', { name: 'Revenir à la modification' }).click()
      const created = askerPage.waitForResponse(
        (response) => response.request().method() === 'POST' && /\/api\/guides\/[^/]+\/proposals$/.test(new URL(response.url()).pathname),
      )
      await form.getByRole('button', { name: 'Envoyer ma proposition' }).click()
      expect((await created).status()).toBe(201)
      await guide
        .getByText(
          'Merci : votre proposition est enregistrée et attend la relecture d’un agent ou d’un éditeur. Elle sera visible par tous une fois acceptée.',
        )
        .waitFor()
      await guide.getByText('Votre modification de ce guide est en attente de relecture.').waitFor()
      await viewportScreenshot(askerPage, 'journey-02c-guide-proposal-awaits-review')
      // Never the admin panel; readers do not see the proposal.
      expect(new URL(askerPage.url()).pathname).toBe(`/demarches/${slug}`)
      const published = await (await fetch(`${app.url}/api/entraide/procedures/${slug}`)).text()
      expect(published).not.toContain(token)
    })

    step('the agent publishes the question from the Moderation view; anonymous readers then see it', async () => {
      await signIn(agentPage, { baseUrl: app.url, email: agent.email, password: agent.password })
      // The agent's dashboard opens on what waits for them.
      const waiting = agentPage.locator('.entraide-waiting')
      await expect(waiting.innerText()).resolves.toContain('Ce qui vous attend')
      await expect(waiting.innerText()).resolves.toMatch(/\d+ réponses? (ou|et) astuces? à valider/)
      await viewportScreenshot(agentPage, 'journey-03a-agent-dashboard')
      await publishPending(`question de ${asker.displayName}`, 'journey-03-question-published-by-agent')
      const widget = await openProcedurePage(answererPage, { baseUrl: app.url, slug })
      await threadCard(widget, question.title).waitFor()
    })

    step('a second newcomer signs up and answers; the agent publishes the answer', async () => {
      const widget = await openProcedurePage(answererPage, { baseUrl: app.url, slug })
      await signUpInWidget(widget, answerer, app)
      const card = threadCard(widget, question.title)
      await card.getByRole('button', { name: /^Répondre/ }).click()
      // Like the question and tip forms, the answer form warns against personal data, read with the field.
      const answerField = card.getByLabel('Votre réponse')
      const hintId = (await answerField.getAttribute('aria-describedby'))?.split(' ')[0] ?? ''
      await expect(card.locator(`[id="${hintId}"]`).innerText()).resolves.toContain(
        'N’indiquez aucune donnée personnelle',
      )
      await answerField.fill(answerBody)
      const created = answererPage.waitForResponse(isCreation('answers'))
      await card.getByRole('button', { name: 'Publier la réponse' }).click()
      answerId = await createdId(await created)
      await card
        .getByText('Merci, votre réponse est enregistrée : elle sera visible par tous après relecture.')
        .waitFor()
      await viewportScreenshot(answererPage, 'journey-04-answer-pending')
      await closePage(answererPage)
      await publishPending(`réponse de ${answerer.displayName}`, 'journey-05-answer-published-by-agent')
    })

    step('the asker accepts the answer in the widget', async () => {
      await askerPage.reload({ timeout: stepTimeout })
      const card = threadCard(widgetOf(askerPage), question.title)
      await card.getByText(answerBody).waitFor()
      // Answered, though nobody accepted an answer yet: not "waiting for an answer".
      await expect(card.getByText('Répondue, sans réponse acceptée', { exact: true }).count()).resolves.toBe(1)
      await expect(card.getByText('En attente de réponse', { exact: true }).count()).resolves.toBe(0)
      await card.getByRole('button', { name: /^Accepter cette réponse/ }).click()
      await card.getByText('Acceptée par la personne qui a posé la question.').waitFor()
      await expect.poll(() => card.getByText('Réponse acceptée', { exact: true }).count()).toBe(1)
      await expect(card.getByRole('button', { name: /^Accepter cette réponse/ }).count()).resolves.toBe(0)
      // The Accept button is gone: focus lands on the line saying the answer is accepted, not on the page.
      await expect
        .poll(() => card.getByText('Acceptée par la personne qui a posé la question.').evaluate((node) => node.matches(':focus')))
        .toBe(true)
      await viewportScreenshot(askerPage, 'journey-06-answer-accepted')
      await closePage(askerPage)
    })

    step('the agent validates the answer and promotes it into a wiki draft in the admin panel', async () => {
      // Before validation, promoting is refused with the reason.
      const panel = await openAnswerValidationPanel(agentPage, { answerId, baseUrl: app.url })
      await expect(panel.getByRole('button', { exact: true, name: 'Reprendre' }).isDisabled()).resolves.toBe(true)
      await expect(panel.innerText()).resolves.toContain('Validez cette réponse avant de la reprendre dans le wiki.')
      await viewportScreenshot(agentPage, 'journey-06b-answer-before-validation')
      const before = frenchLongDate(new Date())
      const note = 'Conforme aux règles des consulats.'
      await validateAnswerInAdmin(agentPage, { answerId, baseUrl: app.url, note })
      validatedOn = [before, frenchLongDate(new Date())]
      await expect(panel.getByTestId('entraide-validated').innerText()).resolves.toContain(agent.displayName)
      await expect(panel.innerText()).resolves.toContain(note)
      await viewportScreenshot(agentPage, 'journey-07-answer-validated')
      ;({ wikiPageId } = await promoteAnswerInAdmin(agentPage, { answerId, baseUrl: app.url, title: wikiTitle }))
      await expect(panel.getByTestId('entraide-promoted').innerText()).resolves.toBe(`${wikiTitle} (brouillon)`)
      await viewportScreenshot(agentPage, 'journey-08-answer-promoted')
      // A draft is not official yet: readers do not see it.
      expect((await fetch(`${app.url}/api/wiki-pages/${wikiPageId}`)).status).toBe(404)
      const response = await fetch(`${app.url}/api/entraide/procedures/${slug}`)
      expect(JSON.stringify(await response.json())).not.toContain(wikiTitle)
      await signOut(agentPage, { baseUrl: app.url })
      await closePage(agentPage)
    })

    step('an editor publishes the wiki page in the admin panel', async () => {
      const editorPage = await newPage()
      await signInThroughApi(editorPage, { baseUrl: app.url, email: editor.email, password: editor.password })
      await publishWikiPageInAdmin(editorPage, { baseUrl: app.url, wikiPageId })
      // The page shows where it comes from, to the editor who publishes it.
      await expect(editorPage.locator('.entraide-provenance').innerText()).resolves.toMatch(
        new RegExp(`validée le \\d{1,2} \\S+ \\d{4}.* par ${agent.displayName}`),
      )
      await viewportScreenshot(editorPage, 'journey-09-wiki-page-published')
      await closePage(editorPage)
      const published = await (await fetch(`${app.url}/api/wiki-pages/${wikiPageId}?depth=0`)).json()
      expect(published.title).toBe(wikiTitle)
      expect(published.sources.map((source: { answer: unknown; kind: string }) => [source.kind, String(source.answer)])).toEqual([
        ['answer', String(answerId)],
      ])
    })

    step('an anonymous reader sees the official answer with its provenance on the procedure page', async () => {
      const readerPage = await newPage()
      const widget = await openProcedurePage(readerPage, { baseUrl: app.url, slug })
      const official = widget.getByRole('region', { name: 'La réponse officielle' })
      const officialPage = official
        .locator('article')
        .filter({ has: readerPage.getByRole('heading', { exact: true, name: wikiTitle }) })
      await officialPage.waitFor()
      await expect(officialPage.getByText('Officiel', { exact: true }).count()).resolves.toBe(1)
      await expect(officialPage.innerText()).resolves.toContain('consulat')
      const provenance = await officialPage.locator('ul.ew-meta li').first().innerText()
      const expected = validatedOn.map(
        (date) =>
          `D’après une réponse de ${answerer.displayName}, validée le ${date} par ${agent.displayName} (ANTS).`,
      )
      expect(
        expected.some((sentence) => provenance.includes(sentence)),
        `provenance shown: "${provenance}", expected: "${expected[0]}"`,
      ).toBe(true)
      await viewportScreenshot(readerPage, 'journey-10-official-answer')

      // The provenance link leads to the original discussion, inside the widget.
      await officialPage.getByRole('link', { name: 'voir la discussion d’origine' }).click()
      await expect.poll(() => activeElementId(readerPage)).toBe(`entraide-thread-${threadId}`)
      await closePage(readerPage)
    })

    step('an anonymous reader finds the official answer by searching with a typo', async (context) => {
      const probe = await fetch(`${app.url}/api/entraide/search?q=passeport`)
      if (probe.status === 404) {
        context.skip('GET /api/entraide/search is not registered yet (the search endpoint is not part of the app yet)')
      }
      const readerPage = await newPage()
      const widget = await openProcedurePage(readerPage, { baseUrl: app.url, slug })
      const search = widget.getByRole('searchbox', { name: 'Rechercher dans l’entraide' })
      const results = widget.getByRole('region', { name: 'Résultats de la recherche' })
      const hit = results.getByRole('listitem').filter({ has: readerPage.getByRole('link', { name: wikiTitle }) })
      // "consolat" for "consulat"; the index is fed through a queue, so the reader tries again as people do.
      await expect
        .poll(
          async () => {
            await search.fill('')
            await search.fill('consolat')
            await widget.getByText(/résultats? pour « consolat »|Aucun résultat pour « consolat »/).waitFor()
            return hit.count()
          },
          { interval: 2000, timeout: 90_000 },
        )
        .toBe(1)
      await expect(hit.getByText('Officiel', { exact: true }).count()).resolves.toBe(1)
      await search.scrollIntoViewIfNeeded()
      await viewportScreenshot(readerPage, 'journey-11-search-with-typo')
      await closePage(readerPage)
    })

    // The search of a reader on the passport page, over the demo content (independent of the loop above).
    describe('searching from the passport page', () => {
      let readerPage: Page
      let widget: Locator
      let results: Locator
      let status: Locator

      /** Types a query and waits until the widget announced its results. */
      const searchFor = async (query: string): Promise<string> => {
        const box = widget.getByRole('searchbox', { name: 'Rechercher dans l’entraide' })
        await box.fill('')
        await box.fill(query)
        await status.getByText(`« ${query} »`, { exact: false }).waitFor()
        return status.innerText()
      }
      const scopeEverywhere = () => widget.getByRole('checkbox', { name: 'Chercher dans toutes les démarches' })

      beforeAll(async () => {
        readerPage = await newPage()
        widget = await openProcedurePage(readerPage, { baseUrl: app.url, slug })
        results = widget.getByRole('region', { name: 'Résultats de la recherche' })
        status = widget.locator('.ew-search [role="status"]')
      }, 300_000)

      it('a search that finds nothing on this procedure says so and offers, in one click, every procedure', async () => {
        await expect.poll(() => searchFor('impots'), { interval: 2000, timeout: 90_000 }).toBe(
          'Aucun résultat pour « impots » dans cette démarche.',
        )
        await results.getByRole('button', { name: 'Chercher « impots » dans toutes les démarches' }).click()
        await expect(scopeEverywhere().isChecked()).resolves.toBe(true)
        await status.getByText(/^\d+ résultats? pour « impots »/).waitFor()
        await expect(results.getByRole('listitem').count()).resolves.toBeGreaterThan(0)
        // A hit on a procedure is not followed by the same procedure's title again.
        const titleLines = await results.locator('li[data-hit] > p:nth-of-type(2)').allInnerTexts()
        expect(titleLines.filter((line) => /^(.+) — \1$/.test(line.trim()))).toEqual([])
        await viewportScreenshot(readerPage, 'journey-12-search-everywhere')
      })

      it('the count matches what can be seen: more results come on demand, focus on the first new one', async () => {
        const probe = await fetch(`${app.url}/api/entraide/search?q=demande&limit=1`)
        const { total } = (await probe.json()) as { total: number }
        expect(total, 'the demo content has more than one page of results for "demande"').toBeGreaterThan(8)
        if (!(await scopeEverywhere().isChecked())) await scopeEverywhere().check()
        await expect(searchFor('demande')).resolves.toBe(`${total} résultats pour « demande ». 8 affichés sur ${total}.`)
        const hits = results.locator('li[data-hit]')
        await expect(hits.count()).resolves.toBe(8)
        await results.getByRole('button', { name: 'Afficher plus de résultats' }).click()
        await expect.poll(() => hits.count()).toBe(Math.min(16, total))
        const ninth = await hits.nth(8).getAttribute('data-hit')
        await expect
          .poll(() =>
            readerPage.evaluate(() => {
              let active = document.activeElement
              while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
              return active?.getAttribute('data-hit') ?? ''
            }),
          )
          .toBe(ninth)
        if (total <= 16) {
          await expect(status.innerText()).resolves.toBe(`${total} résultats pour « demande ».`)
          await expect(results.getByRole('button', { name: 'Afficher plus de résultats' }).count()).resolves.toBe(0)
        } else {
          await expect(status.innerText()).resolves.toBe(`${total} résultats pour « demande ». 16 affichés sur ${total}.`)
        }
      })

      it('an official page that belongs to no procedure opens in the widget', async () => {
        if (!(await scopeEverywhere().isChecked())) await scopeEverywhere().check()
        await searchFor('sites payants')
        const open = results.getByRole('button', { name: /^Démarches gratuites : éviter les sites payants/ })
        await expect(open.getAttribute('aria-expanded')).resolves.toBe('false')
        await open.click()
        await expect(open.getAttribute('aria-expanded')).resolves.toBe('true')
        await results.getByText('SignalConso').waitFor()
        await viewportScreenshot(readerPage, 'journey-13-official-page-in-search')
      })

      it('"renouvellement passeport" on the passport page finds the passport guide, written with "Renouveler"', async () => {
        if (await scopeEverywhere().isChecked()) await scopeEverywhere().uncheck()
        await searchFor('renouvellement passeport')
        await results.getByRole('link', { name: 'Renouveler son passeport sans perdre de temps' }).waitFor()
      })

      it('"CNI" highlights the identity card, not the car registration ("carte grise")', async () => {
        if (!(await scopeEverywhere().isChecked())) await scopeEverywhere().check()
        await searchFor('CNI')
        await expect(results.locator('li[data-hit]').count()).resolves.toBeGreaterThan(0)
        // Highlighted words are <mark> elements; the text after each tells what it belongs to.
        const highlightedCarte = await results.locator('mark').evaluateAll((marks) =>
          marks
            .filter((mark) => (mark.textContent ?? '').trim().toLowerCase() === 'carte')
            .map((mark) => `carte${(mark.nextSibling?.textContent ?? '').slice(0, 12)}`),
        )
        expect(highlightedCarte.filter((words) => /^carte\s+grise/i.test(words))).toEqual([])
      })
    })
  },
)
