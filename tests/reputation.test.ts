import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, json, proposeGuideEdit } from './helpers/fixtures.ts'
import { firstError, graphQL } from './helpers/graphql.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

// Reputation comes only from other people's acts: accepting one's own answer
// earns nothing, accounts without standing (made less than a day ago, or with
// nothing published) count for nothing, one person's votes and acceptances
// count at most `maxPointsFromOnePerson` points, and having guide edit proposals
// accepted at once also needs a contribution an agent validated.

type Person = Awaited<ReturnType<TestApp['signUp']>>

let app: TestApp
let agent: Person
let procedureId: ID
let guideId: ID
let counter = 0
const unique = () => `${Date.now().toString(36)}-${++counter}`
const dayMs = 24 * 3_600_000

beforeAll(async () => {
  app = await startTestApp({
    entraide: { moderation: { maxPointsFromOnePerson: 10, trustedReputation: 50 }, rateLimits: false },
    isDefaultInstance: true,
  })
  const { agency, procedure } = await createProcedure(app)
  procedureId = procedure.id
  agent = await app.signUp({ agency: agency.id, name: 'Agente', role: 'agent' })
  guideId = (
    await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: procedureId, title: 'Le guide du passeport' },
    })
  ).id
})
afterAll(async () => {
  await app?.close()
})

const reputationOf = async (person: Person): Promise<number> =>
  (await app.payload.findByID({ collection: 'users', depth: 0, id: person.id })).reputation ?? 0

/** Makes an account look as if it had been created `days` days ago. */
const ageAccount = async (person: Person, days: number) => {
  await app.inTransaction((req) =>
    app.payload.db.updateOne({
      collection: 'users',
      data: { createdAt: new Date(Date.now() - days * dayMs).toISOString() },
      id: person.id,
      req,
    }),
  )
}

/** A citizen with standing: an account two days old with a published tip of their own. */
const personWithStanding = async (name: string): Promise<Person> => {
  const person = await app.signUp({ name })
  await ageAccount(person, 2)
  const tip = await app.api('POST', '/tips?depth=0', {
    body: { body: `Pensez à vérifier la photo ${unique()}.`, procedure: procedureId },
    token: person.token,
  })
  expect(tip.status).toBe(201)
  return person
}

const ask = async (person: Person): Promise<ID> => {
  const response = await app.api('POST', '/threads?depth=0', {
    body: { body: 'Combien de temps faut-il pour un passeport ?', procedure: procedureId, title: `Délai ${unique()}` },
    token: person.token,
  })
  expect(response.status).toBe(201)
  return (await json(response)).doc.id
}

const answer = async (person: Person, thread: ID): Promise<ID> => {
  const response = await app.api('POST', '/answers?depth=0', {
    body: { body: `Comptez trois semaines environ ${unique()}.`, thread },
    token: person.token,
  })
  expect(response.status).toBe(201)
  return (await json(response)).doc.id
}

const accept = async (person: Person, thread: ID, answerId: ID) => {
  const response = await app.api('POST', `/threads/${thread}/accept`, { body: { answer: answerId }, token: person.token })
  expect(response.status).toBe(200)
}

const vote = async (person: Person, answerId: ID) => {
  const response = await app.api('POST', `/answers/${answerId}/vote`, { body: { value: 1 }, token: person.token })
  expect(response.status).toBe(200)
}

/** Proposes an edit of the guide; returns whether it was accepted at once (readers see it) rather than waiting. */
const publishesGuideEdit = async (person: Person): Promise<boolean> => {
  const title = `Le guide du passeport, revu ${unique()}`
  const response = await proposeGuideEdit(app, { guide: guideId, title, token: person.token })
  expect(response.status).toBe(201)
  const { proposal } = await json(response)
  const isPublished = (await app.payload.findByID({ collection: 'guides', depth: 0, id: guideId })).title === title
  expect(isPublished).toBe(proposal.status === 'accepted')
  return isPublished
}

describe('reputation nobody can farm alone', () => {
  it('gives nothing for accepting one’s own answer to one’s own question, however often', async () => {
    const farmer = await personWithStanding('Fanny')
    for (let round = 0; round < 5; round += 1) {
      const thread = await ask(farmer)
      await accept(farmer, thread, await answer(farmer, thread))
    }
    expect(await reputationOf(farmer)).toBe(0)
    expect(await publishesGuideEdit(farmer)).toBe(false)
  })

  it('gives nothing through GraphQL either', async () => {
    const farmer = await personWithStanding('Gaëlle')
    const thread = await ask(farmer)
    const own = await answer(farmer, thread)
    const accepted = await graphQL(
      app,
      'mutation($thread: ID!, $answer: ID!) { acceptAnswer(thread: $thread, answer: $answer) { answer { isAccepted } } }',
      { token: farmer.token, variables: { answer: own, thread } },
    )
    expect(accepted.errors).toEqual([])
    expect(accepted.data?.acceptAnswer.answer.isAccepted).toBe(true)
    expect(await reputationOf(farmer)).toBe(0)
    // And a vote on one's own answer is refused outright.
    const voted = await graphQL(app, 'mutation($id: ID!) { castVote(collection: answers, id: $id, value: 1) { score } }', {
      token: farmer.token,
      variables: { id: own },
    })
    expect(firstError(voted)).toMatchObject({ status: 403 })
  })

  it('gives nothing for the votes and acceptances of a second account made minutes ago', async () => {
    const farmer = await personWithStanding('Hugo')
    const sidekick = await app.signUp({ name: 'Hugo bis' })
    for (let round = 0; round < 4; round += 1) {
      const thread = await ask(sidekick)
      const reply = await answer(farmer, thread)
      await vote(sidekick, reply)
      await accept(sidekick, thread, reply)
    }
    expect(await reputationOf(farmer)).toBe(0)
  })

  it('gives nothing for a second account that is old enough but has published nothing of its own', async () => {
    const farmer = await personWithStanding('Iris')
    const sleeper = await app.signUp({ name: 'Iris bis' })
    await ageAccount(sleeper, 30)
    const thread = await ask(farmer)
    const helperThread = await app.payload.create({
      collection: 'threads',
      data: { author: agent.id, body: 'Une question d’agente.', procedure: procedureId, status: 'open', title: `Q ${unique()}`, visibility: 'published' },
    })
    const reply = await answer(farmer, helperThread.id)
    await vote(sleeper, reply)
    expect(thread).toBeDefined()
    expect(await reputationOf(farmer)).toBe(0)
  })

  it('caps what one person’s votes and acceptances give another, even with standing', async () => {
    const farmer = await personWithStanding('Jade')
    const friend = await personWithStanding('Jade bis')
    for (let round = 0; round < 3; round += 1) {
      const thread = await ask(friend)
      const reply = await answer(farmer, thread)
      await vote(friend, reply)
      await accept(friend, thread, reply)
    }
    // 3 votes and 3 acceptances (48 points) from one friend count as 10.
    expect(await reputationOf(farmer)).toBe(10)
    expect(await reputationOf(friend)).toBe(0)
  })

  it('needs a validated contribution besides the reputation threshold to publish guide edits directly', async () => {
    const author = await personWithStanding('Karim')
    const replies: ID[] = []
    for (let index = 0; index < 5; index += 1) {
      const helped = await personWithStanding(`Lecteur ${index}`)
      const thread = await ask(helped)
      const reply = await answer(author, thread)
      await accept(helped, thread, reply)
      replies.push(reply)
    }
    // Five different people with standing, 10 points each at most: the threshold.
    expect(await reputationOf(author)).toBe(50)
    expect(await publishesGuideEdit(author)).toBe(false)
    const validated = await app.api('POST', `/answers/${replies[0]}/validate`, { body: {}, token: agent.token })
    expect(validated.status).toBe(200)
    expect(await reputationOf(author)).toBe(75)
    expect(await publishesGuideEdit(author)).toBe(true)
  })
})
