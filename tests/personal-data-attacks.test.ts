// Database: SQLite is enough (the guard screens a submission before anything is written, whatever the database)
/**
 * The ways personal data got through the guard, each tried again through the
 * REST API with other variants than the ones first reported: disguised
 * identifiers, identifiers cut between fields or paragraphs, named
 * identifiers with a wrong key, texts that were not screened (display names,
 * wiki pages, staff notes) and the search-query log.
 */
import type { ID } from '../src/utilities/ids.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { flushSearchQueries } from '../src/search/queryLog.ts'
import { createProcedure, errorOf, json, proposeGuideEdit } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

// Two apps share one schema in this file; Payload pushes an unchanged schema once per process otherwise.
process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'

type Person = Awaited<ReturnType<TestApp['signUp']>>

const textNode = (text: string) => ({ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 })

/** A Lexical value with one paragraph per entry; an entry is text, or text nodes and links. */
const paragraphs = (...blocks: Array<string | Array<string | { link: string; text: string }>>) => ({
  root: {
    type: 'root',
    children: blocks.map((block) => ({
      type: 'paragraph',
      children: (typeof block === 'string' ? [block] : block).map((inline) =>
        typeof inline === 'string'
          ? textNode(inline)
          : {
              type: 'link',
              children: [textNode(inline.text)],
              direction: 'ltr',
              fields: { linkType: 'custom', newTab: false, url: inline.link },
              format: '',
              indent: 0,
              version: 3,
            },
      ),
      direction: 'ltr',
      format: '',
      indent: 0,
      textFormat: 0,
      version: 1,
    })),
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
})

/** Digits written in another script: `zero` is that script's digit zero. */
const inDigits = (text: string, zero: number): string =>
  text.replace(/\d/g, (digit) => String.fromCodePoint(zero + Number(digit)))

/** Fullwidth forms of ASCII letters, digits and punctuation. */
const fullwidth = (text: string): string =>
  Array.from(text)
    .map((character) => {
      const code = character.codePointAt(0) ?? 0
      return code > 0x20 && code < 0x7f ? String.fromCodePoint(code + 0xfee0) : character
    })
    .join('')

/** Every character of `text` separated by `invisible`. */
const interleave = (text: string, invisible: string): string => Array.from(text).join(invisible)

const validNir = '2 95 10 99 126 111 93'
const validIban = 'FR76 3000 6000 0112 3456 7890 189'
const validTaxNumber = '3023217600053'

describe('disguised and hidden personal data, refused', () => {
  let app: TestApp
  let author: Person
  let agent: Person
  let editor: Person
  let procedureId: ID

  beforeAll(async () => {
    app = await startTestApp()
    const { agency, procedure } = await createProcedure(app)
    procedureId = procedure.id
    author = await app.signUp({ name: 'Jeanne' })
    agent = await app.signUp({ agency: agency.id, role: 'agent' })
    editor = await app.signUp({ role: 'editor' })
  })
  afterAll(async () => {
    await app?.close()
  })

  const count = async (collection: 'tips' | 'threads' | 'users' | 'wiki-pages') =>
    (await app.payload.count({ collection })).totalDocs

  const publishedTip = async () =>
    app.payload.create({
      collection: 'tips',
      data: { author: author.id, body: 'Prenez rendez-vous tôt le matin.', procedure: procedureId, visibility: 'published' },
    })

  it.each([
    ['a phone number in Devanagari digits with thin spaces', `Rappelez-moi au ${inDigits('06\u200912\u200934\u200956\u200978', 0x0966)}.`, 'phone'],
    ['a social-security number with word joiners and figure dashes', `Mon numéro : ${interleave('2‒95‒10‒99‒126‒111‒93', '\u2060')}`, 'nir'],
    ['an IBAN in fullwidth forms with ideographic spaces', `Virement sur ${fullwidth('FR76')}\u3000${fullwidth('3000 6000 0112 3456 7890 189')}`, 'iban'],
    ['an email with a zero-width joiner and a fullwidth at sign', 'Écrivez à jeanne\u200d.martin＠gmail．com', 'email'],
    ['a tax number in mathematical digits with soft hyphens', `Numéro ${interleave(inDigits(validTaxNumber, 0x1d7ce), '\u00ad')}`, 'tax-number'],
    ['a passport number with Cyrillic letters', 'Document 12 АВ 34567 perdu hier.', 'passport'],
    ['a CAF number in Arabic-Indic digits', 'N° allocataire : ١٢٣٤٥٦٧, la CAF ne répond pas.', 'caf-number'],
    ['a phone number stored backwards behind a right-to-left override', 'Appelez le \u202e87 65 43 21 60\u202c ce soir.', 'phone'],
    ['Arabic-Indic groups stored last first, which display in order', 'Appelez le ٧٨ ٥٦ ٣٤ ١٢ ٠٦ ce soir.', 'phone'],
  ])('refuses a tip with %s, quoting what was typed', async (_case, body, kind) => {
    const before = await count('tips')
    const response = await app.api('POST', '/tips', { body: { body, procedure: procedureId }, token: author.token })
    expect(response.status).toBe(422)
    const error = (await json(response)).errors[0]
    expect(error.data.findings).toEqual([{ field: 'body', kind }])
    // A beginning of what was typed, never the whole identifier.
    expect(error.message).toMatch(/«\u00a0[^»]+…\u00a0»/u)
    expect(await count('tips')).toBe(before)
  })

  it('finds an identifier cut between a question’s title and its text, naming both fields', async () => {
    const before = await count('threads')
    const response = await app.api('POST', '/threads', {
      body: { body: '126 111 93, est-ce normal ?', procedure: procedureId, title: 'Ma carte Vitale porte 2 95 10 99' },
      token: author.token,
    })
    expect(response.status).toBe(422)
    const error = (await json(response)).errors[0]
    expect(error.data.findings).toEqual([{ field: 'title', fields: ['title', 'body'], kind: 'nir' }])
    expect(error.message).toContain('Champs concernés\u00a0: titre, texte.')
    expect(await count('threads')).toBe(before)
  })

  it('finds an identifier completed in a later edit of the text, and one cut where it had no space', async () => {
    const created = await app.api('POST', '/threads?depth=0', {
      body: { body: 'Bonjour, qui peut m’aider pour le dossier ?', procedure: procedureId, title: 'Rappelez-moi au 06 12 34' },
      token: author.token,
    })
    expect(created.status).toBe(201)
    const thread = (await json(created)).doc
    const edit = await app.api('PATCH', `/threads/${thread.id}`, {
      body: { body: '56 78 après 18 h, merci.' },
      token: author.token,
    })
    expect(edit.status).toBe(422)
    expect((await json(edit)).errors[0].data.findings).toEqual([{ field: 'title', fields: ['title', 'body'], kind: 'phone' }])
    expect((await app.payload.findByID({ collection: 'threads', id: thread.id })).body).toBe(
      'Bonjour, qui peut m’aider pour le dossier ?',
    )

    const compact = await app.api('POST', '/threads', {
      body: { body: '011234567890189 pour le remboursement', procedure: procedureId, title: 'Mon compte FR7630006000' },
      token: author.token,
    })
    expect(compact.status).toBe(422)
    expect((await json(compact)).errors[0].data.findings).toEqual([{ field: 'title', fields: ['title', 'body'], kind: 'iban' }])
  })

  it('finds an identifier cut across two paragraphs of a guide, and one in a link’s address', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: procedureId, title: 'Renouveler son passeport' },
    })
    // A citizen's edit of a guide is a proposal.
    const split = await proposeGuideEdit(app, {
      body: paragraphs('Pour le timbre, virement sur FR76 3000 6000', '0112 3456 7890 189 avant le rendez-vous.'),
      guide: guide.id,
      title: 'Renouveler son passeport',
      token: author.token,
    })
    expect(split.status).toBe(422)
    expect((await json(split)).errors[0].data.findings).toEqual([{ field: 'body', kind: 'iban' }])

    const link = await proposeGuideEdit(app, {
      body: paragraphs(['Une question ? ', { link: 'mailto:jeanne.martin@gmail.com', text: 'écrivez-moi' }]),
      guide: guide.id,
      title: 'Renouveler son passeport',
      token: author.token,
    })
    expect(link.status).toBe(422)
    expect((await json(link)).errors[0].data.findings).toEqual([{ field: 'body', kind: 'email' }])
  })

  it('refuses a named identifier with a wrong key, and lets an unnamed wrong key through', async () => {
    const wrongNir = '1 85 05 78 006 084 12'
    for (const body of [
      `Mon numéro de sécurité sociale : ${wrongNir}, la CPAM le refuse.`,
      'N° fiscal 3023217600054, le site dit qu’il est inconnu.',
      'Mon IBAN FR14 2004 1010 0505 0001 3M02 607 est-il bon ?',
    ]) {
      const response = await app.api('POST', '/tips', { body: { body, procedure: procedureId }, token: author.token })
      expect(response.status, body).toBe(422)
    }
    const unnamed = await app.api('POST', '/tips', {
      body: { body: `Le formulaire affiche l’exemple ${wrongNir} en page 2.`, procedure: procedureId },
      token: author.token,
    })
    expect(unnamed.status).toBe(201)
  })

  it('screens display names at sign-up and on every change', async () => {
    const before = await count('users')
    const signUp = await app.api('POST', '/users', {
      body: { displayName: 'jeanne.martin＠gmail．com', email: 'nouvelle@example.test', password: 'a long enough password' },
    })
    expect(signUp.status).toBe(422)
    expect((await json(signUp)).errors[0].data.findings).toEqual([{ field: 'displayName', kind: 'email' }])
    expect(await count('users')).toBe(before)

    const rename = await app.api('PATCH', `/users/${author.id}`, {
      body: { displayName: `Jeanne ${interleave(validNir, '\u200b')}` },
      token: author.token,
    })
    expect(rename.status).toBe(422)
    expect((await errorOf(rename)).message).toContain('nom affiché')
    const clean = await app.api('PATCH', `/users/${author.id}`, { body: { displayName: 'Jeanne M.' }, token: author.token })
    expect(clean.status).toBe(200)
  })

  it('screens wiki pages: title, rich text and address', async () => {
    const before = await count('wiki-pages')
    const created = await app.api('POST', '/wiki-pages', {
      body: {
        body: paragraphs(`Le remboursement arrive sur ${inDigits('FR76 3000 6000 0112 3456 7890 189', 0x0660)}.`),
        procedure: procedureId,
        title: 'Remboursements',
      },
      token: editor.token,
    })
    expect(created.status).toBe(422)
    expect((await json(created)).errors[0].data.findings).toEqual([{ field: 'body', kind: 'iban' }])
    const titled = await app.api('POST', '/wiki-pages', {
      body: { procedure: procedureId, title: 'Joindre le service : 01 45 67 89 10' },
      token: agent.token,
    })
    expect(titled.status).toBe(422)
    expect(await count('wiki-pages')).toBe(before)

    const page = (
      await json(
        await app.api('POST', '/wiki-pages?depth=0', {
          body: { procedure: procedureId, title: 'Délais de traitement' },
          token: editor.token,
        }),
      )
    ).doc
    const edit = await app.api('PATCH', `/wiki-pages/${page.id}`, {
      body: { body: paragraphs('Numéro de sécurité sociale de l’usager : 1 85 05 78 006 084 12') },
      token: editor.token,
    })
    expect(edit.status).toBe(422)
    const slug = await app.api('PATCH', `/wiki-pages/${page.id}`, {
      body: { slug: 'jeanne-martin-0612345678' },
      token: editor.token,
    })
    expect(slug.status).toBe(422)
    expect((await json(slug)).errors[0].data.findings).toEqual([{ field: 'slug', kind: 'phone' }])
  })

  it('screens moderation reasons, report resolutions and notes, and validation notes', async () => {
    const tip = await publishedTip()
    const hide = await app.api('POST', `/tips/${tip.id}/moderate`, {
      body: { action: 'hide', reason: `Doublon, voir l’usager joignable au ${inDigits('07 98 76 54 32', 0x06f0)}` },
      token: editor.token,
    })
    expect(hide.status).toBe(422)
    expect((await json(hide)).errors[0].data.findings).toEqual([{ field: 'reason', kind: 'phone' }])
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).visibility).toBe('published')

    const reported = await app.api('POST', `/tips/${tip.id}/report`, { body: { reason: 'spam' }, token: agent.token })
    expect(reported.status).toBe(201)
    const reportId = (await json(reported)).report.id
    const resolve = await app.api('POST', `/reports/${reportId}/resolve`, {
      body: { decision: 'dismiss', note: 'Vu avec jeanne\u2060.martin@gmail\u2060.com' },
      token: editor.token,
    })
    expect(resolve.status).toBe(422)
    expect((await app.payload.findByID({ collection: 'reports', id: reportId })).status).toBe('open')
    const note = await app.api('PATCH', `/reports/${reportId}`, {
      body: { note: `Mon NIR ${validNir}` },
      token: editor.token,
    })
    expect(note.status).toBe(422)

    const thread = await app.payload.create({
      collection: 'threads',
      data: { author: author.id, body: 'Combien de temps ?', procedure: procedureId, status: 'open', title: 'Délai du passeport', visibility: 'published' },
    })
    const answer = await app.payload.create({
      collection: 'answers',
      data: { author: author.id, body: 'Environ trois semaines.', thread: thread.id, visibility: 'published' },
    })
    const validation = await app.api('POST', `/answers/${answer.id}/validate`, {
      body: { note: `Confirmé, IBAN de l’usager ${fullwidth(validIban)}` },
      token: agent.token,
    })
    expect(validation.status).toBe(422)
    expect((await app.payload.findByID({ collection: 'answers', id: answer.id })).validatedAt ?? null).toBeNull()
  })

  it('keeps disguised identifiers out of the search-query log', async () => {
    const queries = [
      `rappel ${inDigits('06 12 34 56 78', 0x0660)}`,
      `remboursement ${interleave(validIban, '\u200b')}`,
      'contact jeanne.martin＠gmail．com',
    ]
    for (const q of queries) {
      expect((await app.api('GET', `/entraide/search?q=${encodeURIComponent(q)}`)).status).toBe(200)
    }
    await flushSearchQueries(app.payload)
    const stored = (await app.payload.find({ collection: 'search-queries', limit: 100, pagination: false })).docs.map(
      (doc) => doc.query,
    )
    expect(stored).toEqual(expect.arrayContaining(['rappel [phone]', 'remboursement [iban]', 'contact [email]']))
    for (const query of stored) {
      expect(query).not.toMatch(/[\p{Cf}\p{Default_Ignorable_Code_Point}]/u)
      expect(query).not.toMatch(/\d{4}/)
      expect(query).not.toMatch(/[^\p{ASCII}\p{L}]/u)
    }
  })
})

describe('disguised and hidden personal data, masked (mode "mask")', () => {
  let app: TestApp
  let author: Person
  let editor: Person
  let procedureId: ID

  beforeAll(async () => {
    app = await startTestApp({ entraide: { personalData: { mode: 'mask' } } })
    const { procedure } = await createProcedure(app)
    procedureId = procedure.id
    author = await app.signUp({ name: 'Jeanne' })
    editor = await app.signUp({ role: 'editor' })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('stores a clean mask in place of a disguised identifier, characters of the disguise included', async () => {
    const response = await app.api('POST', '/tips?depth=0', {
      body: { body: `Rappelez-moi au ${interleave(inDigits('06 12 34 56 78', 0x0e50), '\u2063')} le soir.`, procedure: procedureId },
      token: author.token,
    })
    expect(response.status).toBe(201)
    const stored = await app.payload.findByID({ collection: 'tips', id: (await json(response)).doc.id })
    expect(stored.body).toBe('Rappelez-moi au 06 •• •• •• •• le soir.')
  })

  it('masks an identifier cut between the title and the text in both fields', async () => {
    const response = await app.api('POST', '/threads?depth=0', {
      body: { body: '0112 3456 7890 189, est-ce le bon compte ?', procedure: procedureId, title: 'Virement sur FR76 3000 6000' },
      token: author.token,
    })
    expect(response.status).toBe(201)
    const stored = await app.payload.findByID({ collection: 'threads', id: (await json(response)).doc.id })
    expect(stored.title).toBe('Virement sur FR76 •••• •••• …')
    expect(stored.body).toBe(', est-ce le bon compte ?')
    const reports = await app.payload.find({
      collection: 'reports',
      where: { targetKey: { equals: `threads:${stored.id}` } },
    })
    expect(reports.docs.map((report) => report.note)).toEqual([
      'Données personnelles masquées automatiquement à l’enregistrement\u00a0: IBAN (coordonnées bancaires) (titre, texte).',
    ])
  })

  it('masks every address of a link in a guide', async () => {
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: procedureId, title: 'Renouveler son passeport' },
    })
    // Staff write guides (citizens propose edits, guarded the same way).
    const response = await app.api('PATCH', `/guides/${guide.id}?draft=true`, {
      body: {
        body: paragraphs([
          'Écrivez-nous ',
          { link: 'mailto:jeanne.martin@gmail.com?cc=paul.durand@orange.fr', text: 'par courriel' },
        ]),
      },
      token: editor.token,
    })
    expect(response.status).toBe(200)
    const draft = await app.payload.findByID({ collection: 'guides', draft: true, id: guide.id })
    expect(JSON.stringify(draft.body)).toContain('"url":"mailto:j•••@•••.com?cc=p•••@•••.fr"')
  })

  it('masks display names and moderation reasons', async () => {
    const rename = await app.api('PATCH', `/users/${author.id}`, {
      body: { displayName: `Jeanne ${fullwidth('06 12 34 56 78')}` },
      token: author.token,
    })
    expect(rename.status).toBe(200)
    expect((await app.payload.findByID({ collection: 'users', id: author.id })).displayName).toBe('Jeanne 06 •• •• •• ••')

    const tip = await app.payload.create({
      collection: 'tips',
      data: { author: author.id, body: 'Prenez rendez-vous tôt le matin.', procedure: procedureId, visibility: 'published' },
    })
    const hide = await app.api('POST', `/tips/${tip.id}/moderate`, {
      body: { action: 'hide', reason: 'Doublon signalé par jeanne.martin@gmail.com' },
      token: editor.token,
    })
    expect(hide.status).toBe(200)
    expect((await app.payload.findByID({ collection: 'tips', id: tip.id })).moderationNote).toBe('Doublon signalé par j•••@•••.com')
  })
})
