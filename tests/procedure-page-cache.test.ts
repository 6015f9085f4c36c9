import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

// The anonymous procedure page comes from the app's memory; every write it
// shows is seen by the next reader, whichever way it was made.

type Person = Awaited<ReturnType<TestApp['signUp']>>

/**
 * The Local API reads made for procedure page requests while `work` runs,
 * each as its collection and filter (every read of the page goes through
 * `payload.find` with the request); the app's background jobs read too, and
 * are left out.
 */
const readsDuring = async <T>(app: TestApp, work: () => Promise<T>): Promise<{ reads: string[]; result: T }> => {
  const { payload } = app
  const find = payload.find.bind(payload)
  const reads: string[] = []
  payload.find = ((args: Parameters<typeof find>[0]) => {
    if (args.req?.url?.includes('/entraide/procedures/')) reads.push(`${args.collection} ${JSON.stringify(args.where ?? {})}`)
    return find(args)
  }) as typeof payload.find
  try {
    const result = await work()
    return { reads, result }
  } finally {
    payload.find = find
  }
}

/** How many reads `readsDuring` saw. */
const countReads = async <T>(app: TestApp, work: () => Promise<T>): Promise<{ reads: number; result: T }> => {
  const { reads, result } = await readsDuring(app, work)
  return { reads: reads.length, result }
}

describe('the anonymous procedure page, kept in memory', () => {
  let app: TestApp
  let procedureId: ID
  let agencyId: ID
  let asker: Person
  let helper: Person
  let agent: Person
  let editor: Person

  const page = async (query = ''): Promise<Record<string, any>> => {
    const response = await app.api('GET', `/entraide/procedures/passeport${query}`)
    expect(response.status).toBe(200)
    return json(response)
  }

  beforeAll(async () => {
    app = await startTestApp()
    const { agency, procedure } = await createProcedure(app)
    procedureId = procedure.id
    agencyId = agency.id
    asker = await app.signUp({ name: 'Awa Diallo' })
    helper = await app.signUp({ name: 'Bruno Martin' })
    agent = await app.signUp({ agency: agencyId, name: 'Agente Claire', role: 'agent' })
    editor = await app.signUp({ name: 'Éditrice Inès', role: 'editor' })
  })
  afterAll(async () => {
    await app?.close()
  })

  /**
   * Reads the anonymous page until it comes from memory: earlier writes are
   * forgotten again once their transactions are seen to end, and when the
   * search change feed brings them back, a few milliseconds later.
   */
  const settled = async (): Promise<void> => {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      if ((await countReads(app, () => page())).reads === 0) return
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  it('answers a second anonymous reader without reading the database, and a signed-in reader from it', async () => {
    await settled()
    const again = await countReads(app, () => page())
    expect(again.reads).toBe(0)
    const signedIn = await countReads(app, async () => {
      const response = await app.api('GET', '/entraide/procedures/passeport', { token: asker.token })
      expect(response.headers.get('Cache-Control')).toBe('private, no-store')
      return json(response)
    })
    expect(signedIn.reads).toBeGreaterThan(0)
    expect(signedIn.result.viewer.displayName).toBe('Awa Diallo')
  })

  it('shows each write at the next anonymous read: posts, votes, renames, validations, moderation, the procedure', async () => {
    await page()
    const tipResponse = await app.api('POST', '/tips?depth=0', {
      body: { body: 'Apportez une photocopie de l’ancien passeport.', procedure: procedureId },
      token: helper.token,
    })
    expect(tipResponse.status).toBe(201)
    const tipId: ID = (await json(tipResponse)).doc.id
    expect((await page()).tips.map((tip: { id: ID }) => tip.id)).toContain(tipId)

    const threadResponse = await app.api('POST', '/threads?depth=0', {
      body: { body: 'Faut-il venir avec l’ancien passeport ?', procedure: procedureId, title: 'Ancien passeport à rendre ?' },
      token: asker.token,
    })
    expect(threadResponse.status).toBe(201)
    const threadId: ID = (await json(threadResponse)).doc.id
    const answerResponse = await app.api('POST', '/answers?depth=0', {
      body: { body: 'Oui, il est rendu invalide au guichet.', thread: threadId },
      token: helper.token,
    })
    expect(answerResponse.status).toBe(201)
    const answerId: ID = (await json(answerResponse)).doc.id
    const answerOnPage = async () =>
      (await page()).threads.find((thread: { id: ID }) => thread.id === threadId)?.answers.find(
        (answer: { id: ID }) => answer.id === answerId,
      )
    expect(await answerOnPage()).toBeDefined()

    // A vote changes a score that Entraide writes itself.
    const vote = await app.api('POST', `/tips/${tipId}/vote`, { body: { value: 1 }, token: asker.token })
    expect(vote.status).toBe(200)
    expect((await page()).tips.find((tip: { id: ID }) => tip.id === tipId).score).toBe(1)

    // An agent's validation names the agent and their agency.
    const validated = await app.api('POST', `/answers/${answerId}/validate`, { body: { note: 'Confirmé.' }, token: agent.token })
    expect(validated.status).toBe(200)
    expect((await answerOnPage()).validation.validatedBy.displayName).toBe('Agente Claire')

    // Renaming the agency shows at once on the procedure and under the validation.
    await app.payload.update({ collection: 'agencies', data: { name: 'Agence des titres' }, id: agencyId })
    const renamed = await page()
    expect(renamed.procedure.agency.name).toBe('Agence des titres')

    // A person's new display name.
    await app.payload.update({ collection: 'users', data: { displayName: 'Bruno M.' }, id: helper.id, overrideAccess: true })
    expect((await page()).tips.find((tip: { id: ID }) => tip.id === tipId).author.displayName).toBe('Bruno M.')

    // Hidden by a moderator: gone for readers.
    const hidden = await app.api('POST', `/tips/${tipId}/moderate`, {
      body: { action: 'hide', reason: 'Hors sujet.' },
      token: editor.token,
    })
    expect(hidden.status).toBe(200)
    expect((await page()).tips.map((tip: { id: ID }) => tip.id)).not.toContain(tipId)

    // The procedure's official content.
    await app.payload.update({ collection: 'procedures', data: { cost: '86 €' }, id: procedureId })
    expect((await page()).procedure.cost).toBe('86 €')
    await app.payload.update({ collection: 'procedures', data: { cost: '87 €' }, id: procedureId })
    expect((await page()).procedure.cost).toBe('87 €')
  })

  it('keeps one page per step, each changed by the writes that concern it', async () => {
    const before = await page('?step=1')
    expect(before.step).toBe(1)
    const tipResponse = await app.api('POST', '/tips?depth=0', {
      body: { body: 'Les créneaux du lundi matin partent en premier.', procedure: procedureId, step: 1 },
      token: helper.token,
    })
    expect(tipResponse.status).toBe(201)
    const tipId: ID = (await json(tipResponse)).doc.id
    expect((await page('?step=1')).tips.map((tip: { id: ID }) => tip.id)).toContain(tipId)
    expect((await page('?step=0')).tips.map((tip: { id: ID }) => tip.id)).not.toContain(tipId)
  })

  it('loads a page once for many readers arriving together after a change', async () => {
    await app.payload.update({ collection: 'procedures', data: { delay: '3 semaines' }, id: procedureId })
    const together = await countReads(app, () => Promise.all(Array.from({ length: 20 }, () => page())))
    expect(together.result.every((body) => body.procedure.delay === '3 semaines')).toBe(true)
    await app.payload.update({ collection: 'procedures', data: { delay: '4 semaines' }, id: procedureId })
    const alone = await countReads(app, () => page())
    expect(alone.result.procedure.delay).toBe('4 semaines')
    // Twenty readers cost what one reader costs.
    expect(alone.reads).toBeGreaterThan(0)
    expect(together.reads).toBe(alone.reads)
  })

  it("gives a signed-in reader the shared part from memory and reads only what is theirs", async () => {
    await settled()
    const { reads: seen } = await readsDuring(app, async () => {
      const response = await app.api('GET', '/entraide/procedures/passeport', { token: helper.token })
      expect(response.status).toBe(200)
      expect((await json(response)).viewer.displayName).toBeTruthy()
    })
    expect(seen.length).toBeGreaterThan(0)
    // Each read names the reader (their items, votes and proposals, their profile), or is the agency of a profile.
    for (const read of seen.filter((entry) => !entry.startsWith('agencies '))) expect(read).toContain(JSON.stringify(helper.id))
  })

  it("ranks a reader's own unpublished tip among the published ones as one list", async () => {
    const { procedure } = await createProcedure(app, { slug: 'titre-sejour' })
    const published: ID[] = []
    for (let index = 0; index < 10; index += 1) {
      const tip = await app.payload.create({
        collection: 'tips',
        data: { author: asker.id, body: `Astuce publiée numéro ${index + 1}.`, procedure: procedure.id, visibility: 'published' },
      })
      published.push(tip.id)
    }
    const pending = await app.payload.create({
      collection: 'tips',
      data: { author: helper.id, body: 'Mon astuce en attente de modération.', procedure: procedure.id, visibility: 'pending' },
    })
    const anonymous = await json(await app.api('GET', '/entraide/procedures/titre-sejour'))
    expect(anonymous.tips.map((tip: { id: ID }) => tip.id)).toEqual([...published].reverse())
    const own = await json(await app.api('GET', '/entraide/procedures/titre-sejour', { token: helper.token }))
    // Newest first at equal score: the pending tip leads, and the oldest published one makes room.
    expect(own.tips.map((tip: { id: ID }) => tip.id)).toEqual([pending.id, ...[...published].reverse().slice(0, 9)])
    expect(own.tips[0].status).toBe('pending')
    const other = await json(await app.api('GET', '/entraide/procedures/titre-sejour', { token: asker.token }))
    expect(other.tips.map((tip: { id: ID }) => tip.id)).toEqual([...published].reverse())
  })

  it('never keeps a page a client asked about that does not exist', async () => {
    const missing = await app.api('GET', '/entraide/procedures/carte-grise')
    expect(missing.status).toBe(404)
    await createProcedure(app, { slug: 'carte-grise' })
    const found = await app.api('GET', '/entraide/procedures/carte-grise')
    expect(found.status).toBe(200)
  })
})

describe('with procedurePageCache: false', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await startTestApp({ entraide: { procedurePageCache: false } })
    await createProcedure(app)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('reads every anonymous page from the database', async () => {
    const first = await countReads(app, () => app.api('GET', '/entraide/procedures/passeport'))
    const second = await countReads(app, () => app.api('GET', '/entraide/procedures/passeport'))
    expect(first.result.status).toBe(200)
    expect(second.reads).toBeGreaterThan(0)
    expect(second.reads).toBe(first.reads)
  })
})
