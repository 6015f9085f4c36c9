import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { lexicalFromBlocks } from '../src/utilities/guideText.ts'
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
let editor: Person

beforeAll(async () => {
  app = await startTestApp({ entraide: { rateLimits: false }, isDefaultInstance: true })
  const created = await createProcedure(app)
  procedureId = created.procedure.id
  agencyId = created.agency.id
  asker = await app.signUp({ name: 'Awa' })
  helper = await app.signUp({ name: 'Bruno' })
  other = await app.signUp({ name: 'Curieux' })
  agent = await app.signUp({ agency: agencyId, name: 'Agente Claire', role: 'agent' })
  admin = await app.signUp({ name: 'Admin', role: 'admin' })
  editor = await app.signUp({ name: 'Éditrice', role: 'editor' })
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

/** Every notification of these people, by person: what a refused write must leave unchanged. */
const snapshot = async (people: Person[]) => Promise.all(people.map(async (person) => (await notificationsOf(person)).map((each) => each.id)))

describe('events', () => {
  it('notifies no one of a refused write', async () => {
    const thread = await ask(asker, 'Le délai est-il de trois semaines ?')
    const given = await answer(helper, thread.id, 'Plutôt quatre semaines en ce moment.')
    await notificationsSettled(app)
    const people = [asker, helper, other, agent]
    const before = await snapshot(people)

    // 403: someone else accepts; a citizen validates.
    expect((await app.api('POST', `/threads/${thread.id}/accept`, { body: { answer: given.id }, token: other.token })).status).toBe(403)
    expect((await app.api('POST', `/answers/${given.id}/validate`, { body: {}, token: other.token })).status).toBe(403)
    // 422: an answer with someone's phone number.
    const withPhone = await app.api('POST', '/answers?depth=0', {
      body: { body: 'Appelez-moi au 06 12 34 56 78 pour en parler.', thread: thread.id },
      token: other.token,
    })
    expect(withPhone.status).toBe(422)
    // 409: promoting an answer nobody validated.
    expect((await app.api('POST', `/answers/${given.id}/promote`, { body: {}, token: agent.token })).status).toBe(409)
    await notificationsSettled(app)
    expect(await snapshot(people)).toEqual(before)
  })

  it('tells each event once, even when its delivery runs again or the write repeats', async () => {
    const thread = await ask(asker, 'Peut-on payer en ligne ?')
    const first = await answer(helper, thread.id, 'Oui, avec un timbre électronique.')
    const second = await answer(other, thread.id, 'Oui, sur le site des impôts.')
    const accept = (id: ID) => app.api('POST', `/threads/${thread.id}/accept`, { body: { answer: id }, token: asker.token })
    expect((await accept(first.id)).status).toBe(200)
    expect((await accept(second.id)).status).toBe(200)
    expect((await accept(first.id)).status).toBe(200)
    await notificationsSettled(app)
    const acceptedOf = async (person: Person, answerId: ID) =>
      (await notificationsOf(person)).filter((each) => each.kind === 'answer-accepted' && each.subjectId === String(answerId))
    expect(await acceptedOf(helper, first.id)).toHaveLength(1)
    expect(await acceptedOf(other, second.id)).toHaveLength(1)

    // The same event delivered again (a job retried after it had created the notifications).
    const event = {
      actor: asker.id,
      exclude: [],
      followersOf: null,
      key: `answer-accepted:answers:${first.id}`,
      kind: 'answer-accepted',
      linkTo: null,
      note: null,
      subject: { collection: 'answers', id: first.id },
      to: [helper.id],
    }
    await app.payload.jobs.queue({ input: { event }, queue: 'entraide-notifications', task: 'entraide-notify' })
    await app.payload.jobs.run({ queue: 'entraide-notifications' })
    await notificationsSettled(app)
    expect(await acceptedOf(helper, first.id)).toHaveLength(1)
  })

  it('tells authors of moderation: published after waiting, or hidden with the reason', async () => {
    const thread = await ask(asker, 'Faut-il prendre rendez-vous ?')
    // An answer waiting for moderation (as a new account's would be) tells nobody yet.
    const waiting = await app.payload.create({
      collection: 'answers',
      data: { author: helper.id, body: 'Oui, dans la plupart des mairies.', thread: thread.id, visibility: 'pending' },
      overrideAccess: true,
    })
    expect(waiting.visibility).toBe('pending')
    await notificationsSettled(app)
    const aboutWaiting = async (person: Person) =>
      (await notificationsOf(person)).filter((each) => each.subjectId === String(waiting.id)).map((each) => each.kind).sort()
    expect(await aboutWaiting(asker)).toEqual([])

    const published = await app.api('POST', `/answers/${waiting.id}/moderate`, { body: { action: 'publish' }, token: agent.token })
    expect(published.status).toBe(200)
    await notificationsSettled(app)
    expect(await aboutWaiting(helper)).toEqual(['contribution-published'])
    expect(await aboutWaiting(asker)).toEqual(['answer-posted'])

    const hidden = await app.api('POST', `/answers/${waiting.id}/moderate`, {
      body: { action: 'hide', reason: 'Réponse hors sujet.' },
      token: editor.token,
    })
    expect(hidden.status).toBe(200)
    await notificationsSettled(app)
    const notice = (await notificationsOf(helper)).find((each) => each.kind === 'contribution-hidden' && each.subjectId === String(waiting.id))
    expect(notice).toMatchObject({ note: 'Réponse hors sujet.', title: 'Votre contribution a été masquée' })
    expect((await notificationsOf(editor)).some((each) => each.subjectId === String(waiting.id))).toBe(false)
  })

  it('tells the author of a guide proposal of its refusal with the note, and the guide’s followers of its changes', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: {
        _status: 'published',
        body: lexicalFromBlocks([{ kind: 'paragraph', text: 'Faire la pré-demande en ligne.' }]),
        procedure: procedureId,
        title: 'Renouveler son passeport',
      },
    })
    const proposed = await app.api('POST', `/guides/${guide.id}/proposals`, {
      body: { body: guide.body, title: 'Renouveler son passeport en 2026' },
      token: helper.token,
    })
    expect(proposed.status).toBe(201)
    const proposal = (await json(proposed)).proposal
    // Proposing follows the guide.
    expect((await json(await app.api('GET', `/guides/${guide.id}/follow`, { token: helper.token }))).isFollowing).toBe(true)
    const refused = await app.api('POST', `/guide-proposals/${proposal.id}/refuse`, {
      body: { note: 'Le titre doit rester celui de la démarche.' },
      token: agent.token,
    })
    expect(refused.status).toBe(200)
    await notificationsSettled(app)
    const notice = (await notificationsOf(helper)).find((each) => each.subjectId === String(proposal.id))
    expect(notice).toMatchObject({ kind: 'proposal-refused', note: 'Le titre doit rester celui de la démarche.' })

    // Someone who follows the guide hears of its next published revision.
    expect((await app.api('POST', `/guides/${guide.id}/follow`, { body: {}, token: other.token })).status).toBe(200)
    const changed = await app.api('PATCH', `/guides/${guide.id}`, {
      body: { _status: 'published', title: 'Renouveler son passeport (mis à jour)' },
      token: editor.token,
    })
    expect(changed.status).toBe(200)
    await notificationsSettled(app)
    const aboutGuide = (person: Person) =>
      notificationsOf(person).then((all) => all.filter((each) => each.subjectCollection === 'guides' && each.subjectId === String(guide.id)))
    expect((await aboutGuide(other)).map((each) => each.kind)).toEqual(['followed-update'])
    expect((await aboutGuide(helper)).map((each) => each.kind)).toEqual(['followed-update'])
    expect(await aboutGuide(editor)).toEqual([])
  })

  it('follows and unfollows a procedure; followers hear of official changes only while they follow', async () => {
    expect((await app.api('POST', `/procedures/${procedureId}/follow`, { body: {} })).status).toBe(401)
    expect((await app.api('POST', '/procedures/999999/follow', { body: {}, token: other.token })).status).toBe(404)
    const follow = await app.api('POST', `/procedures/${procedureId}/follow`, { body: {}, token: other.token })
    expect(await json(follow)).toEqual({ isFollowing: true })
    // Following twice changes nothing.
    expect((await app.api('POST', `/procedures/${procedureId}/follow`, { body: {}, token: other.token })).status).toBe(200)
    const aboutProcedure = async () =>
      (await notificationsOf(other)).filter((each) => each.subjectCollection === 'procedures' && each.subjectId === String(procedureId))

    // A change of wording only (the summary) is not an official change.
    expect((await app.api('PATCH', `/procedures/${procedureId}`, { body: { summary: 'Renouveler un passeport, pas à pas.' }, token: editor.token })).status).toBe(200)
    await notificationsSettled(app)
    expect(await aboutProcedure()).toHaveLength(0)
    expect((await app.api('PATCH', `/procedures/${procedureId}`, { body: { cost: '86 €' }, token: editor.token })).status).toBe(200)
    await notificationsSettled(app)
    expect((await aboutProcedure()).map((each) => each.kind)).toEqual(['followed-update'])

    expect(await json(await app.api('POST', `/procedures/${procedureId}/unfollow`, { body: {}, token: other.token }))).toEqual({ isFollowing: false })
    expect((await app.api('PATCH', `/procedures/${procedureId}`, { body: { cost: '88 €' }, token: editor.token })).status).toBe(200)
    await notificationsSettled(app)
    expect(await aboutProcedure()).toHaveLength(1)
    // Nobody reads another person's follows.
    const theirs = await app.api('GET', `/subscriptions?depth=0&where[user][equals]=${other.id}`, { token: asker.token })
    expect((await json(theirs)).docs).toEqual([])
  })

  it('keeps per-kind preferences: off tells nothing, and bad input is refused with a message', async () => {
    const refusedInput = await app.api('POST', '/notification-preferences/me', { body: { channels: { 'answer-posted': 'pigeon' } }, token: other.token })
    expect(refusedInput.status).toBe(400)
    expect((await app.api('POST', '/notification-preferences/me', { body: { channels: { unknown: 'off' } }, token: other.token })).status).toBe(400)
    const saved = await app.api('POST', '/notification-preferences/me', { body: { channels: { 'answer-posted': 'off' } }, token: other.token })
    expect((await json(saved)).channels).toMatchObject({ 'answer-posted': 'off', 'answer-accepted': 'email' })
    const thread = await ask(other, 'Peut-on faire la demande pour un enfant ?')
    await answer(helper, thread.id, 'Oui, avec l’autorisation des deux parents.')
    await notificationsSettled(app)
    expect((await notificationsOf(other)).filter((each) => each.kind === 'answer-posted')).toHaveLength(0)
  })
})

describe('notifications switched off', () => {
  it('records nothing and offers no follow', async () => {
    const off = await startTestApp({ entraide: { notifications: { enabled: false } } })
    try {
      const { procedure } = await createProcedure(off)
      const a = await off.signUp({})
      const b = await off.signUp({})
      const thread = (await json(await off.api('POST', '/threads?depth=0', { body: { body: 'Question sans suite.', procedure: procedure.id, title: 'Une question ?' }, token: a.token }))).doc
      expect((await off.api('POST', '/answers?depth=0', { body: { body: 'Une réponse.', thread: thread.id }, token: b.token })).status).toBe(201)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect((await off.payload.count({ collection: 'notifications', overrideAccess: true })).totalDocs).toBe(0)
      expect((await off.payload.count({ collection: 'subscriptions', overrideAccess: true })).totalDocs).toBe(0)
      expect((await off.api('POST', `/threads/${thread.id}/follow`, { body: {}, token: a.token })).status).toBe(404)
    } finally {
      await off.close()
    }
  }, 60_000)
})
