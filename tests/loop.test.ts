import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

describe('the co-production loop through the REST API', () => {
  it('goes from a question to a published official wiki page with its provenance', async () => {
    const { agency, procedure } = await createProcedure(app)
    const asker = await app.signUp({ name: 'Awa' })
    const helper = await app.signUp({ name: 'Bruno' })
    const agent = await app.signUp({ agency: agency.id, name: 'Agente Claire', role: 'agent' })
    const editor = await app.signUp({ name: 'Éditeur Denis', role: 'editor' })

    // A citizen asks; the author is the signed-in person, whatever the body says.
    const asked = await app.api('POST', '/threads?depth=0', {
      body: {
        author: helper.id,
        body: 'Mon passeport expire dans deux mois.\nDois-je refaire les photos ?',
        procedure: procedure.id,
        title: 'Faut-il de nouvelles photos pour renouveler ?',
      },
      token: asker.token,
    })
    expect(asked.status).toBe(201)
    const thread = (await json(asked)).doc
    expect(thread.author).toBe(asker.id)
    expect(thread.status).toBe('open')
    expect(thread.visibility).toBe('published')

    // A peer answers.
    const answered = await app.api('POST', '/answers?depth=0', {
      body: { body: 'Oui, les photos doivent dater de moins de six mois.', thread: thread.id },
      token: helper.token,
    })
    expect(answered.status).toBe(201)
    const answer = (await json(answered)).doc
    expect(answer.procedure).toBe(procedure.id)

    // Only the asker accepts.
    const notAsker = await app.api('POST', `/threads/${thread.id}/accept`, {
      body: { answer: answer.id },
      token: helper.token,
    })
    expect(notAsker.status).toBe(403)
    const accepted = await app.api('POST', `/threads/${thread.id}/accept`, {
      body: { answer: answer.id },
      token: asker.token,
    })
    expect(accepted.status).toBe(200)
    const acceptedBody = await json(accepted)
    expect(acceptedBody.thread.status).toBe('answered')
    expect(acceptedBody.answer.isAccepted).toBe(true)

    // The agent of the procedure's agency validates.
    const validated = await app.api('POST', `/answers/${answer.id}/validate`, {
      body: { note: 'Conforme à la réglementation.' },
      token: agent.token,
    })
    expect(validated.status).toBe(200)
    const validatedAnswer = (await json(validated)).answer
    expect(validatedAnswer.validatedBy).toBe(agent.id)
    expect(validatedAnswer.validationNote).toBe('Conforme à la réglementation.')
    const resolved = await app.payload.findByID({ collection: 'threads', id: thread.id })
    expect(resolved.status).toBe('resolved')

    // The agent promotes it into a wiki draft with provenance.
    const promoted = await app.api('POST', `/answers/${answer.id}/promote`, { body: {}, token: agent.token })
    expect(promoted.status).toBe(201)
    const page = (await json(promoted)).wikiPage
    expect(page._status).toBe('draft')
    expect(page.title).toBe('Faut-il de nouvelles photos pour renouveler ?')
    expect(page.sources).toHaveLength(1)
    expect(page.sources[0]).toMatchObject({
      answer: answer.id,
      contributor: helper.id,
      kind: 'answer',
      validatedBy: agent.id,
    })
    expect(page.contributors).toEqual([helper.id])

    // Promoting again is idempotent.
    const again = await app.api('POST', `/answers/${answer.id}/promote`, { body: {}, token: agent.token })
    expect(again.status).toBe(200)
    expect((await json(again)).wikiPage.id).toBe(page.id)
    const draft = await app.payload.findByID({ collection: 'wiki-pages', draft: true, id: page.id })
    expect(draft.sources).toHaveLength(1)

    // Readers cannot see the draft; an agent cannot publish it.
    expect((await app.api('GET', `/wiki-pages/${page.id}`)).status).toBe(404)
    const agentPublish = await app.api('PATCH', `/wiki-pages/${page.id}`, {
      body: { _status: 'published' },
      token: agent.token,
    })
    expect(agentPublish.status).toBe(200)
    expect((await app.api('GET', `/wiki-pages/${page.id}`)).status).toBe(404)

    // The editor publishes; readers see the page and where it came from.
    const published = await app.api('PATCH', `/wiki-pages/${page.id}`, {
      body: { _status: 'published' },
      token: editor.token,
    })
    expect(published.status).toBe(200)
    const read = await app.api('GET', `/wiki-pages/${page.id}?depth=0`)
    expect(read.status).toBe(200)
    const publicPage = await json(read)
    expect(publicPage._status).toBe('published')
    expect(publicPage.sources[0]).toMatchObject({ answer: answer.id, kind: 'answer', validatedBy: agent.id })
    expect(JSON.stringify(publicPage.body)).toContain('les photos doivent dater de moins de six mois')
  })

  it('promotes a validated tip by appending a section to an existing page', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'carte-identite' })
    const author = await app.signUp({ name: 'Chloé' })
    const agent = await app.signUp({ agency: agency.id, role: 'agent' })
    const tip = await json(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'Prenez rendez-vous en mairie dès la pré-demande faite.', procedure: procedure.id, step: 1 },
        token: author.token,
      }),
    )
    const premature = await app.api('POST', `/tips/${tip.doc.id}/promote`, { token: agent.token })
    expect(premature.status).toBe(409)
    expect((await errorOf(premature)).message).toMatch(/not been validated/)

    expect((await app.api('POST', `/tips/${tip.doc.id}/validate`, { token: agent.token })).status).toBe(200)
    const page = await app.payload.create({
      collection: 'wiki-pages',
      data: {
        _status: 'published',
        procedure: procedure.id,
        slug: 'cni-rendez-vous',
        title: 'Rendez-vous pour la CNI',
      },
    })
    const appended = await app.api('POST', `/tips/${tip.doc.id}/promote`, {
      body: { wikiPage: page.id },
      token: agent.token,
    })
    expect(appended.status).toBe(200)
    const body = (await json(appended)).wikiPage
    expect(body.sources).toEqual([expect.objectContaining({ kind: 'tip', tip: tip.doc.id, contributor: author.id })])
    expect(JSON.stringify(body.body)).toContain('Astuce : Prendre rendez-vous en mairie')

    // The published page is unchanged until an editor publishes the draft.
    const live = await app.payload.findByID({ collection: 'wiki-pages', id: page.id })
    expect(live.sources ?? []).toHaveLength(0)
  })
})
