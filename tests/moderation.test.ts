import { createLocalReq, type PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'
import { findModerationQueue } from '../src/admin/queries/moderationQueue.ts'

let app: TestApp
type Person = Awaited<ReturnType<TestApp['signUp']>>
let agent: Person
let editor: Person
let procedureId: ID

beforeAll(async () => {
  app = await startTestApp({ entraide: { moderation: { preModeratedContributions: 2, reportsToHide: 3 } } })
  const { agency, procedure } = await createProcedure(app)
  procedureId = procedure.id
  agent = await app.signUp({ agency: agency.id, role: 'agent' })
  editor = await app.signUp({ role: 'editor' })
})
afterAll(async () => {
  await app?.close()
})

/** A request acting as the given person, as the admin panel's moderation view gets it. */
const reqAs = async (id: ID): Promise<PayloadRequest> =>
  createLocalReq(
    { user: { ...(await app.payload.findByID({ collection: 'users', id })), collection: 'users' } },
    app.payload,
  )

const postTip = async (person: Person, text: string) =>
  json(await app.api('POST', '/tips?depth=0', { body: { body: text, procedure: procedureId }, token: person.token }))

describe('pre-moderation of new accounts', () => {
  it('holds a newcomer’s contributions until two of them are published', async () => {
    const newcomer = await app.signUp({ name: 'Nouvelle' })
    const first = (await postTip(newcomer, 'Première astuce : photocopiez tout.')).doc
    const second = (await postTip(newcomer, 'Deuxième astuce : gardez les reçus.')).doc
    expect([first.visibility, second.visibility]).toEqual(['pending', 'pending'])
    expect((await app.api('GET', `/tips/${first.id}`)).status).toBe(404)

    expect(
      (await app.api('POST', `/tips/${first.id}/moderate`, { body: { action: 'publish' }, token: agent.token })).status,
    ).toBe(200)
    expect((await postTip(newcomer, 'Troisième astuce : venez tôt le matin.')).doc.visibility).toBe('pending')
    expect(
      (await app.api('POST', `/tips/${second.id}/moderate`, { body: { action: 'publish' }, token: editor.token }))
        .status,
    ).toBe(200)
    expect((await postTip(newcomer, 'Quatrième astuce : vérifiez l’adresse.')).doc.visibility).toBe('published')
  })

  it('lets agents and editors publish directly', async () => {
    expect((await postTip(agent, 'Astuce d’agent : le guichet ouvre à 8h30.')).doc.visibility).toBe('published')
  })

  it('keeps citizens from publishing pending items', async () => {
    const newcomer = await app.signUp({})
    const tip = (await postTip(newcomer, 'Une astuce en attente de relecture.')).doc
    const response = await app.api('POST', `/tips/${tip.id}/moderate`, {
      body: { action: 'publish' },
      token: newcomer.token,
    })
    expect(response.status).toBe(403)
  })
})

describe('reports and decisions', () => {
  const publishedTip = async (data: Record<string, unknown> = {}) =>
    app.payload.create({
      collection: 'tips',
      data: { body: 'Astuce signalée plusieurs fois.', procedure: procedureId, visibility: 'published', ...data },
    })

  /** A citizen with standing: an account two days old with published contributions of their own. */
  const withStanding = async (): Promise<Person> => {
    const person = await app.signUp({})
    await app.inTransaction((req) =>
      app.payload.db.updateOne({
        collection: 'users',
        data: { createdAt: new Date(Date.now() - 2 * 24 * 3_600_000).toISOString() },
        id: person.id,
        req,
      }),
    )
    for (const text of ['Pensez à la photo récente.', 'Gardez une copie du dossier.']) {
      await publishedTip({ author: person.id, body: text })
    }
    return person
  }

  const report = (person: Person, path: string) =>
    app.api('POST', `${path}/report`, { body: { reason: 'wrong-information' }, token: person.token })

  const visibilityOf = async (collection: 'tips' | 'answers' | 'threads', id: ID) =>
    (await app.payload.findByID({ collection, id })).visibility

  it('never hides an item on reports from accounts made a moment ago: an editor decides', async () => {
    const tip = await publishedTip({ body: 'Astuce visée par des comptes jetables.' })
    const throwaways = [await app.signUp({}), await app.signUp({}), await app.signUp({}), await app.signUp({})]
    for (const person of throwaways) expect((await report(person, `/tips/${tip.id}`)).status).toBe(201)
    expect(await visibilityOf('tips', tip.id)).toBe('published')
    expect((await app.api('GET', `/tips/${tip.id}`)).status).toBe(200)
    const open = await app.payload.count({
      collection: 'reports',
      where: { and: [{ targetKey: { equals: `tips:${tip.id}` } }, { status: { equals: 'open' } }] },
    })
    expect(open.totalDocs).toBe(4)
    // Two throwaways and two people with standing are still not three with standing.
    for (const person of [await withStanding(), await withStanding()]) await report(person, `/tips/${tip.id}`)
    expect(await visibilityOf('tips', tip.id)).toBe('published')
    await report(await withStanding(), `/tips/${tip.id}`)
    expect(await visibilityOf('tips', tip.id)).toBe('hidden')
  })

  it('never hides what an agent validated or promoted, nor the question holding it, however many report it', async () => {
    const asker = await app.signUp({})
    const validatedTip = await publishedTip({
      body: 'Astuce validée par l’agence.',
      validatedAt: new Date().toISOString(),
      validatedBy: agent.id,
    })
    const thread = await app.payload.create({
      collection: 'threads',
      data: {
        author: asker.id,
        body: 'Faut-il une photo ?',
        procedure: procedureId,
        status: 'open',
        title: 'Photo pour le passeport',
        visibility: 'published',
      },
    })
    const answer = await app.payload.create({
      collection: 'answers',
      data: {
        author: agent.id,
        body: 'Oui, une photo de moins de six mois.',
        thread: thread.id,
        validatedAt: new Date().toISOString(),
        validatedBy: agent.id,
        visibility: 'published',
      },
    })
    const reporters = [await withStanding(), await withStanding(), await withStanding(), await withStanding()]
    for (const person of reporters) {
      expect((await report(person, `/tips/${validatedTip.id}`)).status).toBe(201)
      expect((await report(person, `/answers/${answer.id}`)).status).toBe(201)
      expect((await report(person, `/threads/${thread.id}`)).status).toBe(201)
    }
    expect(await visibilityOf('tips', validatedTip.id)).toBe('published')
    expect(await visibilityOf('answers', answer.id)).toBe('published')
    expect(await visibilityOf('threads', thread.id)).toBe('published')
    expect((await app.api('GET', `/answers/${answer.id}`)).status).toBe(200)

    // They wait first in the editors' queue, ahead of items with more reports.
    const ordinary = await publishedTip({ body: 'Astuce ordinaire très signalée.' })
    const throwaways = [await app.signUp({}), await app.signUp({}), await app.signUp({}), await app.signUp({})]
    for (const person of [...reporters.slice(0, 2), ...throwaways]) await report(person, `/tips/${ordinary.id}`)
    expect(await visibilityOf('tips', ordinary.id)).toBe('published')
    const queue = await findModerationQueue({ req: await reqAs(editor.id) })
    const keys = queue.reportGroups.map((group) => group.targetKey)
    const vouched = [`tips:${validatedTip.id}`, `answers:${answer.id}`, `threads:${thread.id}`]
    for (const key of vouched) expect(keys.indexOf(key)).toBeLessThan(keys.indexOf(`tips:${ordinary.id}`))
    expect(queue.reportGroups.find((group) => group.targetKey === `tips:${validatedTip.id}`)).toMatchObject({
      isVouchedFor: true,
      reportersWithStanding: 4,
    })
    expect(queue.reportGroups.find((group) => group.targetKey === `tips:${ordinary.id}`)).toMatchObject({
      isVouchedFor: false,
      reportersWithStanding: 2,
    })
    expect(queue.reportGroups.find((group) => group.targetKey === `tips:${ordinary.id}`)?.reports).toHaveLength(6)
  })

  it('hides an item reported by three distinct people with standing, and an editor’s dismissal restores it', async () => {
    const tip = await publishedTip()
    const reporters = [await withStanding(), await withStanding(), await withStanding()]
    for (const [index, reporter] of reporters.entries()) {
      await app.api('POST', `/tips/${tip.id}/report`, { body: { reason: 'spam' }, token: reporter.token })
      const visibility = (await app.payload.findByID({ collection: 'tips', id: tip.id })).visibility
      expect(visibility).toBe(index < 2 ? 'published' : 'hidden')
      // The same person reporting again does not count twice.
      await app.api('POST', `/tips/${tip.id}/report`, { body: { reason: 'spam' }, token: reporters[0]!.token })
    }
    const { docs } = await app.payload.find({
      collection: 'reports',
      where: { targetKey: { equals: `tips:${tip.id}` } },
    })
    expect(docs).toHaveLength(3)
    const dismissed = await app.api('POST', `/reports/${docs[0]!.id}/resolve`, {
      body: { decision: 'dismiss', note: 'Astuce exacte.' },
      token: editor.token,
    })
    expect(dismissed.status).toBe(200)
    expect((await json(dismissed)).report).toMatchObject({
      resolution: 'Astuce exacte.',
      resolvedBy: editor.id,
      status: 'dismissed',
    })
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).visibility).toBe('published')
    const open = await app.payload.count({
      collection: 'reports',
      where: { and: [{ targetKey: { equals: `tips:${tip.id}` } }, { status: { equals: 'open' } }] },
    })
    expect(open.totalDocs).toBe(0)
  })

  it('hides with a reason the author can read, and only editors decide', async () => {
    const author = await app.signUp({})
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: author.id,
        body: 'Achetez des faux papiers ici.',
        procedure: procedureId,
        visibility: 'published',
      },
    })
    const report = await json(
      await app.api('POST', `/tips/${tip.id}/report`, { body: { reason: 'abuse' }, token: agent.token }),
    )
    expect(
      (
        await app.api('POST', `/reports/${report.report.id}/resolve`, {
          body: { decision: 'hide' },
          token: agent.token,
        })
      ).status,
    ).toBe(403)
    const hidden = await app.api('POST', `/reports/${report.report.id}/resolve`, {
      body: { decision: 'hide', note: 'Incitation à la fraude.' },
      token: editor.token,
    })
    expect(hidden.status).toBe(200)
    const seenByAuthor = await json(await app.api('GET', `/tips/${tip.id}`, { token: author.token }))
    expect(seenByAuthor).toMatchObject({ moderationNote: 'Incitation à la fraude.', visibility: 'hidden' })
    expect((await app.api('GET', `/tips/${tip.id}`)).status).toBe(404)
    const again = await app.api('POST', `/reports/${report.report.id}/resolve`, {
      body: { decision: 'dismiss' },
      token: editor.token,
    })
    expect(again.status).toBe(409)
  })

  it('requires a reason to hide and refuses to restore what is not hidden', async () => {
    const tip = await publishedTip()
    const noReason = await app.api('POST', `/tips/${tip.id}/moderate`, {
      body: { action: 'hide' },
      token: editor.token,
    })
    expect(noReason.status).toBe(400)
    expect((await errorOf(noReason)).field).toBe('reason')
    const restore = await app.api('POST', `/tips/${tip.id}/moderate`, {
      body: { action: 'restore' },
      token: editor.token,
    })
    expect(restore.status).toBe(409)
    const unknown = await app.api('POST', `/tips/${tip.id}/moderate`, {
      body: { action: 'delete' },
      token: editor.token,
    })
    expect(unknown.status).toBe(400)
  })
})

describe('locked threads and suspended accounts', () => {
  it('locks a thread against new answers and edits, and unlocks it to its earlier status', async () => {
    const asker = await app.signUp({})
    const thread = await app.payload.create({
      collection: 'threads',
      data: {
        author: asker.id,
        body: 'Question qui dérape en débat.',
        procedure: procedureId,
        status: 'open',
        title: 'Question qui dérape',
        visibility: 'published',
      },
    })
    const locked = await app.api('POST', `/threads/${thread.id}/moderate`, {
      body: { action: 'lock', reason: 'Hors sujet.' },
      token: editor.token,
    })
    expect(locked.status).toBe(200)
    expect((await json(locked)).doc.status).toBe('closed')
    const answer = await app.api('POST', '/answers', {
      body: { body: 'Encore une réponse hors sujet.', thread: thread.id },
      token: agent.token,
    })
    expect(answer.status).toBe(409)
    const edit = await app.api('PATCH', `/threads/${thread.id}`, {
      body: { body: 'Je modifie ma question.' },
      token: asker.token,
    })
    expect(edit.status).toBe(409)
    const unlocked = await app.api('POST', `/threads/${thread.id}/moderate`, {
      body: { action: 'unlock' },
      token: editor.token,
    })
    expect((await json(unlocked)).doc.status).toBe('open')
  })

  it('lets a suspended person sign in but not contribute, and says why', async () => {
    const person = await app.signUp({})
    await app.payload.update({
      collection: 'users',
      data: { isSuspended: true, suspensionReason: 'Messages injurieux répétés.' },
      id: person.id,
    })
    expect((await app.api('GET', '/users/me', { token: person.token })).status).toBe(200)
    const tip = await app.api('POST', '/tips', {
      body: { body: 'Une astuce pendant la suspension.', procedure: procedureId },
      token: person.token,
    })
    expect(tip.status).toBe(403)
    expect((await errorOf(tip)).message).toContain('Messages injurieux répétés.')
    const thread = await app.payload.create({
      collection: 'threads',
      data: {
        body: 'Une question publiée.',
        procedure: procedureId,
        status: 'open',
        title: 'Une question publiée ici',
        visibility: 'published',
      },
    })
    const vote = await app.api('POST', `/threads/${thread.id}/vote`, { body: { value: 1 }, token: person.token })
    expect(vote.status).toBe(403)
    expect((await errorOf(vote)).code).toBe('suspended')
  })

  it('never lets a citizen suspend or unsuspend an account', async () => {
    const person = await app.signUp({})
    const response = await app.api('PATCH', `/users/${person.id}`, { body: { isSuspended: true }, token: person.token })
    expect(response.status).toBe(200)
    expect((await app.payload.findByID({ collection: 'users', id: person.id })).isSuspended).toBe(false)
  })
})
