import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>

let app: TestApp
let procedureId: ID
let asker: Person
let peers: Person[]
let agents: Person[]

beforeAll(async () => {
  // Limits are tested elsewhere; here twenty requests of one person arrive at once.
  app = await startTestApp({ entraide: { rateLimits: false } })
  const { agency, procedure } = await createProcedure(app)
  procedureId = procedure.id
  asker = await app.signUp({ name: 'Asker' })
  peers = await Promise.all([1, 2, 3, 4, 5].map((index) => app.signUp({ name: `Peer ${index}` })))
  agents = [
    await app.signUp({ agency: agency.id, role: 'agent' }),
    await app.signUp({ agency: agency.id, role: 'agent' }),
  ]
})
afterAll(async () => {
  await app?.close()
})

const newThread = async () =>
  app.payload.create({
    collection: 'threads',
    data: {
      author: asker.id,
      body: 'Combien de temps pour renouveler un passeport ?',
      procedure: procedureId,
      status: 'open',
      title: 'Délai de renouvellement',
      visibility: 'published',
    },
  })

const newAnswer = async (threadId: ID, author: Person, text = 'Environ trois semaines après le dépôt.') =>
  app.payload.create({
    collection: 'answers',
    data: { author: author.id, body: text, thread: threadId, visibility: 'published' },
  })

describe('parallel requests', () => {
  it('keeps one vote when one person votes twenty times at once', async () => {
    const tip = await app.payload.create({
      collection: 'tips',
      data: { author: peers[0]!.id, body: 'Prenez rendez-vous tôt.', procedure: procedureId, visibility: 'published' },
    })
    const voter = peers[1]!
    const values = Array.from({ length: 20 }, (_, index) => (index % 3 === 0 ? -1 : 1))
    const responses = await Promise.all(
      values.map((value) => app.api('POST', `/tips/${tip.id}/vote`, { body: { value }, token: voter.token })),
    )
    expect(responses.map((response) => response.status)).toEqual(values.map(() => 200))

    const { docs: votes } = await app.payload.find({
      collection: 'votes',
      where: { targetKey: { equals: `tips:${tip.id}` } },
    })
    expect(votes).toHaveLength(1)
    const stored = await app.payload.findByID({ collection: 'tips', id: tip.id })
    expect(stored.score).toBe(votes[0]!.value)
  })

  it('counts every vote when many people vote at once', async () => {
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: asker.id,
        body: 'Gardez une copie du récépissé.',
        procedure: procedureId,
        visibility: 'published',
      },
    })
    const voters = [...peers, ...agents]
    const responses = await Promise.all(
      voters.map((voter) => app.api('POST', `/tips/${tip.id}/vote`, { body: { value: 1 }, token: voter.token })),
    )
    expect(responses.every((response) => response.status === 200)).toBe(true)
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).score).toBe(voters.length)
  })

  it('makes one wiki page with one source entry when two agents promote the same answer at once', async () => {
    const thread = await newThread()
    const answer = await newAnswer(thread.id, peers[2]!)
    expect((await app.api('POST', `/answers/${answer.id}/validate`, { token: agents[0]!.token })).status).toBe(200)
    const pagesBefore = (await app.payload.count({ collection: 'wiki-pages' })).totalDocs

    const responses = await Promise.all(
      [...agents, ...agents].map((agent) =>
        app.api('POST', `/answers/${answer.id}/promote`, { body: {}, token: agent.token }),
      ),
    )
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 201])
    const pageIds = new Set(await Promise.all(responses.map(async (response) => (await json(response)).wikiPage.id)))
    expect(pageIds.size).toBe(1)

    expect((await app.payload.count({ collection: 'wiki-pages' })).totalDocs).toBe(pagesBefore + 1)
    const [pageId] = [...pageIds]
    const page = await app.payload.findByID({ collection: 'wiki-pages', depth: 0, draft: true, id: String(pageId) })
    expect((page.sources ?? []).filter((source: { answer?: unknown }) => source.answer === answer.id)).toHaveLength(1)
    expect((await app.payload.findByID({ collection: 'answers', depth: 0, id: answer.id })).promotedTo).toBe(pageId)
  })

  it('leaves one accepted answer, the thread’s, when the asker accepts several at once', async () => {
    for (let round = 0; round < 3; round++) {
      const thread = await newThread()
      const answers = await Promise.all(
        peers.map((peer, index) => newAnswer(thread.id, peer, `Réponse numéro ${index + 1} à la question.`)),
      )
      const responses = await Promise.all(
        answers.map((answer) =>
          app.api('POST', `/threads/${thread.id}/accept`, { body: { answer: answer.id }, token: asker.token }),
        ),
      )
      expect(responses.map((response) => response.status)).toEqual(answers.map(() => 200))

      const { docs: accepted } = await app.payload.find({
        collection: 'answers',
        depth: 0,
        where: { and: [{ thread: { equals: thread.id } }, { isAccepted: { equals: true } }] },
      })
      expect(accepted).toHaveLength(1)
      const stored = await app.payload.findByID({ collection: 'threads', depth: 0, id: thread.id })
      expect(stored.acceptedAnswer).toBe(accepted[0]!.id)
      expect(stored.status).toBe('answered')
    }
  })
})
