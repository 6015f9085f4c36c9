import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

let app: TestApp
type Person = Awaited<ReturnType<TestApp['signUp']>>
let asker: Person
let peer: Person
let outsider: Person
let agent: Person
let otherAgent: Person
let editor: Person
let admin: Person
let procedureId: ID
let threadId: ID
let answerId: ID

const post = (route: string, person?: Person, body?: unknown) =>
  app.api('POST', route, { body: body ?? {}, token: person?.token })

beforeAll(async () => {
  app = await startTestApp()
  const { agency, procedure } = await createProcedure(app)
  const other = await createProcedure(app, { slug: 'impots' })
  procedureId = procedure.id
  asker = await app.signUp({ name: 'Asker' })
  peer = await app.signUp({ name: 'Peer' })
  outsider = await app.signUp({ name: 'Outsider' })
  agent = await app.signUp({ agency: agency.id, role: 'agent' })
  otherAgent = await app.signUp({ agency: other.agency.id, role: 'agent' })
  editor = await app.signUp({ role: 'editor' })
  admin = await app.signUp({ role: 'admin' })
  const thread = await json(
    await app.api('POST', '/threads?depth=0', {
      body: {
        body: 'Quel délai pour un passeport en ce moment ?',
        procedure: procedureId,
        title: 'Délai de fabrication du passeport',
      },
      token: asker.token,
    }),
  )
  threadId = thread.doc.id
  const answer = await json(
    await app.api('POST', '/answers?depth=0', {
      body: { body: 'Comptez environ trois semaines après le rendez-vous.', thread: threadId },
      token: peer.token,
    }),
  )
  answerId = answer.doc.id
})
afterAll(async () => {
  await app?.close()
})

describe('who may do what', () => {
  it('refuses every action to anonymous callers with 401', async () => {
    const routes = [
      `/threads/${threadId}/accept`,
      `/answers/${answerId}/validate`,
      `/answers/${answerId}/promote`,
      `/answers/${answerId}/vote`,
      `/answers/${answerId}/report`,
    ]
    for (const route of routes) {
      const response = await post(route, undefined, { answer: answerId, reason: 'spam', value: 1 })
      expect(response.status, route).toBe(401)
      expect((await errorOf(response)).code).toBe('not-signed-in')
    }
  })

  it('lets only the asker accept', async () => {
    for (const person of [peer, agent, editor]) {
      const response = await post(`/threads/${threadId}/accept`, person, { answer: answerId })
      expect(response.status).toBe(403)
    }
  })

  it('lets citizens and agents of another agency not validate, nor promote', async () => {
    for (const person of [asker, peer]) {
      const response = await post(`/answers/${answerId}/validate`, person)
      expect(response.status).toBe(403)
      expect((await errorOf(response)).message).toMatch(/Only public agents/)
    }
    const foreign = await post(`/answers/${answerId}/validate`, otherAgent)
    expect(foreign.status).toBe(403)
    expect((await errorOf(foreign)).message).toMatch(/your own agency/)
    expect((await post(`/answers/${answerId}/promote`, peer)).status).toBe(403)
    expect((await post(`/answers/${answerId}/promote`, otherAgent)).status).toBe(403)
  })

  it('lets editors and admins act on every agency', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'permis' })
    void agency
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: peer.id,
        body: 'Gardez une copie de votre ancien permis.',
        procedure: procedure.id,
        visibility: 'published',
      },
    })
    expect((await post(`/tips/${tip.id}/validate`, editor)).status).toBe(200)
    expect((await post(`/tips/${tip.id}/promote`, admin)).status).toBe(201)
  })

  it('forbids voting on one’s own contribution', async () => {
    const response = await post(`/answers/${answerId}/vote`, peer, { value: 1 })
    expect(response.status).toBe(403)
  })
})

describe('invalid transitions', () => {
  it('refuses to promote an answer that is not validated (409 saying what is missing)', async () => {
    const response = await post(`/answers/${answerId}/promote`, agent)
    expect(response.status).toBe(409)
    expect((await errorOf(response)).message).toMatch(/validate it before promoting/)
    const answer = await app.payload.findByID({ collection: 'answers', id: answerId })
    expect(answer.promotedTo ?? null).toBeNull()
  })

  it('refuses to accept an answer of another thread', async () => {
    const other = await app.payload.create({
      collection: 'threads',
      data: {
        author: asker.id,
        body: 'Une autre question sur le passeport.',
        procedure: procedureId,
        status: 'open',
        title: 'Une autre question passeport',
        visibility: 'published',
      },
    })
    const response = await post(`/threads/${other.id}/accept`, asker, { answer: answerId })
    expect(response.status).toBe(409)
    expect((await errorOf(response)).message).toMatch(/another thread/)
    const unchanged = await app.payload.findByID({ collection: 'threads', id: other.id })
    expect(unchanged.status).toBe('open')
  })

  it('keeps a single accepted answer when the asker changes their mind', async () => {
    const second = await app.payload.create({
      collection: 'answers',
      data: {
        author: outsider.id,
        body: 'Cela dépend beaucoup de la mairie choisie.',
        thread: threadId,
        visibility: 'published',
      },
    })
    expect((await post(`/threads/${threadId}/accept`, asker, { answer: answerId })).status).toBe(200)
    expect((await post(`/threads/${threadId}/accept`, asker, { answer: second.id })).status).toBe(200)
    const { docs } = await app.payload.find({
      collection: 'answers',
      where: { thread: { equals: threadId }, isAccepted: { equals: true } },
    })
    expect(docs.map((doc) => doc.id)).toEqual([second.id])
    const thread = await app.payload.findByID({ collection: 'threads', depth: 0, id: threadId })
    expect(thread.acceptedAnswer).toBe(second.id)
  })

  it('refuses to verify a guide that was never published', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'draft', procedure: procedureId, title: 'Guide du passeport' },
      draft: true,
    })
    const response = await post(`/guides/${guide.id}/verify`, agent)
    expect(response.status).toBe(409)
    expect((await errorOf(response)).message).toMatch(/no published version/)
  })
})

describe('bad input', () => {
  it('names the missing or mistyped field with 400 and writes nothing', async () => {
    const before = await app.payload.count({ collection: 'threads' })
    const cases: Array<[string, unknown, string]> = [
      ['/threads', { procedure: procedureId, title: 'Un titre assez long' }, 'body'],
      ['/threads', { body: 'Un corps de question suffisant.', procedure: procedureId, title: 'court' }, 'title'],
      ['/threads', { body: 'x'.repeat(5001), procedure: procedureId, title: 'Un titre assez long' }, 'body'],
      [
        '/threads',
        { body: 'Un corps de question suffisant.', procedure: 'not-a-real-id', title: 'Un titre assez long' },
        'procedure',
      ],
    ]
    for (const [route, body, field] of cases) {
      const response = await post(route, asker, body)
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(JSON.stringify(await json(response))).toContain(field)
    }
    expect((await app.payload.count({ collection: 'threads' })).totalDocs).toBe(before.totalDocs)
  })

  it('answers malformed action bodies with 400 naming the field', async () => {
    const accept = await post(`/threads/${threadId}/accept`, asker, {})
    expect(accept.status).toBe(400)
    expect((await errorOf(accept)).field).toBe('answer')
    const vote = await post(`/answers/${answerId}/vote`, asker, { value: 2 })
    expect(vote.status).toBe(400)
    expect((await errorOf(vote)).field).toBe('value')
    const report = await post(`/answers/${answerId}/report`, asker, { reason: 'boring' })
    expect(report.status).toBe(400)
    expect((await errorOf(report)).field).toBe('reason')
    const note = await post(`/answers/${answerId}/validate`, agent, { note: 42 })
    expect(note.status).toBe(400)
    expect((await errorOf(note)).field).toBe('note')
    const broken = await app.api('POST', `/threads/${threadId}/accept`, { rawBody: '{"answer": ', token: asker.token })
    expect(broken.status).toBe(400)
    expect((await errorOf(broken)).message).toMatch(/not valid JSON/)
    const huge = await app.api('POST', `/answers/${answerId}/report`, {
      body: { note: 'x'.repeat(70_000), reason: 'other' },
      token: asker.token,
    })
    expect(huge.status).toBe(413)
  })

  it('answers unknown ids with 404, and a body id that cannot be an id with 400', async () => {
    // An id of the kind the database stores (numbers by default, UUIDs with text ids) that no document has.
    const missing = typeof answerId === 'number' ? 987654321 : '01900000-0000-7000-8000-000000000000'
    const malformed = typeof answerId === 'number' ? 'not-a-number' : '../../etc'
    const wrongKind = await post(`/threads/${threadId}/accept`, asker, { answer: malformed })
    expect(wrongKind.status).toBe(400)
    expect(JSON.stringify(await json(wrongKind))).toMatch(/answer/i)
    expect((await post(`/answers/${missing}/validate`, agent)).status).toBe(404)
    expect((await post(`/threads/${missing}/accept`, asker, { answer: answerId })).status).toBe(404)
    expect((await post(`/threads/${threadId}/accept`, asker, { answer: missing })).status).toBe(404)
    expect((await post(`/tips/${encodeURIComponent("1' OR '1'='1")}/vote`, asker, { value: 1 })).status).toBe(404)
    const answer = await post('/answers', peer, { body: 'Une réponse à un fil inconnu.', thread: missing })
    expect(answer.status).toBe(404)
  })
})

describe('votes and reports', () => {
  it('sets, changes and removes a vote, and the score follows', async () => {
    const up = await post(`/answers/${answerId}/vote`, asker, { value: 1 })
    expect(up.status).toBe(200)
    expect((await json(up)).score).toBe(1)
    expect((await json(await post(`/answers/${answerId}/vote`, outsider, { value: 1 }))).score).toBe(2)
    expect((await json(await post(`/answers/${answerId}/vote`, asker, { value: -1 }))).score).toBe(0)
    expect((await json(await post(`/answers/${answerId}/vote`, asker, { value: 0 }))).score).toBe(1)
    const answer = await app.payload.findByID({ collection: 'answers', id: answerId })
    expect(answer.score).toBe(1)
  })

  it('keeps one vote when the same person votes 20 times in parallel', async () => {
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: peer.id,
        body: 'Vérifiez la date d’expiration six mois avant un voyage.',
        procedure: procedureId,
        visibility: 'published',
      },
    })
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(`/tips/${tip.id}/vote`, asker, { value: 1 })),
    )
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200))
    const votes = await app.payload.count({ collection: 'votes', where: { targetKey: { equals: `tips:${tip.id}` } } })
    expect(votes.totalDocs).toBe(1)
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).score).toBe(1)
  })

  it('opens one report per person and item', async () => {
    const first = await post(`/answers/${answerId}/report`, outsider, {
      note: 'Information datée.',
      reason: 'wrong-information',
    })
    expect(first.status).toBe(201)
    const again = await post(`/answers/${answerId}/report`, outsider, { reason: 'wrong-information' })
    expect(again.status).toBe(200)
    expect((await json(again)).report.id).toBe((await json(first)).report.id)
    const mine = await json(await app.api('GET', '/reports', { token: outsider.token }))
    expect(mine.docs).toHaveLength(1)
    const others = await json(await app.api('GET', '/reports', { token: asker.token }))
    expect(others.docs).toHaveLength(0)
  })
})
