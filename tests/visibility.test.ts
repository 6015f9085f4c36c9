import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, json, proposeGuideEdit } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

let app: TestApp
type Person = Awaited<ReturnType<TestApp['signUp']>>
let author: Person
let other: Person
let agent: Person
let admin: Person
let procedureId: ID
let agencyId: ID

beforeAll(async () => {
  app = await startTestApp()
  const { agency, procedure } = await createProcedure(app)
  procedureId = procedure.id
  agencyId = agency.id
  author = await app.signUp({ name: 'Autrice' })
  other = await app.signUp({ name: 'Autre' })
  agent = await app.signUp({ agency: agency.id, role: 'agent' })
  admin = await app.signUp({ role: 'admin' })
})
afterAll(async () => {
  await app?.close()
})

const ids = async (response: Response): Promise<string[]> => (await json(response)).docs.map((doc: { id: ID }) => doc.id)

describe('what readers see', () => {
  it('shows pending and hidden contributions to their author and agents only', async () => {
    const make = (visibility: 'pending' | 'published' | 'hidden') =>
      app.payload.create({
        collection: 'tips',
        data: { author: author.id, body: `Astuce ${visibility} pour le passeport.`, procedure: procedureId, visibility },
      })
    const pending = await make('pending')
    const hidden = await make('hidden')
    const published = await make('published')

    const anonymous = await ids(await app.api('GET', '/tips'))
    expect(anonymous).toContain(published.id)
    expect(anonymous).not.toContain(pending.id)
    expect(anonymous).not.toContain(hidden.id)
    expect((await app.api('GET', `/tips/${pending.id}`)).status).toBe(404)

    const otherCitizen = await ids(await app.api('GET', '/tips', { token: other.token }))
    expect(otherCitizen).toEqual([published.id])

    const own = await ids(await app.api('GET', '/tips', { token: author.token }))
    expect(own.sort()).toEqual([pending.id, hidden.id, published.id].sort())

    const agentView = await ids(await app.api('GET', '/tips', { token: agent.token }))
    expect(agentView).toHaveLength(3)
  })

  it('keeps a citizen’s guide proposal from other readers until an agent accepts it', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: procedureId, title: 'Guide publié du passeport' },
    })
    const edit = await proposeGuideEdit(app, { guide: guide.id, title: 'Titre proposé par une citoyenne', token: author.token })
    expect(edit.status).toBe(201)
    const proposal = (await json(edit)).proposal

    const publicRead = await json(await app.api('GET', `/guides/${guide.id}`))
    expect(publicRead.title).toBe('Guide publié du passeport')
    const otherRead = await json(await app.api('GET', `/guides/${guide.id}?draft=true`, { token: other.token }))
    expect(otherRead.title).toBe('Guide publié du passeport')
    expect((await app.api('GET', `/guide-proposals/${proposal.id}`, { token: other.token })).status).toBe(404)
    expect((await app.api('GET', `/guide-proposals/${proposal.id}`)).status).toBe(403)
    const own = await json(await app.api('GET', `/guide-proposals/${proposal.id}`, { token: author.token }))
    expect(own).toMatchObject({ status: 'pending', title: 'Titre proposé par une citoyenne' })

    const review = await app.api('POST', `/guide-proposals/${proposal.id}/accept`, { body: {}, token: agent.token })
    expect(review.status).toBe(200)
    expect((await json(await app.api('GET', `/guides/${guide.id}`))).title).toBe('Titre proposé par une citoyenne')
  })

  it('keeps a verification on the published guide while a proposal waits, and flags later changes', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'acte-naissance' })
    const localAgent = await app.signUp({ agency: agency.id, role: 'agent' })
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: procedure.id, title: 'Obtenir un acte de naissance' },
    })
    expect((await proposeGuideEdit(app, { guide: guide.id, title: 'Proposition en attente', token: author.token })).status).toBe(201)
    const verified = await app.api('POST', `/guides/${guide.id}/verify`, { token: localAgent.token })
    expect(verified.status).toBe(200)
    const live = await json(await app.api('GET', `/guides/${guide.id}?depth=0`))
    expect(live.title).toBe('Obtenir un acte de naissance')
    expect(live.verifiedBy).toBe(localAgent.id)
    expect(live.needsReview).toBe(false)

    await app.payload.update({ collection: 'procedures', data: { lastOfficialChange: new Date(Date.now() + 1000).toISOString() }, id: procedure.id })
    const flagged = await json(await app.api('GET', `/guides/${guide.id}?depth=0`))
    expect(flagged.needsReview).toBe(true)
    expect(flagged.verifiedBy).toBe(localAgent.id)
  })

  it('hides wiki drafts from citizens', async () => {
    const draft = await app.payload.create({
      collection: 'wiki-pages',
      data: { _status: 'draft', slug: 'brouillon', title: 'Brouillon officiel' },
      draft: true,
    })
    expect((await app.api('GET', `/wiki-pages/${draft.id}`, { token: author.token })).status).toBe(404)
    expect((await app.api('GET', `/wiki-pages/${draft.id}?draft=true`, { token: agent.token })).status).toBe(200)
  })
})

describe('protected fields', () => {
  it('never lets anyone raise their own role, set a reputation or an agency', async () => {
    const signup = await app.api('POST', '/users', {
      body: { agency: agencyId, displayName: 'Mallory', email: 'mallory@example.test', password: 'a long enough password', reputation: 999, role: 'admin' },
    })
    expect(signup.status).toBe(201)
    // The sign-up's answer carries no account (it is the same for an address in use): read what was stored.
    const [created] = (await app.payload.find({ collection: 'users', where: { email: { equals: 'mallory@example.test' } } })).docs
    if (!created) throw new Error('the sign-up stored no account')
    expect(created.role).toBe('citizen')
    expect(created.reputation).toBe(0)
    expect(created.agency ?? null).toBeNull()

    const self = await app.api('PATCH', `/users/${author.id}`, { body: { reputation: 500, role: 'editor' }, token: author.token })
    expect(self.status).toBe(200)
    const after = await app.payload.findByID({ collection: 'users', id: author.id })
    expect(after.role).toBe('citizen')
    expect(after.reputation).toBe(0)

    expect((await app.api('PATCH', `/users/${other.id}`, { body: { displayName: 'Piraté' }, token: author.token })).status).toBe(403)

    const promoted = await app.api('PATCH', `/users/${other.id}`, { body: { role: 'agent' }, token: admin.token })
    expect(promoted.status).toBe(200)
    expect((await app.payload.findByID({ collection: 'users', id: other.id })).role).toBe('agent')
    await app.payload.update({ collection: 'users', data: { role: 'citizen' }, id: other.id })
  })

  it('ignores author, validatedBy, status and score sent by clients', async () => {
    const created = await app.api('POST', '/threads?depth=0', {
      body: {
        acceptedAnswer: null,
        author: other.id,
        body: 'Peut-on faire la demande dans une autre ville ?',
        procedure: procedureId,
        score: 100,
        status: 'resolved',
        title: 'Demande dans une autre commune',
        visibility: 'hidden',
      },
      token: author.token,
    })
    expect(created.status).toBe(201)
    const thread = (await json(created)).doc
    expect(thread).toMatchObject({ author: author.id, score: 0, status: 'open', visibility: 'published' })

    const answer = await app.payload.create({
      collection: 'answers',
      data: { author: other.id, body: 'Oui, dans toute mairie équipée.', thread: thread.id, visibility: 'published' },
    })
    const patched = await app.api('PATCH', `/answers/${answer.id}?depth=0`, {
      body: { isAccepted: true, validatedAt: new Date().toISOString(), validatedBy: other.id },
      token: other.token,
    })
    expect(patched.status).toBe(200)
    const stored = await app.payload.findByID({ collection: 'answers', depth: 0, id: answer.id })
    expect(stored.validatedBy ?? null).toBeNull()
    expect(stored.validatedAt ?? null).toBeNull()
    expect(stored.isAccepted).toBe(false)
  })

  it('shows an email to its owner and admins only', async () => {
    const asAgent = await json(await app.api('GET', `/users/${author.id}`, { token: agent.token }))
    expect(asAgent.displayName).toBe('Autrice')
    expect(asAgent.email).toBeUndefined()
    expect((await json(await app.api('GET', `/users/${author.id}`, { token: author.token }))).email).toBe(author.email)
    expect((await json(await app.api('GET', `/users/${author.id}`, { token: admin.token }))).email).toBe(author.email)
    expect((await app.api('GET', `/users/${author.id}`)).status).toBe(403)
    const search = await app.api('GET', `/users?where[email][like]=${encodeURIComponent(author.email.slice(0, 5))}`, { token: agent.token })
    const found = search.status === 200 ? (await json(search)).docs : []
    expect(found.map((doc: { email?: string }) => doc.email)).not.toContain(author.email)
    expect(JSON.stringify(await json(await app.api('GET', '/threads?depth=2')))).not.toContain('@example.test')
  })

  it('clears a validation when the author rewrites the validated text', async () => {
    const tip = await app.payload.create({
      collection: 'tips',
      data: { author: author.id, body: 'Le timbre fiscal s’achète en ligne.', procedure: procedureId, visibility: 'published' },
    })
    expect((await app.api('POST', `/tips/${tip.id}/validate`, { token: agent.token })).status).toBe(200)
    await app.api('PATCH', `/tips/${tip.id}`, { body: { body: 'Le timbre fiscal s’achète chez le buraliste.' }, token: author.token })
    const stored = await app.payload.findByID({ collection: 'tips', id: tip.id })
    expect(stored.validatedAt ?? null).toBeNull()
  })
})
