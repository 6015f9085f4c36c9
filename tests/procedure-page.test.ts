import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { lexicalRoot, plainTextToNodes } from '../src/utilities/lexical.ts'
import { errorOf, json, proposeGuideEdit } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

let app: TestApp

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

type Person = Awaited<ReturnType<TestApp['signUp']>>

/**
 * A procedure with content in every state: published and draft wiki pages,
 * a guide with a published version and a newer draft, tips and threads that
 * are published, pending or hidden, on different steps.
 */
const buildProcedure = async (slug: string) => {
  const { payload } = app
  const agency = await payload.create({
    collection: 'agencies',
    data: { name: `Préfecture ${slug}`, slug: `prefecture-${slug}` },
  })
  const procedure = await payload.create({
    collection: 'procedures',
    data: {
      agency: agency.id,
      cost: '86 €',
      delay: '3 semaines',
      officialUrl: 'https://www.service-public.fr/particuliers/vosdroits/F14929',
      requiredDocuments: [{ document: 'Photo d’identité récente' }, { document: 'Justificatif de domicile' }],
      slug,
      steps: [
        { description: 'Sur le site de l’ANTS.', title: 'Faire la pré-demande' },
        { title: 'Prendre rendez-vous' },
      ],
      summary: 'Renouveler un passeport arrivé à expiration.',
      title: `Renouveler un passeport (${slug})`,
    },
  })
  const asker: Person = await app.signUp({ name: 'Awa Diallo' })
  const helper: Person = await app.signUp({ name: 'Bruno Martin' })
  const other: Person = await app.signUp({ name: 'Chloé Petit' })
  const agent: Person = await app.signUp({ agency: agency.id, name: 'Agente Claire', role: 'agent' })

  type Extra = { step?: number; visibility?: 'pending' | 'published' | 'hidden' }
  const tip = (body: string, author: Person, extra: Extra = {}) =>
    payload.create({
      collection: 'tips',
      data: { author: author.id, body, procedure: procedure.id, visibility: 'published', ...extra },
    })
  const thread = (title: string, author: Person, extra: Extra = {}) =>
    payload.create({
      collection: 'threads',
      data: {
        author: author.id,
        body: `${title}\nMerci d’avance pour votre aide.`,
        procedure: procedure.id,
        status: 'open',
        title,
        visibility: 'published',
        ...extra,
      },
    })
  const answer = (threadId: ID, body: string, author: Person, extra: Extra = {}) =>
    payload.create({
      collection: 'answers',
      data: { author: author.id, body, thread: threadId, visibility: 'published', ...extra },
    })

  const lowTip = await tip('Astuce peu utile mais publiée quand même.', helper, { step: 0 })
  const topTip = await tip('Faites la pré-demande le soir, le site est moins chargé.', helper, { step: 0 })
  const validatedTip = await tip('Le timbre fiscal s’achète en ligne, pas besoin de bureau de tabac.', other, {
    step: 1,
  })
  await tip('Astuce cachée par la modération du site.', other, { visibility: 'hidden' })
  const pendingTip = await tip('Astuce en attente de relecture par un agent.', other, { visibility: 'pending' })

  const openThread = await thread('Question encore sans réponse ici', asker, { step: 0 })
  const answeredThread = await thread('Question avec une réponse acceptée', asker, { step: 1 })
  const resolvedThread = await thread('Question avec une réponse validée', asker)
  await thread('Question cachée par la modération', other, { visibility: 'hidden' })
  const pendingThread = await thread('Question en attente de modération', other, { visibility: 'pending' })

  const plainAnswer = await answer(answeredThread.id, 'Une autre réponse, ni acceptée ni validée.', other)
  const acceptedAnswer = await answer(answeredThread.id, 'La réponse qui a aidé la personne.', helper)
  const validatedAnswer = await answer(resolvedThread.id, 'Oui, les photos doivent dater de moins de six mois.', helper)
  const pendingAnswer = await answer(openThread.id, 'Réponse en attente de modération.', other, {
    visibility: 'pending',
  })
  const hiddenAnswer = await answer(openThread.id, 'Réponse cachée par la modération.', other, { visibility: 'hidden' })

  const ok = async (response: Promise<Response>) => expect((await response).status).toBe(200)
  await ok(
    app.api('POST', `/threads/${answeredThread.id}/accept`, {
      body: { answer: acceptedAnswer.id },
      token: asker.token,
    }),
  )
  await ok(app.api('POST', `/answers/${validatedAnswer.id}/validate`, { body: {}, token: agent.token }))
  await ok(app.api('POST', `/tips/${validatedTip.id}/validate`, { body: {}, token: agent.token }))
  await ok(app.api('POST', `/tips/${topTip.id}/vote`, { body: { value: 1 }, token: asker.token }))
  await ok(app.api('POST', `/tips/${topTip.id}/vote`, { body: { value: 1 }, token: other.token }))
  await ok(app.api('POST', `/tips/${validatedTip.id}/vote`, { body: { value: 1 }, token: asker.token }))
  await ok(app.api('POST', `/tips/${lowTip.id}/vote`, { body: { value: -1 }, token: asker.token }))

  const promoted = await app.api('POST', `/answers/${validatedAnswer.id}/promote`, { body: {}, token: agent.token })
  expect(promoted.status).toBe(201)
  const officialPage = (await json(promoted)).wikiPage
  await payload.update({ collection: 'wiki-pages', data: { _status: 'published' }, id: officialPage.id })
  await payload.create({
    collection: 'wiki-pages',
    data: {
      _status: 'draft',
      procedure: procedure.id,
      slug: `${slug}-brouillon`,
      title: 'Page officielle encore en brouillon',
    },
    draft: true,
  })

  const guide = await payload.create({
    collection: 'guides',
    data: {
      _status: 'published',
      body: lexicalRoot(plainTextToNodes('Étape 1 : préparez vos photos.')),
      procedure: procedure.id,
      title: 'Le guide simplifié du passeport',
    },
  })
  await ok(app.api('POST', `/guides/${guide.id}/verify`, { body: {}, token: agent.token }))
  const proposedEdit = await proposeGuideEdit(app, {
    body: lexicalRoot(plainTextToNodes('Texte proposé, encore en relecture.')),
    guide: guide.id,
    title: 'Titre proposé en brouillon',
    token: other.token,
  })
  expect(proposedEdit.status).toBe(201)

  return {
    agency,
    agent,
    answers: { acceptedAnswer, hiddenAnswer, pendingAnswer, plainAnswer, validatedAnswer },
    asker,
    guide,
    helper,
    officialPage,
    other,
    procedure,
    threads: { answeredThread, openThread, pendingThread, resolvedThread },
    tips: { lowTip, pendingTip, topTip, validatedTip },
  }
}

let world: Awaited<ReturnType<typeof buildProcedure>>

beforeAll(async () => {
  world = await buildProcedure('passeport')
})

const page = async (query = '', token?: string) => {
  const response = await app.api('GET', `/entraide/procedures/passeport${query}`, { token })
  expect(response.status).toBe(200)
  return { body: await json(response), response }
}

describe('GET /api/entraide/procedures/:slug for an anonymous reader', () => {
  it('returns the official procedure with its agency', async () => {
    const { body } = await page()
    expect(body.procedure).toMatchObject({
      agency: { name: 'Préfecture passeport', slug: 'prefecture-passeport' },
      cost: '86 €',
      delay: '3 semaines',
      officialUrl: 'https://www.service-public.fr/particuliers/vosdroits/F14929',
      requiredDocuments: ['Photo d’identité récente', 'Justificatif de domicile'],
      slug: 'passeport',
      steps: [
        { description: 'Sur le site de l’ANTS.', title: 'Faire la pré-demande' },
        { description: null, title: 'Prendre rendez-vous' },
      ],
      summary: 'Renouveler un passeport arrivé à expiration.',
    })
    expect(body.viewer).toBeNull()
    expect(body.step).toBeNull()
  })

  it('shows published official pages only, with where each part came from', async () => {
    const { body } = await page()
    expect(body.officialPages.map((official: { title: string }) => official.title)).toEqual([
      'Question avec une réponse validée',
    ])
    const [official] = body.officialPages
    expect(JSON.stringify(official.body)).toContain('les photos doivent dater de moins de six mois')
    expect(official.sources).toEqual([
      {
        contributor: { displayName: 'Bruno Martin', id: world.helper.id, role: 'citizen' },
        kind: 'answer',
        sourceUrl: `/demarches/passeport#entraide-thread-${world.threads.resolvedThread.id}`,
        validatedAt: expect.any(String),
        validatedBy: { displayName: 'Agente Claire', id: world.agent.id, role: 'agent' },
        validatingAgency: { name: 'Préfecture passeport', slug: 'prefecture-passeport' },
      },
    ])
    expect(official.contributors).toEqual([{ displayName: 'Bruno Martin', id: world.helper.id, role: 'citizen' }])
  })

  it('shows the published guide, not the proposal waiting for review, with its verification', async () => {
    const { body } = await page()
    expect(body.guide).toMatchObject({
      hasMyPendingEdit: false,
      id: world.guide.id,
      needsReview: false,
      title: 'Le guide simplifié du passeport',
      verifiedAt: expect.any(String),
      verifiedBy: { displayName: 'Agente Claire', role: 'agent' },
      verifyingAgency: { name: 'Préfecture passeport', slug: 'prefecture-passeport' },
    })
    expect(JSON.stringify(body.guide.body)).toContain('préparez vos photos')
    expect(JSON.stringify(body)).not.toContain('Texte proposé')
  })

  it('lists published tips in score order with validated ones marked', async () => {
    const { body } = await page()
    expect(body.tips.map((tip: { id: ID }) => tip.id)).toEqual([
      world.tips.topTip.id,
      world.tips.validatedTip.id,
      world.tips.lowTip.id,
    ])
    expect(body.tips.map((tip: { score: number }) => tip.score)).toEqual([2, 1, -1])
    const validated = body.tips.find((tip: { id: ID }) => tip.id === world.tips.validatedTip.id)
    expect(validated.validation).toMatchObject({
      agency: { name: 'Préfecture passeport' },
      validatedBy: { displayName: 'Agente Claire' },
    })
    expect(body.tips[0].validation).toBeNull()
    expect(
      body.tips.every((tip: { status: string; myVote: number }) => tip.status === 'published' && tip.myVote === 0),
    ).toBe(true)
  })

  it('lists questions with validated and answered ones first, answers inline', async () => {
    const { body } = await page()
    expect(body.threads.map((thread: { title: string }) => thread.title)).toEqual([
      'Question avec une réponse validée',
      'Question avec une réponse acceptée',
      'Question encore sans réponse ici',
    ])
    const [resolved, answered, open] = body.threads
    expect(resolved.threadStatus).toBe('resolved')
    expect(resolved.answers[0].validation.validatedBy.displayName).toBe('Agente Claire')
    expect(answered.threadStatus).toBe('answered')
    expect(answered.answers.map((answer: { id: ID }) => answer.id)).toEqual([
      world.answers.acceptedAnswer.id,
      world.answers.plainAnswer.id,
    ])
    expect(answered.answers[0].isAccepted).toBe(true)
    expect(answered.body).toBe('Question avec une réponse acceptée\nMerci d’avance pour votre aide.')
    expect(open.answers).toEqual([])
    expect(open.author).toEqual({ displayName: 'Awa Diallo', id: world.asker.id, role: 'citizen' })
  })

  it('never exposes pending or hidden items, emails or account details', async () => {
    const { body } = await page()
    const text = JSON.stringify(body)
    for (const hidden of [
      'cachée',
      'en attente',
      'brouillon',
      '@example.test',
      'email',
      'reputation',
      'isSuspended',
      'hash',
    ]) {
      expect(text).not.toContain(hidden)
    }
  })

  it('may be cached briefly by shared caches', async () => {
    const { response } = await page()
    expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/)
    expect(response.headers.get('Vary')).toContain('Authorization')
  })

  it('answers 304 Not Modified to a reader sending back its ETag, until the page changes', async () => {
    const { response: first } = await page()
    const etag = first.headers.get('ETag') ?? ''
    expect(etag).toMatch(/^W\/"[\w-]+"$/)
    const again = await page()
    expect(again.response.headers.get('ETag')).toBe(etag)

    const revalidated = await app.api('GET', '/entraide/procedures/passeport', { headers: { 'If-None-Match': etag } })
    expect(revalidated.status).toBe(304)
    expect(await revalidated.text()).toBe('')
    expect(revalidated.headers.get('ETag')).toBe(etag)
    expect(revalidated.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+/)
    // Among others, and compared weakly (a strong form of the same tag matches too).
    const listed = await app.api('GET', '/entraide/procedures/passeport', {
      headers: { 'If-None-Match': `"other", ${etag.replace(/^W\//, '')}` },
    })
    expect(listed.status).toBe(304)

    // Another step is another page, with its own tag.
    const stepped = await app.api('GET', '/entraide/procedures/passeport?step=1', { headers: { 'If-None-Match': etag } })
    expect(stepped.status).toBe(200)
    expect(stepped.headers.get('ETag')).not.toBe(etag)

    // Once the procedure changes, the old tag gets the new page.
    const [procedure] = (await app.payload.find({ collection: 'procedures', where: { slug: { equals: 'passeport' } } })).docs
    if (!procedure) throw new Error('the test procedure is missing')
    await app.payload.update({ collection: 'procedures', data: { cost: '87 €' }, id: procedure.id, overrideAccess: true })
    try {
      const changed = await app.api('GET', '/entraide/procedures/passeport', { headers: { 'If-None-Match': etag } })
      expect(changed.status).toBe(200)
      expect(changed.headers.get('ETag')).not.toBe(etag)
      expect((await json(changed)).procedure.cost).toBe('87 €')
    } finally {
      await app.payload.update({ collection: 'procedures', data: { cost: '86 €' }, id: procedure.id, overrideAccess: true })
    }
  })

  it('narrows tips and questions to one step with ?step=', async () => {
    const { body } = await page('?step=1')
    expect(body.step).toBe(1)
    expect(body.tips.map((tip: { id: ID }) => tip.id)).toEqual([world.tips.validatedTip.id])
    expect(body.threads.map((thread: { id: ID }) => thread.id)).toEqual([world.threads.answeredThread.id])
    expect(body.officialPages).toHaveLength(1)
    expect(body.guide.id).toBe(world.guide.id)
  })

  it('rejects a step that is not an index', async () => {
    for (const step of ['-1', 'deux', '1e3', '101']) {
      const response = await app.api('GET', `/entraide/procedures/passeport?step=${step}`)
      expect(response.status).toBe(400)
      expect((await errorOf(response)).field).toBe('step')
    }
  })

  it('answers 404 with a clear message for an unknown procedure', async () => {
    for (const slug of ['inconnue', 'Passeport', '%27%20OR%201%3D1']) {
      const response = await app.api('GET', `/entraide/procedures/${slug}`)
      expect(response.status).toBe(404)
      expect((await errorOf(response)).message).toMatch(/No procedure with slug ".+" was found/)
    }
  })
})

describe('GET /api/entraide/procedures/:slug for a signed-in reader', () => {
  it('adds their own pending and hidden items, marked as such, and nobody else’s', async () => {
    const { body, response } = await page('', world.other.token)
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    // Private: no validator a shared cache could answer another reader with.
    expect(response.headers.get('ETag')).toBeNull()
    expect(body.viewer).toEqual({ displayName: 'Chloé Petit', id: world.other.id, role: 'citizen' })
    const pendingTip = body.tips.find((tip: { id: ID }) => tip.id === world.tips.pendingTip.id)
    expect(pendingTip.status).toBe('pending')
    const hiddenTip = body.tips.find((tip: { body: string }) => tip.body.includes('cachée'))
    expect(hiddenTip.status).toBe('hidden')
    const pendingThread = body.threads.find((thread: { id: ID }) => thread.id === world.threads.pendingThread.id)
    expect(pendingThread.status).toBe('pending')
    const hiddenThread = body.threads.find((thread: { title: string }) => thread.title.includes('cachée'))
    expect(hiddenThread.status).toBe('hidden')
    const open = body.threads.find((thread: { id: ID }) => thread.id === world.threads.openThread.id)
    const ownAnswers = open.answers.filter((answer: { status: string }) => answer.status !== 'published')
    expect(ownAnswers.map((answer: { id: ID; status: string }) => [String(answer.id), answer.status]).sort()).toEqual(
      [
        [String(world.answers.pendingAnswer.id), 'pending'],
        [String(world.answers.hiddenAnswer.id), 'hidden'],
      ].sort(),
    )

    const asker = JSON.stringify((await page('', world.asker.token)).body)
    expect(asker).not.toContain('en attente')
    expect(asker).not.toContain('cachée')
  })

  it('includes the reader’s votes and their guide edit waiting for review', async () => {
    const asker = (await page('', world.asker.token)).body
    const votes = Object.fromEntries(asker.tips.map((tip: { id: ID; myVote: number }) => [tip.id, tip.myVote]))
    expect(votes).toEqual({ [world.tips.lowTip.id]: -1, [world.tips.topTip.id]: 1, [world.tips.validatedTip.id]: 1 })
    expect(asker.guide.hasMyPendingEdit).toBe(false)

    const editor = (await page('', world.other.token)).body
    expect(editor.guide.hasMyPendingEdit).toBe(true)
    expect(editor.guide.title).toBe('Le guide simplifié du passeport')
  })

  it('shows agents nothing unpublished that is not theirs', async () => {
    const { body } = await page('', world.agent.token)
    expect(JSON.stringify(body)).not.toMatch(/cachée|en attente|brouillon/)
    expect(body.viewer.role).toBe('agent')
  })
})
