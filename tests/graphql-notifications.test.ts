import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { lexicalFromBlocks } from '../src/utilities/guideText.ts'
import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { firstError, graphQL, type GraphQLResponse } from './helpers/graphql.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>

let app: TestApp
let procedureId: ID
let guideId: ID
let threadId: ID
let hiddenThreadId: ID
let awa: Person
let bruno: Person
let unconfirmed: Person

beforeAll(async () => {
  app = await startTestApp({ entraide: { rateLimits: false }, isDefaultInstance: true })
  procedureId = (await createProcedure(app)).procedure.id
  awa = await app.signUp({ name: 'Awa' })
  bruno = await app.signUp({ name: 'Bruno' })
  unconfirmed = await app.signUp({ hasConfirmedEmail: false, name: 'Pas encore confirmé' })
  const guide = await app.payload.create({
    collection: 'guides',
    data: {
      _status: 'published',
      body: lexicalFromBlocks([{ kind: 'paragraph', text: 'Faire la pré-demande en ligne.' }]),
      procedure: procedureId,
      title: 'Renouveler son passeport',
    },
  })
  guideId = guide.id
  const asked = await app.api('POST', '/threads?depth=0', {
    body: { body: 'Faut-il des photos récentes ?', procedure: procedureId, title: 'Photos du passeport ?' },
    token: bruno.token,
  })
  threadId = (await json(asked)).doc.id
  const hidden = await app.payload.create({
    collection: 'threads',
    data: { author: bruno.id, body: 'Un texte que la modération a masqué.', procedure: procedureId, title: 'Une question masquée par la modération ?', visibility: 'hidden' },
    overrideAccess: true,
  })
  hiddenThreadId = hidden.id
}, 60_000)
afterAll(async () => {
  await app?.close()
})

const gql = async (query: string, person?: Person, variables?: Record<string, unknown>): Promise<GraphQLResponse> => {
  const response = await graphQL(app, query, { token: person?.token, variables })
  for (const error of response.errors) expect(error.extensions?.stack).toBeUndefined()
  return response
}

/** What a REST client learns from a refusal, in the shape `firstError` gives for GraphQL. */
const restRefusal = async (response: Response) => {
  const error = await errorOf(response)
  return { code: error.code, field: error.field, message: error.message, status: response.status }
}

const restPreferences = async (person: Person) =>
  json(await app.api('GET', '/notification-preferences/me', { token: person.token }))

const preferencesQuery = `{ myNotificationPreferences { language channels { answerPosted followedUpdate answerValidated agencyDigest } } }`

describe('notification preferences through GraphQL', () => {
  it('reads the caller’s own settings, defaults filled, as REST does', async () => {
    const response = await gql(preferencesQuery, awa)
    expect(response.errors).toEqual([])
    expect(response.data?.myNotificationPreferences).toEqual({
      channels: { agencyDigest: 'email', answerPosted: 'email', answerValidated: 'email', followedUpdate: 'in_app' },
      language: 'fr',
    })
  })

  it('changes only what is given, only for the caller, and REST reads the change', async () => {
    const response = await gql(
      `mutation { updateNotificationPreferences(language: en, channels: { followedUpdate: email, answerPosted: off }) {
        language channels { answerPosted followedUpdate answerValidated } } }`,
      awa,
    )
    expect(response.errors).toEqual([])
    expect(response.data?.updateNotificationPreferences).toEqual({
      channels: { answerPosted: 'off', answerValidated: 'email', followedUpdate: 'email' },
      language: 'en',
    })
    const seen = await restPreferences(awa)
    expect(seen.language).toBe('en')
    expect(seen.channels).toMatchObject({ 'answer-posted': 'off', 'answer-validated': 'email', 'followed-update': 'email' })
    // Someone else's settings do not move.
    const others = await restPreferences(bruno)
    expect(others.language).toBe('fr')
    expect(others.channels).toMatchObject({ 'answer-posted': 'email', 'followed-update': 'in-app' })
    // A change with only one kind leaves the others and the language as they are.
    const again = await gql(`mutation { updateNotificationPreferences(channels: { answerPosted: in_app }) { language channels { answerPosted followedUpdate } } }`, awa)
    expect(again.data?.updateNotificationPreferences).toEqual({ channels: { answerPosted: 'in_app', followedUpdate: 'email' }, language: 'en' })
  })

  it('refuses people signed out or unconfirmed as REST does, and values that do not exist', async () => {
    for (const person of [undefined, unconfirmed]) {
      const read = await gql(preferencesQuery, person)
      expect(read.data).toBeNull()
      const rest = await restRefusal(await app.api('GET', '/notification-preferences/me', { token: person?.token }))
      expect(rest.status).toBeGreaterThanOrEqual(401)
      expect(firstError(read)).toEqual(rest)
      const write = await gql(`mutation { updateNotificationPreferences(language: en) { language } }`, person)
      expect(firstError(write)).toEqual(rest)
    }
    const unknown = await gql(`mutation { updateNotificationPreferences(channels: { answerPosted: sometimes }) { language } }`, awa)
    expect(unknown.errors[0]?.message).toMatch(/^Argument "channels" has invalid value/)
    const unknownKind = await gql(`mutation { updateNotificationPreferences(channels: { everything: off }) { language } }`, awa)
    expect(unknownKind.errors[0]?.message).toMatch(/everything/)
    expect((await restPreferences(awa)).channels['answer-posted']).toBe('in-app')
  })
})

describe('following through GraphQL', () => {
  const followState = (collection: string, id: ID) => `{ isFollowing(collection: ${collection}, id: "${String(id)}") }`

  it('follows and unfollows threads, guides and procedures for the caller only; REST agrees', async () => {
    for (const [collection, id] of [
      ['threads', threadId],
      ['guides', guideId],
      ['procedures', procedureId],
    ] as const) {
      const followed = await gql(`mutation { follow(collection: ${collection}, id: "${String(id)}") { collection id isFollowing } }`, awa)
      expect(followed.errors).toEqual([])
      expect(followed.data?.follow).toEqual({ collection, id: String(id), isFollowing: true })
      expect((await gql(followState(collection, id), awa)).data?.isFollowing).toBe(true)
      expect(await json(await app.api('GET', `/${collection}/${id}/follow`, { token: awa.token }))).toEqual({ isFollowing: true })
      // Following twice changes nothing; another person does not follow because of it.
      expect((await gql(`mutation { follow(collection: ${collection}, id: "${String(id)}") { isFollowing } }`, awa)).data?.follow).toEqual({ isFollowing: true })
      expect((await gql(followState(collection, id), bruno)).data?.isFollowing).toBe(collection === 'threads')
      const { totalDocs } = await app.payload.count({
        collection: 'subscriptions',
        where: { and: [{ user: { equals: awa.id } }, { targetKey: { equals: `${collection}:${String(id)}` } }] },
      })
      expect(totalDocs).toBe(1)

      const unfollowed = await gql(`mutation { unfollow(collection: ${collection}, id: "${String(id)}") { isFollowing } }`, awa)
      expect(unfollowed.data?.unfollow).toEqual({ isFollowing: false })
      expect(await json(await app.api('GET', `/${collection}/${id}/follow`, { token: awa.token }))).toEqual({ isFollowing: false })
    }
    // Bruno asked the thread, so he follows it; Awa's unfollowing did not touch that.
    expect((await gql(followState('threads', threadId), bruno)).data?.isFollowing).toBe(true)
  })

  it('refuses what REST refuses, with the same status, code and message', async () => {
    const cases: Array<{ person?: Person; id: string; route: string }> = [
      { id: String(threadId), person: undefined, route: `/threads/${threadId}/follow` },
      { id: String(threadId), person: unconfirmed, route: `/threads/${threadId}/follow` },
      // An item that does not exist, an id that cannot be one, a thread the caller may not see: 404.
      { id: '987654', person: awa, route: '/threads/987654/follow' },
      { id: 'pas-un-id', person: awa, route: '/threads/pas-un-id/follow' },
      { id: String(hiddenThreadId), person: awa, route: `/threads/${hiddenThreadId}/follow` },
    ]
    for (const { id, person, route } of cases) {
      const rest = await restRefusal(await app.api('POST', route, { body: {}, token: person?.token }))
      expect(rest.status).toBeGreaterThanOrEqual(400)
      const follow = await gql(`mutation { follow(collection: threads, id: "${id}") { isFollowing } }`, person)
      expect(follow.data).toBeNull()
      expect(firstError(follow), route).toEqual(rest)
      const state = await gql(followState('threads', id), person)
      expect(firstError(state), route).toEqual(rest)
    }
    expect((await gql(`mutation { follow(collection: answers, id: "1") { isFollowing } }`, awa)).errors[0]?.message).toMatch(
      /^Argument "collection" has invalid value answers/,
    )
    const { totalDocs } = await app.payload.count({ collection: 'subscriptions', where: { user: { equals: awa.id } } })
    expect(totalDocs).toBe(0)
  })
})
