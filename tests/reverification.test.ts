import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { expireVerificationsTaskSlug, maintenanceQueue } from '../src/jobs/reverification.ts'

let app: TestApp
let editor: Awaited<ReturnType<TestApp['signUp']>>
let agent: Awaited<ReturnType<TestApp['signUp']>>
let author: Awaited<ReturnType<TestApp['signUp']>>
let agency: ID
const made: Array<{ collection: 'procedures' | 'guides' | 'wiki-pages' | 'threads' | 'answers' | 'tips'; id: ID }> = []

beforeAll(async () => {
  // Verifications expire after six months here (twelve by default): the option is honoured.
  app = await startTestApp({ entraide: { reverification: { expiresAfterMonths: 6 } } })
  const created = await app.payload.create({ collection: 'agencies', data: { name: 'Agence re-vérif', slug: 'agence-reverif' } })
  agency = created.id
  editor = await app.signUp({ role: 'editor' })
  agent = await app.signUp({ agency, role: 'agent' })
  author = await app.signUp({ name: 'Awa Diallo' })
})
afterAll(async () => {
  for (const { collection, id } of made.reverse()) {
    await app.payload.delete({ collection, id, overrideAccess: true }).catch(() => undefined)
  }
  await app?.payload.delete({ collection: 'agencies', id: agency, overrideAccess: true }).catch(() => undefined)
  await app?.close()
})

/**
 * A procedure with its knowledge: a published guide an agent verified, a
 * published wiki page, a question with a validated answer and an answer
 * nobody validated, and a tip on its second step.
 */
const procedureWithKnowledge = async (slug: string) => {
  const { payload } = app
  const procedure = await payload.create({
    collection: 'procedures',
    data: {
      agency,
      cost: '86 €',
      delay: '3 semaines',
      officialUrl: 'https://www.service-public.fr/particuliers/vosdroits/F14929',
      requiredDocuments: [{ document: 'Photo d’identité' }, { document: 'Justificatif de domicile' }],
      slug,
      steps: [
        { description: 'Sur le site de l’ANTS.', title: 'Faire la pré-demande' },
        { title: 'Prendre rendez-vous' },
        { title: 'Retirer le passeport' },
      ],
      title: `Passeport ${slug}`,
    },
  })
  made.push({ collection: 'procedures', id: procedure.id })
  const guide = await payload.create({
    collection: 'guides',
    data: { _status: 'published', procedure: procedure.id, title: `Guide ${slug}` },
  })
  made.push({ collection: 'guides', id: guide.id })
  expect((await app.api('POST', `/guides/${guide.id}/verify`, { token: agent.token })).status).toBe(200)
  const page = await payload.create({
    collection: 'wiki-pages',
    data: { _status: 'published', procedure: procedure.id, slug: `page-${slug}`, title: `Page ${slug}` },
  })
  made.push({ collection: 'wiki-pages', id: page.id })
  const thread = await payload.create({
    collection: 'threads',
    data: { author: author.id, body: 'Combien de temps faut-il attendre ?', procedure: procedure.id, status: 'open', title: 'Quel délai pour le passeport ?', visibility: 'published' },
  })
  made.push({ collection: 'threads', id: thread.id })
  const answer = (body: string) =>
    payload.create({ collection: 'answers', data: { author: author.id, body, thread: thread.id, visibility: 'published' } })
  const validated = await answer('Trois semaines en général, parfois plus en été.')
  const unvalidated = await answer('Chez moi cela a pris un mois entier.')
  made.push({ collection: 'answers', id: validated.id }, { collection: 'answers', id: unvalidated.id })
  expect((await app.api('POST', `/answers/${validated.id}/validate`, { body: {}, token: agent.token })).status).toBe(200)
  const tip = await payload.create({
    collection: 'tips',
    data: { author: author.id, body: 'Prenez rendez-vous tôt le matin.', procedure: procedure.id, step: 1, visibility: 'published' },
  })
  made.push({ collection: 'tips', id: tip.id })
  return { guide: guide.id, page: page.id, procedure: procedure.id, tip: tip.id, unvalidated: unvalidated.id, validated: validated.id }
}

type Knowledge = Awaited<ReturnType<typeof procedureWithKnowledge>>

/** What anyone reads of an item through REST. */
const read = async (collection: string, id: ID) => json(await app.api('GET', `/${collection}/${id}?depth=0`))

const itemsOf = (knowledge: Knowledge) => [
  ['guides', knowledge.guide],
  ['wiki-pages', knowledge.page],
  ['answers', knowledge.validated],
  ['tips', knowledge.tip],
] as const

/** The procedure as an editor edits it through REST, with every step row as it was. */
const editProcedure = async (id: ID, change: (procedure: Record<string, any>) => Record<string, unknown>) => {
  const current = await read('procedures', id)
  const response = await app.api('PATCH', `/procedures/${id}`, { body: change(current), token: editor.token })
  expect(response.status).toBe(200)
}

describe('a change of a procedure’s official content', () => {
  it('marks exactly the guide, wiki page, validated answers and tips of that procedure, naming the changed steps', async () => {
    const changed = await procedureWithKnowledge('reverif-etapes')
    const other = await procedureWithKnowledge('reverif-autre')

    await editProcedure(changed.procedure, (procedure) => ({
      steps: [
        procedure.steps[0],
        { ...procedure.steps[1], title: 'Prendre rendez-vous en ligne' },
        { title: 'Payer le timbre fiscal' },
        procedure.steps[2],
      ],
    }))

    for (const [collection, id] of itemsOf(changed)) {
      const item = await read(collection, id)
      expect(item.needsReview, `${collection} ${id}`).toBe(true)
      expect(item.reviewReason).toBe('procedure-changed')
      expect(typeof item.reviewFlaggedAt).toBe('string')
      expect(item.reviewChanges).toEqual([
        {
          field: 'steps',
          steps: [
            { kind: 'changed', number: 2, parts: ['title'], previousNumber: 2, previousTitle: 'Prendre rendez-vous', title: 'Prendre rendez-vous en ligne' },
            { kind: 'added', number: 3, title: 'Payer le timbre fiscal' },
          ],
        },
      ])
    }
    // An answer nobody validated claims nothing official; another procedure's knowledge is untouched.
    expect((await read('answers', changed.unvalidated)).needsReview).toBe(false)
    for (const [collection, id] of [...itemsOf(other), ['answers', other.unvalidated] as const]) {
      const item = await read(collection, id)
      expect(item.needsReview, `${collection} ${id}`).toBe(false)
      expect(item.reviewChanges ?? null).toBeNull()
    }
  })

  it('says field by field what changed, and keeps adding changes until the item is re-verified', async () => {
    const knowledge = await procedureWithKnowledge('reverif-champs')
    await editProcedure(knowledge.procedure, () => ({ cost: '96 €', requiredDocuments: [{ document: 'Photo d’identité' }, { document: 'Ancien passeport' }] }))
    await editProcedure(knowledge.procedure, (procedure) => ({
      delay: '', officialUrl: 'https://www.service-public.fr/particuliers/vosdroits/F1342',
      steps: [procedure.steps[0], procedure.steps[2]],
    }))
    const tip = await read('tips', knowledge.tip)
    expect(tip.needsReview).toBe(true)
    expect(tip.reviewChanges).toEqual([
      { added: ['Ancien passeport'], field: 'requiredDocuments', removed: ['Justificatif de domicile'] },
      { after: '96 €', before: '86 €', field: 'cost' },
      { field: 'steps', steps: [{ kind: 'removed', number: 2, title: 'Prendre rendez-vous' }] },
      { after: null, before: '3 semaines', field: 'delay' },
      {
        after: 'https://www.service-public.fr/particuliers/vosdroits/F1342',
        before: 'https://www.service-public.fr/particuliers/vosdroits/F14929',
        field: 'officialUrl',
      },
    ])
  })

  it('names steps that changed places or were reworded even when the list is sent again without row ids', async () => {
    const knowledge = await procedureWithKnowledge('reverif-ordre')
    await editProcedure(knowledge.procedure, () => ({
      steps: [
        { title: 'Prendre rendez-vous' },
        { description: 'Sur le site de l’ANTS, avec FranceConnect.', title: 'Faire la pré-demande' },
        { title: 'Retirer le passeport' },
      ],
    }))
    const page = await read('wiki-pages', knowledge.page)
    expect(page.reviewChanges).toEqual([
      {
        field: 'steps',
        steps: [
          { kind: 'moved', number: 1, previousNumber: 2, title: 'Prendre rendez-vous' },
          { kind: 'changed', number: 2, parts: ['description'], previousNumber: 1, previousTitle: 'Faire la pré-demande', title: 'Faire la pré-demande' },
        ],
      },
    ])
  })

  it('marks nothing when only the title or the summary changes', async () => {
    const knowledge = await procedureWithKnowledge('reverif-titre')
    await editProcedure(knowledge.procedure, () => ({ summary: 'Renouveler un passeport expiré.', title: 'Passeport (nouveau titre)' }))
    await editProcedure(knowledge.procedure, (procedure) => ({ steps: procedure.steps }))
    for (const [collection, id] of itemsOf(knowledge)) {
      expect((await read(collection, id)).needsReview, `${collection} ${id}`).toBe(false)
    }
  })

  it('a later date of official change marks what was vouched for before it, and nothing when moved back', async () => {
    const knowledge = await procedureWithKnowledge('reverif-date')
    await editProcedure(knowledge.procedure, () => ({ lastOfficialChange: '2020-01-01T00:00:00.000Z' }))
    // Everything here was verified or validated after 2020: nothing to re-verify.
    for (const [collection, id] of itemsOf(knowledge)) {
      expect((await read(collection, id)).needsReview, `${collection} ${id}`).toBe(false)
    }
    const later = new Date(Date.now() + 60_000).toISOString()
    await editProcedure(knowledge.procedure, () => ({ lastOfficialChange: later }))
    for (const [collection, id] of itemsOf(knowledge)) {
      const item = await read(collection, id)
      expect(item.needsReview, `${collection} ${id}`).toBe(true)
      expect(item.reviewChanges).toEqual([{ after: later, before: '2020-01-01T00:00:00.000Z', field: 'lastOfficialChange' }])
    }
  })

  it('keeps the mark on a guide and a wiki page through a new published revision', async () => {
    const knowledge = await procedureWithKnowledge('reverif-revision')
    await editProcedure(knowledge.procedure, () => ({ cost: 'Gratuit' }))
    expect((await app.api('PATCH', `/wiki-pages/${knowledge.page}`, { body: { _status: 'published', title: 'Page revue' }, token: editor.token })).status).toBe(200)
    expect((await app.api('PATCH', `/guides/${knowledge.guide}`, { body: { _status: 'published', title: 'Guide revu' }, token: editor.token })).status).toBe(200)
    for (const [collection, id] of [['wiki-pages', knowledge.page], ['guides', knowledge.guide]] as const) {
      const item = await read(collection, id)
      expect(item.needsReview, collection).toBe(true)
      expect(item.reviewChanges, collection).toEqual([{ after: 'Gratuit', before: '86 €', field: 'cost' }])
    }
  })

  it('shows readers of the procedure page what waits for re-verification, and what changed', async () => {
    const knowledge = await procedureWithKnowledge('reverif-page')
    await editProcedure(knowledge.procedure, (procedure) => ({ steps: [procedure.steps[0], procedure.steps[1]] }))
    const response = await app.api('GET', '/entraide/procedures/reverif-page')
    expect(response.status).toBe(200)
    const page = await json(response)
    const expected = {
      changes: [{ field: 'steps', steps: [{ kind: 'removed', number: 3, title: 'Retirer le passeport' }] }],
      reason: 'procedure-changed',
      since: expect.any(String),
    }
    expect(page.guide.reverification).toEqual(expected)
    expect(page.officialPages[0].reverification).toEqual(expected)
    expect(page.tips[0].reverification).toEqual(expected)
    const answers = page.threads[0].answers
    expect(answers.find((answer: any) => answer.id === knowledge.validated).reverification).toEqual(expected)
    expect(answers.find((answer: any) => answer.id === knowledge.unvalidated).reverification).toBeNull()
  })

  it('refuses to let anyone write the re-verification state through REST', async () => {
    const knowledge = await procedureWithKnowledge('reverif-ecriture')
    await editProcedure(knowledge.procedure, () => ({ cost: '1 €' }))
    const response = await app.api('PATCH', `/tips/${knowledge.tip}`, {
      body: { needsReview: false, reviewChanges: [], reviewReason: null },
      token: editor.token,
    })
    expect(response.status).toBe(200)
    expect((await read('tips', knowledge.tip)).needsReview).toBe(true)
  })
})

const monthsAgo = (months: number): string => {
  const date = new Date()
  date.setUTCMonth(date.getUTCMonth() - months)
  return date.toISOString()
}

/** Runs the scheduled expiry job as the jobs queue does. */
const runExpiryJob = async () => {
  await app.payload.jobs.queue({ input: {}, queue: maintenanceQueue, task: expireVerificationsTaskSlug })
  await app.payload.jobs.run({ queue: maintenanceQueue })
}

describe('verifications that expire', () => {
  it('marks what was verified or validated longer ago than the configured period "to re-verify", reason expired', async () => {
    const old = await procedureWithKnowledge('reverif-expire')
    const recent = await procedureWithKnowledge('reverif-recent')
    expect((await app.api('POST', `/tips/${old.tip}/validate`, { body: {}, token: agent.token })).status).toBe(200)
    expect((await app.api('POST', `/tips/${recent.tip}/validate`, { body: {}, token: agent.token })).status).toBe(200)
    // Dates written straight to the database, as if the verifications had been made months ago.
    const backdate = (collection: 'guides' | 'wiki-pages' | 'answers' | 'tips', id: ID, data: Record<string, string>) =>
      app.payload.db.updateOne({ collection, data, id, returning: false })
    await backdate('guides', old.guide, { verifiedAt: monthsAgo(7) })
    await backdate('wiki-pages', old.page, { createdAt: monthsAgo(7) })
    await backdate('answers', old.validated, { validatedAt: monthsAgo(7) })
    await backdate('tips', old.tip, { validatedAt: monthsAgo(7) })
    await backdate('guides', recent.guide, { verifiedAt: monthsAgo(5) })
    await backdate('wiki-pages', recent.page, { createdAt: monthsAgo(5) })
    await backdate('answers', recent.validated, { validatedAt: monthsAgo(5) })
    await backdate('tips', recent.tip, { validatedAt: monthsAgo(5) })
    // An answer nobody validated never expires, however old.
    await backdate('answers', old.unvalidated, { createdAt: monthsAgo(30) })

    await runExpiryJob()

    for (const [collection, id] of itemsOf(old)) {
      const item = await read(collection, id)
      expect(item.needsReview, `${collection} ${id}`).toBe(true)
      expect(item.reviewReason).toBe('expired')
      expect(item.reviewChanges).toEqual([])
    }
    for (const [collection, id] of [...itemsOf(recent), ['answers', old.unvalidated] as const]) {
      expect((await read(collection, id)).needsReview, `${collection} ${id}`).toBe(false)
    }
  })

  it('leaves an item already waiting as it is, and a later change of the procedure becomes its reason', async () => {
    const knowledge = await procedureWithKnowledge('reverif-expire-2')
    await app.payload.db.updateOne({ collection: 'answers', data: { validatedAt: monthsAgo(8) }, id: knowledge.validated, returning: false })
    await runExpiryJob()
    const expired = await read('answers', knowledge.validated)
    expect(expired.reviewReason).toBe('expired')
    await runExpiryJob()
    expect((await read('answers', knowledge.validated)).reviewFlaggedAt).toBe(expired.reviewFlaggedAt)
    await editProcedure(knowledge.procedure, () => ({ delay: '2 mois' }))
    const changed = await read('answers', knowledge.validated)
    expect(changed.reviewReason).toBe('procedure-changed')
    expect(changed.reviewFlaggedAt).toBe(expired.reviewFlaggedAt)
    expect(changed.reviewChanges).toEqual([{ after: '2 mois', before: '3 semaines', field: 'delay' }])
  })
})

describe('the re-verify queue and action', () => {
  it('lists for an agent what waits in their agency only, with why and what changed; refuses others', async () => {
    const knowledge = await procedureWithKnowledge('reverif-file')
    await editProcedure(knowledge.procedure, (procedure) => ({ steps: [procedure.steps[0], { ...procedure.steps[1], description: 'Dans n’importe quelle mairie équipée.' }, procedure.steps[2]] }))
    const otherAgency = await app.payload.create({ collection: 'agencies', data: { name: 'Autre agence', slug: 'autre-agence-reverif' } })
    const outsider = await app.signUp({ agency: otherAgency.id, role: 'agent' })
    try {
      const mine = await app.api('GET', '/entraide/reverify-queue', { token: agent.token })
      expect(mine.status).toBe(200)
      const { items, totals } = await json(mine)
      const listed = items.filter((item: any) => item.procedure?.id === knowledge.procedure)
      expect(listed.map((item: any) => `${item.collection}:${item.id}`).sort()).toEqual(
        itemsOf(knowledge).map(([collection, id]) => `${collection}:${id}`).sort(),
      )
      expect(listed[0].reason).toBe('procedure-changed')
      expect(listed[0].changes).toEqual([
        { field: 'steps', steps: [{ kind: 'changed', number: 2, parts: ['description'], previousNumber: 2, previousTitle: 'Prendre rendez-vous', title: 'Prendre rendez-vous' }] },
      ])
      expect(totals.tips).toBeGreaterThanOrEqual(1)
      expect(items.find((item: any) => item.collection === 'answers' && item.id === knowledge.validated)?.title).toBe('Trois semaines en général, parfois plus en été.')

      const theirs = await json(await app.api('GET', '/entraide/reverify-queue', { token: outsider.token }))
      expect(theirs.items).toEqual([])
      expect((await app.api('GET', `/entraide/reverify-queue?agency=${agency}`, { token: outsider.token })).status).toBe(403)
      expect((await app.api('GET', '/entraide/reverify-queue', { token: author.token })).status).toBe(403)
      expect((await app.api('GET', '/entraide/reverify-queue')).status).toBe(401)
      expect((await app.api('GET', '/entraide/reverify-queue?agency=pas-un-id!', { token: editor.token })).status).toBe(400)
      const forEditor = await json(await app.api('GET', `/entraide/reverify-queue?agency=${otherAgency.id}`, { token: editor.token }))
      expect(forEditor.items).toEqual([])

      // Re-verifying: refused outside the agency and to citizens, then confirmed by the agency's agent.
      expect((await app.api('POST', `/tips/${knowledge.tip}/reverify`, { body: {}, token: outsider.token })).status).toBe(403)
      expect((await app.api('POST', `/tips/${knowledge.tip}/reverify`, { body: {}, token: author.token })).status).toBe(403)
      expect((await app.api('POST', `/tips/${knowledge.tip}/reverify`, { body: {} })).status).toBe(401)
      const confirmed = await app.api('POST', `/tips/${knowledge.tip}/reverify`, { body: {}, token: agent.token })
      expect(confirmed.status).toBe(200)
      const tip = await read('tips', knowledge.tip)
      expect(tip.needsReview).toBe(false)
      expect(tip.reviewReason ?? null).toBeNull()
      expect(tip.reviewChanges ?? null).toBeNull()
      expect(tip.reverifiedBy).toBe(agent.id)
      expect(Date.now() - Date.parse(tip.reverifiedAt)).toBeLessThan(60_000)
      const after = await json(await app.api('GET', '/entraide/reverify-queue', { token: agent.token }))
      expect(after.items.some((item: any) => item.collection === 'tips' && item.id === knowledge.tip)).toBe(false)
    } finally {
      await app.payload.delete({ collection: 'users', id: outsider.id, overrideAccess: true })
      await app.payload.delete({ collection: 'agencies', id: otherAgency.id, overrideAccess: true })
    }
  })

  it('re-verifies a guide as a new verification, and a wiki page after an edit (edit, then confirm)', async () => {
    const knowledge = await procedureWithKnowledge('reverif-confirme')
    await editProcedure(knowledge.procedure, () => ({ cost: '100 €' }))
    expect((await app.api('POST', `/guides/${knowledge.guide}/reverify`, { body: {}, token: agent.token })).status).toBe(200)
    const guide = await read('guides', knowledge.guide)
    expect(guide.needsReview).toBe(false)
    expect(guide.verifiedBy).toBe(agent.id)
    expect(guide.reverifiedBy).toBe(agent.id)

    const edited = await app.api('PATCH', `/wiki-pages/${knowledge.page}`, { body: { _status: 'published', title: 'Page mise à jour (100 €)' }, token: editor.token })
    expect(edited.status).toBe(200)
    expect((await read('wiki-pages', knowledge.page)).needsReview).toBe(true)
    expect((await app.api('POST', `/wiki-pages/${knowledge.page}/reverify`, { body: {}, token: editor.token })).status).toBe(200)
    const page = await read('wiki-pages', knowledge.page)
    expect(page.title).toBe('Page mise à jour (100 €)')
    expect(page.needsReview).toBe(false)
    expect(page.reverifiedBy).toBe(editor.id)
    expect((await app.api('POST', '/wiki-pages/999999/reverify', { body: {}, token: editor.token })).status).toBe(404)
  })
})
