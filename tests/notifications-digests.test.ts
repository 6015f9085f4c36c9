import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { digestQueue, digestTaskSlug } from '../src/notifications/digests.ts'
import { lexicalFromBlocks } from '../src/utilities/guideText.ts'
import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, json, proposeGuideEdit } from './helpers/fixtures.ts'
import { notificationsSettled } from './helpers/notifications.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { emailAdapterFor, startSmtpServer, type ReceivedMail, type TestSmtpServer } from './helpers/smtp.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>

const siteUrl = 'https://entraide.example'

let smtp: TestSmtpServer
let app: TestApp
let agentA: Person
let agentB: Person
let agentC: Person
let editor: Person
let citizen: Person
let procedureA: ID
let procedureB: ID
let unansweredA: ID
const made: Array<{
  collection: 'threads' | 'answers' | 'guides' | 'guide-proposals' | 'wiki-pages' | 'reports'
  id: ID
}> = []

beforeAll(async () => {
  smtp = await startSmtpServer()
  app = await startTestApp({
    email: emailAdapterFor(smtp),
    entraide: { notifications: { retry: { attempts: 1, delayMs: 50 }, siteUrl } },
  })
  const a = await createProcedure(app, { slug: 'passeport' })
  const b = await createProcedure(app, { slug: 'impots' })
  const c = await createProcedure(app, { slug: 'carte-grise' })
  procedureA = a.procedure.id
  procedureB = b.procedure.id
  agentA = await app.signUp({ agency: a.agency.id, name: 'Agente Alice', role: 'agent' })
  agentB = await app.signUp({ agency: b.agency.id, name: 'Agent Basile', role: 'agent' })
  agentC = await app.signUp({ agency: c.agency.id, name: 'Agente Céline', role: 'agent' })
  editor = await app.signUp({ name: 'Éditrice Edith', role: 'editor' })
  citizen = await app.signUp({ name: 'Awa Diallo' })
}, 60_000)
afterAll(async () => {
  for (const { collection, id } of made.reverse())
    await app?.payload.delete({ collection, id, overrideAccess: true }).catch(() => undefined)
  await app?.close()
  await smtp?.close()
})

const post = async (route: string, person: Person, body: unknown = {}) => {
  const response = await app.api('POST', route, { body, token: person.token })
  expect(response.status, `${route}: ${await response.clone().text()}`).toBeLessThan(300)
  return json(response)
}

const ask = async (procedure: ID, title: string): Promise<ID> => {
  const thread = (await post('/threads?depth=0', citizen, { body: 'Merci de votre aide.', procedure, title })).doc
  made.push({ collection: 'threads', id: thread.id })
  return thread.id
}

/** Runs the digest job as the schedule would, then sends the emails it queued. */
const runDigests = async () => {
  // The background jobs of earlier writes first: on SQLite a write outside them would wait for their lock.
  await notificationsSettled(app)
  await app.payload.jobs.queue({ input: {}, queue: digestQueue, task: digestTaskSlug })
  await app.payload.jobs.run({ queue: digestQueue })
  await notificationsSettled(app)
}

const digestsOf = async (person: Person) => {
  const response = await app.api('GET', '/notifications?depth=0&limit=100&where[subjectCollection][equals]=digests', {
    token: person.token,
  })
  expect(response.status).toBe(200)
  return (await json(response)).docs as Array<Record<string, any>>
}

/** The emails a person got since the `since`-th message. */
const mailsTo = (person: Person, since = 0): ReceivedMail[] =>
  smtp.messages.slice(since).filter((message) => message.to === person.email)

const settle = () => new Promise((resolve) => setTimeout(resolve, 300))

describe('staff digests', () => {
  it('tells each agent what waits in their own agency, and editors the drafts and reports, once a day', async () => {
    // Agency A: a question nobody answered, an accepted answer to validate, a guide proposal, a guide to re-verify.
    unansweredA = await ask(procedureA, 'Question sans réponse de l’agence A')
    const answeredThread = await ask(procedureA, 'Question répondue de l’agence A')
    const answer = (
      await post('/answers?depth=0', agentB, { body: 'Oui, avec deux photos récentes.', thread: answeredThread })
    ).doc
    made.push({ collection: 'answers', id: answer.id })
    await post(`/threads/${answeredThread}/accept`, citizen, { answer: answer.id })
    const guide = await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', body: lexicalFromBlocks([]), procedure: procedureA, title: 'Guide du passeport A' },
    })
    made.push({ collection: 'guides', id: guide.id })
    const proposal = await json(
      await proposeGuideEdit(app, { guide: guide.id, title: 'Guide du passeport A, corrigé', token: citizen.token }),
    )
    made.push({ collection: 'guide-proposals', id: proposal.doc?.id ?? proposal.id })
    // The procedure's steps change: its guide waits for re-verification.
    await app.payload.update({
      collection: 'procedures',
      data: { steps: [{ title: 'Faire la pré-demande en ligne' }, { title: 'Prendre rendez-vous en ligne' }] },
      id: procedureA,
    })
    // Agency B: one question without an answer.
    await ask(procedureB, 'Question sans réponse de l’agence B')
    // Editors: a wiki page draft, and a reported question.
    const page = await app.payload.create({
      collection: 'wiki-pages',
      data: { _status: 'draft', procedure: procedureB, slug: 'page-brouillon', title: 'Page brouillon à publier' },
      draft: true,
    })
    made.push({ collection: 'wiki-pages', id: page.id })
    const reported = await app.api('POST', `/threads/${unansweredA}/report`, {
      body: { reason: 'wrong-information' },
      token: agentC.token,
    })
    expect(reported.status).toBe(201)
    const report = await json(reported)
    made.push({ collection: 'reports', id: report.doc?.id ?? report.report?.id ?? report.id })
    await notificationsSettled(app)
    // Agent B reads English.
    await post('/notification-preferences/me', agentB, { language: 'en' })
    const before = smtp.messages.length

    await runDigests()
    await settle()

    // Agent A: their agency's four kinds of waiting work, in French, with links into the admin panel.
    const [toA, ...moreToA] = mailsTo(agentA, before)
    expect(moreToA).toHaveLength(0)
    expect(toA?.parsed.subject).toBe('Ce qui attend votre organisme')
    const textA = toA?.parsed.text ?? ''
    expect(textA).toContain(
      `1 question sans réponse\u00a0: ${siteUrl}/admin/collections/threads?where[status][equals]=open`,
    )
    expect(textA).toContain(
      `- Question sans réponse de l’agence A\u00a0: ${siteUrl}/admin/collections/threads/${unansweredA}`,
    )
    // The answered question is no longer without an answer: it is listed only as its answer to validate.
    expect(textA).not.toContain(`${siteUrl}/admin/collections/threads/${answeredThread}`)
    expect(textA).toContain(
      `- Question répondue de l’agence A\u00a0: ${siteUrl}/admin/collections/answers/${answer.id}`,
    )
    expect(textA).toContain(`1 réponse ou astuce à valider\u00a0: ${siteUrl}/admin/awaiting-validation`)
    expect(textA).toContain(`${siteUrl}/admin/collections/answers/${answer.id}`)
    expect(textA).toContain('1 proposition de guide à examiner')
    expect(textA).toContain('- Guide du passeport A, corrigé')
    expect(textA).toContain('1 contenu à revérifier')
    expect(textA).toContain(`- Guide du passeport A\u00a0: ${siteUrl}/admin/collections/guides/${guide.id}`)
    expect(textA).not.toContain('agence B')
    expect(toA?.parsed.html).toContain('<html lang="fr">')
    expect(toA?.parsed.html).toContain(`href="${siteUrl}/admin/collections/threads/${unansweredA}"`)
    expect(toA?.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(toA?.header('list-unsubscribe')).toMatch(new RegExp(`^<${siteUrl}/api/notifications/unsubscribe\\?token=`))

    // Agent B: only B's question, in English.
    const [toB, ...moreToB] = mailsTo(agentB, before)
    expect(moreToB).toHaveLength(0)
    expect(toB?.parsed.subject).toBe('What waits in your agency')
    expect(toB?.parsed.text).toContain('1 question without an answer: ')
    expect(toB?.parsed.text).toContain('- Question sans réponse de l’agence B: ')
    expect(toB?.parsed.text).not.toContain('agence A')
    expect(toB?.parsed.text).not.toContain('to validate')
    expect(toB?.parsed.html).toContain('<html lang="en">')

    // The editor: the draft to publish and the open report.
    const [toEditor, ...moreToEditor] = mailsTo(editor, before)
    expect(moreToEditor).toHaveLength(0)
    expect(toEditor?.parsed.subject).toBe('Brouillons à publier et signalements ouverts')
    const textEditor = toEditor?.parsed.text ?? ''
    expect(textEditor).toContain(
      `1 page wiki à publier\u00a0: ${siteUrl}/admin/collections/wiki-pages?where[_status][equals]=draft`,
    )
    expect(textEditor).toContain(`- Page brouillon à publier\u00a0: ${siteUrl}/admin/collections/wiki-pages/${page.id}`)
    expect(textEditor).toContain(`1 contenu signalé à examiner\u00a0: ${siteUrl}/admin/moderation`)
    expect(textEditor).toContain(
      `- Question sans réponse de l’agence A\u00a0: ${siteUrl}/admin/collections/threads/${unansweredA}`,
    )

    // Nothing waits in agency C; citizens get no digest.
    expect(mailsTo(agentC, before)).toHaveLength(0)
    expect(mailsTo(citizen, before)).toHaveLength(0)
    expect(await digestsOf(agentC)).toHaveLength(0)
    expect(await digestsOf(citizen)).toHaveLength(0)
    expect(smtp.messages.length - before).toBe(3)

    // Nobody's name or address but the recipient's own.
    for (const mail of smtp.messages.slice(before)) {
      const everything = `${mail.parsed.text ?? ''}${mail.parsed.html || ''}`
      for (const person of [agentA, agentB, agentC, editor, citizen]) {
        if (mail.to !== person.email) expect(everything).not.toContain(person.email)
      }
      for (const name of ['Alice', 'Basile', 'Céline', 'Edith', 'Awa']) expect(everything).not.toContain(name)
    }

    // In the app too, with the counts.
    const [inAppA] = await digestsOf(agentA)
    expect(inAppA).toMatchObject({ emailStatus: 'sent', kind: 'agency-digest', link: '/admin' })
    expect(inAppA?.body).toBe(
      '1 question sans réponse · 1 réponse ou astuce à valider · 1 proposition de guide à examiner · 1 contenu à revérifier',
    )

    // The job runs again the same day: nobody gets a second digest.
    await runDigests()
    await settle()
    expect(smtp.messages.length - before).toBe(3)
    expect(await digestsOf(agentA)).toHaveLength(1)
  }, 60_000)

  it('sends nothing to whoever turned the kind off, and the unsubscribe link stops that kind only', async () => {
    // A new day for the job: the digests already made are removed.
    await app.payload.delete({
      collection: 'notifications',
      overrideAccess: true,
      where: { subjectCollection: { equals: 'digests' } },
    })
    // Agent B turns their digest off; agent A unsubscribes from the email of theirs by its link.
    const turnedOff = await post('/notification-preferences/me', agentB, { channels: { 'agency-digest': 'off' } })
    expect(turnedOff.channels['agency-digest']).toBe('off')
    const link = /^<(https:\/\/[^>]+)>$/.exec(mailsTo(agentA)[0]?.header('list-unsubscribe') ?? '')?.[1] ?? ''
    const clicked = await app.api('POST', link.slice(`${siteUrl}/api`.length), {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      rawBody: 'List-Unsubscribe=One-Click',
    })
    expect(clicked.status).toBe(200)
    const channelsA = (await json(await app.api('GET', '/notification-preferences/me', { token: agentA.token })))
      .channels
    expect(channelsA['agency-digest']).toBe('in-app')
    expect(channelsA['answer-posted']).toBe('email')
    const before = smtp.messages.length

    await runDigests()
    await settle()

    // Agent A: in the app only; agent B: nothing at all; the editor, whose choice did not change, by email.
    expect(smtp.messages.slice(before).map((mail) => mail.to)).toEqual([editor.email])
    expect(await digestsOf(agentA)).toMatchObject([{ emailStatus: 'none', kind: 'agency-digest' }])
    expect(await digestsOf(agentB)).toHaveLength(0)
    await post('/notification-preferences/me', agentA, { channels: { 'agency-digest': 'email' } })
    await post('/notification-preferences/me', agentB, { channels: { 'agency-digest': 'email' } })
    await app.payload.delete({
      collection: 'notifications',
      overrideAccess: true,
      where: { subjectCollection: { equals: 'digests' } },
    })
  }, 60_000)
})

describe('digests switched off', () => {
  it('makes none, though work waits and the job runs', async () => {
    const off = await startTestApp({ entraide: { notifications: { digests: { enabled: false } } } })
    try {
      const { procedure } = await createProcedure(off, { slug: 'passeport' })
      const agency = (await off.payload.findByID({ collection: 'procedures', depth: 0, id: procedure.id })).agency
      const agent = await off.signUp({ agency, role: 'agent' })
      const asker = await off.signUp({})
      const asked = await off.api('POST', '/threads?depth=0', {
        body: { body: 'Merci de votre aide.', procedure: procedure.id, title: 'Une question sans réponse' },
        token: asker.token,
      })
      expect(asked.status).toBe(201)
      // The background jobs of the question first: on SQLite a write outside them would wait for their lock.
      await notificationsSettled(off)
      await off.payload.jobs.queue({ input: {}, queue: digestQueue, task: digestTaskSlug })
      await off.payload.jobs.run({ queue: digestQueue })
      await notificationsSettled(off)
      const { totalDocs } = await off.payload.count({
        collection: 'notifications',
        where: { recipient: { equals: agent.id } },
      })
      expect(totalDocs).toBe(0)
    } finally {
      await off.close()
    }
  }, 60_000)
})
