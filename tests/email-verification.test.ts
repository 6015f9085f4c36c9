import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import { emailAdapterFor, startSmtpServer, waitForMessages, type ReceivedMail, type TestSmtpServer } from './helpers/smtp.ts'

const siteUrl = 'https://entraide.example'
const password = 'a long enough password'

let smtp: TestSmtpServer
let app: TestApp
let procedureId: ID
let threadId: ID
let tipId: ID
let admin: Awaited<ReturnType<TestApp['signUp']>>
let counter = 0

beforeAll(async () => {
  smtp = await startSmtpServer()
  app = await startTestApp({
    email: emailAdapterFor(smtp),
    // Emails that fail are tried again soon here (30 s, doubling, by default).
    entraide: { notifications: { retry: { delayMs: 200 }, siteUrl } },
  })
  procedureId = (await createProcedure(app)).procedure.id
  const author = await app.signUp({ name: 'Awa' })
  admin = await app.signUp({ name: 'Admin', role: 'admin' })
  const thread = await app.api('POST', '/threads?depth=0', {
    body: {
      body: 'Faut-il de nouvelles photos pour le renouvellement ?',
      procedure: procedureId,
      title: 'Photos du passeport',
    },
    token: author.token,
  })
  threadId = (await json(thread)).doc.id
  const tip = await app.api('POST', '/tips?depth=0', {
    body: { body: 'Prenez rendez-vous tôt le matin, les créneaux partent vite.', procedure: procedureId },
    token: author.token,
  })
  tipId = (await json(tip)).doc.id
}, 60_000)
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

const signUp = (email: string, language: 'fr' | 'en') =>
  app.api('POST', '/users', {
    body: { displayName: 'Nouvelle venue', email, password },
    headers: { 'Accept-Language': language },
  })

const signIn = (email: string) => app.api('POST', '/users/login', { body: { email, password } })

const newEmail = () => `venue-${++counter}-${Date.now()}@example.test`

const mailTo = async (email: string): Promise<ReceivedMail> => {
  const deadline = Date.now() + 15_000
  for (;;) {
    const mail = smtp.messages.find((message) => message.to === email)
    if (mail) return mail
    if (Date.now() > deadline) throw new Error(`no email to ${email}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** The confirmation link of a mail, as the API route it opens (`/users/confirm-email?token=…`). */
const linkOf = (mail: ReceivedMail): { url: URL; route: string } => {
  const href = /href="([^"]+)"/.exec(String(mail.parsed.html))?.[1]?.replace(/&#38;/g, '&') ?? ''
  const url = new URL(href)
  return { route: `${url.pathname.replace(/^\/api/, '')}${url.search}`, url }
}

/** Everything a citizen does, each answered with its status and error code. */
const contributeWith = async (token: string | undefined) => {
  const attempts = {
    answer: await app.api('POST', '/answers?depth=0', {
      body: { body: 'Oui, de moins de six mois.', thread: threadId },
      token,
    }),
    question: await app.api('POST', '/threads?depth=0', {
      body: { body: 'Combien de temps pour le recevoir ?', procedure: procedureId, title: 'Délais en ce moment' },
      token,
    }),
    report: await app.api('POST', `/tips/${tipId}/report`, { body: { reason: 'spam' }, token }),
    tip: await app.api('POST', '/tips?depth=0', {
      body: { body: 'Vérifiez la taille des photos.', procedure: procedureId },
      token,
    }),
    vote: await app.api('POST', `/tips/${tipId}/vote`, { body: { value: 1 }, token }),
  }
  return Object.fromEntries(Object.entries(attempts).map(([name, response]) => [name, response.status]))
}

describe('sign-up confirms the email address before anything else', () => {
  it('sends a link in French; until it is followed the account cannot sign in or act; then it can', async () => {
    const email = newEmail()
    const created = await signUp(email, 'fr')
    expect(created.status).toBe(201)
    const body = await created.text()
    expect(body).not.toMatch(/_verificationToken|_verified/)

    // Until then, its sign-in is refused exactly as a wrong password is (a 403 would tell that
    // this sign-up made the account, where one with an address in use did not).
    const refused = await signIn(email)
    expect(refused.status).toBe(401)
    const wrong = await app.api('POST', '/users/login', { body: { email, password: 'not the password at all' } })
    expect(wrong.status).toBe(401)
    expect(await errorOf(refused)).toEqual(await errorOf(wrong))

    const mail = await mailTo(email)
    expect(mail.parsed.subject).toBe('Confirmez votre adresse e-mail')
    expect(String(mail.parsed.html)).toContain('Nouvelle venue')
    const { route, url } = linkOf(mail)
    expect(url.origin).toBe(siteUrl)
    expect(url.pathname).toBe('/api/users/confirm-email')

    // Opening the link (a mail scanner does) changes nothing: the page offers the button.
    const opened = await app.api('GET', route, { headers: { 'Accept-Language': 'fr' } })
    expect(opened.status).toBe(200)
    const pageText = await opened.text()
    expect(pageText).toContain('Confirmer mon adresse e-mail')
    expect(pageText).toContain('<form method="post"')
    expect((await signIn(email)).status).toBe(401)

    const confirmed = await app.api('POST', route, { headers: { 'Accept-Language': 'fr' } })
    expect(confirmed.status).toBe(200)
    expect(await confirmed.text()).toContain('Votre adresse e-mail est confirmée')

    const signedIn = await signIn(email)
    expect(signedIn.status).toBe(200)
    const { token } = await json(signedIn)
    expect(await contributeWith(token)).toEqual({ answer: 201, question: 201, report: 201, tip: 201, vote: 200 })

    // The link works once.
    const again = await app.api('POST', route, { headers: { 'Accept-Language': 'en' } })
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('This link is not valid or was already used')
  })

  it('writes in English to a person whose browser reads English, and refuses made-up tokens with a 4xx', async () => {
    const email = newEmail()
    expect((await signUp(email, 'en')).status).toBe(201)
    const mail = await mailTo(email)
    expect(mail.parsed.subject).toBe('Confirm your email address')
    expect(String(mail.parsed.html)).toContain('Confirm my email address')

    for (const token of ['0'.repeat(40), 'not-a-token', '', `${'a'.repeat(39)}'`]) {
      for (const method of ['GET', 'POST']) {
        const response = await app.api(method, `/users/confirm-email?token=${encodeURIComponent(token)}`)
        expect(response.status).toBe(400)
        expect(await response.text()).toContain('Ce lien n’est pas valide ou a déjà servi')
      }
    }
    // Payload's own route answers a wrong token with a 4xx too, never a 500.
    const payloadRoute = await app.api('POST', `/users/verify/${'0'.repeat(40)}`)
    expect(payloadRoute.status).toBeGreaterThanOrEqual(400)
    expect(payloadRoute.status).toBeLessThan(500)
    expect((await signIn(email)).status).toBe(401)

    // The real link, through Payload's JSON route this time, confirms it.
    const token = linkOf(mail).url.searchParams.get('token') ?? ''
    expect((await app.api('POST', `/users/verify/${token}`)).status).toBe(200)
    expect((await signIn(email)).status).toBe(200)
  })

  it('answers a sign-up with an address in use as a new one, and tells that address’s owner instead', async () => {
    const owner = await app.signUp({ name: 'Déjà inscrite' })
    const fresh = newEmail()
    const usersBefore = (await app.payload.count({ collection: 'users' })).totalDocs
    const before = smtp.messages.length
    const known = await signUp(` ${owner.email.toUpperCase()}`, 'fr')
    const unknown = await signUp(fresh, 'fr')
    expect(known.status).toBe(201)
    expect(unknown.status).toBe(201)
    const knownBody = await known.text()
    expect(knownBody).toBe(await unknown.text())
    expect(knownBody).toContain('Un e-mail part vers cette adresse')
    expect(knownBody).not.toContain(owner.email)
    // One account more (the new address), none changed.
    expect((await app.payload.count({ collection: 'users' })).totalDocs).toBe(usersBefore + 1)
    const toOwner = await mailTo(owner.email)
    expect(toOwner.parsed.subject).toBe('Une demande de compte avec votre adresse e-mail')
    expect(toOwner.parsed.text).toContain('rien n’a été créé ni modifié')
    expect(toOwner.parsed.text).toContain(`${siteUrl}/admin/forgot`)
    expect((await mailTo(fresh)).parsed.subject).toBe('Confirmez votre adresse e-mail')

    // Refused alike too: a password too short is refused for both addresses in the same words.
    const short = async (email: string) => {
      const response = await app.api('POST', '/users', { body: { displayName: 'Quelqu’un', email, password: 'ab' } })
      return { body: await errorOf(response), status: response.status }
    }
    expect(await short(owner.email)).toEqual(await short(newEmail()))
    expect((await short(owner.email)).status).toBe(400)

    // Signing up again and again with that address writes to its owner once an hour, no more.
    expect((await signUp(owner.email, 'en')).status).toBe(201)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(smtp.messages.slice(before).filter((message) => message.to === owner.email)).toHaveLength(1)
  })

  it('takes a sign-up while the mail server fails, and sends its email once the server is back', async () => {
    const email = newEmail()
    smtp.setFailing(true)
    try {
      const created = await signUp(email, 'fr')
      expect(created.status).toBe(201)
      expect((await app.payload.count({ collection: 'users', where: { email: { equals: email } } })).totalDocs).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect(smtp.messages.filter((message) => message.to === email)).toEqual([])
    } finally {
      smtp.setFailing(false)
    }
    const mail = await mailTo(email)
    expect(mail.parsed.subject).toBe('Confirmez votre adresse e-mail')
    expect((await app.api('POST', linkOf(mail).route)).status).toBe(200)
    expect((await signIn(email)).status).toBe(200)
  })

  it('sends the confirmation email again to an unconfirmed account signed up or signed in once more', async () => {
    const mailsTo = (email: string) => smtp.messages.filter((message) => message.to === email)
    const nthMailTo = async (email: string, count: number) => {
      const deadline = Date.now() + 15_000
      while (mailsTo(email).length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25))
      expect(mailsTo(email)).toHaveLength(count)
      return mailsTo(email)[count - 1]
    }
    const tokenOf = (mail: ReceivedMail | undefined) => (mail ? linkOf(mail).url.searchParams.get('token') : null)

    // Signing up again with it: its confirmation email once more, with the same link.
    const signingUp = newEmail()
    expect((await signUp(signingUp, 'fr')).status).toBe(201)
    const first = tokenOf(await nthMailTo(signingUp, 1))
    expect((await signUp(signingUp, 'fr')).status).toBe(201)
    const again = await nthMailTo(signingUp, 2)
    expect(again?.parsed.subject).toBe('Confirmez votre adresse e-mail')
    expect(tokenOf(again)).toBe(first)

    // Signing in with the right password (refused as a wrong one is): the same; with a wrong one, nothing.
    const signingIn = newEmail()
    expect((await signUp(signingIn, 'en')).status).toBe(201)
    await nthMailTo(signingIn, 1)
    expect((await app.api('POST', '/users/login', { body: { email: signingIn, password: 'a wrong guess here' } })).status).toBe(401)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(mailsTo(signingIn)).toHaveLength(1)
    expect((await signIn(signingIn)).status).toBe(401)
    expect(tokenOf(await nthMailTo(signingIn, 2))).toBe(tokenOf(mailsTo(signingIn)[0]))
  })

  it('refuses every contribution of an unconfirmed account with a 403 that says to confirm first', async () => {
    const person = await app.signUp({ hasConfirmedEmail: false, name: 'Pas encore confirmée' })
    // Payload itself treats the session of an unconfirmed account as nobody's: refused as a visitor is.
    const anonymous = await contributeWith(undefined)
    expect(Object.values(anonymous).every((status) => status === 401 || status === 403)).toBe(true)
    expect(await contributeWith(person.token)).toEqual(anonymous)
    // Any other way in (the Local API on the person's behalf, a host's own
    // sign-in strategy) meets Entraide's own refusal.
    const user = await app.payload.findByID({ collection: 'users', id: person.id })
    const attempt = app.payload.create({
      collection: 'threads',
      data: { body: 'Une question.', procedure: procedureId, title: 'Une question sur le passeport' },
      overrideAccess: false,
      user,
    })
    await expect(attempt).rejects.toMatchObject({
      data: { code: 'unconfirmed-email' },
      message: expect.stringContaining('Confirm your email address first'),
      status: 403,
    })
  })

  it('confirms an account whose first email was lost when its password is reset from the emailed link', async () => {
    const email = newEmail()
    expect((await signUp(email, 'fr')).status).toBe(201)
    await mailTo(email)
    const before = smtp.messages.length
    expect((await app.api('POST', '/users/forgot-password', { body: { email } })).status).toBe(200)
    await waitForMessages(smtp, before + 1)
    const reset = smtp.messages.slice(before).find((message) => message.to === email)
    const token = /reset\/([0-9a-f]+)/.exec(String(reset?.parsed.html))?.[1] ?? ''
    expect(token).not.toBe('')
    const newPassword = 'another long enough password'
    const done = await app.api('POST', '/users/reset-password', { body: { password: newPassword, token } })
    expect(done.status).toBe(200)
    const signedIn = await app.api('POST', '/users/login', { body: { email, password: newPassword } })
    expect(signedIn.status).toBe(200)
  })

  it('lets staff accounts made by an admin sign in at once, with no email to confirm', async () => {
    const email = newEmail()
    const before = smtp.messages.length
    const created = await app.api('POST', '/users', {
      body: { displayName: 'Agent Durand', email, password, role: 'agent' },
      token: admin.token,
    })
    expect(created.status).toBe(201)
    expect((await signIn(email)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(smtp.messages.slice(before).filter((message) => message.to === email)).toEqual([])
  })
})

describe('with requireEmailVerification: false', () => {
  it('signs a new account in at once', async () => {
    const other = await startTestApp({ entraide: { users: { requireEmailVerification: false } } })
    try {
      const email = newEmail()
      expect(
        (await other.api('POST', '/users', { body: { displayName: 'Sans confirmation', email, password } })).status,
      ).toBe(201)
      const signedIn = await other.api('POST', '/users/login', { body: { email, password } })
      expect(signedIn.status).toBe(200)
      expect((await other.api('GET', '/users/confirm-email?token=x')).status).toBe(404)
      // A new account is usable at once, so its answer carries it; one with an address in use is
      // refused, in words that say nothing of that account.
      const again = await other.api('POST', '/users', {
        body: { displayName: 'Encore', email: email.toUpperCase(), password },
        headers: { 'Accept-Language': 'en' },
      })
      expect(again.status).toBe(400)
      const words = await again.text()
      expect(words).toContain('An account cannot be created with these details')
      expect(words).not.toMatch(/registered|already exists|in use/i)
    } finally {
      await other.close()
    }
  })
})
