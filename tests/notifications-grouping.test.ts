// Database: every project (the grouped email is claimed through the database, which differs between them)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, json } from './helpers/fixtures.ts'
import { notificationsSettled } from './helpers/notifications.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { emailAdapterFor, startSmtpServer, type ReceivedMail, type TestSmtpServer } from './helpers/smtp.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>

const siteUrl = 'https://entraide.example'
// Long enough for the steps below to happen within one window on a busy machine.
const windowMs = 6000

let smtp: TestSmtpServer
let app: TestApp
let procedureId: ID
let asker: Person
let helper: Person
let agent: Person

beforeAll(async () => {
  smtp = await startSmtpServer()
  app = await startTestApp({
    email: emailAdapterFor(smtp),
    entraide: { notifications: { emailWindowMs: windowMs, retry: { attempts: 2, delayMs: 50 }, siteUrl }, rateLimits: false },
  })
  const created = await createProcedure(app)
  procedureId = created.procedure.id
  asker = await app.signUp({ name: 'Awa Diallo' })
  helper = await app.signUp({ name: 'Bruno Martin' })
  agent = await app.signUp({ agency: created.agency.id, name: 'Agente Claire', role: 'agent' })
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

const mailsTo = (person: Person): ReceivedMail[] => smtp.messages.filter((message) => message.to === person.email)

const waitFor = async (what: string, isDone: () => boolean, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const notificationsOf = async (person: Person) => {
  const response = await app.api('GET', '/notifications?depth=0&limit=100&sort=createdAt', { token: person.token })
  expect(response.status).toBe(200)
  return (await json(response)).docs as Array<Record<string, any>>
}

/** A thread by the asker, answered by the helper, the answer accepted: the helper is told `answer-accepted`. */
const acceptedAnswer = async (title: string) => {
  const thread = (await post('/threads?depth=0', asker, { body: `${title} Merci.`, procedure: procedureId, title })).doc
  const answer = (await post('/answers?depth=0', helper, { body: 'Oui, en mairie, sur rendez-vous.', thread: thread.id })).doc
  await post(`/threads/${thread.id}/accept`, asker, { answer: answer.id })
  return { answer, thread }
}

describe('emails grouped by window (notifications.emailWindowMs)', () => {
  it('sends the first email at once and the window’s others together at its end; later ones at once again', async () => {
    expect((await post('/notification-preferences/me', helper, { language: 'en' })).language).toBe('en')

    // The helper's first email goes at once, alone.
    const first = await acceptedAnswer('Faut-il prendre rendez-vous ?')
    await notificationsSettled(app)
    await waitFor('the first email', () => mailsTo(helper).length === 1)
    expect(mailsTo(helper)[0]?.parsed.subject).toBe('Your answer was accepted')

    // Within the window: a validation, a promotion, an acceptance on another thread. None is emailed yet.
    await post(`/answers/${first.answer.id}/validate`, agent, { note: 'Conforme à la réglementation.' })
    await post(`/answers/${first.answer.id}/promote`, agent)
    const second = await acceptedAnswer('Et pour un enfant ?')
    await notificationsSettled(app)
    expect(mailsTo(helper)).toHaveLength(1)
    // Each delivery is a job of its own: two made in one run of the queue may be created in either order.
    const waiting = (await notificationsOf(helper)).slice(1)
    expect(waiting.map((each) => [each.kind, each.emailStatus]).sort()).toEqual([
      ['answer-accepted', 'grouped'],
      ['answer-promoted', 'grouped'],
      ['answer-validated', 'grouped'],
    ])
    expect(new Set(waiting.map((each) => each.emailGroup)).size).toBe(1)
    // Before the window ends, the helper takes promotions in the app only: that one stays out of the email.
    await post('/notification-preferences/me', helper, { channels: { 'answer-promoted': 'in-app' } })

    await waitFor('the grouped email', () => mailsTo(helper).length === 2)
    // The mail server has it; the job that sent it records it next.
    await notificationsSettled(app)
    const grouped = mailsTo(helper)[1]!
    expect(grouped.parsed.subject).toBe('2 new notifications')
    const text = grouped.parsed.text ?? ''
    expect(text).toContain('Here is what happened since our last email.')
    expect(text).toContain('## Your answer was validated by an agent')
    expect(text).toContain('An agent validated your answer to “Faut-il prendre rendez-vous ?”.')
    expect(text).toContain('Message: Conforme à la réglementation.')
    expect(text).toContain(`Open on the website: ${siteUrl}/demarches/passeport#entraide-answer-${first.answer.id}`)
    expect(text).toContain('## Your answer was accepted')
    expect(text).toContain(`Open on the website: ${siteUrl}/demarches/passeport#entraide-answer-${second.answer.id}`)
    expect(text).not.toContain('official page')
    expect(grouped.parsed.html).toContain('<html lang="en">')
    expect(grouped.parsed.html).toContain(`href="${siteUrl}/demarches/passeport#entraide-answer-${second.answer.id}"`)
    for (const name of ['Awa', 'Bruno', 'Claire', asker.email, agent.email]) {
      expect(`${text}${grouped.parsed.html || ''}`).not.toContain(name)
    }

    // What each notification's email became, and when: the grouped email left a window after the first.
    const told = await notificationsOf(helper)
    const [alone, ...inTheWindow] = told
    expect([alone?.kind, alone?.emailStatus]).toEqual(['answer-accepted', 'sent'])
    expect(inTheWindow.map((each) => [each.kind, each.emailStatus]).sort()).toEqual([
      ['answer-accepted', 'sent'],
      ['answer-promoted', 'unsubscribed'],
      ['answer-validated', 'sent'],
    ])
    const validated = inTheWindow.find((each) => each.kind === 'answer-validated')!
    const acceptedLater = inTheWindow.find((each) => each.kind === 'answer-accepted')!
    expect(validated.emailSentAt).toBe(acceptedLater.emailSentAt)
    expect(validated.emailGroup).toBe(acceptedLater.emailGroup)
    expect(alone!.emailGroup ?? null).toBeNull()
    const groupedSentAt = Date.parse(validated.emailSentAt)
    expect(groupedSentAt - Date.parse(alone!.emailSentAt)).toBeGreaterThanOrEqual(windowMs)

    // Running the grouped email's job again (a retry, a second node) sends nothing twice.
    const { docs: groups } = await app.payload.find({
      collection: 'notification-email-groups',
      where: { recipient: { equals: helper.id } },
    })
    expect(groups.map((group) => [group.status, group.count])).toEqual([['sent', 2]])
    await app.payload.jobs.queue({ input: { group: groups[0]!.id }, queue: 'entraide-notifications', task: 'entraide-notify-email-group' })
    await app.payload.jobs.run({ queue: 'entraide-notifications' })
    await notificationsSettled(app)
    expect(mailsTo(helper)).toHaveLength(2)

    // The unsubscribe page of the grouped email names both of its kinds; the footer also stops each alone.
    expect(grouped.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    const unsubscribeUrl = /^<(https:\/\/[^>]+)>$/.exec(grouped.header('list-unsubscribe') ?? '')?.[1] ?? ''
    const route = unsubscribeUrl.slice(`${siteUrl}/api`.length)
    const page = await (await app.api('GET', route)).text()
    expect(page).toContain('my answers validated by an agent and my accepted answers')
    expect(text).toContain(`Stop emails for my answers validated by an agent: ${siteUrl}/api/notifications/unsubscribe?token=`)
    expect(text).toContain(`Stop emails for my accepted answers: ${siteUrl}/api/notifications/unsubscribe?token=`)

    // A window after the grouped email, the next email goes at once, alone.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, groupedSentAt + windowMs + 200 - Date.now())))
    const sentFrom = Date.now()
    await acceptedAnswer('Combien de temps faut-il ?')
    await notificationsSettled(app)
    await waitFor('the email after the window', () => mailsTo(helper).length === 3, 5000)
    expect(Date.now() - sentFrom).toBeLessThan(windowMs)
    expect(mailsTo(helper)[2]?.parsed.subject).toBe('Your answer was accepted')

    // One click on the grouped email's header: both of its kinds stop by email, nothing else changes.
    const clicked = await app.api('POST', route, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      rawBody: 'List-Unsubscribe=One-Click',
    })
    expect(clicked.status).toBe(200)
    const channels = (await json(await app.api('GET', '/notification-preferences/me', { token: helper.token }))).channels
    expect(channels['answer-validated']).toBe('in-app')
    expect(channels['answer-accepted']).toBe('in-app')
    expect(channels['answer-posted']).toBe('email')
    expect(channels['contribution-hidden']).toBe('email')
  }, 90_000)
})
