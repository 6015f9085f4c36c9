import { initI18n, type AcceptedLanguages } from '@payloadcms/translations'
import { createLocalReq, type PayloadRequest } from 'payload'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { publishGuideEdit } from '../src/actions/publishGuideEdit.ts'
import { rejectGuideEdit } from '../src/actions/rejectGuideEdit.ts'
import { ProvenanceField } from '../src/admin/ProvenanceField.tsx'
import { WaitingWork } from '../src/admin/WaitingWork.tsx'
import { findAwaitingValidation } from '../src/admin/queries/awaitingValidation.ts'
import { findGuideEditsAwaitingReview } from '../src/admin/queries/guideReviews.ts'
import { loadGuideVerificationState, loadModerationState, loadValidationState } from '../src/admin/queries/itemState.ts'
import { findModerationQueue } from '../src/admin/queries/moderationQueue.ts'
import { loadProvenance } from '../src/admin/queries/provenance.ts'
import { summarizeWaitingWork } from '../src/admin/queries/waitingWork.ts'
import { lexicalToPlainText } from '../src/search/text.ts'
import { lexicalRoot, plainTextToNodes } from '../src/utilities/lexical.ts'
import { createProcedure, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

let app: TestApp
let moderator: { id: ID; token: string }

beforeAll(async () => {
  // The first contribution of each citizen waits for moderation, so pending items exist.
  app = await startTestApp({ entraide: { moderation: { preModeratedContributions: 1 } } })
  moderator = await app.signUp({ name: 'Modératrice', role: 'editor' })
})
afterAll(async () => {
  await app?.close()
})

/** A user as the admin panel's server components get them. */
const userOf = async (userId: ID) => ({
  ...(await app.payload.findByID({ collection: 'users', id: userId, overrideAccess: true })),
  collection: 'users' as const,
})

/** The i18n object of an admin user who reads the given language. */
const i18nIn = (language: AcceptedLanguages) =>
  initI18n({ config: app.payload.config.i18n, context: 'api', language })

/**
 * A request acting as the given user, as the admin panel's server components
 * get it; in the site's default language (French in the demo) unless another is given.
 */
const reqAs = async (userId: ID, language?: AcceptedLanguages): Promise<PayloadRequest> =>
  createLocalReq(
    { req: language ? { i18n: await i18nIn(language) } : {}, user: await userOf(userId) },
    app.payload,
  )

/** The text a server component shows, from its static markup. */
const textOf = (html: string): string =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')

/** A citizen whose first contribution, held for moderation, was published: they post directly now. */
const trustedCitizen = async (name: string, procedureId: ID) => {
  const citizen = await app.signUp({ name })
  const first = await json(
    await app.api('POST', '/tips?depth=0', {
      body: { body: `Première astuce de ${name}, vérifiée.`, procedure: procedureId },
      token: citizen.token,
    }),
  )
  const published = await app.api('POST', `/tips/${first.doc.id}/moderate`, {
    body: { action: 'publish' },
    token: moderator.token,
  })
  expect(published.status).toBe(200)
  return citizen
}

const ask = async (token: string, procedureId: ID, title: string) =>
  (
    await json(
      await app.api('POST', '/threads?depth=0', {
        body: { body: 'Je ne comprends pas cette étape de la démarche.', procedure: procedureId, title },
        token,
      }),
    )
  ).doc

const answer = async (token: string, threadId: ID, body: string) => {
  const response = await app.api('POST', '/answers?depth=0', { body: { body, thread: threadId }, token })
  const created = await json(response)
  if (response.status !== 201) throw new Error(`answer not created: ${JSON.stringify(created)}`)
  return created.doc
}

const setScore = (collection: 'answers' | 'tips', id: ID, score: number) =>
  app.payload.update({ collection, data: { score }, id, overrideAccess: true })

describe('awaiting validation', () => {
  it('lists accepted or well-voted answers and well-voted tips of the agent’s agency, accepted first', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'av-passeport' })
    const other = await createProcedure(app, { slug: 'av-permis' })
    const asker = await trustedCitizen('Asker AV', procedure.id)
    const helper = await trustedCitizen('Helper AV', procedure.id)
    const agent = await app.signUp({ agency: agency.id, name: 'Agent AV', role: 'agent' })
    const otherAgent = await app.signUp({ agency: other.agency.id, role: 'agent' })
    const editor = await app.signUp({ role: 'editor' })

    const thread = await ask(asker.token, procedure.id, 'Combien de temps pour le passeport ?')
    const accepted = await answer(helper.token, thread.id, 'Comptez trois semaines en moyenne.')
    const wellVoted = await answer(helper.token, thread.id, 'Cela dépend de la mairie choisie.')
    const ignored = await answer(helper.token, thread.id, 'Aucune idée, désolé pour vous.')
    const validated = await answer(helper.token, thread.id, 'Le site de l’ANTS donne le délai.')
    await app.api('POST', `/threads/${thread.id}/accept`, { body: { answer: accepted.id }, token: asker.token })
    await setScore('answers', wellVoted.id, 5)
    await setScore('answers', validated.id, 9)
    expect((await app.api('POST', `/answers/${validated.id}/validate`, { token: agent.token })).status).toBe(200)
    const tip = (
      await json(
        await app.api('POST', '/tips?depth=0', {
          body: { body: 'Faites la pré-demande en ligne avant.', procedure: procedure.id },
          token: helper.token,
        }),
      )
    ).doc
    await setScore('tips', tip.id, 4)
    const elsewhere = await trustedCitizen('Ailleurs', other.procedure.id)
    const otherThread = await ask(elsewhere.token, other.procedure.id, 'Échanger un permis étranger ?')
    const otherAnswer = await answer(helper.token, otherThread.id, 'Oui, via le site de l’ANTS.')
    await app.api('POST', `/threads/${otherThread.id}/accept`, { body: { answer: otherAnswer.id }, token: elsewhere.token })

    const forAgent = await findAwaitingValidation({ req: await reqAs(agent.id) })
    expect(forAgent.map((item) => [item.kind, item.id])).toEqual([
      ['answer', accepted.id],
      ['answer', wellVoted.id],
      ['tip', tip.id],
    ])
    expect(forAgent[0]).toMatchObject({
      author: 'Helper AV',
      isAccepted: true,
      procedure: { id: procedure.id, title: 'Procédure av-passeport' },
      thread: { id: thread.id, title: 'Combien de temps pour le passeport ?' },
    })
    expect(forAgent.map((item) => `${item.kind}:${item.id}`)).not.toContain(`answer:${ignored.id}`)

    const forOtherAgent = await findAwaitingValidation({ req: await reqAs(otherAgent.id) })
    expect(forOtherAgent.map((item) => item.id)).toEqual([otherAnswer.id])

    const forEditor = (await findAwaitingValidation({ req: await reqAs(editor.id) })).map(
      (item) => `${item.kind}:${item.id}`,
    )
    expect(forEditor).toEqual(
      expect.arrayContaining([`answer:${accepted.id}`, `answer:${wellVoted.id}`, `tip:${tip.id}`, `answer:${otherAnswer.id}`]),
    )

    // Once validated, an item leaves the list.
    await app.api('POST', `/answers/${accepted.id}/validate`, { token: agent.token })
    const after = await findAwaitingValidation({ req: await reqAs(agent.id) })
    expect(after.map((item) => item.id)).toEqual([wellVoted.id, tip.id])
  })

  it('refuses citizens', async () => {
    const citizen = await app.signUp({})
    await expect(findAwaitingValidation({ req: await reqAs(citizen.id) })).rejects.toMatchObject({ status: 403 })
  })
})

describe('moderation queue', () => {
  it('groups open reports by item for editors and lists pending items, agents seeing their agency’s only', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'mq-cni' })
    const other = await createProcedure(app, { slug: 'mq-apl' })
    const author = await trustedCitizen('Auteur MQ', procedure.id)
    const newcomer = await app.signUp({ name: 'Nouveau MQ' })
    const otherNewcomer = await app.signUp({ name: 'Autre MQ' })
    const agent = await app.signUp({ agency: agency.id, role: 'agent' })
    const editor = await app.signUp({ role: 'editor' })
    const [r1, r2] = [await app.signUp({ name: 'R1' }), await app.signUp({ name: 'R2' })]

    const tip = (
      await json(
        await app.api('POST', '/tips?depth=0', {
          body: { body: 'Appelez ce numéro surtaxé pour aller plus vite.', procedure: procedure.id },
          token: author.token,
        }),
      )
    ).doc
    await app.api('POST', `/tips/${tip.id}/report`, { body: { note: 'Arnaque', reason: 'spam' }, token: r1.token })
    await app.api('POST', `/tips/${tip.id}/report`, { body: { reason: 'wrong-information' }, token: r2.token })
    const held = (
      await json(
        await app.api('POST', '/tips?depth=0', {
          body: { body: 'Ma toute première astuce sur la CNI.', procedure: procedure.id },
          token: newcomer.token,
        }),
      )
    ).doc
    const heldElsewhere = (
      await json(
        await app.api('POST', '/tips?depth=0', {
          body: { body: 'Première astuce sur les aides au logement.', procedure: other.procedure.id },
          token: otherNewcomer.token,
        }),
      )
    ).doc
    expect(held.visibility).toBe('pending')

    const editorQueue = await findModerationQueue({ req: await reqAs(editor.id) })
    expect(editorQueue.canHandleReports).toBe(true)
    const group = editorQueue.reportGroups.find((entry) => entry.targetKey === `tips:${tip.id}`)
    expect(group).toMatchObject({
      collection: 'tips',
      id: tip.id,
      label: 'Appelez ce numéro surtaxé pour aller plus vite.',
      reasons: { spam: 1, 'wrong-information': 1 },
      visibility: 'published',
    })
    expect(group?.reports.map((report) => [report.reporter, report.note])).toEqual([
      ['R1', 'Arnaque'],
      ['R2', null],
    ])
    const pendingIds = editorQueue.pending.map((item) => item.id)
    expect(pendingIds).toEqual(expect.arrayContaining([held.id, heldElsewhere.id]))
    expect(editorQueue.pending.find((item) => item.id === held.id)).toMatchObject({
      author: 'Nouveau MQ',
      canPublish: true,
      collection: 'tips',
      procedure: 'Procédure mq-cni',
    })

    const agentQueue = await findModerationQueue({ req: await reqAs(agent.id) })
    expect(agentQueue.canHandleReports).toBe(false)
    expect(agentQueue.reportGroups).toEqual([])
    expect(agentQueue.pending.map((item) => item.id)).toContain(held.id)
    expect(agentQueue.pending.map((item) => item.id)).not.toContain(heldElsewhere.id)

    // Deciding on a report takes the item out of the queue.
    const reportId = group?.reports[0]?.id
    await app.api('POST', `/reports/${reportId}/resolve`, { body: { decision: 'dismiss' }, token: editor.token })
    const later = await findModerationQueue({ req: await reqAs(editor.id) })
    expect(later.reportGroups.map((entry) => entry.targetKey)).not.toContain(`tips:${tip.id}`)
  })

  it('refuses citizens', async () => {
    const citizen = await app.signUp({})
    await expect(findModerationQueue({ req: await reqAs(citizen.id) })).rejects.toMatchObject({ status: 403 })
  })
})

describe('guide edits awaiting review', () => {
  const body = (text: string) => lexicalRoot(plainTextToNodes(text))

  const publishedGuide = async (slug: string) => {
    const { agency, procedure } = await createProcedure(app, { slug })
    const agent = await app.signUp({ agency: agency.id, name: `Agent ${slug}`, role: 'agent' })
    const created = await app.api('POST', '/guides?depth=0', {
      body: {
        _status: 'published',
        body: body('Faire la pré-demande en ligne.\n\nPrendre rendez-vous en mairie.'),
        procedure: procedure.id,
        title: 'Guide du passeport',
      },
      token: agent.token,
    })
    expect(created.status).toBe(201)
    return { agent, guide: (await json(created)).doc, procedure }
  }

  /** An agent of another agency: their edit of the guide is saved as a draft waiting for its reviewers. */
  const outsiderAgent = async (name: string) => {
    const agency = await app.payload.create({
      collection: 'agencies',
      data: { name: `Agence de ${name}`, slug: `agence-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}` },
    })
    return app.signUp({ agency: agency.id, name, role: 'agent' })
  }

  const outsiderEdit = async (guideId: ID, name: string, text: string) => {
    const outsider = await outsiderAgent(name)
    const saved = await app.api('PATCH', `/guides/${guideId}?depth=0`, {
      body: { _status: 'published', body: body(text) },
      token: outsider.token,
    })
    expect(saved.status).toBe(200)
    return outsider
  }

  it('lists another agency’s agent’s draft with who edited and a diff, and publishing it makes it the public version', async () => {
    const { agent, guide } = await publishedGuide('gr-publish')
    await outsiderEdit(guide.id, 'Correctrice', 'Faire la pré-demande en ligne.\n\nPrendre rendez-vous dans une mairie équipée.')
    await outsiderEdit(guide.id, 'Second', 'Faire la pré-demande en ligne.\n\nPrendre rendez-vous dans une mairie équipée.\n\nVenir avec les photos.')

    const reviews = await findGuideEditsAwaitingReview({ req: await reqAs(agent.id) })
    const review = reviews.find((entry) => entry.guideId === guide.id)
    expect(review).toMatchObject({ editors: ['Second', 'Correctrice'], title: 'Guide du passeport', titleChange: null })
    expect(review?.publishedVersionId).toEqual(expect.any(String))
    expect(review?.diff).toEqual([
      { kind: 'same', text: 'Faire la pré-demande en ligne.' },
      {
        kind: 'changed',
        parts: [
          { kind: 'same', text: 'Prendre rendez-vous ' },
          { kind: 'removed', text: 'en ' },
          { kind: 'added', text: 'dans une ' },
          { kind: 'same', text: 'mairie' },
          { kind: 'added', text: ' équipée' },
          { kind: 'same', text: '.' },
        ],
      },
      { kind: 'added', text: 'Venir avec les photos.' },
    ])
    // Readers still see the published text.
    const before = await json(await app.api('GET', `/guides/${guide.id}?depth=0`))
    expect(lexicalToPlainText(before.body)).not.toContain('photos')

    await publishGuideEdit({ guideId: guide.id, req: await reqAs(agent.id) })
    const after = await json(await app.api('GET', `/guides/${guide.id}?depth=0`))
    expect(lexicalToPlainText(after.body)).toContain('Venir avec les photos.')
    const remaining = await findGuideEditsAwaitingReview({ req: await reqAs(agent.id) })
    expect(remaining.map((entry) => entry.guideId)).not.toContain(guide.id)
    await expect(publishGuideEdit({ guideId: guide.id, req: await reqAs(agent.id) })).rejects.toMatchObject({
      status: 409,
    })
  })

  it('rejecting puts the published version back as the latest without touching what readers see', async () => {
    const { agent, guide } = await publishedGuide('gr-reject')
    expect((await app.api('POST', `/guides/${guide.id}/verify`, { token: agent.token })).status).toBe(200)
    const outsider = await outsiderEdit(guide.id, 'Distrait', 'Tout est faux ici.')
    // Neither the draft's author, an agent of another agency, nor a citizen may reject it.
    for (const person of [outsider, await app.signUp({ name: 'Citoyenne' })]) {
      await expect(rejectGuideEdit({ guideId: guide.id, req: await reqAs(person.id) })).rejects.toMatchObject({
        status: 403,
      })
    }

    await rejectGuideEdit({ guideId: guide.id, req: await reqAs(agent.id) })
    const latest = await app.payload.findByID({ collection: 'guides', draft: true, id: guide.id, overrideAccess: true })
    expect(lexicalToPlainText(latest.body)).toBe('Faire la pré-demande en ligne.\nPrendre rendez-vous en mairie.')
    const live = await app.payload.findByID({ collection: 'guides', id: guide.id, overrideAccess: true })
    expect(live.verifiedAt).toEqual(expect.any(String))
    expect(live.needsReview).toBe(false)
    const reviews = await findGuideEditsAwaitingReview({ req: await reqAs(agent.id) })
    expect(reviews.map((entry) => entry.guideId)).not.toContain(guide.id)
    // The rejected draft stays in the history.
    const { totalDocs } = await app.payload.findVersions({
      collection: 'guides',
      where: { and: [{ parent: { equals: guide.id } }, { 'version._status': { equals: 'draft' } }] },
    })
    expect(totalDocs).toBe(1)
    await expect(rejectGuideEdit({ guideId: guide.id, req: await reqAs(agent.id) })).rejects.toMatchObject({
      status: 409,
    })
  })

  it('a guide never published can be published but not rejected', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'gr-new' })
    const agent = await app.signUp({ agency: agency.id, role: 'agent' })
    const outsider = await outsiderAgent('Créatrice')
    const created = await app.api('POST', '/guides?depth=0', {
      body: { _status: 'published', body: body('Premier jet.'), procedure: procedure.id, title: 'Nouveau guide' },
      token: outsider.token,
    })
    const guide = (await json(created)).doc
    expect(guide._status).toBe('draft')
    const review = (await findGuideEditsAwaitingReview({ req: await reqAs(agent.id) })).find(
      (entry) => entry.guideId === guide.id,
    )
    expect(review).toMatchObject({ editors: ['Créatrice'], publishedVersionId: null })
    expect(review?.diff).toEqual([{ kind: 'added', text: 'Premier jet.' }])
    await expect(rejectGuideEdit({ guideId: guide.id, req: await reqAs(agent.id) })).rejects.toMatchObject({
      status: 409,
    })
    await publishGuideEdit({ guideId: guide.id, req: await reqAs(agent.id) })
    expect((await app.api('GET', `/guides/${guide.id}?depth=0`)).status).toBe(200)
  })
})

describe('provenance and the waiting-work summary', () => {
  it('resolves a wiki page’s sources to questions, contributors and validators', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'pv-passeport' })
    const asker = await trustedCitizen('Asker PV', procedure.id)
    const helper = await trustedCitizen('Hélène', procedure.id)
    const agent = await app.signUp({ agency: agency.id, name: 'Agent Paul', role: 'agent' })
    const thread = await ask(asker.token, procedure.id, 'Faut-il un timbre fiscal pour un mineur ?')
    const reply = await answer(helper.token, thread.id, 'Oui, 17 € pour un mineur de moins de 15 ans.')
    await app.api('POST', `/answers/${reply.id}/validate`, { token: agent.token })
    const page = (await json(await app.api('POST', `/answers/${reply.id}/promote`, { token: agent.token }))).wikiPage

    const provenance = await loadProvenance({ req: await reqAs(agent.id), wikiPageId: page.id })
    expect(provenance.contributors).toEqual([{ id: helper.id, name: 'Hélène' }])
    expect(provenance.sources).toEqual([
      {
        contributor: 'Hélène',
        kind: 'answer',
        source: { collection: 'answers', excerpt: 'Oui, 17 € pour un mineur de moins de 15 ans.', id: reply.id },
        thread: { id: thread.id, title: 'Faut-il un timbre fiscal pour un mineur ?' },
        validatedAt: expect.any(String),
        validatedBy: 'Agent Paul',
      },
    ])
    // The panel reads in the admin user's language.
    const provenancePanel = async (language: AcceptedLanguages) =>
      textOf(renderToStaticMarkup(await ProvenanceField({ id: page.id, req: await reqAs(agent.id, language) } as any)))
    expect(await provenancePanel('fr')).toMatch(/Par Hélène, validée le \d{1,2} \S+ \d{4}.* par Agent Paul/)
    expect(await provenancePanel('fr')).toContain('En réponse à Faut-il un timbre fiscal pour un mineur ?')
    expect(await provenancePanel('en')).toMatch(/By Hélène, validated on \d{1,2} \S+ \d{4}.* by Agent Paul/)

    // The agent has nothing left to validate here, and one newcomer's tip to publish.
    const newcomer = await app.signUp({})
    await app.api('POST', '/tips?depth=0', {
      body: { body: 'Une astuce qui attend la modération.', procedure: procedure.id },
      token: newcomer.token,
    })
    const agentWork = await summarizeWaitingWork({ req: await reqAs(agent.id) })
    expect(agentWork?.map((entry) => [entry.key, entry.count])).toEqual([
      ['awaiting-validation', 0],
      ['pending', 1],
      ['guide-edits', 0],
    ])
    expect(agentWork?.[1]).toMatchObject({ count: 1, key: 'pending', path: '/moderation' })
    const editorWork = await summarizeWaitingWork({ req: await reqAs(moderator.id) })
    expect(editorWork?.find((entry) => entry.key === 'wiki-drafts')?.count).toBeGreaterThanOrEqual(1)
    const citizenWork = await summarizeWaitingWork({ req: await reqAs(newcomer.id) })
    expect(citizenWork?.find((entry) => entry.key === 'own-tips-pending')).toMatchObject({
      count: 1,
      path: '/collections/tips?where[visibility][equals]=pending',
    })
    expect(citizenWork?.find((entry) => entry.key === 'own-answers-pending')?.count).toBe(0)

    // The dashboard's block words those counts in the admin user's language.
    const dashboard = async (userId: ID, language: AcceptedLanguages) =>
      textOf(
        renderToStaticMarkup(
          await WaitingWork({ i18n: await i18nIn(language), payload: app.payload, user: await userOf(userId) } as any),
        ),
      )
    expect(await dashboard(agent.id, 'fr')).toContain('Ce qui vous attend1 contribution en attente de modération')
    expect(await dashboard(agent.id, 'en')).toContain('Waiting for you1 contribution awaiting moderation')
    expect(await dashboard(newcomer.id, 'fr')).toContain('1 de vos astuces en attente de modération')
    expect(await dashboard(newcomer.id, 'en')).toContain('1 of your tips awaiting moderation')
  })
})

describe('the state shown in the validation and moderation panels', () => {
  it('tells each role what it may do with an answer, and follows validation and promotion', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'ps-passeport' })
    const other = await createProcedure(app, { slug: 'ps-apl' })
    const asker = await trustedCitizen('Asker PS', procedure.id)
    const helper = await trustedCitizen('Helper PS', procedure.id)
    const agent = await app.signUp({ agency: agency.id, name: 'Agente PS', role: 'agent' })
    const otherAgent = await app.signUp({ agency: other.agency.id, role: 'agent' })
    const thread = await ask(asker.token, procedure.id, 'Peut-on renouveler son passeport en avance ?')
    const reply = await answer(helper.token, thread.id, 'Oui, à tout moment, même plusieurs mois avant.')

    const asAuthor = await loadValidationState({ collection: 'answers', id: reply.id, req: await reqAs(helper.id) })
    expect(asAuthor).toMatchObject({
      access: 'none',
      isAccepted: false,
      promotedTo: null,
      suggestedTitle: 'Peut-on renouveler son passeport en avance ?',
      validatedAt: null,
      visibility: 'published',
    })
    const asOtherAgent = await loadValidationState({ collection: 'answers', id: reply.id, req: await reqAs(otherAgent.id) })
    expect(asOtherAgent?.access).toBe('other-agency')
    expect((await loadValidationState({ collection: 'answers', id: reply.id, req: await reqAs(moderator.id) }))?.access).toBe(
      'allowed',
    )

    await app.api('POST', `/answers/${reply.id}/validate`, { body: { note: 'Exact.' }, token: agent.token })
    const page = (await json(await app.api('POST', `/answers/${reply.id}/promote`, { token: agent.token }))).wikiPage
    const asAgent = await loadValidationState({ collection: 'answers', id: reply.id, req: await reqAs(agent.id) })
    expect(asAgent).toMatchObject({
      access: 'allowed',
      note: 'Exact.',
      promotedTo: { id: page.id, status: 'draft', title: 'Peut-on renouveler son passeport en avance ?' },
      validatedAt: expect.any(String),
      validatedBy: 'Agente PS',
    })

    // Moderation: nothing for citizens; publishing for the agency's agents; the rest for editors.
    expect(await loadModerationState({ collection: 'answers', id: reply.id, req: await reqAs(helper.id) })).toBeNull()
    expect(await loadModerationState({ collection: 'threads', id: thread.id, req: await reqAs(otherAgent.id) })).toMatchObject({
      canModerate: false,
      canPublish: false,
      threadStatus: 'resolved',
    })
    expect(await loadModerationState({ collection: 'threads', id: thread.id, req: await reqAs(agent.id) })).toMatchObject({
      canModerate: false,
      canPublish: true,
    })
    await app.api('POST', `/threads/${thread.id}/moderate`, {
      body: { action: 'lock', reason: 'Question réglée.' },
      token: moderator.token,
    })
    expect(await loadModerationState({ collection: 'threads', id: thread.id, req: await reqAs(moderator.id) })).toMatchObject({
      canModerate: true,
      moderationNote: 'Question réglée.',
      threadStatus: 'closed',
      visibility: 'published',
    })
  })
})

describe('the state shown in the guide verification panel', () => {
  it('names who verified the published guide and lets only the agency’s agents and editors verify', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'gv-cni' })
    const other = await createProcedure(app, { slug: 'gv-apl' })
    const agent = await app.signUp({ agency: agency.id, name: 'Agent GV', role: 'agent' })
    const otherAgent = await app.signUp({ agency: other.agency.id, role: 'agent' })
    const citizen = await app.signUp({})
    const guide = (
      await json(
        await app.api('POST', '/guides?depth=0', {
          body: { _status: 'published', procedure: procedure.id, title: 'Guide de la CNI' },
          token: agent.token,
        }),
      )
    ).doc

    expect(await loadGuideVerificationState({ id: guide.id, req: await reqAs(citizen.id) })).toBeNull()
    expect(await loadGuideVerificationState({ id: guide.id, req: await reqAs(otherAgent.id) })).toMatchObject({
      canVerify: false,
      verifiedAt: null,
    })
    await app.api('POST', `/guides/${guide.id}/verify`, { token: agent.token })
    expect(await loadGuideVerificationState({ id: guide.id, req: await reqAs(agent.id) })).toMatchObject({
      canVerify: true,
      isPublished: true,
      needsReview: false,
      verifiedAt: expect.any(String),
      verifiedBy: 'Agent GV',
    })
  })
})
