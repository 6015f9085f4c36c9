import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { signIn } from '../browser/adminActions.ts'
import { browserSkipReason, launchBrowser, printServerOutputOnFailure } from '../browser/harness.ts'
import { dependenciesOf, fixtureDir, repositoryDir, startHostSite, type HostSite } from './site.ts'

// A Payload site that is not the demo — its own users with a name and a role
// of its own, its own pages on Payload's default access, its own media,
// SQLite with numeric ids — with Entraide installed from the packed package
// and added by one line of config, built with `next build` and run with
// `next start`. Everything below goes through HTTP, as the site's visitors,
// staff and owner would.

const password = 'mot de passe du site hôte'

let site: HostSite

beforeAll(async () => {
  site = await startHostSite()
  const { build, importMap, install, migrations, pack, start } = site.timings
  console.log(
    `Host site ready at ${site.url}: npm pack ${pack} s, npm install ${install} s, import map ${importMap} s, ` +
      `migrations ${migrations} s, next build ${build} s, next start ${start} s` +
      (site.silentExits > 0 ? ` (Payload's CLI ended at once without output ${site.silentExits} time(s) and was run again).` : '.'),
  )
}, 15 * 60_000)

afterAll(async () => {
  await site?.stop()
})

type Call = { body?: unknown; token?: string }

/** A request to the site's REST API. */
const api = (method: string, route: string, { body, token }: Call = {}): Promise<Response> => {
  const headers = new Headers()
  if (body !== undefined) headers.set('Content-Type', 'application/json')
  if (token !== undefined) headers.set('Authorization', `JWT ${token}`)
  return fetch(`${site.url}/api${route}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers,
    method,
  })
}

/** A request whose status must be the one given; resolves to its JSON body. */
const expectJson = async (status: number, method: string, route: string, call?: Call): Promise<Record<string, any>> => {
  const response = await api(method, route, call)
  const text = await response.text()
  expect(response.status, `${method} ${route} answered ${text.slice(0, 500)}`).toBe(status)
  return JSON.parse(text) as Record<string, any>
}

type GraphQLResult = { data: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> }

/** A GraphQL operation on the site's own GraphQL route (Payload's handler, with Entraide's mutations). */
const graphql = async (query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResult> => {
  const response = await api('POST', '/graphql', { body: { query, variables }, token })
  expect(response.status).toBe(200)
  return (await response.json()) as GraphQLResult
}

const signInThroughApi = async (email: string): Promise<string> => {
  const { token } = await expectJson(200, 'POST', '/users/login', { body: { email, password } })
  expect(typeof token).toBe('string')
  return token as string
}

/** What the tests share: the accounts and documents made along the way. */
const made = {
  agencyId: 0,
  asker: { email: 'awa@visitor.test', token: '' },
  editorToken: '',
  helper: { email: 'bruno@visitor.test', token: '' },
  owner: { email: 'owner@montval.test', token: '' },
  pageId: 0,
  procedureId: 0,
  staffToken: '',
  visitor: { email: 'nadia@visitor.test', id: 0 },
  wikiTitle: 'Photos d’identité pour renouveler un passeport',
}

const staff = { email: 'claire@montval.test', name: 'Claire, agente du guichet' }
const editor = { email: 'denis@montval.test', name: 'Denis, éditeur' }

describe('Entraide installed in a Payload site from its packed package', () => {
  printServerOutputOnFailure(() => site)

  it('is the packed package (dist only), beside the peer versions the repository is tested with', () => {
    const installed = path.join(site.dir, 'node_modules', 'entraide')
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { version: string }
    expect(manifest.version).toBe((JSON.parse(readFileSync(path.join(repositoryDir, 'package.json'), 'utf8')) as { version: string }).version)
    expect(existsSync(path.join(installed, 'dist', 'index.js'))).toBe(true)
    expect(existsSync(path.join(installed, 'src'))).toBe(false)
    expect(dependenciesOf(path.join(site.dir, 'package.json')).entraide).toMatch(/^file:.*entraide-[\d.]+\.tgz$/)

    const repository = dependenciesOf(path.join(repositoryDir, 'package.json'))
    const fixture = dependenciesOf(path.join(fixtureDir, 'package.json'))
    const differing = Object.entries(fixture).filter(([name, version]) => repository[name] !== version)
    expect(differing, 'the fixture site asks for the versions the repository is tested with').toEqual([])
  })

  it('lets the site owner register first (Payload’s first user), then set up an agency, a procedure and staff accounts', async () => {
    const registered = await expectJson(200, 'POST', '/users/first-register', {
      body: { email: made.owner.email, name: 'Mairie de Montval', password, role: 'admin' },
    })
    made.owner.token = registered.token
    const { user: owner } = await expectJson(200, 'GET', '/users/me', { token: made.owner.token })
    expect(owner).toMatchObject({ isCommunityAccount: false, name: 'Mairie de Montval', role: 'admin' })

    const agency = await expectJson(201, 'POST', '/agencies', {
      body: { name: 'Agence nationale des titres sécurisés', slug: 'ants' },
      token: made.owner.token,
    })
    made.agencyId = agency.doc.id
    expect(typeof made.agencyId, 'Payload’s default numeric ids').toBe('number')
    const procedure = await expectJson(201, 'POST', '/procedures?depth=0', {
      body: { agency: made.agencyId, slug: 'renouveler-un-passeport', summary: 'Renouveler son passeport.', title: 'Renouveler un passeport' },
      token: made.owner.token,
    })
    made.procedureId = procedure.doc.id

    // The site's own role values give Entraide's roles: staff are agents (of an agency), editors are editors.
    await expectJson(201, 'POST', '/users', {
      body: { agency: made.agencyId, email: staff.email, name: staff.name, password, role: 'staff' },
      token: made.owner.token,
    })
    await expectJson(201, 'POST', '/users', {
      body: { email: editor.email, name: editor.name, password, role: 'editor' },
      token: made.owner.token,
    })
    made.staffToken = await signInThroughApi(staff.email)
    made.editorToken = await signInThroughApi(editor.email)
    expect((await expectJson(200, 'GET', '/entraide/me', { token: made.staffToken })).user).toMatchObject({
      displayName: staff.name,
      role: 'agent',
    })
    expect((await expectJson(200, 'GET', '/entraide/me', { token: made.editorToken })).user.role).toBe('editor')
  })

  it('runs the whole loop: visitors ask and answer, the asker accepts, the agent validates and promotes, the editor publishes, search finds it', async () => {
    await expectJson(201, 'POST', '/users', { body: { displayName: 'Awa', email: made.asker.email, password } })
    await expectJson(201, 'POST', '/users', { body: { displayName: 'Bruno', email: made.helper.email, password } })
    const asker = await signInThroughApi(made.asker.email)
    const helper = await signInThroughApi(made.helper.email)
    made.asker.token = asker
    made.helper.token = helper

    const { doc: thread } = await expectJson(201, 'POST', '/threads?depth=0', {
      body: {
        body: 'Mon passeport expire bientôt. Faut-il refaire les photos pour le renouveler ?',
        procedure: made.procedureId,
        title: 'Faut-il de nouvelles photos pour renouveler ?',
      },
      token: asker,
    })
    expect(thread.status).toBe('open')
    const { doc: answer } = await expectJson(201, 'POST', '/answers?depth=0', {
      body: { body: 'Oui, les photos doivent dater de moins de six mois et respecter la norme.', thread: thread.id },
      token: helper,
    })

    const accepted = await expectJson(200, 'POST', `/threads/${thread.id}/accept`, { body: { answer: answer.id }, token: asker })
    expect(accepted.thread.status).toBe('answered')
    const validated = await expectJson(200, 'POST', `/answers/${answer.id}/validate`, {
      body: { note: 'Conforme aux règles de l’agence.' },
      token: made.staffToken,
    })
    expect(validated.answer.validatedAt).toBeTruthy()
    const { wikiPage } = await expectJson(201, 'POST', `/answers/${answer.id}/promote`, {
      body: { title: made.wikiTitle },
      token: made.staffToken,
    })
    expect(wikiPage._status).toBe('draft')
    expect((await api('GET', `/wiki-pages/${wikiPage.id}`)).status, 'readers do not see the draft').toBe(404)

    await expectJson(200, 'PATCH', `/wiki-pages/${wikiPage.id}`, { body: { _status: 'published' }, token: made.editorToken })
    const published = await expectJson(200, 'GET', `/wiki-pages/${wikiPage.id}?depth=0`)
    expect(published).toMatchObject({ _status: 'published', title: made.wikiTitle })

    // Searchable within seconds of the publication (the cron that backs up the sync runs once a minute).
    await expect
      .poll(async () => {
        const found = await expectJson(200, 'GET', `/entraide/search?q=${encodeURIComponent('photos passeport')}&type=wiki`)
        return (found.hits as Array<{ title: string; type: string }>).map(({ title, type }) => `${type}: ${title}`)
      })
      .toContain(`wiki: ${made.wikiTitle}`)
  })

  it('gives a visitor who signs up a community account: the site’s role stays customer, the site’s pages stay closed', async () => {
    const { doc: page } = await expectJson(201, 'POST', '/pages', { body: { title: 'Horaires de la mairie' }, token: made.owner.token })
    made.pageId = page.id

    const signedUp = await expectJson(201, 'POST', '/users', {
      body: { displayName: 'Nadia', email: made.visitor.email, isCommunityAccount: false, password, role: 'admin' },
    })
    made.visitor.id = signedUp.doc.id
    const visitor = await signInThroughApi(made.visitor.email)
    await api('PATCH', `/users/${made.visitor.id}`, { body: { role: 'admin' }, token: visitor })
    const stored = await expectJson(200, 'GET', `/users/${made.visitor.id}`, { token: made.owner.token })
    expect(stored).toMatchObject({ isCommunityAccount: true, name: 'Nadia', role: 'customer' })

    expect((await api('POST', '/pages', { body: { title: 'Page pirate' }, token: visitor })).status).toBe(403)
    expect((await api('PATCH', `/pages/${made.pageId}`, { body: { title: 'Modifiée' }, token: visitor })).status).toBe(403)
    expect((await api('DELETE', `/pages/${made.pageId}`, { token: visitor })).status).toBe(403)
    expect((await expectJson(200, 'GET', `/pages/${made.pageId}`, { token: made.owner.token })).title).toBe('Horaires de la mairie')
  })

  it('runs the agent’s part of the loop through GraphQL too, refuses a citizen as REST does, and keeps the site’s own queries', async () => {
    const { doc: thread } = await expectJson(201, 'POST', '/threads?depth=0', {
      body: {
        body: 'Le timbre fiscal se paie-t-il en ligne ou au bureau de tabac ?',
        procedure: made.procedureId,
        title: 'Où acheter le timbre fiscal du passeport ?',
      },
      token: made.asker.token,
    })
    const { doc: answer } = await expectJson(201, 'POST', '/answers?depth=0', {
      body: { body: 'En ligne sur le site des impôts, ou dans un bureau de tabac agréé.', thread: thread.id },
      token: made.helper.token,
    })

    const accepted = await graphql(
      'mutation ($thread: ID!, $answer: ID!) { acceptAnswer(thread: $thread, answer: $answer) { thread { status } answer { isAccepted } } }',
      { answer: answer.id, thread: thread.id },
      made.asker.token,
    )
    expect(accepted.errors).toBeUndefined()
    expect(accepted.data?.acceptAnswer).toEqual({ answer: { isAccepted: true }, thread: { status: 'answered' } })

    const validate = 'mutation ($id: ID!, $note: String) { validateAnswer(id: $id, note: $note) { validatedAt validationNote } }'
    const refused = await graphql(validate, { id: answer.id, note: 'Je valide moi-même.' }, made.helper.token)
    expect(refused.data).toBeNull()
    expect(refused.errors?.[0]?.extensions).toMatchObject({ data: { code: 'forbidden' }, statusCode: 403 })
    const validated = await graphql(validate, { id: answer.id, note: 'Exact.' }, made.staffToken)
    expect(validated.errors).toBeUndefined()
    expect(validated.data?.validateAnswer).toMatchObject({ validationNote: 'Exact.' })
    expect(validated.data?.validateAnswer.validatedAt).toBeTruthy()

    const promoted = await graphql(
      'mutation ($id: ID!, $title: String) { promoteAnswer(id: $id, title: $title) { isCreated wikiPage { title _status } } }',
      { id: answer.id, title: 'Acheter le timbre fiscal' },
      made.staffToken,
    )
    expect(promoted.errors).toBeUndefined()
    expect(promoted.data?.promoteAnswer).toEqual({ isCreated: true, wikiPage: { _status: 'draft', title: 'Acheter le timbre fiscal' } })

    const pages = await graphql('{ Pages { docs { title } } }', {}, made.owner.token)
    expect(pages.data?.Pages.docs).toEqual([{ title: 'Horaires de la mairie' }])
  })
})

const skipReason = browserSkipReason()
if (skipReason) console.warn(skipReason)

const browserTitle = 'the site’s admin panel with Entraide (Chromium)'

// Skipped, the tests say why in their name (the summary lists them).
describe.skipIf(skipReason !== null)(skipReason === null ? browserTitle : `${browserTitle} — ${skipReason}`, () => {
  printServerOutputOnFailure(() => site)
  let browser: Browser

  beforeAll(async () => {
    browser = await launchBrowser()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
  })

  /** A fresh browser session signed in to the admin panel. */
  const signedIn = async (email: string): Promise<Page> => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { height: 1000, width: 1400 } })
    const page = await context.newPage()
    await signIn(page, { baseUrl: site.url, email, password })
    return page
  }

  const navLink = (page: Page, slug: string) => page.locator(`nav a[href="/admin/collections/${slug}"]`)

  it('renders for the site owner: the dashboard with the site’s and Entraide’s collections, and the list of pages', async () => {
    const page = await signedIn(made.owner.email)
    // Entraide's part of the dashboard: what waits for the signed-in person.
    await page.locator('.entraide-waiting').waitFor()
    for (const slug of ['pages', 'media', 'users', 'wiki-pages', 'threads']) {
      await expect.poll(() => navLink(page, slug).count(), { message: `a link to ${slug}` }).toBe(1)
    }
    await page.goto(`${site.url}/admin/collections/pages`)
    await expect.poll(() => page.locator('.collection-list').getByText('Horaires de la mairie').count()).toBe(1)
    await page.context().close()
  })

  it('renders for an Entraide editor: the dashboard and the wiki page they published', async () => {
    const page = await signedIn(editor.email)
    await expect.poll(() => navLink(page, 'wiki-pages').count()).toBe(1)
    await page.goto(`${site.url}/admin/collections/wiki-pages`)
    await expect.poll(() => page.locator('.collection-list').getByText(made.wikiTitle).count()).toBe(1)
    await page.context().close()
  })

  it('shows a signed-up visitor none of the site’s collections, and refuses them the pages', async () => {
    const page = await signedIn(made.visitor.email)
    // The navigation is there, with what Entraide lets citizens see…
    await expect.poll(() => navLink(page, 'guides').count()).toBe(1)
    // …and nothing of the site's own collections.
    expect(await navLink(page, 'pages').count()).toBe(0)
    expect(await navLink(page, 'media').count()).toBe(0)

    await page.goto(`${site.url}/admin/collections/pages`)
    await page.getByRole('heading', { name: 'Nothing found' }).waitFor()
    expect(await page.getByText('Horaires de la mairie').count()).toBe(0)
    expect(await page.locator('.collection-list').count()).toBe(0)
    await page.context().close()
  })
})
