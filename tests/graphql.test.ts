import * as GraphQL from 'graphql'
import type { Config } from 'payload'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { sqliteDatabaseAdapter } from '../setup/database.ts'
import { entraidePlugin } from '../src/index.ts'
import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { firstError, graphQL, type GraphQLResponse } from './helpers/graphql.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>

let app: TestApp
let agencyId: ID
let procedureId: ID
let otherAgencyProcedureId: ID
let asker: Person
let helper: Person
let agent: Person
let otherAgent: Person
let editor: Person

/** A vote limit low enough to reach in a test; every other limit keeps its default. */
const votesPerUser = 8

beforeAll(async () => {
  app = await startTestApp({
    entraide: { rateLimits: { votes: { perUser: { limit: votesPerUser, windowMs: 10 * 60_000 } } } },
    // The host's own GraphQL mutations, which Entraide's join.
    graphQL: {
      mutations: (graphql) => ({
        hostFailure: {
          resolve: () => {
            throw new Error('connection to 10.0.0.5 refused, password=hunter2')
          },
          type: graphql.GraphQLString,
        },
        hostPing: { resolve: () => 'pong', type: graphql.GraphQLString },
      }),
    },
    isDefaultInstance: true,
  })
  const first = await createProcedure(app)
  agencyId = first.agency.id
  procedureId = first.procedure.id
  otherAgencyProcedureId = (await createProcedure(app, { slug: 'carte-grise' })).procedure.id
  asker = await app.signUp({ name: 'Awa' })
  helper = await app.signUp({ name: 'Bruno' })
  agent = await app.signUp({ agency: agencyId, name: 'Agente Claire', role: 'agent' })
  otherAgent = await app.signUp({
    agency: (await app.payload.find({ collection: 'agencies', where: { slug: { equals: 'agence-carte-grise' } } }))
      .docs[0]!.id,
    name: 'Agent d’ailleurs',
    role: 'agent',
  })
  editor = await app.signUp({ name: 'Éditrice Denise', role: 'editor' })
})
afterAll(async () => {
  await app?.close()
})

/** Every GraphQL response of this file: errors, when there are some, never carry a stack trace. */
const gql = async (query: string, person?: Person, variables?: Record<string, unknown>): Promise<GraphQLResponse> => {
  const response = await graphQL(app, query, { token: person?.token, variables })
  for (const error of response.errors) {
    expect(error.extensions?.stack).toBeUndefined()
    expect(error.message).not.toMatch(/\bat .+\.(ts|js):\d+/)
  }
  return response
}

/** A REST call of the same action, for comparing what each API answers. */
const rest = (route: string, person: Person | undefined, body: unknown = {}) =>
  app.api('POST', route, { body, token: person?.token })

/** What a REST client learns from a refusal, in the shape `firstError` gives for GraphQL. */
const restRefusal = async (response: Response) => {
  const error = await errorOf(response)
  return { code: error.code, field: error.field, message: error.message, status: response.status }
}

/** Payload's own queries type ids as Int on numeric ids and String on text ids. */
const idType = (id: ID) => (typeof id === 'number' ? 'Int' : 'String')

/** A question asked and answered through REST, as the widget does. */
const askAndAnswer = async () => {
  const thread = (
    await json(
      await app.api('POST', '/threads?depth=0', {
        body: {
          body: 'Mon passeport expire dans deux mois.\nDois-je refaire les photos ?',
          procedure: procedureId,
          title: 'Faut-il de nouvelles photos pour renouveler ?',
        },
        token: asker.token,
      }),
    )
  ).doc
  const answer = (
    await json(
      await app.api('POST', '/answers?depth=0', {
        body: { body: 'Oui, les photos doivent dater de moins de six mois.', thread: thread.id },
        token: helper.token,
      }),
    )
  ).doc
  return { answer: answer as { id: ID }, thread: thread as { id: ID } }
}

const tipBy = (author: Person, text: string, visibility: 'pending' | 'published' = 'published') =>
  app.payload.create({
    collection: 'tips',
    data: { author: author.id, body: text, procedure: procedureId, visibility },
  })

describe('GraphQL mutations: the co-production loop', () => {
  it('goes from a question to a wiki draft, with the rules and refusals of REST', async () => {
    const { answer, thread } = await askAndAnswer()
    const accept = `mutation($thread: ID!, $answer: ID!) {
      acceptAnswer(thread: $thread, answer: $answer) { thread { id status } answer { id isAccepted } }
    }`
    const ids = { answer: String(answer.id), thread: String(thread.id) }

    // Only the asker accepts: the same refusal as REST.
    const notAsker = await gql(accept, helper, ids)
    expect(notAsker.data).toBeNull()
    const restNotAsker = await restRefusal(await rest(`/threads/${thread.id}/accept`, helper, { answer: answer.id }))
    expect(restNotAsker).toMatchObject({ code: 'forbidden', status: 403 })
    expect(firstError(notAsker)).toEqual(restNotAsker)

    const accepted = await gql(accept, asker, ids)
    expect(accepted.errors).toEqual([])
    expect(accepted.data?.acceptAnswer).toEqual({
      answer: { id: answer.id, isAccepted: true },
      thread: { id: thread.id, status: 'answered' },
    })

    // Validating: nobody signed in, a citizen, then the agent of the procedure's agency.
    const validate = `mutation($id: ID!, $note: String) {
      validateAnswer(id: $id, note: $note) { id validatedAt validationNote validatedBy { id displayName } thread { status } }
    }`
    const anonymous = await gql(validate, undefined, { id: String(answer.id) })
    expect(firstError(anonymous)).toEqual(await restRefusal(await rest(`/answers/${answer.id}/validate`, undefined)))
    expect(firstError(anonymous)).toMatchObject({ code: 'not-signed-in', status: 401 })
    const citizen = await gql(validate, asker, { id: String(answer.id) })
    expect(firstError(citizen)).toEqual(await restRefusal(await rest(`/answers/${answer.id}/validate`, asker)))
    expect(firstError(citizen)).toMatchObject({ code: 'forbidden', status: 403 })
    expect((await app.payload.findByID({ collection: 'answers', id: answer.id })).validatedAt ?? null).toBeNull()

    // A numeric id may come as a number as well as a string.
    const validated = await gql(validate, agent, {
      id: typeof answer.id === 'number' ? answer.id : String(answer.id),
      note: 'Conforme à la réglementation.',
    })
    expect(validated.errors).toEqual([])
    expect(validated.data?.validateAnswer).toMatchObject({
      id: answer.id,
      thread: { status: 'resolved' },
      validatedAt: expect.any(String),
      validatedBy: { displayName: 'Agente Claire', id: agent.id },
      validationNote: 'Conforme à la réglementation.',
    })

    // Promoting: an agent of another agency is refused as on REST; the agent of the agency makes a draft.
    const promote = `mutation($id: ID!) {
      promoteAnswer(id: $id) {
        isCreated
        wikiPage { id title _status sources { kind answer { id } contributor { id } validatedBy { id } } contributors { id } }
      }
    }`
    const elsewhere = await gql(promote, otherAgent, { id: String(answer.id) })
    const restElsewhere = await restRefusal(await rest(`/answers/${answer.id}/promote`, otherAgent))
    expect(restElsewhere).toMatchObject({ code: 'forbidden', status: 403 })
    expect(firstError(elsewhere)).toEqual(restElsewhere)

    const promoted = await gql(promote, agent, { id: String(answer.id) })
    expect(promoted.errors).toEqual([])
    const page = promoted.data?.promoteAnswer.wikiPage
    expect(promoted.data?.promoteAnswer.isCreated).toBe(true)
    expect(page).toMatchObject({
      _status: 'draft',
      contributors: [{ id: helper.id }],
      sources: [
        { answer: { id: answer.id }, contributor: { id: helper.id }, kind: 'answer', validatedBy: { id: agent.id } },
      ],
      title: 'Faut-il de nouvelles photos pour renouveler ?',
    })
    const again = await gql(promote, agent, { id: String(answer.id) })
    expect(again.data?.promoteAnswer).toMatchObject({ isCreated: false, wikiPage: { id: page.id } })
    const draft = await app.payload.findByID({ collection: 'wiki-pages', draft: true, id: page.id })
    expect(draft.sources).toHaveLength(1)
    // Readers do not see the draft.
    expect((await app.api('GET', `/wiki-pages/${page.id}`)).status).toBe(404)
  })

  it('validates a tip and promotes it into an existing page', async () => {
    const tip = await tipBy(helper, 'Prenez rendez-vous en mairie dès la pré-demande faite.')
    const promote = `mutation($id: ID!, $page: ID) {
      promoteTip(id: $id, wikiPage: $page) { isCreated wikiPage { id sources { kind tip { id } contributor { id } } } }
    }`
    const page = await app.payload.create({
      collection: 'wiki-pages',
      data: {
        _status: 'published',
        procedure: procedureId,
        slug: 'rendez-vous-mairie',
        title: 'Rendez-vous en mairie',
      },
    })
    const premature = await gql(promote, agent, { id: String(tip.id), page: String(page.id) })
    expect(firstError(premature)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not been validated/),
      status: 409,
    })

    const validated = await gql(
      `mutation($id: ID!) { validateTip(id: $id) { id validatedAt validatedBy { id } } }`,
      agent,
      {
        id: String(tip.id),
      },
    )
    expect(validated.data?.validateTip).toMatchObject({
      id: tip.id,
      validatedAt: expect.any(String),
      validatedBy: { id: agent.id },
    })

    const appended = await gql(promote, agent, { id: String(tip.id), page: String(page.id) })
    expect(appended.errors).toEqual([])
    expect(appended.data?.promoteTip).toEqual({
      isCreated: false,
      wikiPage: { id: page.id, sources: [{ contributor: { id: helper.id }, kind: 'tip', tip: { id: tip.id } }] },
    })
  })

  it('sets, changes and removes a vote, and refuses one’s own item or another value', async () => {
    const { answer } = await askAndAnswer()
    const vote = `mutation($id: ID!, $value: Int!) { castVote(collection: answers, id: $id, value: $value) { score value } }`
    const up = await gql(vote, asker, { id: String(answer.id), value: 1 })
    expect(up.data?.castVote).toEqual({ score: 1, value: 1 })
    expect((await gql(vote, agent, { id: String(answer.id), value: -1 })).data?.castVote).toEqual({
      score: 0,
      value: -1,
    })
    expect((await gql(vote, agent, { id: String(answer.id), value: 0 })).data?.castVote).toEqual({ score: 1, value: 0 })
    expect((await app.payload.findByID({ collection: 'answers', id: answer.id })).score).toBe(1)

    const own = await gql(vote, helper, { id: String(answer.id), value: 1 })
    expect(firstError(own)).toEqual(await restRefusal(await rest(`/answers/${answer.id}/vote`, helper, { value: 1 })))
    expect(firstError(own)).toMatchObject({ code: 'forbidden', status: 403 })
    const two = await gql(vote, asker, { id: String(answer.id), value: 2 })
    expect(firstError(two)).toMatchObject({ code: 'invalid-input', field: 'value', status: 400 })
    expect((await app.payload.findByID({ collection: 'answers', id: answer.id })).score).toBe(1)
  })

  it('reports once per person, and an editor’s decision hides the item', async () => {
    const { answer } = await askAndAnswer()
    const report = `mutation($id: ID!, $note: String) {
      reportContent(collection: answers, id: $id, reason: wrong_information, note: $note) { isCreated report { id reason status } }
    }`
    const filed = await gql(report, asker, {
      id: String(answer.id),
      note: 'Les photos peuvent dater de plus longtemps.',
    })
    expect(filed.errors).toEqual([])
    expect(filed.data?.reportContent).toMatchObject({
      isCreated: true,
      report: { reason: 'wrong_information', status: 'open' },
    })
    const reportId = filed.data?.reportContent.report.id
    const twice = await gql(report, asker, { id: String(answer.id) })
    expect(twice.data?.reportContent).toMatchObject({ isCreated: false, report: { id: reportId } })

    const resolve = `mutation($id: ID!) { resolveReport(id: $id, decision: hide, note: "Information erronée.") { id status resolution } }`
    const byCitizen = await gql(resolve, asker, { id: String(reportId) })
    const restByCitizen = await restRefusal(await rest(`/reports/${reportId}/resolve`, asker, { decision: 'hide' }))
    expect(restByCitizen).toMatchObject({ code: 'forbidden', status: 403 })
    expect(firstError(byCitizen)).toEqual(restByCitizen)

    const decided = await gql(resolve, editor, { id: String(reportId) })
    expect(decided.errors).toEqual([])
    expect(decided.data?.resolveReport).toMatchObject({
      id: reportId,
      resolution: 'Information erronée.',
      status: 'resolved',
    })
    expect((await app.api('GET', `/answers/${answer.id}`)).status).toBe(404)
  })

  it('moderates: an agent publishes a pending tip, an editor hides it with a reason and restores it', async () => {
    const tip = await tipBy(helper, 'Une astuce en attente de relecture.', 'pending')
    const moderate = `mutation($id: ID!, $action: EntraideModerationAction!, $reason: String) {
      moderateContent(collection: tips, id: $id, action: $action, reason: $reason) {
        __typename
        ... on Tip { id visibility moderationNote }
      }
    }`
    // Another citizen does not even see a pending tip: 404, as on REST.
    const unseen = await gql(moderate, asker, { action: 'publish', id: String(tip.id) })
    expect(firstError(unseen)).toEqual(
      await restRefusal(await rest(`/tips/${tip.id}/moderate`, asker, { action: 'publish' })),
    )
    expect(firstError(unseen)).toMatchObject({ code: 'not-found', status: 404 })

    const published = await gql(moderate, agent, { action: 'publish', id: String(tip.id) })
    expect(published.data?.moderateContent).toEqual({
      __typename: 'Tip',
      id: tip.id,
      moderationNote: null,
      visibility: 'published',
    })
    const byCitizen = await gql(moderate, asker, { action: 'hide', id: String(tip.id), reason: 'Je n’aime pas.' })
    const restByCitizen = await restRefusal(
      await rest(`/tips/${tip.id}/moderate`, asker, { action: 'hide', reason: 'Je n’aime pas.' }),
    )
    expect(restByCitizen).toMatchObject({ code: 'forbidden', status: 403 })
    expect(firstError(byCitizen)).toEqual(restByCitizen)

    expect(
      firstError(await gql(moderate, agent, { action: 'hide', id: String(tip.id), reason: 'Hors sujet.' })),
    ).toMatchObject({
      code: 'forbidden',
      status: 403,
    })
    expect(firstError(await gql(moderate, editor, { action: 'hide', id: String(tip.id) }))).toMatchObject({
      code: 'invalid-input',
      field: 'reason',
      status: 400,
    })
    const hidden = await gql(moderate, editor, { action: 'hide', id: String(tip.id), reason: 'Hors sujet.' })
    expect(hidden.data?.moderateContent).toEqual({
      __typename: 'Tip',
      id: tip.id,
      moderationNote: 'Hors sujet.',
      visibility: 'hidden',
    })
    expect((await app.api('GET', `/tips/${tip.id}`)).status).toBe(404)
    const restored = await gql(moderate, editor, { action: 'restore', id: String(tip.id) })
    expect(restored.data?.moderateContent).toMatchObject({ __typename: 'Tip', visibility: 'published' })

    const { thread } = await askAndAnswer()
    const locked = await gql(
      `mutation($id: ID!) { moderateContent(collection: threads, id: $id, action: lock, reason: "Sujet clos.") { __typename ... on Thread { status } } }`,
      editor,
      { id: String(thread.id) },
    )
    expect(locked.data?.moderateContent).toEqual({ __typename: 'Thread', status: 'closed' })
  })

  it('verifies a guide, and publishes or rejects the edits waiting on it', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: procedureId, title: 'Guide du passeport' },
    })
    const verify = `mutation($id: ID!) { verifyGuide(id: $id) { id verifiedAt verifiedBy { id } needsReview } }`
    const byCitizen = await gql(verify, asker, { id: String(guide.id) })
    expect(firstError(byCitizen)).toEqual(await restRefusal(await rest(`/guides/${guide.id}/verify`, asker)))
    expect(firstError(byCitizen)).toMatchObject({ code: 'forbidden', status: 403 })
    const verified = await gql(verify, agent, { id: String(guide.id) })
    expect(verified.data?.verifyGuide).toEqual({
      id: guide.id,
      needsReview: false,
      verifiedAt: expect.any(String),
      verifiedBy: { id: agent.id },
    })

    // An agent of another agency saves a draft waiting for review (citizens propose edits instead).
    const edit = (title: string) =>
      app.api('PATCH', `/guides/${guide.id}`, { body: { _status: 'published', title }, token: otherAgent.token })
    const publish = `mutation($id: ID!) { publishGuideEdit(id: $id) { id title _status } }`
    const reject = `mutation($id: ID!) { rejectGuideEdit(id: $id) { versionId } }`
    expect(firstError(await gql(publish, agent, { id: String(guide.id) }))).toMatchObject({
      code: 'conflict',
      status: 409,
    })

    expect((await edit('Titre à rejeter')).status).toBe(200)
    expect(firstError(await gql(reject, asker, { id: String(guide.id) }))).toMatchObject({
      code: 'forbidden',
      status: 403,
    })
    const rejected = await gql(reject, agent, { id: String(guide.id) })
    expect(rejected.data?.rejectGuideEdit.versionId).toEqual(expect.any(String))
    const latest = await app.payload.findByID({ collection: 'guides', draft: true, id: guide.id })
    expect(latest.title).toBe('Guide du passeport')

    expect((await edit('Renouveler son passeport pas à pas')).status).toBe(200)
    const published = await gql(publish, agent, { id: String(guide.id) })
    expect(published.data?.publishGuideEdit).toEqual({
      _status: 'published',
      id: guide.id,
      title: 'Renouveler son passeport pas à pas',
    })
    expect((await json(await app.api('GET', `/guides/${guide.id}`))).title).toBe('Renouveler son passeport pas à pas')
  })

  it('refuses citizens’ updateGuide, createGuide and duplicateGuide as REST does, naming the proposals endpoint', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: {
        _status: 'published',
        procedure: (await createProcedure(app, { slug: 'guide-graphql' })).procedure.id,
        title: 'Guide du passeport (GraphQL)',
      },
    })
    // A procedure without a guide yet: creating one there would be allowed to staff.
    const free = (await createProcedure(app, { slug: 'sans-guide-graphql' })).procedure.id
    const versions = async () =>
      (await app.payload.countVersions({ collection: 'guides', where: { parent: { equals: guide.id } } })).totalDocs
    const before = await versions()
    const guides = (await app.payload.count({ collection: 'guides' })).totalDocs
    const update = `mutation($id: ${idType(guide.id)}!, $title: String!) {
      updateGuide(id: $id, data: { title: $title, _status: published }) { id title }
    }`
    for (const [index, citizen] of [asker, helper].entries()) {
      const title = `Titre proposé ${index + 1}`
      const refused = await gql(update, citizen, { id: guide.id, title })
      expect(refused.data?.updateGuide ?? null).toBeNull()
      const viaRest = await app.api('PATCH', `/guides/${guide.id}`, { body: { title }, token: citizen.token })
      expect(firstError(refused)).toEqual(await restRefusal(viaRest))
      expect(firstError(refused)).toMatchObject({ code: 'forbidden', status: 403 })
      expect(firstError(refused).message).toContain('POST /api/guides/:id/proposals')
      const draft = await gql(
        `mutation($id: ${idType(guide.id)}!) { updateGuide(id: $id, draft: true, data: { title: "Brouillon" }) { id } }`,
        citizen,
        { id: guide.id },
      )
      expect(firstError(draft)).toMatchObject({ code: 'forbidden', status: 403 })
      const created = await gql(
        `mutation($procedure: ${idType(free)}) { createGuide(data: { title: "Nouveau guide", procedure: $procedure, _status: draft }) { id } }`,
        citizen,
        { procedure: free },
      )
      expect(firstError(created).status, JSON.stringify(created.errors)).toBe(403)
      const duplicated = await gql(
        `mutation($id: ${idType(guide.id)}!) { duplicateGuide(id: $id, data: { title: "Copie" }) { id } }`,
        citizen,
        { id: guide.id },
      )
      expect(firstError(duplicated).status, JSON.stringify(duplicated.errors)).toBe(403)
    }
    // Nothing changed: neither the published guide, nor its latest revision, nor the number of guides.
    expect((await json(await app.api('GET', `/guides/${guide.id}`))).title).toBe('Guide du passeport (GraphQL)')
    const latest = await app.payload.findByID({ collection: 'guides', draft: true, id: guide.id })
    expect(latest).toMatchObject({ _status: 'published', title: 'Guide du passeport (GraphQL)' })
    expect(await versions()).toBe(before)
    expect((await app.payload.count({ collection: 'guides' })).totalDocs).toBe(guides)
  })
})

describe('GraphQL errors', () => {
  it('answers ids that cannot be ids, and unknown ids, with 404 or 400 and changes nothing', async () => {
    const { answer, thread } = await askAndAnswer()
    const malformed = ['not-an-id', '../../etc', "1' OR '1'='1", '-1', '0', '1e3', '', 'x'.repeat(300)]
    // An id of the kind the database stores that no document has.
    const missing = typeof answer.id === 'number' ? '987654321' : '01900000-0000-7000-8000-000000000000'
    const mutations = [
      ['acceptAnswer', `acceptAnswer(thread: $id, answer: "${answer.id}") { thread { id } }`, asker],
      ['validateAnswer', 'validateAnswer(id: $id) { id }', agent],
      ['validateTip', 'validateTip(id: $id) { id }', agent],
      ['promoteAnswer', 'promoteAnswer(id: $id) { isCreated }', agent],
      ['promoteTip', 'promoteTip(id: $id) { isCreated }', agent],
      ['verifyGuide', 'verifyGuide(id: $id) { id }', agent],
      ['publishGuideEdit', 'publishGuideEdit(id: $id) { id }', agent],
      ['rejectGuideEdit', 'rejectGuideEdit(id: $id) { versionId }', agent],
      // Staff, whom rate limits leave out: every call here counts.
      ['castVote', 'castVote(collection: threads, id: $id, value: 1) { score }', agent],
      ['reportContent', 'reportContent(collection: tips, id: $id, reason: spam) { isCreated }', agent],
      [
        'moderateContent',
        'moderateContent(collection: answers, id: $id, action: hide, reason: "Spam.") { __typename }',
        editor,
      ],
      ['resolveReport', 'resolveReport(id: $id, decision: dismiss) { id }', editor],
    ] as const
    const counts = async () =>
      Promise.all(
        ['threads', 'answers', 'tips', 'reports', 'votes', 'wiki-pages'].map(
          async (collection) => (await app.payload.count({ collection: collection as 'threads' })).totalDocs,
        ),
      )
    const before = await counts()
    for (const [name, field, person] of mutations) {
      for (const id of [...malformed, missing]) {
        const response = await gql(`mutation($id: ID!) { ${field} }`, person, { id })
        expect(response.data, `${name}(${id.slice(0, 20)})`).toBeNull()
        expect(firstError(response), `${name}(${id.slice(0, 20)})`).toMatchObject({
          code: 'not-found',
          message: expect.stringMatching(/^No \w+( \w+)? with id ".*" was found\.$/),
          status: 404,
        })
      }
    }
    // An id given for another purpose than the item itself is a 400 naming the argument.
    const wrongAnswer = await gql(
      `mutation($id: ID!) { acceptAnswer(thread: "${thread.id}", answer: $id) { thread { id } } }`,
      asker,
      {
        id: '../../etc',
      },
    )
    expect(firstError(wrongAnswer)).toMatchObject({ code: 'invalid-input', field: 'answer', status: 400 })
    const wrongPage = await gql(
      `mutation($id: ID!) { promoteAnswer(id: "${answer.id}", wikiPage: $id) { isCreated } }`,
      agent,
      {
        id: 'not a page',
      },
    )
    expect(firstError(wrongPage)).toMatchObject({ code: 'invalid-input', field: 'wikiPage', status: 400 })
    expect(await counts()).toEqual(before)
    const unchanged = await app.payload.findByID({ collection: 'threads', id: thread.id })
    expect(unchanged.status).toBe('open')
  })

  it('refuses personal data with 422 personal-data naming the field, and keeps it out of the logs', async () => {
    const { answer } = await askAndAnswer()
    const iban = 'FR76 3000 6000 0112 3456 7890 189'
    const logged: unknown[] = []
    const spies = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
      vi.spyOn(app.payload.logger, level).mockImplementation((...args: unknown[]) => {
        logged.push(args)
      }),
    )
    try {
      const validated = await gql(
        `mutation($id: ID!, $note: String) { validateAnswer(id: $id, note: $note) { id } }`,
        agent,
        {
          id: String(answer.id),
          note: `Remboursement sur ${iban}`,
        },
      )
      expect(firstError(validated)).toMatchObject({ code: 'personal-data', field: 'note', status: 422 })
      expect(validated.errors[0]?.extensions?.data?.findings).toEqual([{ field: 'note', kind: 'iban' }])
      expect(validated.errors[0]?.message).toMatch(/IBAN/)
      expect((await app.payload.findByID({ collection: 'answers', id: answer.id })).validatedAt ?? null).toBeNull()

      // Payload's own mutations of Entraide's collections run the same guard, and answer the same way.
      const before = (await app.payload.count({ collection: 'threads' })).totalDocs
      const created = await gql(
        `mutation($procedure: ${idType(procedureId)}) {
          createThread(data: { title: "Virement de l’aide au logement", body: "Mon IBAN est ${iban}, est-ce le bon ?", procedure: $procedure, visibility: published, status: open }) { id }
        }`,
        asker,
        { procedure: procedureId },
      )
      expect(firstError(created)).toMatchObject({ code: 'personal-data', field: 'body', status: 422 })
      expect((await app.payload.count({ collection: 'threads' })).totalDocs).toBe(before)
    } finally {
      for (const spy of spies) spy.mockRestore()
    }
    expect(JSON.stringify(logged)).not.toContain('FR76')
  })

  it('refuses with 429 rate-limited past the vote limit, saying when to retry', async () => {
    const voter = await app.signUp({ name: 'Votante' })
    const tips = await Promise.all(
      Array.from({ length: votesPerUser + 1 }, (_, index) =>
        tipBy(helper, `Astuce numéro ${index + 1} sur le passeport.`),
      ),
    )
    const vote = `mutation($id: ID!) { castVote(collection: tips, id: $id, value: 1) { score } }`
    for (const tip of tips.slice(0, votesPerUser)) {
      expect((await gql(vote, voter, { id: String(tip.id) })).data?.castVote).toEqual({ score: 1 })
    }
    const limited = await gql(vote, voter, { id: String(tips[votesPerUser]!.id) })
    expect(firstError(limited)).toMatchObject({ code: 'rate-limited', status: 429 })
    expect(limited.errors[0]?.extensions?.data?.retryAfterSeconds).toBeGreaterThan(0)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(limited.errors[0]?.message).toMatch(/Réessayez|Try again/)
  })

  it('runs Payload’s own create mutations through Entraide’s rules: author, visibility and status are not the caller’s', async () => {
    const created = await gql(
      `mutation($procedure: ${idType(procedureId)}, $author: ${idType(helper.id)}) {
        createThread(data: {
          title: "Délai pour un passeport en juillet", body: "Combien de temps faut-il compter en été ?",
          procedure: $procedure, author: $author, visibility: hidden, status: resolved
        }) { id visibility status author { id } }
      }`,
      asker,
      { author: helper.id, procedure: procedureId },
    )
    expect(created.errors).toEqual([])
    expect(created.data?.createThread).toMatchObject({
      author: { id: asker.id },
      status: 'open',
      visibility: 'published',
    })
    const anonymous = await gql(
      `mutation($procedure: ${idType(procedureId)}) {
        createThread(data: { title: "Question sans compte ici", body: "Puis-je poser une question ?", procedure: $procedure, visibility: published, status: open }) { id }
      }`,
      undefined,
      { procedure: procedureId },
    )
    expect(firstError(anonymous)).toMatchObject({ status: 403 })
  })

  it('keeps the host’s own mutations, and hides the details of unexpected errors', async () => {
    expect((await gql('mutation { hostPing }')).data).toEqual({ hostPing: 'pong' })
    const failure = await gql('mutation { hostFailure }')
    expect(failure.errors).toHaveLength(1)
    expect(firstError(failure)).toMatchObject({ message: 'Something went wrong.', status: 500 })
    expect(JSON.stringify(failure)).not.toMatch(/hunter2|10\.0\.0\.5/)
  })

  it('adds no mutation when Entraide is disabled, and refuses a host mutation of the same name', () => {
    const hostMutations = () => ({ acceptAnswer: { type: GraphQL.GraphQLString } })
    const host: Config = {
      collections: [{ auth: true, fields: [], slug: 'users' }],
      db: sqliteDatabaseAdapter('file::memory:'),
      graphQL: { mutations: hostMutations },
      secret: 'x',
    }
    expect(entraidePlugin({ disabled: true })(host).graphQL).toEqual({ mutations: hostMutations })
    const enabled = entraidePlugin()(host).graphQL?.mutations
    expect(enabled).toBeTypeOf('function')
    expect(() => enabled?.(GraphQL, {} as any)).toThrow(/already have a "acceptAnswer"/)
  })
})

describe('GraphQL queries obey the same access as REST', () => {
  let author: Person
  let other: Person
  const seen: { published: ID[]; pending: ID[]; hidden: ID[] } = { hidden: [], pending: [], published: [] }
  let guideId: ID
  let wikiPageId: ID
  let draftPageId: ID

  beforeAll(async () => {
    author = await app.signUp({ name: 'Autrice' })
    other = await app.signUp({ name: 'Autre' })
    for (const visibility of ['published', 'pending', 'hidden'] as const) {
      const thread = await app.payload.create({
        collection: 'threads',
        data: {
          author: author.id,
          body: `Une question ${visibility} sur la carte grise.`,
          procedure: otherAgencyProcedureId,
          title: `Question ${visibility} sur la carte grise`,
          visibility,
        },
      })
      seen[visibility].push(thread.id)
    }
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: otherAgencyProcedureId, title: 'Guide publié de la carte grise' },
    })
    guideId = guide.id
    // An agent of another agency: their edit waits as a draft.
    const edit = await app.api('PATCH', `/guides/${guide.id}`, {
      body: { _status: 'published', title: 'Brouillon secret de la carte grise' },
      token: agent.token,
    })
    expect(edit.status).toBe(200)
    const page = await app.payload.create({
      collection: 'wiki-pages',
      data: { _status: 'published', slug: 'carte-grise-publiee', title: 'Page publiée de la carte grise' },
    })
    wikiPageId = page.id
    await app.payload.update({
      collection: 'wiki-pages',
      data: { title: 'Révision secrète de la page' },
      draft: true,
      id: page.id,
    })
    const draftPage = await app.payload.create({
      collection: 'wiki-pages',
      data: { _status: 'draft', slug: 'carte-grise-brouillon', title: 'Page secrète jamais publiée' },
      draft: true,
    })
    draftPageId = draftPage.id
  })

  const listQuery = `query {
    Threads(limit: 100, where: { title: { like: "carte grise" } }) { docs { id title visibility author { email } } }
    Guides(limit: 100) { docs { id title } }
    guideDrafts: Guides(draft: true, limit: 100) { docs { id title } }
    WikiPages(limit: 100) { docs { id title } }
    wikiDrafts: WikiPages(draft: true, limit: 100) { docs { id title } }
  }`

  it('shows anonymous readers and other citizens no pending, hidden or draft items', async () => {
    for (const person of [undefined, other]) {
      const response = await gql(listQuery, person)
      const threads: ID[] = response.data?.Threads.docs.map((doc: { id: ID }) => doc.id)
      expect(threads, person ? 'citizen' : 'anonymous').toEqual(seen.published)
      const body = JSON.stringify(response.data)
      expect(body).toContain('Guide publié de la carte grise')
      expect(body).toContain('Page publiée de la carte grise')
      expect(body).not.toMatch(/secret|Brouillon/i)
      const direct = await gql(
        `query($thread: ${idType(seen.pending[0]!)}!, $guide: ${idType(guideId)}!, $page: ${idType(draftPageId)}!) {
          Thread(id: $thread) { title }
          Guide(id: $guide, draft: true) { title }
          WikiPage(id: $page, draft: true) { title }
        }`,
        person,
        { guide: guideId, page: draftPageId, thread: seen.pending[0] },
      )
      expect(direct.data?.Thread ?? null).toBeNull()
      expect(direct.data?.WikiPage ?? null).toBeNull()
      expect(direct.data?.Guide).toEqual({ title: 'Guide publié de la carte grise' })
      expect(direct.errors.map((error) => error.extensions?.statusCode).sort()).toEqual([404, 404])
      const versions = await gql(
        `query { versionsGuides { docs { version { title } } } versionsWikiPages { docs { version { title } } } }`,
        person,
      )
      expect(JSON.stringify(versions.data ?? {})).not.toMatch(/secret|Brouillon/i)
      expect(versions.errors.map((error) => error.extensions?.statusCode)).toEqual([403, 403])
    }
    // The same queries do show them to their author and to agents: the checks above can fail.
    const own = await gql(listQuery, author)
    expect(own.data?.Threads.docs.map((doc: { id: ID }) => doc.id).sort()).toEqual(
      [...seen.published, ...seen.pending, ...seen.hidden].sort(),
    )
    const staff = JSON.stringify((await gql(listQuery, editor)).data)
    expect(staff).toContain('Brouillon secret de la carte grise')
    expect(staff).toContain('Révision secrète de la page')
    expect(staff).toContain('Page secrète jamais publiée')
    expect(wikiPageId).toBeDefined()
  })

  it('shows nobody else’s email or password hash', async () => {
    const everyone = [asker, helper, agent, otherAgent, editor, author, other]
    const query = `query {
      Users(limit: 100) { docs { id email hash salt } }
      Threads(limit: 100) { docs { author { email } } }
      Answers(limit: 100) { docs { author { email } validatedBy { email } thread { author { email } } } }
      WikiPages(draft: true, limit: 100) { docs { contributors { email } sources { contributor { email } validatedBy { email } } } }
      Guides(draft: true, limit: 100) { docs { lastEditedBy { email } verifiedBy { email } } }
    }`
    for (const person of [undefined, other, author, helper, agent]) {
      const body = JSON.stringify(await gql(query, person))
      const emails = everyone.filter((someone) => body.includes(someone.email)).map((someone) => someone.email)
      expect(emails, person?.email ?? 'anonymous').toEqual(person ? [person.email] : [])
      expect(body).not.toMatch(/"(hash|salt)":"/)
    }
  })

  it('takes no sign-up (REST answers those alike for a new address and one in use), and no sign-in of an unconfirmed account', async () => {
    const before = (await app.payload.count({ collection: 'users' })).totalDocs
    for (const email of [author.email, `graphql-${Date.now()}@example.test`]) {
      const created = await gql(
        `mutation { createUser(data: { email: ${JSON.stringify(email)}, password: "a long enough password", displayName: "Par GraphQL", role: citizen }) { id } }`,
      )
      expect(created.data?.createUser ?? null, JSON.stringify(created.errors)).toBeNull()
      expect(created.errors, JSON.stringify(created.errors)).toHaveLength(1)
      expect(firstError(created).status).toBe(403)
    }
    expect((await app.payload.count({ collection: 'users' })).totalDocs).toBe(before)

    const unconfirmed = await app.signUp({ hasConfirmedEmail: false })
    const login = (password: string) =>
      gql(`mutation { loginUser(email: ${JSON.stringify(unconfirmed.email)}, password: ${JSON.stringify(password)}) { token } }`)
    const right = await login('correct horse battery staple')
    const wrong = await login('not the right one')
    expect(right.data?.loginUser ?? null).toBeNull()
    expect(firstError(right)).toEqual(firstError(wrong))
    expect(firstError(right).status).toBe(401)
  })
})
