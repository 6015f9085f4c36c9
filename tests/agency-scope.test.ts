import { createLocalReq, type UIFieldServerProps } from 'payload'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { GuideReviewNotice } from '../src/admin/GuideReviewNotice.tsx'
import { findGuideEditsAwaitingReview, countGuideEditsAwaitingReview } from '../src/admin/queries/guideReviews.ts'
import { loadValidationState } from '../src/admin/queries/itemState.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { firstError, graphQL } from './helpers/graphql.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

// An agent acts for their own agency only: validating, promoting (from an item
// and into an existing page), verifying guides, publishing or rejecting guide
// edits, writing wiki pages. Each refusal is checked through REST, one through
// GraphQL, and what the admin views offer an agent is checked against it.

type Person = Awaited<ReturnType<TestApp['signUp']>>

let app: TestApp
let agentA: Person
let agentB: Person
let editor: Person
let asker: Person
/** An agent of a third agency, whose guide edits on both agencies' procedures wait as drafts. */
let outsider: Person
let helper: Person
let procedureA: ID
let procedureB: ID
let counter = 0
const unique = () => `${Date.now().toString(36)}-${++counter}`

const post = (route: string, person: Person, body: unknown = {}) => app.api('POST', route, { body, token: person.token })

beforeAll(async () => {
  app = await startTestApp({ entraide: { rateLimits: false }, isDefaultInstance: true })
  const a = await createProcedure(app, { slug: 'passeport' })
  const b = await createProcedure(app, { slug: 'aide-logement' })
  procedureA = a.procedure.id
  procedureB = b.procedure.id
  agentA = await app.signUp({ agency: a.agency.id, name: 'Agente ANTS', role: 'agent' })
  agentB = await app.signUp({ agency: b.agency.id, name: 'Agent CAF', role: 'agent' })
  editor = await app.signUp({ name: 'Éditrice', role: 'editor' })
  asker = await app.signUp({ name: 'Awa' })
  helper = await app.signUp({ name: 'Bruno' })
  const c = await createProcedure(app, { slug: 'etat-civil' })
  outsider = await app.signUp({ agency: c.agency.id, name: 'Ousmane', role: 'agent' })
})
afterAll(async () => {
  await app?.close()
})

/** A published answer on a procedure, validated by `validator` when given. */
const answerOn = async (procedure: ID, validator?: Person): Promise<ID> => {
  const thread = await app.payload.create({
    collection: 'threads',
    data: {
      author: asker.id,
      body: 'Une question assez longue pour être posée.',
      procedure,
      status: 'open',
      title: `Question ${unique()}`,
      visibility: 'published',
    },
  })
  const answer = await app.payload.create({
    collection: 'answers',
    data: { author: helper.id, body: `Une réponse utile ${unique()}.`, thread: thread.id, visibility: 'published' },
  })
  if (validator) expect((await post(`/answers/${answer.id}/validate`, validator)).status).toBe(200)
  return answer.id
}

/** A published tip on a procedure, validated by `validator` when given. */
const tipOn = async (procedure: ID, validator?: Person): Promise<ID> => {
  const tip = await app.payload.create({
    collection: 'tips',
    data: { author: helper.id, body: `Une astuce utile ${unique()}.`, procedure, visibility: 'published' },
  })
  if (validator) expect((await post(`/tips/${tip.id}/validate`, validator)).status).toBe(200)
  return tip.id
}

/** A wiki page (a draft) attached to a procedure, or to none. */
const pageOn = async (procedure: ID | null): Promise<ID> =>
  (
    await app.payload.create({
      collection: 'wiki-pages',
      data: { _status: 'draft', procedure, slug: `page-${unique()}`, title: `Page ${unique()}` },
      draft: true,
    })
  ).id

const pageDraft = (id: ID) => app.payload.findByID({ collection: 'wiki-pages', depth: 0, draft: true, id })

/**
 * A published guide of a new procedure of the given procedure's agency, with an edit waiting for review
 * (by an agent of a third agency: citizens propose edits instead, see guide-proposals.test.ts).
 */
const guideWithPendingEdit = async (procedure: ID): Promise<{ id: ID; title: string }> => {
  const { agency } = await app.payload.findByID({ collection: 'procedures', depth: 0, id: procedure })
  const own = await app.payload.create({
    collection: 'procedures',
    data: { agency, slug: `demarche-${unique()}`, title: 'Une démarche' },
  })
  const title = `Guide ${unique()}`
  const guide = await app.payload.create({ collection: 'guides', data: { _status: 'published', procedure: own.id, title } })
  const edit = await app.api('PATCH', `/guides/${guide.id}?depth=0`, {
    body: { _status: 'published', title: `${title} (modifié par Ousmane)` },
    token: outsider.token,
  })
  expect(edit.status).toBe(200)
  return { id: guide.id, title }
}

const publishedTitle = async (guide: ID) => (await app.payload.findByID({ collection: 'guides', depth: 0, id: guide })).title

describe('promoting', () => {
  it('refuses an agent appending an answer of their agency to another agency’s existing wiki page', async () => {
    const answer = await answerOn(procedureA, agentA)
    const page = await pageOn(procedureB)
    const response = await post(`/answers/${answer}/promote`, agentA, { wikiPage: page })
    expect(response.status).toBe(403)
    expect((await errorOf(response)).code).toBe('forbidden')
    expect((await pageDraft(page)).sources).toEqual([])
    expect((await app.payload.findByID({ collection: 'answers', depth: 0, id: answer })).promotedTo ?? null).toBeNull()
  })

  it('refuses a tip appended to a page attached to no procedure, which only editors write', async () => {
    const tip = await tipOn(procedureA, agentA)
    const page = await pageOn(null)
    expect((await post(`/tips/${tip}/promote`, agentA, { wikiPage: page })).status).toBe(403)
    expect((await pageDraft(page)).sources).toEqual([])
    expect((await post(`/tips/${tip}/promote`, editor, { wikiPage: page })).status).toBe(200)
  })

  it('lets the agent append to their own agency’s page, and refuses promoting another agency’s answer', async () => {
    const page = await pageOn(procedureA)
    const answer = await answerOn(procedureA, agentA)
    expect((await post(`/answers/${answer}/promote`, agentA, { wikiPage: page })).status).toBe(200)
    expect((await pageDraft(page)).sources).toHaveLength(1)
    const elsewhere = await answerOn(procedureB, agentB)
    expect((await post(`/answers/${elsewhere}/promote`, agentA, {})).status).toBe(403)
    expect((await post(`/answers/${elsewhere}/promote`, agentA, { wikiPage: page })).status).toBe(403)
  })
})

describe('validating and verifying', () => {
  it('refuses an agent validating another agency’s answer or tip', async () => {
    const answer = await answerOn(procedureB)
    const tip = await tipOn(procedureB)
    expect((await post(`/answers/${answer}/validate`, agentA)).status).toBe(403)
    expect((await post(`/tips/${tip}/validate`, agentA)).status).toBe(403)
    expect((await app.payload.findByID({ collection: 'tips', depth: 0, id: tip })).validatedAt ?? null).toBeNull()
  })

  it('refuses an agent verifying another agency’s guide', async () => {
    const { id } = await guideWithPendingEdit(procedureB)
    const response = await post(`/guides/${id}/verify`, agentA)
    expect(response.status).toBe(403)
    expect((await errorOf(response)).message).toMatch(/own agency/)
    expect((await app.payload.findByID({ collection: 'guides', depth: 0, id })).verifiedAt ?? null).toBeNull()
    expect((await post(`/guides/${id}/verify`, agentB)).status).toBe(200)
  })
})

describe('guide edits', () => {
  it('refuses an agent publishing the pending edit of another agency’s guide', async () => {
    const guide = await guideWithPendingEdit(procedureB)
    const response = await post(`/guides/${guide.id}/publish-edit`, agentA)
    expect(response.status).toBe(403)
    expect((await errorOf(response)).code).toBe('forbidden')
    expect(await publishedTitle(guide.id)).toBe(guide.title)
    expect((await post(`/guides/${guide.id}/publish-edit`, agentB)).status).toBe(200)
    expect(await publishedTitle(guide.id)).toBe(`${guide.title} (modifié par Ousmane)`)
  })

  it('refuses an agent rejecting it, and through GraphQL publishing it', async () => {
    const guide = await guideWithPendingEdit(procedureB)
    expect((await post(`/guides/${guide.id}/reject-edit`, agentA)).status).toBe(403)
    const published = await graphQL(app, 'mutation($id: ID!) { publishGuideEdit(id: $id) { id title } }', {
      token: agentA.token,
      variables: { id: guide.id },
    })
    expect(firstError(published)).toMatchObject({ code: 'forbidden', status: 403 })
    expect(await publishedTitle(guide.id)).toBe(guide.title)
    const rejected = await graphQL(app, 'mutation($id: ID!) { rejectGuideEdit(id: $id) { versionId } }', {
      token: agentB.token,
      variables: { id: guide.id },
    })
    expect(rejected.errors).toEqual([])
  })

  it('saves an agent’s own publish of another agency’s guide as a draft waiting for review', async () => {
    const guide = await guideWithPendingEdit(procedureB)
    const response = await app.api('PATCH', `/guides/${guide.id}?depth=0`, {
      body: { _status: 'published', title: `${guide.title} (par l’agente ANTS)` },
      token: agentA.token,
    })
    expect(response.status).toBe(200)
    expect(await publishedTitle(guide.id)).toBe(guide.title)
  })

  it('offers an agent only their agency’s guide edits to review', async () => {
    const mine = await guideWithPendingEdit(procedureA)
    const theirs = await guideWithPendingEdit(procedureB)
    const user = await app.payload.findByID({ collection: 'users', id: agentA.id })
    const req = await createLocalReq({ user: { ...user, collection: 'users' } }, app.payload)
    const listed = (await findGuideEditsAwaitingReview({ req })).map((review) => String(review.guideId))
    expect(listed).toContain(String(mine.id))
    expect(listed).not.toContain(String(theirs.id))
    expect(await countGuideEditsAwaitingReview({ req })).toBe(listed.length)
  })
})

describe('the guide edit form', () => {
  it('tells an agent their edit of another agency’s guide waits for review, and says nothing on their own', async () => {
    const mine = await guideWithPendingEdit(procedureA)
    const theirs = await guideWithPendingEdit(procedureB)
    const user = await app.payload.findByID({ collection: 'users', id: agentA.id })
    const req = await createLocalReq({ user: { ...user, collection: 'users' } }, app.payload)
    const notice = async (id: ID) =>
      renderToStaticMarkup(await GuideReviewNotice({ id, req } as unknown as UIFieldServerProps))
    expect(await notice(theirs.id)).toContain('entraide-notice')
    expect(await notice(mine.id)).toBe('')
  })

  it('tells a citizen, who may not edit guides, to propose their edit from the procedure page', async () => {
    const guide = await guideWithPendingEdit(procedureA)
    const user = await app.payload.findByID({ collection: 'users', id: asker.id })
    const req = await createLocalReq({ user: { ...user, collection: 'users' } }, app.payload)
    const notice = renderToStaticMarkup(await GuideReviewNotice({ id: guide.id, req } as unknown as UIFieldServerProps))
    expect(notice).toMatch(/Improve this guide|Améliorer ce guide/)
    expect(notice).toContain('role="note"')
  })
})

describe('wiki pages', () => {
  it('refuses an agent editing another agency’s wiki page', async () => {
    const page = await pageOn(procedureB)
    const before = (await pageDraft(page)).title
    const response = await app.api('PATCH', `/wiki-pages/${page}?depth=0`, {
      body: { title: 'Réécrite par une autre agence' },
      token: agentA.token,
    })
    expect(response.status).toBe(403)
    expect((await pageDraft(page)).title).toBe(before)
  })

  it('refuses an agent moving their page to another agency’s procedure, or creating a page there', async () => {
    const page = await pageOn(procedureA)
    const moved = await app.api('PATCH', `/wiki-pages/${page}?depth=0`, {
      body: { procedure: procedureB },
      token: agentA.token,
    })
    expect(moved.status).toBe(403)
    expect((await pageDraft(page)).procedure).toEqual(procedureA)
    const created = await app.api('POST', '/wiki-pages?depth=0', {
      body: { procedure: procedureB, slug: `page-${unique()}`, title: 'Une page d’ailleurs' },
      token: agentA.token,
    })
    expect(created.status).toBe(403)
    const unattached = await app.api('POST', '/wiki-pages?depth=0', {
      body: { slug: `page-${unique()}`, title: 'Une page sans démarche' },
      token: agentA.token,
    })
    expect(unattached.status).toBe(403)
  })

  it('lets an agent edit their own agency’s page (as a draft) and an editor edit any page', async () => {
    const own = await pageOn(procedureA)
    const edited = await app.api('PATCH', `/wiki-pages/${own}?depth=0`, {
      body: { title: 'Relue par l’agente' },
      token: agentA.token,
    })
    expect(edited.status).toBe(200)
    expect((await pageDraft(own)).title).toBe('Relue par l’agente')
    const elsewhere = await pageOn(procedureB)
    const byEditor = await app.api('PATCH', `/wiki-pages/${elsewhere}?depth=0`, {
      body: { title: 'Relue par l’éditrice' },
      token: editor.token,
    })
    expect(byEditor.status).toBe(200)
  })

  it('offers an agent only their agency’s pages as promotion targets', async () => {
    const answer = await answerOn(procedureA, agentA)
    const user = await app.payload.findByID({ collection: 'users', id: agentA.id })
    const req = await createLocalReq({ user: { ...user, collection: 'users' } }, app.payload)
    const state = await loadValidationState({ collection: 'answers', id: answer, req })
    const scope = state?.promotionScope ?? []
    expect(scope).toContain(String(procedureA))
    expect(scope).not.toContain(String(procedureB))
    const agencies = await app.payload.find({ collection: 'procedures', depth: 0, where: { id: { in: scope } } })
    expect(new Set(agencies.docs.map((doc) => String(doc.agency))).size).toBe(1)
    // The page picker's request: only pages of those procedures.
    const filter = scope.map((procedure, index) => `where[procedure][in][${index}]=${procedure}`).join('&')
    const listed = await json(
      await app.api('GET', `/wiki-pages?depth=0&draft=true&limit=100&${filter}`, { token: agentA.token }),
    )
    expect(listed.docs.length).toBeGreaterThan(0)
    expect(listed.docs.every((doc: { procedure: ID }) => scope.includes(String(doc.procedure)))).toBe(true)
  })
})

describe('malformed input', () => {
  it('answers a procedure id of the wrong shape with a refusal, never a server error', async () => {
    for (const procedure of ['pas-un-id', 'x'.repeat(80), { id: 'pas-un-id' }]) {
      const guide = await app.api('POST', '/guides?depth=0', {
        body: { _status: 'published', procedure, title: 'Un guide' },
        token: agentA.token,
      })
      expect(guide.status, JSON.stringify(procedure)).toBeGreaterThanOrEqual(400)
      expect(guide.status, JSON.stringify(procedure)).toBeLessThan(500)
      const page = await app.api('POST', '/wiki-pages?depth=0', {
        body: { procedure, slug: `page-${unique()}`, title: 'Une page' },
        token: agentA.token,
      })
      expect(page.status, JSON.stringify(procedure)).toBeGreaterThanOrEqual(400)
      expect(page.status, JSON.stringify(procedure)).toBeLessThan(500)
    }
    const guideId = (await guideWithPendingEdit(procedureA)).id
    const patched = await app.api('PATCH', `/guides/${guideId}?depth=0`, {
      body: { procedure: 'pas-un-id' },
      token: agentA.token,
    })
    expect(patched.status).toBeLessThan(500)
  })
})

describe('restoring versions', () => {
  it('refuses an agent of another agency, the guide’s own agent and a citizen restoring an old guide version', async () => {
    const guide = await guideWithPendingEdit(procedureB)
    await app.payload.update({ collection: 'guides', data: { _status: 'published', title: 'Deuxième version' }, id: guide.id })
    const { docs } = await app.payload.findVersions({
      collection: 'guides',
      sort: 'createdAt',
      where: { parent: { equals: guide.id } },
    })
    const first = docs[0]
    if (!first) throw new Error('no version')
    for (const person of [agentA, agentB, asker]) {
      const response = await app.api('POST', `/guides/versions/${first.id}?depth=0`, { body: {}, token: person.token })
      expect(response.status).toBe(403)
      expect(await publishedTitle(guide.id)).toBe('Deuxième version')
    }
    const byEditor = await app.api('POST', `/guides/versions/${first.id}?depth=0`, { body: {}, token: editor.token })
    expect(byEditor.status).toBe(200)
    expect(await publishedTitle(guide.id)).toBe(guide.title)
  })

  it('refuses an agent restoring an old version of another agency’s wiki page', async () => {
    const page = await pageOn(procedureB)
    await app.payload.update({ collection: 'wiki-pages', data: { title: 'Deuxième version' }, draft: true, id: page })
    const { docs } = await app.payload.findVersions({
      collection: 'wiki-pages',
      sort: 'createdAt',
      where: { parent: { equals: page } },
    })
    const first = docs[0]
    if (!first) throw new Error('no version')
    const response = await app.api('POST', `/wiki-pages/versions/${first.id}?depth=0`, { body: {}, token: agentA.token })
    expect(response.status).toBe(403)
    expect((await pageDraft(page)).title).toBe('Deuxième version')
    // Restoring is an editor's decision, even for an agent of the page's agency; an editor may.
    const own = await app.api('POST', `/wiki-pages/versions/${first.id}?depth=0`, { body: {}, token: agentB.token })
    expect(own.status).toBe(403)
    const byEditor = await app.api('POST', `/wiki-pages/versions/${first.id}?depth=0`, { body: {}, token: editor.token })
    expect(byEditor.status).toBe(200)
    expect((await pageDraft(page)).title).not.toBe('Deuxième version')
  })
})
