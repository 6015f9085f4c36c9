import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { firstError, graphQL } from './helpers/graphql.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

/** Payload's own collections and generic routes, seen from the API by each role (issue 9, findings 6, 7 and 11). */

const partner = 'https://partenaire.example'

let app: TestApp
let procedureId: ID
let smallProcedureId: ID
let guideId: ID
let wikiPageId: ID
type Person = { id: ID; token: string; email: string }
let citizen: Person
let otherCitizen: Person
let suspended: Person
let agent: Person
let editor: Person
let admin: Person

/** An id as a GraphQL literal: a number where ids are numbers, a string otherwise. */
const literal = (id: unknown): string => (typeof id === 'number' ? String(id) : JSON.stringify(String(id)))

const publishedGuide = async (title: string, procedure: ID): Promise<ID> => {
  const guide = await app.payload.create({
    collection: 'guides',
    data: { _status: 'published', procedure, title },
  })
  return guide.id
}

beforeAll(async () => {
  app = await startTestApp({
    entraide: { allowedOrigins: [partner], rateLimits: false },
    isDefaultInstance: true,
  })
  const { agency, procedure } = await createProcedure(app, { slug: 'passeport' })
  procedureId = procedure.id
  const small = await app.payload.create({
    collection: 'procedures',
    data: { agency: agency.id, slug: 'acte', steps: [{ title: 'Demander en ligne' }], title: 'Acte de naissance' },
  })
  smallProcedureId = small.id
  guideId = await publishedGuide('Guide du passeport', procedureId)
  const wiki = await app.payload.create({
    collection: 'wiki-pages',
    data: { _status: 'published', procedure: procedureId, slug: 'photos', title: 'Photos du passeport' },
  })
  wikiPageId = wiki.id
  citizen = await app.signUp({ role: 'citizen' })
  otherCitizen = await app.signUp({ role: 'citizen' })
  suspended = await app.signUp({ role: 'citizen' })
  await app.payload.update({
    collection: 'users',
    data: { isSuspended: true, suspensionReason: 'Spam' },
    id: suspended.id,
  })
  agent = await app.signUp({ agency: agency.id, role: 'agent' })
  editor = await app.signUp({ role: 'editor' })
  admin = await app.signUp({ role: 'admin' })
}, 120_000)

afterAll(async () => {
  await app?.close()
})

/** An account made through the public sign-up, signed in. */
const signUpPublicly = async (): Promise<Person> => {
  const email = `inscrite-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`
  const password = 'correct horse battery staple'
  const created = await app.api('POST', '/users', { body: { displayName: 'Inscrite', email, password } })
  expect(created.status).toBe(201)
  // The emailed link's token, read where Payload keeps it, followed through Payload's route.
  const stored = await app.payload.find({
    collection: 'users',
    showHiddenFields: true,
    where: { email: { equals: email } },
  })
  const verificationToken = String(stored.docs[0]?._verificationToken ?? '')
  expect((await app.api('POST', `/users/verify/${verificationToken}`)).status).toBe(200)
  const signedIn = await json(await app.api('POST', '/users/login', { body: { email, password } }))
  return { email, id: signedIn.user.id, token: signedIn.token }
}

/** A lock as the admin panel writes one when someone opens a document (straight to the database). */
const lockAs = async (person: Person, relationTo: string, value: ID) => {
  await app.inTransaction((req) =>
    app.payload.db.create({
      collection: 'payload-locked-documents',
      data: { document: { relationTo, value }, user: { relationTo: 'users', value: person.id } },
      req,
    }),
  )
}

const clearLocks = async () => {
  await app.inTransaction((req) =>
    app.payload.db.deleteMany({ collection: 'payload-locked-documents', req, where: { id: { exists: true } } }),
  )
}

describe('document locks (payload-locked-documents)', () => {
  it('refuses a citizen, suspended or not, who locks a guide in an admin’s name', async () => {
    for (const person of [citizen, suspended]) {
      const response = await app.api('POST', '/payload-locked-documents', {
        body: { document: { relationTo: 'guides', value: guideId }, user: { relationTo: 'users', value: admin.id } },
        token: person.token,
      })
      expect(response.status).toBe(403)
    }
    const { totalDocs } = await app.payload.find({ collection: 'payload-locked-documents' })
    expect(totalDocs).toBe(0)
    // The editor's save goes through.
    const save = await app.api('PATCH', `/guides/${guideId}`, {
      body: { title: 'Guide du passeport (relu)' },
      token: editor.token,
    })
    expect(save.status).toBe(200)
  })

  it('refuses a citizen who locks a wiki page or a procedure through GraphQL', async () => {
    for (const relationTo of ['wiki_pages', 'procedures'] as const) {
      const value = relationTo === 'procedures' ? procedureId : wikiPageId
      const response = await graphQL(
        app,
        `mutation ($value: JSON!) { createPayloadLockedDocument(data: { document: { relationTo: ${relationTo}, value: $value }, user: { relationTo: users, value: $value } }) { id } }`,
        { token: citizen.token, variables: { value } },
      )
      expect(firstError(response).status, JSON.stringify(response.errors)).toBe(403)
      expect(response.data?.createPayloadLockedDocument ?? null).toBeNull()
    }
    const { totalDocs } = await app.payload.find({ collection: 'payload-locked-documents' })
    expect(totalDocs).toBe(0)
  })

  it('never lets a citizen’s lock block staff: an editor saves a guide a citizen has open, an agent a wiki page', async () => {
    await lockAs(citizen, 'guides', guideId)
    const save = await app.api('PATCH', `/guides/${guideId}`, {
      body: { title: 'Guide du passeport' },
      token: editor.token,
    })
    expect(save.status).toBe(200)
    await lockAs(otherCitizen, 'wiki-pages', wikiPageId)
    const wikiSave = await app.api('PATCH', `/wiki-pages/${wikiPageId}?draft=true`, {
      body: { title: 'Photos du passeport (brouillon)' },
      token: agent.token,
    })
    expect(wikiSave.status).toBe(200)
    await clearLocks()
  })

  it('keeps staff locks binding, in the staff member’s own name', async () => {
    const created = await app.api('POST', '/payload-locked-documents', {
      body: { document: { relationTo: 'guides', value: guideId }, user: { relationTo: 'users', value: admin.id } },
      token: agent.token,
    })
    expect(created.status).toBe(201)
    const lock = (await json(created)).doc
    const holder = typeof lock.user.value === 'object' ? lock.user.value.id : lock.user.value
    expect(String(holder)).toBe(String(agent.id))
    // Another staff member and a citizen are both told the guide is being edited (the lock is checked
    // first; without it, a citizen's save is a 403: citizens propose edits instead).
    const editorSave = await app.api('PATCH', `/guides/${guideId}`, {
      body: { title: 'Autre titre' },
      token: editor.token,
    })
    expect(editorSave.status).toBe(423)
    const citizenSave = await app.api('PATCH', `/guides/${guideId}`, {
      body: { title: 'Autre titre' },
      token: citizen.token,
    })
    expect(citizenSave.status).toBe(423)
    // People who signed up on the site neither see staff locks nor release them; staff see them.
    const community = await signUpPublicly()
    const seenByCommunity = await json(await app.api('GET', '/payload-locked-documents', { token: community.token }))
    expect(seenByCommunity.totalDocs).toBe(0)
    const seenByEditor = await json(await app.api('GET', '/payload-locked-documents', { token: editor.token }))
    expect(seenByEditor.totalDocs).toBe(1)
    const release = await app.api('DELETE', `/payload-locked-documents/${lock.id}`, { token: community.token })
    expect([403, 404]).toContain(release.status)
    const forged = await app.api('POST', '/payload-locked-documents', {
      body: { globalSlug: 'anything', user: { relationTo: 'users', value: admin.id } },
      token: community.token,
    })
    expect(forged.status).toBe(403)
    // A citizen the host created neither takes the lock over nor releases it.
    const takeOver = await app.api('PATCH', `/payload-locked-documents/${lock.id}`, {
      body: { user: { relationTo: 'users', value: citizen.id } },
      token: citizen.token,
    })
    expect(takeOver.status).toBe(403)
    const released = await app.api('DELETE', `/payload-locked-documents/${lock.id}`, { token: citizen.token })
    expect([403, 404]).toContain(released.status)
    expect(
      (await app.api('PATCH', `/guides/${guideId}`, { body: { title: 'Autre titre' }, token: editor.token })).status,
    ).toBe(423)
    await clearLocks()
  })
})

describe('preferences (payload-preferences)', () => {
  it('keeps each person’s preferences their own, whatever user is sent', async () => {
    const own = await app.api('POST', '/payload-preferences/collection-guides', {
      body: { value: { limit: 25 } },
      token: admin.token,
    })
    expect(own.status).toBe(200)
    const forged = await app.api('POST', '/payload-preferences', {
      body: { key: 'nav', user: { relationTo: 'users', value: admin.id }, value: { open: true } },
      token: citizen.token,
    })
    expect([201, 403]).toContain(forged.status)
    const seenByCitizen = await json(await app.api('GET', '/payload-preferences?limit=100', { token: citizen.token }))
    for (const preference of seenByCitizen.docs) {
      const holder = typeof preference.user.value === 'object' ? preference.user.value.id : preference.user.value
      expect(String(holder)).toBe(String(citizen.id))
    }
    const adminOnes = await app.payload.find({
      collection: 'payload-preferences',
      where: { 'user.value': { equals: admin.id } },
    })
    expect(adminOnes.docs.map((doc) => doc.key)).toEqual(['collection-guides'])
    // Asking for the admin's key by name gives the citizen nothing of the admin's.
    const byKey = await app.api('GET', '/payload-preferences/collection-guides', { token: citizen.token })
    expect(byKey.status === 404 || (await json(byKey)).value === null).toBe(true)
  })
})

describe('Payload’s jobs queue (payload-jobs)', () => {
  it('is closed to every signed-in person through the API', async () => {
    for (const person of [citizen, editor, admin]) {
      expect((await app.api('GET', '/payload-jobs', { token: person.token })).status).toBe(403)
      const queued = await app.api('POST', '/payload-jobs', {
        body: { input: {}, queue: 'entraide-search', taskSlug: 'entraide-search-sync' },
        token: person.token,
      })
      expect(queued.status).toBe(403)
    }
  })
})

describe('version routes', () => {
  it('answers 404, never 500, on collections that keep no versions, for every role', async () => {
    for (const person of [citizen, agent, editor, admin]) {
      for (const slug of ['tips', 'procedures', 'threads', 'answers', 'agencies', 'votes', 'reports']) {
        const list = await app.api('GET', `/${slug}/versions`, { token: person.token })
        expect(list.status, `${slug} versions`).toBe(404)
        const one = await app.api('GET', `/${slug}/versions/1`, { token: person.token })
        expect(one.status, `${slug} version`).toBe(404)
      }
    }
    const restore = await app.api('POST', '/procedures/versions/1', { token: admin.token })
    expect(restore.status).toBe(404)
    const anonymous = await app.api('GET', '/tips/versions')
    expect(anonymous.status).toBe(404)
  })

  it('answers 403 to citizens on the versions of guides and wiki pages', async () => {
    for (const slug of ['guides', 'wiki-pages']) {
      expect((await app.api('GET', `/${slug}/versions`, { token: citizen.token })).status).toBe(403)
      // An id that may exist is refused (403); one that cannot be an id of this database is simply not found (404).
      expect([403, 404]).toContain((await app.api('GET', `/${slug}/versions/1`, { token: citizen.token })).status)
    }
  })

  it('refuses a citizen and an agent who restore an old draft of a guide; an editor may', async () => {
    const id = await publishedGuide('Guide de l’acte', smallProcedureId)
    await app.payload.update({ collection: 'guides', data: { title: 'Brouillon ancien' }, draft: true, id })
    await app.payload.update({ collection: 'guides', data: { _status: 'published', title: 'Guide publié' }, id })
    const { docs } = await app.payload.findVersions({
      collection: 'guides',
      where: { and: [{ parent: { equals: id } }, { 'version._status': { equals: 'draft' } }] },
    })
    const draftVersion = docs.find((version) => version.version.title === 'Brouillon ancien')
    expect(draftVersion).toBeDefined()
    for (const person of [citizen, agent]) {
      const response = await app.api('POST', `/guides/versions/${draftVersion?.id}`, { token: person.token })
      expect(response.status).toBe(403)
    }
    const viaGraphQL = await graphQL(app, `mutation { restoreVersionGuide(id: ${literal(draftVersion?.id)}) { id } }`, {
      token: citizen.token,
    })
    expect(firstError(viaGraphQL).status).toBe(403)
    // Readers still see the published guide.
    const read = await app.api('GET', `/guides/${id}`)
    expect(read.status).toBe(200)
    expect((await json(read)).title).toBe('Guide publié')
    const byEditor = await app.api('POST', `/guides/versions/${draftVersion?.id}`, { token: editor.token })
    expect(byEditor.status).toBe(200)
  })
})

describe('system fields', () => {
  it('never takes createdAt, updatedAt or id from a citizen’s new tip', async () => {
    const response = await app.api('POST', '/tips', {
      body: {
        body: 'Prenez rendez-vous tôt le matin, les créneaux partent vite.',
        createdAt: '2099-01-01T00:00:00.000Z',
        id: 987_654,
        procedure: procedureId,
        updatedAt: '2099-01-01T00:00:00.000Z',
      },
      token: citizen.token,
    })
    expect(response.status).toBe(201)
    const { doc } = await json(response)
    expect(String(doc.id)).not.toBe('987654')
    expect(new Date(doc.createdAt).getFullYear()).toBeLessThan(2099)
    expect(new Date(doc.updatedAt).getFullYear()).toBeLessThan(2099)
  })

  it('never takes them on an edit through GraphQL, nor at sign-up', async () => {
    const thread = await app.api('POST', '/threads', {
      body: { body: 'Faut-il une photo récente ?', procedure: procedureId, title: 'Photo pour le passeport' },
      token: citizen.token,
    })
    const threadId = (await json(thread)).doc.id
    const edited = await graphQL(
      app,
      `mutation { updateThread(id: ${literal(threadId)}, data: { createdAt: "1999-01-01T00:00:00.000Z", updatedAt: "1999-01-01T00:00:00.000Z", title: "Photo récente pour le passeport" }) { id createdAt updatedAt } }`,
      { token: citizen.token },
    )
    expect(edited.errors).toEqual([])
    expect(new Date(edited.data?.updateThread.createdAt).getFullYear()).toBeGreaterThan(2020)
    expect(new Date(edited.data?.updateThread.updatedAt).getFullYear()).toBeGreaterThan(2020)
    const email = `venue-${Date.now()}@example.test`
    const signUp = await app.api('POST', '/users', {
      body: { createdAt: '2001-09-09T00:00:00.000Z', displayName: 'Nouvelle venue', email, password: 'correct horse battery staple' },
    })
    expect(signUp.status).toBe(201)
    const stored = await app.payload.find({ collection: 'users', where: { email: { equals: email } } })
    expect(new Date(stored.docs[0]?.createdAt ?? 0).getFullYear()).toBeGreaterThan(2020)
  })
})

describe('steps', () => {
  it('refuses a tip on step 42 of a two-step procedure, naming the field', async () => {
    const response = await app.api('POST', '/tips', {
      body: { body: 'Un conseil sur une étape qui n’existe pas.', procedure: procedureId, step: 42 },
      token: citizen.token,
    })
    expect(response.status).toBe(400)
    const error = await errorOf(response)
    expect(error.field).toBe('step')
    expect(error.message).toMatch(/0 to 1/)
  })

  it('refuses a question on the step just past the last, and a move to a procedure with fewer steps', async () => {
    const past = await graphQL(
      app,
      `mutation { createThread(data: { title: "Étape au-delà de la dernière", body: "Quelle est cette étape ?", procedure: ${literal(smallProcedureId)}, step: 1, visibility: published, status: open }) { id } }`,
      { token: citizen.token },
    )
    expect(firstError(past).status).toBe(400)
    expect(firstError(past).field).toBe('step')
    const onLast = await app.api('POST', '/threads', {
      body: { body: 'Où prendre rendez-vous ?', procedure: procedureId, step: 1, title: 'Rendez-vous en mairie' },
      token: citizen.token,
    })
    expect(onLast.status).toBe(201)
    const moved = await app.api('PATCH', `/threads/${(await json(onLast)).doc.id}`, {
      body: { procedure: smallProcedureId },
      token: citizen.token,
    })
    expect(moved.status).toBe(400)
    expect((await errorOf(moved)).field).toBe('step')
    const negative = await app.api('POST', '/tips', {
      body: { body: 'Une étape négative, pour voir.', procedure: procedureId, step: -1 },
      token: citizen.token,
    })
    expect(negative.status).toBe(400)
  })
})

describe('body size', () => {
  const big = (bytes: number) => 'x'.repeat(bytes)

  it('refuses a 2 MB tip and a 2 MB guide edit with 413 naming the limit', async () => {
    const tip = await app.api('POST', '/tips', {
      body: { body: big(2 * 1024 * 1024), procedure: procedureId },
      token: citizen.token,
    })
    expect(tip.status).toBe(413)
    expect((await errorOf(tip)).message).toMatch(/1024 KB/)
    const guide = await app.api('PATCH', `/guides/${guideId}`, {
      body: { title: big(2 * 1024 * 1024) },
      token: editor.token,
    })
    expect(guide.status).toBe(413)
  })

  it('refuses a 1 MB sign-in and a sign-up streamed without a length, with 413 naming 64 KB', async () => {
    const signIn = await app.api('POST', '/users/login', {
      body: { email: citizen.email, password: big(1024 * 1024) },
    })
    expect(signIn.status).toBe(413)
    expect((await errorOf(signIn)).message).toMatch(/64 KB/)
    const chunk = new TextEncoder().encode(big(16 * 1024))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        sent += 1
        if (sent > 1000) controller.close()
        else controller.enqueue(chunk)
      },
    })
    const request = new Request('http://localhost:3000/api/users', {
      body: stream,
      duplex: 'half',
      headers: { 'Content-Type': 'application/json' },
      method: 'POST',
    } as RequestInit)
    const { handleEndpoints } = await import('payload')
    const response = await handleEndpoints({ config: app.config, payloadInstanceCacheKey: 'default', request })
    expect(response.status).toBe(413)
    // The stream was not read to its end.
    expect(sent).toBeLessThan(20)
  })

  it('keeps 64 KB on Entraide’s own endpoints', async () => {
    const response = await app.api('POST', `/guides/${guideId}/report`, {
      body: { note: big(100 * 1024), reason: 'other' },
      token: citizen.token,
    })
    expect(response.status).toBe(413)
  })

  it('still saves the admin panel’s form posts (multipart, with the document in _payload)', async () => {
    const form = new FormData()
    form.append('_payload', JSON.stringify({ title: 'Guide du passeport (formulaire)' }))
    const request = new Request(`http://localhost:3000/api/guides/${guideId}?depth=0`, {
      body: form,
      headers: { Authorization: `JWT ${editor.token}`, Origin: 'http://localhost:3000' },
      method: 'PATCH',
    })
    const { handleEndpoints } = await import('payload')
    const response = await handleEndpoints({ config: app.config, payloadInstanceCacheKey: 'default', request })
    expect(response.status).toBe(200)
    expect((await json(response)).doc.title).toBe('Guide du passeport (formulaire)')
    const tooBig = new FormData()
    tooBig.append('_payload', JSON.stringify({ title: big(2 * 1024 * 1024) }))
    const refused = await handleEndpoints({
      config: app.config,
      payloadInstanceCacheKey: 'default',
      request: new Request(`http://localhost:3000/api/guides/${guideId}`, {
        body: tooBig,
        headers: { Authorization: `JWT ${editor.token}` },
        method: 'PATCH',
      }),
    })
    expect(refused.status).toBe(413)
  })

  it('still accepts ordinary writes and sign-ins', async () => {
    const signIn = await app.api('POST', '/users/login', {
      body: { email: citizen.email, password: 'correct horse battery staple' },
    })
    expect(signIn.status).toBe(200)
  })
})

describe('list limits', () => {
  beforeAll(async () => {
    for (let index = 0; index < 105; index += 1) {
      await app.payload.create({
        collection: 'tips',
        context: { skipSearchSync: true },
        data: { body: `Conseil numéro ${index} sur le passeport.`, procedure: procedureId },
      })
    }
  }, 120_000)

  it('returns at most 100 tips for limit=0, limit=100000 and pagination=false', async () => {
    for (const query of ['limit=0', 'limit=100000', 'pagination=false', 'pagination=false&limit=0']) {
      const response = await app.api('GET', `/tips?${query}`)
      expect(response.status, query).toBe(200)
      const body = await json(response)
      expect(body.docs.length, query).toBeLessThanOrEqual(100)
      expect(body.totalDocs, query).toBeGreaterThanOrEqual(105)
    }
    const page = await json(await app.api('GET', '/tips?limit=25&page=2'))
    expect(page.docs.length).toBe(25)
  })

  it('caps the versions list of guides too', async () => {
    const response = await app.api('GET', '/guides/versions?limit=0', { token: editor.token })
    expect(response.status).toBe(200)
    expect((await json(response)).limit).toBe(100)
  })

  it('does not cap what server code reads on a request’s behalf: a reindex counts every tip', async () => {
    const response = await app.api('POST', '/entraide/reindex', { token: editor.token })
    expect(response.status).toBe(200)
    const { byType } = await json(response)
    expect(byType.tip).toBeGreaterThanOrEqual(105)
  })

  it('caps GraphQL lists the same way', async () => {
    const response = await graphQL(app, '{ Tips(limit: 0) { docs { id } totalDocs } }', { token: citizen.token })
    expect(response.errors).toEqual([])
    expect(response.data?.Tips.docs.length).toBeLessThanOrEqual(100)
    expect(response.data?.Tips.totalDocs).toBeGreaterThanOrEqual(105)
  })
})

describe('cross-site requests', () => {
  const vote = (headers: Record<string, string>, token = otherCitizen.token, body?: string) =>
    app.api('POST', `/guides/${guideId}/vote`, {
      headers,
      rawBody: body ?? JSON.stringify({ value: 1 }),
      token,
    })

  it('refuses a vote posted from another site, as text/plain or as a form', async () => {
    const foreign = await vote({ Origin: 'https://attaquant.example' })
    expect(foreign.status).toBe(403)
    expect((await errorOf(foreign)).code).toBe('cross-site')
    const plain = await app.api('POST', `/guides/${guideId}/vote`, {
      headers: { 'Content-Type': 'text/plain' },
      token: otherCitizen.token,
    })
    expect(plain.status).toBe(415)
    const form = new Request(`http://localhost:3000/api/guides/${guideId}/report`, {
      body: 'reason=spam',
      headers: { Authorization: `JWT ${otherCitizen.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      method: 'POST',
    })
    const { handleEndpoints } = await import('payload')
    const formResponse = await handleEndpoints({
      config: app.config,
      payloadInstanceCacheKey: 'default',
      request: form,
    })
    expect(formResponse.status).toBe(415)
    const sameSiteOnly = await vote({ 'Sec-Fetch-Site': 'cross-site' })
    expect(sameSiteOnly.status).toBe(403)
  })

  it('refuses a GraphQL mutation posted as text/plain, what another site could send', async () => {
    const { GRAPHQL_POST } = await import('@payloadcms/next/routes')
    const response = await GRAPHQL_POST(app.config)(
      new Request('http://localhost:3000/api/graphql', {
        body: JSON.stringify({
          query: `mutation { castVote(collection: guides, id: ${literal(guideId)}, value: -1) { score } }`,
        }),
        headers: {
          Authorization: `JWT ${admin.token}`,
          'Content-Type': 'text/plain',
          Origin: 'https://attaquant.example',
        },
        method: 'POST',
      }),
    )
    expect(response.status).toBe(415)
    const votes = await app.payload.find({ collection: 'votes', where: { user: { equals: admin.id } } })
    expect(votes.totalDocs).toBe(0)
  })

  it('refuses collection writes and sign-in from another site', async () => {
    const thread = await app.api('POST', '/threads', {
      body: { body: 'Question envoyée depuis un autre site.', procedure: procedureId, title: 'Question d’ailleurs' },
      headers: { Origin: 'https://attaquant.example' },
      token: citizen.token,
    })
    expect(thread.status).toBe(403)
    const edit = await app.api('PATCH', `/guides/${guideId}`, {
      body: { title: 'Titre changé d’ailleurs' },
      headers: { Origin: 'http://localhost:3000.attaquant.example' },
      token: editor.token,
    })
    expect(edit.status).toBe(403)
    const signIn = await app.api('POST', '/users/login', {
      body: { email: citizen.email, password: 'correct horse battery staple' },
      headers: { Origin: 'null' },
    })
    expect(signIn.status).toBe(403)
  })

  it('accepts the app’s own pages, the allowed origins and requests without Origin', async () => {
    expect((await vote({ Origin: 'http://localhost:3000', 'Sec-Fetch-Site': 'same-origin' })).status).toBe(200)
    expect((await vote({ Origin: partner, 'Sec-Fetch-Site': 'cross-site' }, citizen.token)).status).toBe(200)
    expect((await vote({}, agent.token)).status).toBe(200)
    const thread = await app.api('POST', '/threads', {
      body: {
        body: 'Question posée depuis le site partenaire.',
        procedure: procedureId,
        title: 'Question du partenaire',
      },
      headers: { Origin: partner },
      token: citizen.token,
    })
    expect(thread.status).toBe(201)
  })
})
