import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { countUncountedAccounts } from '../src/data/publishedContributions.ts'
import { accountsWithStanding } from '../src/data/standing.ts'
import type { ID } from '../src/utilities/ids.ts'
import { createLocalReq } from 'payload'
import { createProcedure, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
type Person = Awaited<ReturnType<TestApp['signUp']>>
let editor: Person
let agent: Person
let procedureId: ID

beforeAll(async () => {
  app = await startTestApp({
    entraide: {
      moderation: { preModeratedContributions: 2, standing: { minAccountAgeHours: 0, minPublishedContributions: 2 } },
    },
  })
  const { agency, procedure } = await createProcedure(app)
  procedureId = procedure.id
  agent = await app.signUp({ agency: agency.id, role: 'agent' })
  editor = await app.signUp({ role: 'editor' })
})
afterAll(async () => {
  await app?.close()
})

/** The figure as stored on the account (null: not counted yet). */
const figureOf = async (person: Person): Promise<unknown> => {
  const doc: unknown = await app.payload.db.findOne({ collection: 'users', where: { id: { equals: person.id } } })
  return typeof doc === 'object' && doc !== null && 'publishedContributions' in doc
    ? doc.publishedContributions
    : undefined
}

const postTip = async (person: Person, text: string) =>
  json(await app.api('POST', '/tips?depth=0', { body: { body: text, procedure: procedureId }, token: person.token }))

const postQuestion = async (person: Person, title: string) =>
  json(
    await app.api('POST', '/threads?depth=0', {
      body: { body: `${title} : je ne trouve pas la réponse sur le site.`, procedure: procedureId, title },
      token: person.token,
    }),
  )

const moderate = async (collection: string, id: ID, action: string, by: Person) => {
  const response = await app.api('POST', `/${collection}/${String(id)}/moderate`, {
    body: { action, reason: action === 'hide' ? 'Hors sujet.' : undefined },
    token: by.token,
  })
  expect(response.status).toBe(200)
}

/** Whether the account has standing, as reports and votes weigh it. */
const hasStanding = async (person: Person): Promise<boolean> =>
  (await accountsWithStanding({ ids: [person.id], req: await createLocalReq({}, app.payload) })).size === 1

describe('each account’s figure of published contributions', () => {
  it('follows publishing, hiding, restoring and deleting, and pre-moderation and standing follow it', async () => {
    const person = await app.signUp({ name: 'Suivie' })
    expect(await figureOf(person)).toBe(0)

    const first = (await postTip(person, 'Première astuce : photocopiez tout.')).doc
    const second = (await postTip(person, 'Deuxième astuce : gardez les reçus.')).doc
    expect([first.visibility, second.visibility]).toEqual(['pending', 'pending'])
    expect(await figureOf(person)).toBe(0)

    await moderate('tips', first.id, 'publish', agent)
    expect(await figureOf(person)).toBe(1)
    expect(await hasStanding(person)).toBe(false)
    await moderate('tips', second.id, 'publish', editor)
    expect(await figureOf(person)).toBe(2)
    expect(await hasStanding(person)).toBe(true)

    // Past pre-moderation: published at once, and counted.
    const question = (await postQuestion(person, 'Délai du passeport')).doc
    expect(question.visibility).toBe('published')
    expect(await figureOf(person)).toBe(3)

    await moderate('tips', first.id, 'hide', editor)
    await moderate('tips', second.id, 'hide', editor)
    expect(await figureOf(person)).toBe(1)
    expect(await hasStanding(person)).toBe(false)
    // Hidden contributions unlock nothing: the next one waits again.
    const third = (await postTip(person, 'Troisième astuce : venez tôt le matin.')).doc
    expect(third.visibility).toBe('pending')
    expect(await figureOf(person)).toBe(1)

    await moderate('tips', first.id, 'restore', editor)
    expect(await figureOf(person)).toBe(2)
    expect((await postTip(person, 'Quatrième astuce : vérifiez l’adresse.')).doc.visibility).toBe('published')
    expect(await figureOf(person)).toBe(3)

    // Deleting a published contribution takes it off; deleting a hidden or pending one changes nothing.
    await app.payload.delete({ collection: 'threads', id: question.id, overrideAccess: true })
    expect(await figureOf(person)).toBe(2)
    await app.payload.delete({ collection: 'tips', id: second.id, overrideAccess: true })
    await app.payload.delete({ collection: 'tips', id: third.id, overrideAccess: true })
    expect(await figureOf(person)).toBe(2)
    expect(await hasStanding(person)).toBe(true)
  })

  it('is the same as counting the published contributions, whatever the order of changes', async () => {
    const person = await app.signUp({ name: 'Comptée' })
    const tips: ID[] = []
    for (const text of [
      'Astuce une : prenez rendez-vous.',
      'Astuce deux : venez à l’heure.',
      'Astuce trois : soyez patient.',
    ]) {
      tips.push((await postTip(person, text)).doc.id)
    }
    for (const id of tips) await moderate('tips', id, 'publish', editor)
    await moderate('tips', tips[1]!, 'hide', editor)
    await moderate('tips', tips[1]!, 'restore', editor)
    await moderate('tips', tips[2]!, 'hide', editor)
    const { totalDocs } = await app.payload.count({
      collection: 'tips',
      where: { and: [{ author: { equals: person.id } }, { visibility: { equals: 'published' } }] },
    })
    expect(totalDocs).toBe(2)
    expect(await figureOf(person)).toBe(totalDocs)
  })

  it('is counted for accounts from before it, at start-up or at first use', async () => {
    const older = await app.signUp({ name: 'Ancienne' })
    const tips: ID[] = []
    for (const text of ['Ancienne astuce : le guichet ferme tôt.', 'Autre astuce : apportez un stylo.']) {
      tips.push((await postTip(older, text)).doc.id)
    }
    for (const id of tips) await moderate('tips', id, 'publish', editor)
    // As a database made before the field holds it: no figure.
    const forget = () =>
      app.inTransaction((req) =>
        app.payload.db.updateOne({
          collection: 'users',
          data: { publishedContributions: null },
          id: older.id,
          req,
          returning: false,
        }),
      )
    await forget()
    expect(await figureOf(older)).toBeNull()
    // A change meanwhile leaves an uncounted figure alone rather than making it up.
    await moderate('tips', tips[0]!, 'hide', editor)
    expect(await figureOf(older)).toBeNull()
    await countUncountedAccounts(app.payload)
    expect(await figureOf(older)).toBe(1)

    await moderate('tips', tips[0]!, 'restore', editor)
    await forget()
    // Pre-moderation counts it when it meets an account without it, and records it.
    expect((await postTip(older, 'Encore une astuce : notez le numéro.')).doc.visibility).toBe('published')
    expect(await figureOf(older)).toBe(3)
  })
})
