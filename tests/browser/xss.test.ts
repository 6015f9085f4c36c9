import type { Browser, BrowserContext, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { demoAccount } from '../../demo/accounts.ts'
import { signInThroughApi } from './adminActions.ts'
import { browserSkipReason, launchBrowser, printServerOutputOnFailure, startApp, type RunningApp } from './harness.ts'
import {
  confirmEmailFromLog,
  openProcedurePage,
  runToken,
  signInInWidget,
  stepTimeout,
  threadCard,
  viewportScreenshot,
  type Newcomer,
} from './journeyWidget.ts'

// Hostile input stored through the REST API (as the admin, and as a newcomer
// whose contributions wait for moderation), then shown in Chromium by the demo
// site, the widget and the admin panel. A trap installed before any page
// script records every vector that runs; dialogs and page errors that name the
// trap count too.

const reason = browserSkipReason()
const slug = 'acte-de-naissance'
const token = runToken()
const admin = demoAccount('admin')

/** Every vector calls `__xss(name)`; some call `alert` as the classics do. */
const vectors = [
  `<script>__xss('script-tag')</script>`,
  `<img src=x onerror="__xss('img-onerror')">`,
  `<svg onload="__xss('svg-onload')"><circle r="1"/></svg>`,
  `<svg><script>__xss('svg-script')</script></svg>`,
  `<a href="javascript:__xss('a-javascript')">lien</a>`,
  `<a href="jav&#x61;script:__xss('a-encoded')">lien encodé</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+">lien data</a>`,
  `<iframe src="javascript:__xss('iframe')"></iframe>`,
  `"><img src=x onerror=__xss('attribute-break')>`,
  `'><svg/onload=alert('quote-break')>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=__xss('mutation')>`,
  `<body onload=alert('body-onload')>`,
  `{{constructor.constructor('__xss("template")')()}}`,
  `[lien](javascript:__xss('markdown'))`,
]
const allVectors = vectors.join('\n')
/** Text that looks like HTML: it must be shown as written. */
const htmlLookalike = `Le formulaire <b>cerfa</b> & co : 3 < 5 > 2, voir <i>la notice</i>`

type LexicalNode = Record<string, unknown>
const text = (value: string): LexicalNode => ({
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
  text: value,
  type: 'text',
  version: 1,
})
const paragraph = (...children: LexicalNode[]): LexicalNode => ({
  children,
  direction: null,
  format: '',
  indent: 0,
  textFormat: 0,
  type: 'paragraph',
  version: 1,
})
const link = (url: string, label: string, { newTab = false, type = 'link' } = {}): LexicalNode => ({
  children: [text(label)],
  direction: null,
  fields: { linkType: 'custom', newTab, url },
  format: '',
  indent: 0,
  type,
  version: 3,
})
const lexical = (...children: LexicalNode[]) => ({
  root: { children, direction: null, format: '', indent: 0, type: 'root', version: 1 },
})

const externalUrl = 'https://exemple-externe.example/aide'
/** Hostile links in node types the admin's editor knows, so it renders them too. */
const hostileLinks = [
  paragraph(text('Liens piégés : '), link(`javascript:__xss('lexical-javascript')`, 'lien javascript')),
  paragraph(link(`JaVaScRiPt:__xss('lexical-case')`, 'lien en casse mêlée')),
  paragraph(link(`java\tscript:__xss('lexical-tab')`, 'lien avec tabulation')),
  paragraph(link(`\u0001javascript:__xss('lexical-control')`, 'lien avec caractère de contrôle')),
  paragraph(link(`jav&#x61;script:__xss('lexical-entity')`, 'lien encodé')),
  paragraph(link(`data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+`, 'lien data')),
  paragraph(link(`vbscript:msgbox('vbscript')`, 'lien vbscript')),
  paragraph(link(`javascript:__xss('autolink')`, 'lien automatique', { type: 'autolink' })),
  paragraph(text('Voir aussi '), link(externalUrl, 'un site externe', { newTab: true })),
  paragraph(text(`<img src=x onerror=__xss('lexical-text')>`)),
  paragraph(text(htmlLookalike)),
  {
    children: [text(`<script>__xss('heading')</script>`)],
    direction: null,
    format: '',
    indent: 0,
    tag: 'h1',
    type: 'heading',
    version: 1,
  },
]
/** Node types nobody registered, carrying markup and script. */
const unknownNodes: LexicalNode[] = [
  { html: `<img src=x onerror=__xss('html-node')>`, type: 'html', version: 1 },
  { text: `__xss('script-node')`, type: 'script', version: 1 },
  { src: `javascript:__xss('iframe-node')`, type: 'iframe', version: 1 },
]

/** Records every vector that runs, by name, in `window.__xssHits`. */
const trapScript = `Object.defineProperty(window, '__xssHits', { value: [] })
Object.defineProperty(window, '__xss', { value: function (name) { window.__xssHits.push(String(name)) } })`

/** What a page shows that it must not: links to scripts or data, handlers from the vectors, injected elements. */
type Findings = { executed: string[]; scriptLinks: string[]; injected: string[] }

/** Looks through every frame and shadow root of the page for traces of the vectors. */
const inspectFrame = (frame: Frame) =>
  frame.evaluate(() => {
    const hits = (window as unknown as { __xssHits?: string[] }).__xssHits ?? []
    const elements: Element[] = []
    const roots: (Document | ShadowRoot)[] = [document]
    while (roots.length > 0) {
      const root = roots.pop()
      if (!root) break
      for (const element of root.querySelectorAll('*')) {
        elements.push(element)
        if (element.shadowRoot) roots.push(element.shadowRoot)
      }
    }
    const scriptLinks: string[] = []
    const injected: string[] = []
    for (const element of elements) {
      for (const attribute of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']) {
        const value = element.getAttribute(attribute)
        if (value === null) continue
        // What a browser ignores in a URL's scheme: case, whitespace and control characters.
        const scheme = value.toLowerCase().replace(/[\u0000-\u0020]/g, '')
        const isNavigation = ['A', 'AREA', 'BUTTON', 'EMBED', 'FORM', 'FRAME', 'IFRAME', 'INPUT', 'OBJECT'].includes(
          element.tagName,
        )
        if (
          scheme.startsWith('javascript:') ||
          scheme.startsWith('vbscript:') ||
          (isNavigation && scheme.startsWith('data:'))
        ) {
          scriptLinks.push(`<${element.tagName.toLowerCase()} ${attribute}="${value.slice(0, 60)}">`)
        }
      }
      for (const { name, value } of element.attributes) {
        if (name.startsWith('on') && /__xss|alert\(/.test(value))
          injected.push(`<${element.tagName.toLowerCase()} ${name}="${value}">`)
      }
      if (element.tagName === 'SCRIPT' && /^\s*(__xss|alert)\(/.test(element.textContent ?? '')) {
        injected.push(`<script>${element.textContent}</script>`)
      }
      if (element.tagName === 'IMG' && element.getAttribute('src') === 'x') injected.push('<img src="x">')
    }
    return { executed: [...hits], injected, scriptLinks }
  })

describe.skipIf(reason)(
  `Hostile input: XSS vectors stored through the API never run${reason ? ` — ${reason}` : ''}`,
  () => {
    let app: RunningApp
    printServerOutputOnFailure(() => app)
    let browser: Browser
    let adminToken = ''
    const ids = {
      answer: '',
      guide: '',
      lookalikeThread: '',
      pendingThread: '',
      procedure: '',
      thread: '',
      tip: '',
      wikiLinks: '',
      wikiNodes: '',
    }
    const titles = {
      lookalikeThread: htmlLookalike,
      pendingThread: `<img src=x onerror=__xss('pending-title')> en attente de relecture ${token}`,
      thread: `<script>__xss('thread-title')</script> Question piégée ${token}`,
      wikiLinks: `Page <b>officielle</b> aux liens piégés ${token}`,
      wikiNodes: `Page aux nœuds inconnus <img src=x onerror=__xss('wiki-title')> ${token}`,
    }
    const newcomer: Newcomer = {
      displayName: `Zoé <b>R.</b> ${token}`,
      email: `zoe.${token}@usagers.example`,
      password: 'une longue phrase de passe',
    }
    /** Dialogs opened and page errors naming the trap: signs that a vector ran where the trap was missing. */
    const alarms: string[] = []

    /** Calls the REST API; fails the test with the API's own message when it refuses. */
    const api = async (
      path: string,
      { body, method = 'GET', jwt = adminToken }: { body?: unknown; method?: string; jwt?: string } = {},
    ) => {
      const response = await fetch(`${app.url}/api${path}`, {
        body: body === undefined ? undefined : JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', ...(jwt ? { Authorization: `JWT ${jwt}` } : {}) },
        method,
      })
      const json = (await response.json().catch(() => null)) as Record<string, any> | null
      if (!response.ok) throw new Error(`${method} /api${path} answered ${response.status}: ${JSON.stringify(json)}`)
      return json ?? {}
    }
    const signInApi = async (email: string, password: string): Promise<string> =>
      (await api('/users/login', { body: { email, password }, jwt: '', method: 'POST' })).token

    const newContext = async (): Promise<BrowserContext> => {
      const context = await browser.newContext({ viewport: { height: 900, width: 1280 } })
      // Given as source text so that no build step rewrites it; it runs before any script of the page.
      await context.addInitScript({ content: trapScript })
      context.on('page', (page) => watch(page))
      return context
    }
    const watch = (page: Page) => {
      page.setDefaultTimeout(stepTimeout)
      page.on('dialog', (dialog) => {
        alarms.push(`dialog: ${dialog.message()}`)
        void dialog.dismiss()
      })
      page.on('pageerror', (error) => {
        if (/__xss|xss/i.test(String(error))) alarms.push(`page error: ${String(error)}`)
      })
    }

    /** Fails with everything a page shows that it must not. */
    const expectInert = async (page: Page) => {
      expect(
        await page.evaluate(() => typeof (window as unknown as { __xss?: unknown }).__xss),
        'the trap is set',
      ).toBe('function')
      const findings: Findings = { executed: [], injected: [], scriptLinks: [] }
      for (const frame of page.frames()) {
        const found = await inspectFrame(frame).catch(() => null)
        if (!found) continue
        findings.executed.push(...found.executed)
        findings.injected.push(...found.injected)
        findings.scriptLinks.push(...found.scriptLinks)
      }
      expect({ ...findings, alarms }).toEqual({ alarms: [], executed: [], injected: [], scriptLinks: [] })
    }

    beforeAll(async () => {
      app = await startApp()
      browser = await launchBrowser()
      adminToken = await signInApi(admin.email, admin.password)
      const { docs: procedures } = await api(`/procedures?where[slug][equals]=${slug}&depth=0`)
      ids.procedure = procedures[0].id

      // Contributions in plain text, published at once (the admin is trusted).
      ids.thread = (
        await api('/threads?depth=0', {
          body: { body: allVectors, procedure: ids.procedure, title: titles.thread },
          method: 'POST',
        })
      ).doc.id
      ids.lookalikeThread = (
        await api('/threads?depth=0', {
          body: {
            body: `${htmlLookalike}\n${vectors.slice(8).join('\n')}`,
            procedure: ids.procedure,
            title: titles.lookalikeThread,
          },
          method: 'POST',
        })
      ).doc.id
      ids.answer = (
        await api('/answers?depth=0', { body: { body: allVectors, thread: ids.thread }, method: 'POST' })
      ).doc.id
      ids.tip = (
        await api('/tips?depth=0', {
          body: { body: vectors.slice(0, 8).join(' '), procedure: ids.procedure },
          method: 'POST',
        })
      ).doc.id

      // Rich text: the procedure's guide and two official wiki pages, published.
      const { docs: guides } = await api(`/guides?where[procedure][equals]=${ids.procedure}&depth=0`)
      const guideBody = lexical(...hostileLinks, ...unknownNodes)
      ids.guide = guides[0]
        ? (
            await api(`/guides/${guides[0].id}?depth=0`, {
              body: { _status: 'published', body: guideBody },
              method: 'PATCH',
            })
          ).doc.id
        : (
            await api('/guides?depth=0', {
              body: { _status: 'published', body: guideBody, procedure: ids.procedure, title: `Guide ${token}` },
              method: 'POST',
            })
          ).doc.id
      ids.wikiLinks = (
        await api('/wiki-pages?depth=0', {
          body: {
            _status: 'published',
            body: lexical(...hostileLinks),
            procedure: ids.procedure,
            slug: `liens-pieges-${token}`,
            title: titles.wikiLinks,
          },
          method: 'POST',
        })
      ).doc.id
      ids.wikiNodes = (
        await api('/wiki-pages?depth=0', {
          body: {
            _status: 'published',
            body: lexical(...unknownNodes, ...hostileLinks.slice(0, 2)),
            procedure: ids.procedure,
            slug: `noeuds-inconnus-${token}`,
            title: titles.wikiNodes,
          },
          method: 'POST',
        })
      ).doc.id

      // A newcomer's hostile question waits for moderation; their report note on the hostile answer goes to the queue.
      await api('/users', { body: newcomer, jwt: '', method: 'POST' })
      await confirmEmailFromLog(app, newcomer.email)
      const newcomerToken = await signInApi(newcomer.email, newcomer.password)
      const pending = await api('/threads?depth=0', {
        body: { body: allVectors, procedure: ids.procedure, title: titles.pendingThread },
        jwt: newcomerToken,
        method: 'POST',
      })
      expect(pending.doc.visibility).toBe('pending')
      ids.pendingThread = pending.doc.id
      await api(`/answers/${ids.answer}/report`, {
        body: { note: `<svg onload=__xss('report-note')> <script>alert('report')</script>`, reason: 'other' },
        jwt: newcomerToken,
        method: 'POST',
      })
    }, 300_000)

    afterAll(async () => {
      await browser?.close()
      await app?.stop()
    }, 60_000)

    it('refuses malformed input through the app server with the documented error shape', async () => {
      const post = async (body: Record<string, unknown>) => {
        const response = await fetch(`${app.url}/api/threads`, {
          body: JSON.stringify(body),
          headers: { Authorization: `JWT ${adminToken}`, 'Content-Type': 'application/json' },
          method: 'POST',
        })
        return { body: (await response.json()) as { errors: unknown[] }, status: response.status }
      }
      const wrongType = await post({ body: 'Un texte assez long pour passer.', procedure: ids.procedure, title: 123 })
      expect(wrongType.status).toBe(400)
      expect(wrongType.body.errors[0]).toMatchObject({
        data: { code: 'invalid-input', field: 'title' },
        name: 'InvalidInputError',
      })
      const tooShort = await post({ body: 'court', procedure: ids.procedure, title: 'court' })
      expect(tooShort.status).toBe(400)
      expect(tooShort.body.errors[0]).toMatchObject({
        data: { errors: [expect.objectContaining({ path: 'title' }), expect.objectContaining({ path: 'body' })] },
        name: 'ValidationError',
      })
    })

    it('the demo procedure page and the widget show every vector as text, and nothing runs', async () => {
      const context = await newContext()
      const page = await context.newPage()
      const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
      await threadCard(widget, titles.thread).waitFor()
      await widget.getByRole('heading', { name: titles.wikiLinks }).waitFor()
      await threadCard(widget, titles.thread).scrollIntoViewIfNeeded()
      await viewportScreenshot(page, 'xss-01-procedure-page')

      // Shown as written, not interpreted.
      await threadCard(widget, titles.lookalikeThread).waitFor()
      const threadText = await threadCard(widget, titles.thread).innerText()
      expect(threadText).toContain(`<script>__xss('thread-title')</script>`)
      expect(threadText).toContain(`<img src=x onerror="__xss('img-onerror')">`)
      const officialText = await widget
        .locator('article')
        .filter({ has: page.getByRole('heading', { name: titles.wikiLinks }) })
        .innerText()
      expect(officialText).toContain(htmlLookalike)
      expect(officialText).toContain(`<img src=x onerror=__xss('lexical-text')>`)
      // Hostile links lose their target but keep their words.
      expect(officialText).toContain('lien javascript')
      await expect(widget.getByRole('link', { name: 'lien javascript' }).count()).resolves.toBe(0)
      await expect(widget.getByRole('link', { name: 'lien data' }).count()).resolves.toBe(0)

      // Contributors' links to other sites: rel="nofollow ugc noopener" (and noreferrer
      // when they open a new window), and they did render.
      const external = await widget.evaluate((host) => {
        const origin = window.location.origin
        return [...(host.shadowRoot ?? host).querySelectorAll('a[href]')].flatMap((anchor) => {
          const href = anchor.getAttribute('href') ?? ''
          if (!/^https?:/i.test(href) || new URL(href).origin === origin) return []
          return [
            {
              href,
              rel: (anchor.getAttribute('rel') ?? '').split(/\s+/).sort().join(' '),
              target: anchor.getAttribute('target'),
            },
          ]
        })
      })
      expect(external.filter((found) => found.href === externalUrl)).toContainEqual({
        href: externalUrl,
        rel: 'nofollow noopener noreferrer ugc',
        target: '_blank',
      })
      const expectedRel = (target: string | null) =>
        target === '_blank' ? 'nofollow noopener noreferrer ugc' : 'nofollow noopener ugc'
      expect(external.filter((found) => found.rel !== expectedRel(found.target))).toEqual([])

      await expectInert(page)
      await context.close()
    }, 240_000)

    it('the author sees their pending hostile question in the widget as text, and nothing runs', async () => {
      const context = await newContext()
      const page = await context.newPage()
      const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
      await signInInWidget(widget, newcomer)
      const card = threadCard(widget, titles.pendingThread)
      await card.getByText('En attente de relecture', { exact: true }).waitFor()
      await card.scrollIntoViewIfNeeded()
      await viewportScreenshot(page, 'xss-02-pending-for-author')
      await expectInert(page)
      await context.close()
    }, 240_000)

    it('the widget’s search results show hostile titles and snippets as text', async (context) => {
      const probe = await fetch(`${app.url}/api/entraide/search?q=formulaire`)
      if (probe.status === 404) {
        context.skip('GET /api/entraide/search is not registered yet (the search endpoint is not part of the app yet)')
      }
      const browserContext = await newContext()
      const page = await browserContext.newPage()
      const widget = await openProcedurePage(page, { baseUrl: app.url, slug })
      const results = widget.getByRole('region', { name: 'Résultats de la recherche' })
      await expect
        .poll(
          async () => {
            await widget.getByRole('searchbox', { name: 'Rechercher dans l’entraide' }).fill('')
            await widget.getByRole('searchbox', { name: 'Rechercher dans l’entraide' }).fill(`piégée ${token}`)
            await widget.getByText(/résultats? pour « piégée/).waitFor()
            return results.getByRole('listitem').count()
          },
          { interval: 2000, timeout: 90_000 },
        )
        .toBeGreaterThan(0)
      await viewportScreenshot(page, 'xss-03-search-results')
      await expectInert(page)
      await browserContext.close()
    }, 240_000)

    it('the admin panel’s edit views, lists and review queues show the same content without running any of it', async () => {
      const context = await newContext()
      const page = await context.newPage()
      await signInThroughApi(page, { baseUrl: app.url, email: admin.email, password: admin.password })
      const views: { path: string; ready: string }[] = [
        { path: `/collections/threads/${ids.thread}`, ready: '#field-title' },
        { path: `/collections/threads/${ids.pendingThread}`, ready: '#field-title' },
        { path: `/collections/answers/${ids.answer}`, ready: 'section.entraide-validation' },
        { path: `/collections/tips/${ids.tip}`, ready: 'section.entraide-validation' },
        { path: `/collections/guides/${ids.guide}`, ready: '#field-title' },
        { path: `/collections/wiki-pages/${ids.wikiLinks}`, ready: '[data-lexical-editor="true"]' },
        { path: `/collections/wiki-pages/${ids.wikiNodes}`, ready: '#field-title' },
        { path: '/collections/threads', ready: 'table' },
        { path: '/moderation', ready: '.entraide-view' },
        { path: '/awaiting-validation', ready: '.entraide-view' },
      ]
      for (const [index, view] of views.entries()) {
        await page.goto(`${app.url}/admin${view.path}`, { timeout: stepTimeout })
        await page.locator(view.ready).first().waitFor()
        await page.waitForLoadState('networkidle')
        await viewportScreenshot(
          page,
          `xss-${String(index + 4).padStart(2, '0')}-admin${view.path.replace(/\//g, '-').replace(/-[0-9a-f-]{36}$/, '')}`,
        )
        await expectInert(page)
      }
      // The hostile question waits in the moderation queue under its literal title.
      await page.goto(`${app.url}/admin/moderation`, { timeout: stepTimeout })
      await page.getByRole('link', { name: titles.pendingThread }).waitFor()
      await expectInert(page)
      await context.close()
    }, 300_000)
  },
)
