import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, json } from './helpers/fixtures.ts'
import { graphQL } from './helpers/graphql.ts'
import { notificationsSettled } from './helpers/notifications.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>

let app: TestApp
let procedureId: ID
let agencyId: ID
let asker: Person
let helper: Person
let other: Person
let agent: Person
let admin: Person

beforeAll(async () => {
  app = await startTestApp({ isDefaultInstance: true })
  const created = await createProcedure(app)
  procedureId = created.procedure.id
  agencyId = created.agency.id
  asker = await app.signUp({ name: 'Awa' })
  helper = await app.signUp({ name: 'Bruno' })
  other = await app.signUp({ name: 'Curieux' })
  agent = await app.signUp({ agency: agencyId, name: 'Agente Claire', role: 'agent' })
  admin = await app.signUp({ name: 'Admin', role: 'admin' })
})
afterAll(async () => {
  await app?.close()
})

const ask = async (person: Person, title = 'Faut-il de nouvelles photos ?') => {
  const response = await app.api('POST', '/threads?depth=0', {
    body: { body: 'Mon passeport expire bientôt.', procedure: procedureId, title },
    token: person.token,
  })
  expect(response.status).toBe(201)
  return (await json(response)).doc
}

const answer = async (person: Person, thread: ID, body = 'Oui, des photos de moins de six mois.') => {
  const response = await app.api('POST', '/answers?depth=0', { body: { body, thread }, token: person.token })
  expect(response.status).toBe(201)
  return (await json(response)).doc
}

const notificationsOf = async (person: Person, query = '') => {
  const response = await app.api('GET', `/notifications?depth=0&limit=100${query}`, { token: person.token })
  expect(response.status).toBe(200)
  return (await json(response)).docs as Array<Record<string, any>>
}

describe('notifications in the app (REST)', () => {
  it('tells the asker of a new answer, after the write, and shows it to nobody else', async () => {
    const thread = await ask(asker)
    const given = await answer(helper, thread.id)
    await notificationsSettled(app)

    const mine = await notificationsOf(asker)
    const about = mine.filter((each) => each.subjectId === String(given.id))
    expect(about).toHaveLength(1)
    expect(about[0]).toMatchObject({
      isRead: false,
      kind: 'answer-posted',
      recipient: asker.id,
      subjectCollection: 'answers',
      title: 'Nouvelle réponse à votre question',
    })
    expect(about[0]!.body).toContain('Faut-il de nouvelles photos ?')
    expect(about[0]!.link).toBe(`/demarches/passeport#entraide-answer-${given.id}`)
    // The answerer is not told about their own answer.
    expect((await notificationsOf(helper)).filter((each) => each.subjectId === String(given.id))).toHaveLength(0)

    const id = about[0]!.id
    // Someone else: not in their list, not by id, not through a `where` naming the asker.
    expect((await notificationsOf(other)).some((each) => each.id === id)).toBe(false)
    expect((await app.api('GET', `/notifications/${id}`, { token: other.token })).status).toBe(404)
    expect(await notificationsOf(other, `&where[recipient][equals]=${asker.id}`)).toHaveLength(0)
    expect(await notificationsOf(other, `&where[or][0][recipient][equals]=${asker.id}&where[or][1][id][equals]=${id}`)).toHaveLength(0)
    // Not even an admin reads someone's notification that was delivered well.
    expect((await app.api('GET', `/notifications/${id}`, { token: admin.token })).status).toBe(404)
    // Anonymous visitors read none.
    expect((await app.api('GET', `/notifications/${id}`)).status).toBe(403)

    // Only the recipient marks it read, and nothing else of it changes.
    const byOther = await app.api('PATCH', `/notifications/${id}`, { body: { isRead: true }, token: other.token })
    expect([403, 404]).toContain(byOther.status)
    const marked = await app.api('PATCH', `/notifications/${id}?depth=0`, {
      body: { isRead: true, kind: 'answer-validated', recipient: other.id, title: 'changed' },
      token: asker.token,
    })
    expect(marked.status).toBe(200)
    const doc = (await json(marked)).doc
    expect(doc).toMatchObject({ isRead: true, kind: 'answer-posted', recipient: asker.id, title: 'Nouvelle réponse à votre question' })
    expect(typeof doc.readAt).toBe('string')
    // Nobody creates or deletes notifications through the API.
    expect((await app.api('POST', '/notifications', { body: { kind: 'answer-posted', recipient: other.id, title: 'x' }, token: other.token })).status).toBe(403)
    expect([403, 404]).toContain((await app.api('DELETE', `/notifications/${id}`, { token: asker.token })).status)
  })

  it('counts unread notifications for the bell and marks them all read', async () => {
    const thread = await ask(asker, 'Combien coûte le timbre fiscal ?')
    await answer(helper, thread.id, 'Le timbre coûte 86 euros pour un adulte.')
    await notificationsSettled(app)
    const unread = await json(await app.api('GET', '/notifications/unread', { token: asker.token }))
    expect(unread.unread).toBeGreaterThanOrEqual(1)
    expect((await app.api('GET', '/notifications/unread')).status).toBe(401)
    const readAll = await app.api('POST', '/notifications/read-all', { body: {}, token: asker.token })
    expect(readAll.status).toBe(200)
    expect((await json(await app.api('GET', '/notifications/unread', { token: asker.token }))).unread).toBe(0)
  })
})

describe('notifications through GraphQL', () => {
  it('lists only my notifications and lets only me mark one read', async () => {
    const thread = await ask(asker, 'Où faire la pré-demande ?')
    await answer(helper, thread.id, 'Sur le site de l’ANTS.')
    await notificationsSettled(app)
    const mine = await graphQL(app, `{ Notifications(limit: 100) { docs { id kind isRead } } }`, { token: asker.token })
    expect(mine.errors).toEqual([])
    const ids: string[] = mine.data?.Notifications.docs.map((doc: { id: string }) => String(doc.id)) ?? []
    expect(ids.length).toBeGreaterThan(0)
    const target = ids[0]!

    const theirs = await graphQL(app, `{ Notifications(limit: 100) { docs { id } totalDocs } }`, { token: other.token })
    expect(theirs.data?.Notifications.docs.map((doc: { id: string }) => String(doc.id))).not.toContain(target)
    const byWhere = await graphQL(
      app,
      `{ Notifications(where: { recipient: { equals: ${JSON.stringify(asker.id)} } }, limit: 100) { docs { id title } totalDocs } }`,
      { token: other.token },
    )
    expect(byWhere.errors).toEqual([])
    expect(byWhere.data?.Notifications.totalDocs).toBe(0)
    // The asker's own query with the same filter finds them: the filter itself works.
    const ownWhere = await graphQL(
      app,
      `{ Notifications(where: { recipient: { equals: ${JSON.stringify(asker.id)} } }, limit: 100) { totalDocs } }`,
      { token: asker.token },
    )
    expect(ownWhere.data?.Notifications.totalDocs).toBeGreaterThan(0)
    const byId = await graphQL(app, `query ($id: ${typeof asker.id === 'number' ? 'Int' : 'String'}!) { Notification(id: $id) { id title } }`, {
      token: other.token,
      variables: { id: typeof asker.id === 'number' ? Number(target) : target },
    })
    expect(byId.data?.Notification ?? null).toBeNull()

    const mutation = `mutation ($id: ${typeof asker.id === 'number' ? 'Int' : 'String'}!) { updateNotification(id: $id, data: { isRead: true }) { id isRead } }`
    const variables = { id: typeof asker.id === 'number' ? Number(target) : target }
    const refused = await graphQL(app, mutation, { token: other.token, variables })
    expect(refused.errors.length).toBeGreaterThan(0)
    const stored = await app.payload.findByID({ collection: 'notifications', id: target, overrideAccess: true })
    expect(stored.isRead).toBe(false)
    const done = await graphQL(app, mutation, { token: asker.token, variables })
    expect(done.errors).toEqual([])
    expect(done.data?.updateNotification.isRead).toBe(true)
  })
})
