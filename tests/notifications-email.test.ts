// Database: SQLite is enough (it reads the messages at the SMTP server; tests/notifications.test.ts checks on PostgreSQL who is notified of what)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, json } from './helpers/fixtures.ts'
import { notificationsSettled } from './helpers/notifications.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { emailAdapterFor, startSmtpServer, waitForMessages, type ReceivedMail, type TestSmtpServer } from './helpers/smtp.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>

const siteUrl = 'https://entraide.example'

let smtp: TestSmtpServer
let app: TestApp
let procedureId: ID
let asker: Person
let helper: Person
let follower: Person
let agent: Person
let admin: Person

beforeAll(async () => {
  smtp = await startSmtpServer()
  app = await startTestApp({
    email: emailAdapterFor(smtp),
    // One email per event here; tests/notifications-grouping.test.ts groups them by window.
    entraide: { notifications: { emailWindowMs: 0, retry: { attempts: 2, delayMs: 50 }, siteUrl } },
  })
  const created = await createProcedure(app)
  procedureId = created.procedure.id
  asker = await app.signUp({ name: 'Awa Diallo' })
  helper = await app.signUp({ name: 'Bruno Martin' })
  follower = await app.signUp({ name: 'Chloé Suiveuse' })
  agent = await app.signUp({ agency: created.agency.id, name: 'Agente Claire', role: 'agent' })
  admin = await app.signUp({ name: 'Admin', role: 'admin' })
}, 60_000)
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

const post = async (route: string, person: Person, body: unknown = {}) => {
  const response = await app.api('POST', route, { body, token: person.token })
  expect(response.status, `${route}: ${await response.clone().text()}`).toBeLessThan(300)
  return json(response)
}

const notificationsOf = async (person: Person) => {
  const response = await app.api('GET', '/notifications?depth=0&limit=100&sort=createdAt', { token: person.token })
  expect(response.status).toBe(200)
  return (await json(response)).docs as Array<Record<string, any>>
}

const kindsOf = async (person: Person) => (await notificationsOf(person)).map((each) => each.kind).sort()

const mailsTo = (person: Person): ReceivedMail[] => smtp.messages.filter((message) => message.to === person.email)

describe('the loop ask → answer → accept → validate → promote, in the app and by email', () => {
  it('tells each person exactly what concerns them, in their language, with working links and unsubscribe', async () => {
    // The helper reads English; the others keep the site's French.
    expect((await post('/notification-preferences/me', helper, { language: 'en' })).language).toBe('en')

    const thread = (await post('/threads?depth=0', asker, {
      body: 'Mon passeport expire dans deux mois.',
      procedure: procedureId,
      title: 'Faut-il de nouvelles photos ?',
    })).doc
    expect((await post(`/threads/${thread.id}/follow`, follower)).isFollowing).toBe(true)
    const answer = (await post('/answers?depth=0', helper, { body: 'Oui, des photos de moins de six mois.', thread: thread.id })).doc
    await post(`/threads/${thread.id}/accept`, asker, { answer: answer.id })
    await post(`/answers/${answer.id}/validate`, agent, { note: 'Conforme à la réglementation.' })
    const promoted = await post(`/answers/${answer.id}/promote`, agent)
    await notificationsSettled(app)

    // In the app: the asker hears of the answer and of its official validation (they follow their thread);
    // the helper of each step of their answer; the follower of the thread's news; the agent of nothing.
    expect(await kindsOf(asker)).toEqual(['answer-posted', 'followed-update'])
    expect(await kindsOf(helper)).toEqual(['answer-accepted', 'answer-promoted', 'answer-validated'])
    expect(await kindsOf(follower)).toEqual(['followed-update', 'followed-update'])
    expect(await kindsOf(agent)).toEqual([])
    const validated = (await notificationsOf(helper)).find((each) => each.kind === 'answer-validated')
    expect(validated?.note).toBe('Conforme à la réglementation.')
    const promotedNotice = (await notificationsOf(helper)).find((each) => each.kind === 'answer-promoted')
    expect(promotedNotice?.link).toBe(`/demarches/passeport#entraide-wiki-${promoted.wikiPage.id}`)

    // By email, with the defaults: news about one's own contributions, not activity on what one follows.
    await waitForMessages(smtp, 4)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(smtp.messages).toHaveLength(4)
    expect(mailsTo(asker).map((mail) => mail.parsed.subject)).toEqual(['Nouvelle réponse à votre question'])
    expect(mailsTo(helper).map((mail) => mail.parsed.subject).sort()).toEqual([
      'Your answer joins an official page',
      'Your answer was accepted',
      'Your answer was validated by an agent',
    ])
    expect(mailsTo(follower)).toHaveLength(0)

    const toAsker = mailsTo(asker)[0]!
    expect(toAsker.parsed.from?.value[0]?.address).toBe('no-reply@entraide.example')
    expect(toAsker.parsed.text).toContain('Quelqu’un a répondu à votre question « Faut-il de nouvelles photos ? ».')
    expect(toAsker.parsed.text).toContain(`${siteUrl}/demarches/passeport#entraide-answer-${answer.id}`)
    expect(toAsker.parsed.html).toContain('<html lang="fr">')
    expect(toAsker.parsed.html).toContain(`href="${siteUrl}/demarches/passeport#entraide-answer-${answer.id}"`)
    // Nobody else's name or address.
    for (const mail of smtp.messages) {
      const everything = `${mail.parsed.text ?? ''}${mail.parsed.html || ''}${mail.parsed.subject ?? ''}`
      for (const person of [asker, helper, follower, agent]) {
        if (mail.to === person.email) continue
        expect(everything).not.toContain(person.email)
      }
      for (const name of ['Awa', 'Bruno', 'Chloé', 'Claire']) expect(everything).not.toContain(name)
    }

    const toHelper = mailsTo(helper).find((mail) => mail.parsed.subject === 'Your answer was validated by an agent')!
    expect(toHelper.parsed.html).toContain('<html lang="en">')
    expect(toHelper.parsed.text).toContain('Message: Conforme à la réglementation.')
    // RFC 8058: an HTTPS link and the one-click POST header.
    expect(toHelper.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const unsubscribeUrl = /^<(https:\/\/[^>]+)>$/.exec(toHelper.header('list-unsubscribe') ?? '')?.[1]
    expect(unsubscribeUrl).toMatch(new RegExp(`^${siteUrl}/api/notifications/unsubscribe\\?token=`))
    const route = unsubscribeUrl!.slice(`${siteUrl}/api`.length)

    // The link opens a page without signing in, which changes nothing until its button is pressed.
    const opened = await app.api('GET', route)
    expect(opened.status).toBe(200)
    expect(await opened.text()).toContain('my answers validated by an agent')
    expect((await json(await app.api('GET', '/notification-preferences/me', { token: helper.token }))).channels['answer-validated']).toBe('email')
    // A forged or altered token does nothing.
    const altered = await app.api('POST', `${route.slice(0, -3)}abc`, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      rawBody: 'List-Unsubscribe=One-Click',
    })
    expect(altered.status).toBe(400)
    // One click, as a mail client sends it.
    const clicked = await app.api('POST', route, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      rawBody: 'List-Unsubscribe=One-Click',
    })
    expect(clicked.status).toBe(200)
    const helperChannels = (await json(await app.api('GET', '/notification-preferences/me', { token: helper.token }))).channels
    expect(helperChannels['answer-validated']).toBe('in-app')
    expect(helperChannels['answer-accepted']).toBe('email')
    expect((await json(await app.api('GET', '/notification-preferences/me', { token: asker.token }))).channels['answer-validated']).toBe('email')

    // The next time: that kind no longer comes by email to the helper (still in the app); other kinds still do.
    const before = smtp.messages.length
    const second = (await post('/threads?depth=0', asker, {
      body: 'Je change d’adresse en même temps.',
      procedure: procedureId,
      title: 'Et le justificatif de domicile ?',
    })).doc
    const secondAnswer = (await post('/answers?depth=0', helper, { body: 'Une facture de moins d’un an.', thread: second.id })).doc
    await post(`/threads/${second.id}/accept`, asker, { answer: secondAnswer.id })
    await post(`/answers/${secondAnswer.id}/validate`, agent)
    await notificationsSettled(app)
    await waitForMessages(smtp, before + 2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const newMails = smtp.messages.slice(before)
    expect(newMails.map((mail) => `${mail.to === asker.email ? 'asker' : 'helper'}: ${mail.parsed.subject}`).sort()).toEqual([
      'asker: Nouvelle réponse à votre question',
      'helper: Your answer was accepted',
    ])
    const secondValidated = (await notificationsOf(helper)).filter((each) => each.kind === 'answer-validated')
    expect(secondValidated).toHaveLength(2)
  }, 60_000)
})

describe('delivery when the mail server fails', () => {
  it('retries with backoff, then records the email as failed, visible to admins and not to others', async () => {
    smtp.setFailing(true)
    try {
      const thread = (await post('/threads?depth=0', asker, {
        body: 'Faut-il venir en personne ?',
        procedure: procedureId,
        title: 'Présence obligatoire au dépôt ?',
      })).doc
      await post('/answers?depth=0', helper, { body: 'Oui, pour les empreintes.', thread: thread.id })
      const deadline = Date.now() + 20_000
      let failed: Array<Record<string, any>> = []
      while (Date.now() < deadline) {
        const response = await app.api('GET', '/notifications?depth=0&where[emailStatus][equals]=failed', { token: admin.token })
        failed = (await json(response)).docs
        if (failed.length > 0) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect(failed).toHaveLength(1)
      expect(failed[0]).toMatchObject({ emailStatus: 'failed', kind: 'answer-posted', recipient: asker.id })
      expect(failed[0]!.emailError).toMatch(/Mailbox temporarily unavailable|451/)
      // The recipient still has it in the app; someone else does not see it.
      expect((await notificationsOf(asker)).some((each) => each.id === failed[0]!.id)).toBe(true)
      expect((await notificationsOf(follower)).some((each) => each.id === failed[0]!.id)).toBe(false)
    } finally {
      smtp.setFailing(false)
    }
  }, 30_000)
})
