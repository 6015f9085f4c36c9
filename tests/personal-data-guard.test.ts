// Database: SQLite is enough (the guard screens a submission before anything is written; the PostgreSQL run of the access table and of tests/guide-proposals.test.ts writes the same collections)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, errorOf, json, proposeGuideEdit } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

// Two apps share one schema in this file; Payload pushes an unchanged schema once per process otherwise.
process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'

type Person = Awaited<ReturnType<TestApp['signUp']>>

const nir = '2 95 10 99 126 111 93'
const taxNumber = '3023217600053'
const iban = 'FR76 3000 6000 0112 3456 7890 189'
const phone = '06 12 34 56 78'
const email = 'jeanne.martin@gmail.com'

/** A Lexical value whose paragraph holds `parts` as separate text nodes (the middle one bold). */
const richText = (parts: string[]) => ({
  root: {
    type: 'root',
    children: [
      {
        type: 'paragraph',
        children: parts.map((text, index) => ({
          type: 'text',
          detail: 0,
          format: index === 1 ? 1 : 0,
          mode: 'normal',
          style: '',
          text,
          version: 1,
        })),
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        version: 1,
      },
    ],
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
})

const textOf = (value: unknown): string => JSON.stringify(value)

/** Every document of the collections a refused write could touch, to prove nothing was written. */
const snapshot = async (app: TestApp): Promise<string> => {
  const parts: unknown[] = []
  for (const collection of ['tips', 'threads', 'answers', 'guides', 'guide-proposals', 'reports'] as const) {
    parts.push((await app.payload.find({ collection, depth: 0, draft: true, pagination: false })).docs)
  }
  parts.push((await app.payload.findVersions({ collection: 'guides', depth: 0, pagination: false })).docs)
  return JSON.stringify(parts)
}

describe('refusing personal data (the default)', () => {
  let app: TestApp
  let author: Person
  let agent: Person
  let procedureId: ID
  let threadId: ID

  beforeAll(async () => {
    app = await startTestApp()
    const { agency, procedure } = await createProcedure(app)
    procedureId = procedure.id
    author = await app.signUp({ name: 'Jeanne' })
    agent = await app.signUp({ agency: agency.id, role: 'agent' })
    threadId = (
      await app.payload.create({
        collection: 'threads',
        data: {
          author: author.id,
          body: 'Combien de temps faut-il pour un passeport ?',
          procedure: procedureId,
          status: 'open',
          visibility: 'published',
          title: 'Délai pour un passeport',
        },
      })
    ).id
  })
  afterAll(async () => {
    await app?.close()
  })

  it('refuses a tip with a social-security number, names it and the field, and writes nothing', async () => {
    const before = await snapshot(app)
    const response = await app.api('POST', '/tips', {
      body: { body: `Mon numéro est ${nir}, est-ce utile au guichet ?`, procedure: procedureId },
      token: author.token,
    })
    expect(response.status).toBe(422)
    const body = await json(response)
    const error = body.errors[0]
    expect(error.data.code).toBe('personal-data')
    expect(error.data.field).toBe('body')
    expect(error.data.findings).toEqual([{ field: 'body', kind: 'nir' }])
    expect(error.message).toContain('numéro de sécurité sociale')
    expect(error.message).toContain('Champ concerné\u00a0: texte')
    expect(JSON.stringify(body).replace(/\s/g, '')).not.toContain(nir.replace(/\s/g, ''))
    expect(await snapshot(app)).toBe(before)
  })

  it('names every field of a question and answers in English when asked to', async () => {
    const before = await snapshot(app)
    const response = await app.api('POST', '/threads', {
      body: {
        body: `Vous pouvez me rappeler au ${phone} pour en parler.`,
        procedure: procedureId,
        title: `Question de ${email}`,
      },
      headers: { 'Accept-Language': 'en-GB,en;q=0.9,fr;q=0.5' },
      token: author.token,
    })
    expect(response.status).toBe(422)
    const error = (await json(response)).errors[0]
    expect(error.data.findings).toEqual([
      { field: 'title', kind: 'email' },
      { field: 'body', kind: 'phone' },
    ])
    expect(error.message).toMatch(/^Your message contains personal data: an email address .* and a phone number/)
    expect(error.message).toContain('Fields: title, text.')
    expect(error.message).not.toContain(email)
    expect(error.message).not.toContain(phone)
    expect(await snapshot(app)).toBe(before)
  })

  it('refuses an answer with an IBAN and an edit that adds a tax number', async () => {
    const answer = await app.api('POST', '/answers', {
      body: { body: `Le remboursement arrive sur ${iban}.`, thread: threadId },
      token: author.token,
    })
    expect(answer.status).toBe(422)
    expect((await errorOf(answer)).code).toBe('personal-data')

    const tip = (
      await json(
        await app.api('POST', '/tips?depth=0', {
          body: { body: 'Le formulaire cerfa 12100*02 coûte 86 € depuis le 01/03/2024.', procedure: procedureId },
          token: author.token,
        }),
      )
    ).doc
    expect(tip.body).toBe('Le formulaire cerfa 12100*02 coûte 86 € depuis le 01/03/2024.')
    const before = await snapshot(app)
    const edit = await app.api('PATCH', `/tips/${tip.id}`, {
      body: { body: `Indiquez votre numéro fiscal ${taxNumber} sur le formulaire.` },
      token: author.token,
    })
    expect(edit.status).toBe(422)
    expect((await json(edit)).errors[0].data.findings).toEqual([{ field: 'body', kind: 'tax-number' }])
    expect(await snapshot(app)).toBe(before)
  })

  it('reads a guide edit proposal as its readers would, even when formatting splits an identifier', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: procedureId, title: 'Renouveler son passeport' },
    })
    const before = await snapshot(app)
    const body = await proposeGuideEdit(app, {
      body: richText(['Pour toute question appelez le ', '06 12 ', '34 56 78 le matin.']),
      guide: guide.id,
      title: 'Renouveler son passeport',
      token: author.token,
    })
    expect(body.status).toBe(422)
    expect((await json(body)).errors[0].data.findings).toEqual([{ field: 'body', kind: 'phone' }])
    const title = await proposeGuideEdit(app, { guide: guide.id, title: `Guide de ${email}`, token: author.token })
    expect(title.status).toBe(422)
    expect((await json(title)).errors[0].data.findings).toEqual([{ field: 'title', kind: 'email' }])
    expect(await snapshot(app)).toBe(before)
  })

  it('refuses report and validation notes with personal data', async () => {
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: agent.id,
        body: 'Astuce publiée pour le passeport.',
        procedure: procedureId,
        visibility: 'published',
      },
    })
    const answer = await app.payload.create({
      collection: 'answers',
      data: {
        author: author.id,
        body: 'Environ trois semaines en ce moment.',
        thread: threadId,
        visibility: 'published',
      },
    })
    const before = await snapshot(app)
    const report = await app.api('POST', `/tips/${tip.id}/report`, {
      body: { note: `C'est le numéro de mon voisin : ${phone}`, reason: 'other' },
      token: author.token,
    })
    expect(report.status).toBe(422)
    expect((await json(report)).errors[0].data.findings).toEqual([{ field: 'note', kind: 'phone' }])
    const validation = await app.api('POST', `/answers/${answer.id}/validate`, {
      body: { note: `Vérifié avec l'usager ${email}.` },
      token: agent.token,
    })
    expect(validation.status).toBe(422)
    expect(await snapshot(app)).toBe(before)
    expect((await app.payload.findByID({ collection: 'answers', id: answer.id })).validatedAt ?? null).toBeNull()
  })

  it('lets clean contributions full of look-alikes through', async () => {
    const response = await app.api('POST', '/threads?depth=0', {
      body: {
        body: 'Le cerfa 12100*02 demande 86 € ; rendez-vous le 12/05/2025 à 14 h, code postal 33000, dossier n° 2024-118.',
        procedure: procedureId,
        title: 'Formulaire 12100*02 et timbre de 86 €',
      },
      token: author.token,
    })
    expect(response.status).toBe(201)
  })
})

describe('masking personal data (mode "mask")', () => {
  let app: TestApp
  let author: Person
  let reporters: Person[]
  let agent: Person
  let editor: Person
  let procedureId: ID
  let threadId: ID

  beforeAll(async () => {
    app = await startTestApp({
      entraide: {
        moderation: { reportsToHide: 2, standing: { minAccountAgeHours: 0, minPublishedContributions: 0 } },
        personalData: { mode: 'mask' },
      },
    })
    const { agency, procedure } = await createProcedure(app)
    procedureId = procedure.id
    author = await app.signUp({ name: 'Jeanne' })
    reporters = [await app.signUp({}), await app.signUp({})]
    agent = await app.signUp({ agency: agency.id, role: 'agent' })
    editor = await app.signUp({ role: 'editor' })
    threadId = (
      await app.payload.create({
        collection: 'threads',
        data: {
          author: author.id,
          body: 'Combien de temps faut-il pour un passeport ?',
          procedure: procedureId,
          status: 'open',
          visibility: 'published',
          title: 'Délai pour un passeport',
        },
      })
    ).id
  })
  afterAll(async () => {
    await app?.close()
  })

  const systemReports = async (targetKey: string) =>
    (
      await app.payload.find({
        collection: 'reports',
        depth: 0,
        where: { and: [{ targetKey: { equals: targetKey } }, { reporter: { exists: false } }] },
      })
    ).docs

  it('stores a tip masked and opens a personal-data report moderators can read', async () => {
    const response = await app.api('POST', '/tips?depth=0', {
      body: { body: `Appelez-moi au ${phone} si besoin, ou écrivez à ${email}.`, procedure: procedureId },
      token: author.token,
    })
    expect(response.status).toBe(201)
    const tip = (await json(response)).doc
    const stored = await app.payload.findByID({ collection: 'tips', id: tip.id })
    expect(stored.body).toBe('Appelez-moi au 06 •• •• •• •• si besoin, ou écrivez à j•••@•••.com.')

    const reports = await systemReports(`tips:${tip.id}`)
    expect(reports).toHaveLength(1)
    expect(reports[0]).toMatchObject({ reason: 'personal-data', status: 'open' })
    expect(reports[0]?.note).toContain('numéro de téléphone (texte)')
    expect(reports[0]?.note).not.toContain('12 34')

    const asEditor = await json(
      await app.api('GET', `/reports?where[targetKey][equals]=tips:${tip.id}`, { token: editor.token }),
    )
    expect(asEditor.docs.map((report: { reason: string }) => report.reason)).toEqual(['personal-data'])
    const asAuthor = await json(
      await app.api('GET', `/reports?where[targetKey][equals]=tips:${tip.id}`, { token: author.token }),
    )
    expect(asAuthor.docs).toEqual([])
  })

  it('masks edits too, and keeps one open report per item', async () => {
    const tip = (
      await json(
        await app.api('POST', '/tips?depth=0', {
          body: { body: 'Pensez à photocopier votre ancien passeport.', procedure: procedureId },
          token: author.token,
        }),
      )
    ).doc
    expect(await systemReports(`tips:${tip.id}`)).toHaveLength(0)
    for (const text of [`Mon IBAN pour le remboursement : ${iban}.`, `Et mon numéro fiscal : ${taxNumber}.`]) {
      expect((await app.api('PATCH', `/tips/${tip.id}`, { body: { body: text }, token: author.token })).status).toBe(
        200,
      )
    }
    const stored = await app.payload.findByID({ collection: 'tips', id: tip.id })
    expect(stored.body).toBe('Et mon numéro fiscal : •••••••••••••.')
    expect(await systemReports(`tips:${tip.id}`)).toHaveLength(1)
  })

  it('masks a question’s title and body and an answer', async () => {
    const thread = (
      await json(
        await app.api('POST', '/threads?depth=0', {
          body: { body: `Mon NIR ${nir} est-il nécessaire ?`, procedure: procedureId, title: `Question de ${email}` },
          token: author.token,
        }),
      )
    ).doc
    const storedThread = await app.payload.findByID({ collection: 'threads', id: thread.id })
    expect(storedThread.title).toBe('Question de j•••@•••.com')
    expect(storedThread.body).toBe('Mon NIR • •• •• •• ••• ••• •• est-il nécessaire ?')
    expect(await systemReports(`threads:${thread.id}`)).toHaveLength(1)

    const answer = (
      await json(
        await app.api('POST', '/answers?depth=0', {
          body: { body: `Virement sur ${iban} sous huit jours.`, thread: threadId },
          token: author.token,
        }),
      )
    ).doc
    const storedAnswer = await app.payload.findByID({ collection: 'answers', id: answer.id })
    expect(storedAnswer.body).toBe('Virement sur FR76 •••• •••• … sous huit jours.')
    expect(await systemReports(`answers:${answer.id}`)).toHaveLength(1)
  })

  it('masks an identifier split over formatted text nodes of a guide draft', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: procedureId, title: 'Renouveler son passeport' },
    })
    // Staff write guides (citizens propose edits, guarded the same way: guide-proposals.test.ts).
    const response = await app.api('PATCH', `/guides/${guide.id}?draft=true`, {
      body: { body: richText(['Appelez le ', '06 12 ', '34 56 78 le matin.']) },
      token: agent.token,
    })
    expect(response.status).toBe(200)
    const draft = await app.payload.findByID({ collection: 'guides', draft: true, id: guide.id })
    expect(textOf(draft.body)).not.toContain('34 56 78')
    expect(textOf(draft.body)).toContain('"text":"06 •• •• •• ••"')
    expect(textOf(draft.body)).toContain('"text":" le matin."')
    expect(await systemReports(`guides:${guide.id}`)).toHaveLength(1)
  })

  it('masks report and validation notes; the guard’s report does not count as a person’s', async () => {
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: agent.id,
        body: 'Astuce publiée pour le passeport.',
        procedure: procedureId,
        visibility: 'published',
      },
    })
    await app.api('PATCH', `/tips/${tip.id}`, {
      body: { body: `Astuce corrigée, joignable au ${phone}.` },
      token: agent.token,
    })
    expect(await systemReports(`tips:${tip.id}`)).toHaveLength(1)

    const report = await app.api('POST', `/tips/${tip.id}/report`, {
      body: { note: `Voir aussi ${email}`, reason: 'other' },
      token: reporters[0]!.token,
    })
    expect(report.status).toBe(201)
    const stored = await app.payload.findByID({ collection: 'reports', id: (await json(report)).report.id })
    expect(stored.note).toBe('Voir aussi j•••@•••.com')
    // reportsToHide is 2: one person and the guard are not two people.
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).visibility).toBe('published')
    await app.api('POST', `/tips/${tip.id}/report`, { body: { reason: 'spam' }, token: reporters[1]!.token })
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).visibility).toBe('hidden')

    const answer = await app.payload.create({
      collection: 'answers',
      data: {
        author: author.id,
        body: 'Environ trois semaines en ce moment.',
        thread: threadId,
        visibility: 'published',
      },
    })
    const validation = await app.api('POST', `/answers/${answer.id}/validate`, {
      body: { note: `Confirmé par téléphone au ${phone}.` },
      token: agent.token,
    })
    expect(validation.status).toBe(200)
    const validated = await app.payload.findByID({ collection: 'answers', id: answer.id })
    expect(validated.validationNote).toBe('Confirmé par téléphone au 06 •• •• •• ••.')
    expect(await systemReports(`answers:${answer.id}`)).toHaveLength(1)
  })
})
