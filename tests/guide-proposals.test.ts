import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { guideLines, lexicalFromBlocks, type GuideBlock } from '../src/utilities/guideText.ts'
import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

// Each citizen's edit of a guide is a proposal of its own, against the
// published text it started from: proposals never overwrite or show each
// other, accepting one publishes only it, and one written against an older
// text is merged or refused with a note. All through the REST API.

type Person = Awaited<ReturnType<TestApp['signUp']>>

let app: TestApp
let agent: Person
let otherAgent: Person
let editor: Person
let awa: Person
let bruno: Person
let chloe: Person
let procedure: ID
let counter = 0

const post = (route: string, person: Person, body: unknown = {}) =>
  app.api('POST', route, { body, token: person.token })

const blocks: GuideBlock[] = [
  { kind: 'heading', text: 'Avant de commencer' },
  { kind: 'paragraph', text: 'Vérifiez la date de fin de validité de votre passeport.' },
  { kind: 'heading', text: 'Les étapes' },
  { kind: 'bullet', text: 'Faire la pré-demande en ligne.' },
  { kind: 'bullet', text: 'Prendre rendez-vous en mairie.' },
  { kind: 'paragraph', text: 'Voir [le site officiel](https://www.service-public.fr/).' },
]

/** The published guide's blocks with some replaced, by index. */
const edited = (changes: Record<number, string>, extra: GuideBlock[] = []) =>
  lexicalFromBlocks([...blocks.map((block, index) => ({ ...block, text: changes[index] ?? block.text })), ...extra])

/** A new procedure of the agent's agency with its published guide. */
const publishedGuide = async (): Promise<ID> => {
  counter += 1
  const { agency } = await app.payload.findByID({ collection: 'procedures', depth: 0, id: procedure })
  const own = await app.payload.create({
    collection: 'procedures',
    data: { agency, slug: `passeport-${counter}`, title: `Passeport ${counter}` },
  })
  const guide = await app.payload.create({
    collection: 'guides',
    data: {
      _status: 'published',
      body: lexicalFromBlocks(blocks),
      procedure: own.id,
      title: 'Renouveler son passeport',
    },
  })
  return guide.id
}

const propose = async (guide: ID, person: Person, title: string, body: unknown) => {
  const response = await post(`/guides/${guide}/proposals`, person, { body, title })
  expect(response.status, JSON.stringify(await response.clone().json())).toBe(201)
  return (await json(response)).proposal as { id: ID; status: string; title: string }
}

/** What anonymous readers get. */
const readerView = async (guide: ID) => {
  const doc = await json(await app.api('GET', `/guides/${guide}?depth=0`))
  return { lines: guideLines(doc.body), title: String(doc.title) }
}

beforeAll(async () => {
  app = await startTestApp({ entraide: { rateLimits: false } })
  const own = await createProcedure(app, { slug: 'passeport' })
  const other = await createProcedure(app, { slug: 'aide-logement' })
  procedure = own.procedure.id
  agent = await app.signUp({ agency: own.agency.id, name: 'Nadia', role: 'agent' })
  otherAgent = await app.signUp({ agency: other.agency.id, name: 'Karim', role: 'agent' })
  editor = await app.signUp({ name: 'Éliane', role: 'editor' })
  awa = await app.signUp({ name: 'Awa' })
  bruno = await app.signUp({ name: 'Bruno' })
  chloe = await app.signUp({ name: 'Chloé' })
})
afterAll(async () => {
  await app?.close()
})

describe('proposing guide edits', () => {
  it('keeps two citizens’ proposals apart: neither overwrites nor shows the other, and readers see neither', async () => {
    const guide = await publishedGuide()
    const first = await propose(
      guide,
      awa,
      'Renouveler son passeport (version d’Awa)',
      edited({ 1: 'Regardez la date de validité.' }),
    )
    const second = await post(`/guides/${guide}/proposals`, bruno, {
      body: edited({ 4: 'Prendre rendez-vous en mairie, souvent un mois à l’avance.' }),
      title: 'Renouveler son passeport',
    })
    expect(second.status).toBe(201)
    const secondBody = await json(second)
    // The second proposal's answer says nothing of the first.
    expect(JSON.stringify(secondBody)).not.toContain('Awa')
    expect(JSON.stringify(secondBody)).not.toContain('Regardez la date')
    const secondId = secondBody.proposal.id

    expect(first.status).toBe('pending')
    expect(await readerView(guide)).toEqual({
      lines: guideLines(lexicalFromBlocks(blocks)),
      title: 'Renouveler son passeport',
    })

    // Each author reads their own proposal, as they wrote it, and not the other's.
    const mine = await json(
      await app.api('GET', `/guide-proposals?depth=0&where[guide][equals]=${guide}`, { token: awa.token }),
    )
    expect(mine.docs.map((doc: { id: ID }) => doc.id)).toEqual([first.id])
    expect(mine.docs[0].title).toBe('Renouveler son passeport (version d’Awa)')
    expect((await app.api('GET', `/guide-proposals/${first.id}`, { token: bruno.token })).status).toBe(404)
    expect((await app.api('GET', `/guide-proposals/${secondId}`, { token: awa.token })).status).toBe(404)
    expect((await app.api('GET', `/guide-proposals/${first.id}/comparison`, { token: chloe.token })).status).toBe(404)
    expect((await app.api('GET', `/guide-proposals/${first.id}`)).status).toBe(403)

    // The reviewer of the agency sees both.
    const review = await json(
      await app.api('GET', `/guide-proposals?depth=0&where[guide][equals]=${guide}`, { token: agent.token }),
    )
    expect(review.totalDocs).toBe(2)
    // The widget tells each author that their edit waits for review.
    const page = await json(await app.api('GET', `/entraide/procedures/passeport-${counter}`, { token: awa.token }))
    expect(page.guide?.hasMyPendingEdit).toBe(true)
  })

  it('publishes only the accepted proposal, then merges a stale one onto the new text', async () => {
    const guide = await publishedGuide()
    const first = await propose(guide, awa, 'Renouveler son passeport', edited({ 1: 'Regardez la date de validité.' }))
    const second = await propose(
      guide,
      bruno,
      'Renouveler son passeport en mairie',
      edited({ 4: 'Prendre rendez-vous en mairie, souvent un mois à l’avance.' }),
    )

    const accepted = await post(`/guide-proposals/${first.id}/accept`, agent)
    expect(accepted.status).toBe(200)
    const afterFirst = await readerView(guide)
    expect(afterFirst.lines).toContain('Regardez la date de validité.')
    // Bruno's text, still waiting, was not published with Awa's.
    expect(afterFirst.lines).toContain('- Prendre rendez-vous en mairie.')
    expect(afterFirst.title).toBe('Renouveler son passeport')
    const published = await app.payload.findByID({ collection: 'guides', depth: 0, id: guide })
    expect(String(published.lastEditedBy)).toBe(String(awa.id))
    expect((await json(await app.api('GET', `/guide-proposals/${second.id}`, { token: bruno.token }))).status).toBe(
      'pending',
    )

    // Bruno's proposal started from the text before Awa's: accepting it as is would erase her change.
    const plain = await post(`/guide-proposals/${second.id}/accept`, agent)
    expect(plain.status).toBe(409)
    expect((await errorOf(plain)).message).toContain('comparison')
    expect((await readerView(guide)).lines).toEqual(afterFirst.lines)

    const comparison = await json(
      await app.api('GET', `/guide-proposals/${second.id}/comparison`, { token: agent.token }),
    )
    expect(comparison.comparison.isStale).toBe(true)
    expect(comparison.comparison.base.lines).toContain('Vérifiez la date de fin de validité de votre passeport.')
    expect(comparison.comparison.current.lines).toContain('Regardez la date de validité.')
    expect(comparison.comparison.proposal.lines).toContain(
      '- Prendre rendez-vous en mairie, souvent un mois à l’avance.',
    )
    expect(comparison.comparison.merged.conflicts).toEqual([])

    const merged = await post(`/guide-proposals/${second.id}/accept`, agent, { merge: true })
    expect(merged.status).toBe(200)
    const afterMerge = await readerView(guide)
    expect(afterMerge.title).toBe('Renouveler son passeport en mairie')
    expect(afterMerge.lines).toContain('Regardez la date de validité.')
    expect(afterMerge.lines).toContain('- Prendre rendez-vous en mairie, souvent un mois à l’avance.')
    // Links survive the round trip.
    expect(afterMerge.lines).toContain('Voir [le site officiel](https://www.service-public.fr/).')
    // An accepted proposal is not accepted twice.
    expect((await post(`/guide-proposals/${second.id}/accept`, agent, { merge: true })).status).toBe(409)
  })

  it('refuses to merge a stale proposal that changed the same place, and its author reads the refusal note', async () => {
    const guide = await publishedGuide()
    const first = await propose(guide, awa, 'Renouveler son passeport', edited({ 1: 'Regardez la date de validité.' }))
    const clash = await propose(
      guide,
      chloe,
      'Renouveler son passeport',
      edited({ 1: 'La date de validité est au dos.' }),
    )
    expect((await post(`/guide-proposals/${first.id}/accept`, editor)).status).toBe(200)

    const comparison = await json(
      await app.api('GET', `/guide-proposals/${clash.id}/comparison`, { token: chloe.token }),
    )
    expect(comparison.comparison.isStale).toBe(true)
    expect(comparison.comparison.merged.conflicts).toEqual([
      {
        base: ['Vérifiez la date de fin de validité de votre passeport.'],
        current: ['Regardez la date de validité.'],
        proposal: ['La date de validité est au dos.'],
      },
    ])
    // The admin panel's read-only field says the same in words.
    const asReviewer = await json(await app.api('GET', `/guide-proposals/${clash.id}?depth=0`, { token: agent.token }))
    expect(asReviewer.comparison).toContain('- Regardez la date de validité.')
    expect(asReviewer.comparison).toContain('+ La date de validité est au dos.')
    expect(asReviewer.comparison).toContain('= Regardez la date de validité.')
    const merge = await post(`/guide-proposals/${clash.id}/accept`, agent, { merge: true })
    expect(merge.status).toBe(409)
    expect((await readerView(guide)).lines).toContain('Regardez la date de validité.')

    expect((await post(`/guide-proposals/${clash.id}/refuse`, agent, {})).status).toBe(400)
    const refused = await post(`/guide-proposals/${clash.id}/refuse`, agent, {
      note: 'Awa a déjà reformulé ce paragraphe : proposez votre précision sur le nouveau texte.',
    })
    expect(refused.status).toBe(200)
    const seen = await json(await app.api('GET', `/guide-proposals/${clash.id}`, { token: chloe.token }))
    expect(seen.status).toBe('refused')
    expect(seen.reviewNote).toBe('Awa a déjà reformulé ce paragraphe : proposez votre précision sur le nouveau texte.')
    expect((await app.api('GET', `/guide-proposals/${clash.id}`, { token: bruno.token })).status).toBe(404)
    expect((await post(`/guide-proposals/${clash.id}/accept`, agent, { merge: true })).status).toBe(409)
    // The widget shows the author what became of each of their proposals, the note with a refusal.
    const slug = `passeport-${counter}`
    const page = await json(await app.api('GET', `/entraide/procedures/${slug}`, { token: chloe.token }))
    expect(page.guide.hasMyPendingEdit).toBe(false)
    expect(page.guide.myProposals).toEqual([
      expect.objectContaining({
        reviewNote: 'Awa a déjà reformulé ce paragraphe : proposez votre précision sur le nouveau texte.',
        status: 'refused',
      }),
    ])
    const awaView = await json(await app.api('GET', `/entraide/procedures/${slug}`, { token: awa.token }))
    expect(awaView.guide.myProposals).toEqual([expect.objectContaining({ reviewNote: null, status: 'accepted' })])
    const anonymous = await json(await app.api('GET', `/entraide/procedures/${slug}`))
    expect(anonymous.guide.myProposals).toEqual([])
  })

  it('lets only reviewers of the procedure’s agency accept or refuse', async () => {
    const guide = await publishedGuide()
    const proposal = await propose(
      guide,
      awa,
      'Renouveler son passeport (autre agence ?)',
      edited({ 3: 'Remplir la pré-demande.' }),
    )
    // Another agency's agent does not even see it.
    expect((await post(`/guide-proposals/${proposal.id}/accept`, otherAgent)).status).toBe(404)
    expect((await post(`/guide-proposals/${proposal.id}/refuse`, otherAgent, { note: 'Non.' })).status).toBe(404)
    expect((await app.api('GET', `/guide-proposals/${proposal.id}`, { token: otherAgent.token })).status).toBe(404)
    // Its author cannot accept it.
    expect((await post(`/guide-proposals/${proposal.id}/accept`, awa)).status).toBe(403)
    // Nor can anyone through the generic routes.
    const patch = await app.api('PATCH', `/guide-proposals/${proposal.id}`, {
      body: { status: 'accepted' },
      token: awa.token,
    })
    expect(patch.status).toBe(403)
    const create = await app.api('POST', '/guide-proposals', { body: { guide, title: 'x' }, token: awa.token })
    expect(create.status).toBe(403)
    expect((await readerView(guide)).title).toBe('Renouveler son passeport')
    expect((await json(await app.api('GET', `/guide-proposals/${proposal.id}`, { token: awa.token }))).status).toBe(
      'pending',
    )
  })

  it('publishes at once, through the same path, the proposal of an agent of the procedure’s agency', async () => {
    const guide = await publishedGuide()
    const pending = await propose(
      guide,
      awa,
      'Renouveler son passeport',
      edited({ 5: 'Voir [la page officielle](https://www.service-public.fr/).' }),
    )
    const response = await post(`/guides/${guide}/proposals`, agent, {
      body: edited({ 0: 'Avant toute démarche' }),
      title: 'Renouveler son passeport',
    })
    expect(response.status).toBe(201)
    const body = await json(response)
    expect(body.proposal.status).toBe('accepted')
    expect(body.guide.title).toBe('Renouveler son passeport')
    expect((await readerView(guide)).lines[0]).toBe('## Avant toute démarche')
    // Awa's waiting proposal was neither published nor lost.
    expect((await readerView(guide)).lines).not.toContain('Voir [la page officielle](https://www.service-public.fr/).')
    expect((await json(await app.api('GET', `/guide-proposals/${pending.id}`, { token: awa.token }))).status).toBe(
      'pending',
    )
    // An agent of another agency only proposes.
    const outsider = await post(`/guides/${guide}/proposals`, otherAgent, {
      body: edited({ 2: 'Étapes' }),
      title: 'Passeport',
    })
    expect((await json(outsider)).proposal.status).toBe('pending')
    expect((await readerView(guide)).title).toBe('Renouveler son passeport')
  })

  it('refuses bad input with a clear status, and personal data with the guard’s message', async () => {
    const guide = await publishedGuide()
    expect((await post(`/guides/${guide}/proposals`, awa, { body: edited({}) })).status).toBe(400)
    expect((await post(`/guides/${guide}/proposals`, awa, { body: 'texte', title: 'Titre' })).status).toBe(400)
    const unchanged = await post(`/guides/${guide}/proposals`, awa, {
      body: edited({}),
      title: 'Renouveler son passeport',
    })
    expect(unchanged.status).toBe(400)
    expect((await post('/guides/pas-un-id/proposals', awa, { body: edited({ 1: 'x' }), title: 'T' })).status).toBe(404)
    expect((await post('/guides/999999/proposals', awa, { body: edited({ 1: 'x' }), title: 'T' })).status).toBe(404)
    expect(
      (await app.api('POST', `/guides/${guide}/proposals`, { body: { body: edited({ 1: 'x' }), title: 'T' } })).status,
    ).toBe(401)
    expect((await post('/guide-proposals/pas-un-id/accept', agent)).status).toBe(404)
    expect((await post('/guide-proposals/999999/refuse', agent, { note: 'Non.' })).status).toBe(404)

    // An identifier split across two blocks is read as readers read it.
    const phone = await post(`/guides/${guide}/proposals`, awa, {
      body: edited({ 1: 'Pour toute question appelez le 06 12', 2: '34 56 78 le matin.' }),
      title: 'Renouveler son passeport',
    })
    expect(phone.status).toBe(422)
    expect((await json(phone)).errors[0].data.code).toBe('personal-data')
    const list = await json(
      await app.api('GET', `/guide-proposals?where[guide][equals]=${guide}`, { token: awa.token }),
    )
    expect(list.totalDocs).toBe(0)
  })

  it('leaves restoring old versions to editors', async () => {
    const guide = await publishedGuide()
    const proposal = await propose(
      guide,
      awa,
      'Renouveler son passeport, version 2',
      edited({ 1: 'Regardez la date.' }),
    )
    expect((await post(`/guide-proposals/${proposal.id}/accept`, agent)).status).toBe(200)
    const { docs } = await app.payload.findVersions({
      collection: 'guides',
      sort: 'createdAt',
      where: { parent: { equals: guide } },
    })
    const first = docs[0]
    if (!first) throw new Error('no version')
    for (const person of [awa, agent]) {
      expect((await app.api('POST', `/guides/versions/${first.id}`, { body: {}, token: person.token })).status).toBe(
        403,
      )
      expect((await readerView(guide)).title).toBe('Renouveler son passeport, version 2')
    }
    expect((await app.api('POST', `/guides/versions/${first.id}`, { body: {}, token: editor.token })).status).toBe(200)
    expect((await readerView(guide)).title).toBe('Renouveler son passeport')
  })
})

describe('writing the guide itself', () => {
  /** Every revision of a guide, as stored: what a refused write must leave untouched. */
  const revisions = async (guide: ID) =>
    (
      await app.payload.findVersions({ collection: 'guides', depth: 0, limit: 0, where: { parent: { equals: guide } } })
    ).docs.map((doc) => `${doc.id}:${doc.version.title}`)

  it('refuses two citizens’ PATCH with 403 naming the proposals endpoint, and changes nothing', async () => {
    const guide = await publishedGuide()
    const before = await revisions(guide)
    const guides = (await app.payload.count({ collection: 'guides' })).totalDocs
    for (const [person, name] of [
      [awa, 'Awa'],
      [bruno, 'Bruno'],
    ] as const) {
      for (const route of [`/guides/${guide}`, `/guides/${guide}?draft=true`]) {
        const response = await app.api('PATCH', route, {
          body: { _status: 'published', body: edited({ 1: `Version de ${name}.` }), title: `Passeport selon ${name}` },
          token: person.token,
        })
        expect(response.status).toBe(403)
        const error = await errorOf(response)
        expect(error.code).toBe('forbidden')
        expect(error.message).toContain('POST /api/guides/:id/proposals')
      }
      // Nor a new guide, nor a copy of this one.
      const { procedure: free } = await createProcedure(app, { slug: `sans-guide-${name.toLowerCase()}` })
      const created = await app.api('POST', '/guides', {
        body: { _status: 'draft', procedure: free.id, title: `Guide de ${name}` },
        token: person.token,
      })
      expect(created.status).toBe(403)
      expect((await errorOf(created)).message).toContain('POST /api/guides/:id/proposals')
      expect((await app.api('POST', `/guides/${guide}/duplicate`, { body: {}, token: person.token })).status).toBe(403)
    }
    expect(await revisions(guide)).toEqual(before)
    expect((await app.payload.count({ collection: 'guides' })).totalDocs).toBe(guides)
    expect(await readerView(guide)).toEqual({
      lines: guideLines(lexicalFromBlocks(blocks)),
      title: 'Renouveler son passeport',
    })
    // The reviewer's draft view has nobody's edit either: a title-only publish publishes the title alone.
    const latest = await json(await app.api('GET', `/guides/${guide}?draft=true&depth=0`, { token: agent.token }))
    expect(latest.title).toBe('Renouveler son passeport')
    const retitled = await app.api('PATCH', `/guides/${guide}`, {
      body: { _status: 'published', title: 'Renouveler son passeport en 4 étapes' },
      token: agent.token,
    })
    expect(retitled.status).toBe(200)
    expect(await readerView(guide)).toEqual({
      lines: guideLines(lexicalFromBlocks(blocks)),
      title: 'Renouveler son passeport en 4 étapes',
    })
  })

  it('never carries someone else’s waiting proposal or draft into an agent’s title-only publish', async () => {
    const guide = await publishedGuide()
    const awaText = 'Vérifiez aussi que votre carte d’identité est valide (texte d’Awa).'
    const brunoText = 'Pré-demande : comptez vingt minutes (texte de Bruno).'
    const karimText = 'Rendez-vous : appelez la mairie le lundi (brouillon de Karim).'
    const awaProposal = await propose(guide, awa, 'Renouveler son passeport', edited({ 1: awaText }))
    const brunoProposal = await propose(guide, bruno, 'Passeport : le guide de Bruno', edited({ 3: brunoText }))
    // An agent of another agency saves an edit as a draft: it waits for review.
    const karimDraft = await app.api('PATCH', `/guides/${guide}?draft=true`, {
      body: { _status: 'draft', body: edited({ 4: karimText }), title: 'Passeport selon Karim' },
      token: otherAgent.token,
    })
    expect(karimDraft.status).toBeLessThan(500)

    // The procedure's agent changes the title alone and publishes, twice (REST with and without depth).
    for (const [route, title] of [
      [`/guides/${guide}`, 'Passeport : renouveler en ligne'],
      [`/guides/${guide}?depth=0`, 'Passeport : renouveler en ligne et en mairie'],
    ] as const) {
      const published = await app.api('PATCH', route, { body: { _status: 'published', title }, token: agent.token })
      expect(published.status).toBe(200)
      const answered = await published.text()
      for (const text of [awaText, brunoText, karimText, 'Passeport selon Karim', 'le guide de Bruno']) {
        expect(answered).not.toContain(text)
      }
      expect(await readerView(guide)).toEqual({ lines: guideLines(lexicalFromBlocks(blocks)), title })
    }
    // Each waiting proposal is still waiting, with its own text.
    for (const [person, proposal, text] of [
      [awa, awaProposal, awaText],
      [bruno, brunoProposal, brunoText],
    ] as const) {
      const stored = await json(
        await app.api('GET', `/guide-proposals/${proposal.id}?depth=0`, { token: person.token }),
      )
      expect(stored.status).toBe('pending')
      expect(guideLines(stored.body).some((line) => line.includes(text))).toBe(true)
    }
    // Anonymous readers and search-facing reads never see any of them.
    const reader = JSON.stringify(await json(await app.api('GET', `/guides/${guide}?depth=0`)))
    for (const text of [awaText, brunoText, karimText]) expect(reader).not.toContain(text)
  })

  it('accepts a trusted citizen’s proposal at once, and only once an agent validated one of their contributions', async () => {
    const guide = await publishedGuide()
    // Reputation alone is not enough.
    await app.payload.update({ collection: 'users', data: { reputation: 1000 }, id: chloe.id })
    const waiting = await propose(guide, chloe, 'Renouveler son passeport (Chloé)', edited({ 1: 'Vérifiez la date.' }))
    expect(waiting.status).toBe('pending')
    expect((await readerView(guide)).title).toBe('Renouveler son passeport')

    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: chloe.id,
        body: 'Prenez rendez-vous dans une mairie voisine, c’est souvent plus rapide.',
        procedure,
        validatedAt: new Date().toISOString(),
        validatedBy: agent.id,
        visibility: 'published',
      },
    })
    try {
      const accepted = await propose(guide, chloe, 'Renouveler son passeport (Chloé, 2)', edited({ 4: 'Réserver.' }))
      expect(accepted.status).toBe('accepted')
      expect(await readerView(guide)).toMatchObject({ title: 'Renouveler son passeport (Chloé, 2)' })
      // Her trust goes through proposals too: writing the guide itself stays refused.
      const patched = await app.api('PATCH', `/guides/${guide}`, {
        body: { _status: 'published', title: 'Directement' },
        token: chloe.token,
      })
      expect(patched.status).toBe(403)
      expect((await readerView(guide)).title).toBe('Renouveler son passeport (Chloé, 2)')
    } finally {
      await app.payload.delete({ collection: 'tips', id: tip.id })
      await app.payload.update({ collection: 'users', data: { reputation: 0 }, id: chloe.id })
    }
  })
})
