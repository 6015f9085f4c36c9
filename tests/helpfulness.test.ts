import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure, errorOf, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp
let author: Awaited<ReturnType<TestApp['signUp']>>
let reader: Awaited<ReturnType<TestApp['signUp']>>
let agent: Awaited<ReturnType<TestApp['signUp']>>
let answer: ID
let guide: ID
let page: ID
let draft: ID

beforeAll(async () => {
  // Six feedbacks a minute per person or browser, so that the limit can be met below.
  app = await startTestApp({ entraide: { rateLimits: { votes: { perUser: { limit: 6, windowMs: 60_000 } } } } })
  const { agency, procedure } = await createProcedure(app, { slug: 'utile' })
  author = await app.signUp({ name: 'Awa Diallo' })
  reader = await app.signUp({ name: 'Bruno Martin' })
  agent = await app.signUp({ agency: agency.id, role: 'agent' })
  const thread = await app.payload.create({
    collection: 'threads',
    data: { author: author.id, body: 'Combien de temps faut-il attendre ?', procedure: procedure.id, status: 'open', title: 'Quel délai pour le passeport ?', visibility: 'published' },
  })
  answer = (await app.payload.create({ collection: 'answers', data: { author: author.id, body: 'Trois semaines en général.', thread: thread.id, visibility: 'published' } })).id
  guide = (await app.payload.create({ collection: 'guides', data: { _status: 'published', procedure: procedure.id, title: 'Guide utile' } })).id
  page = (await app.payload.create({ collection: 'wiki-pages', data: { _status: 'published', slug: 'page-utile', title: 'Page utile' } })).id
  draft = (await app.payload.create({ collection: 'wiki-pages', data: { _status: 'draft', slug: 'brouillon-utile', title: 'Brouillon' }, draft: true })).id
})
afterAll(async () => {
  await app?.payload.delete({ collection: 'helpfulness', overrideAccess: true, where: { id: { exists: true } } })
  await app?.close()
})

const cookieOf = (response: Response): string => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

describe('"Was this helpful?"', () => {
  it('takes one answer per browser from anonymous readers, the latest replacing the earlier, and counts them', async () => {
    const first = await app.api('POST', `/answers/${answer}/helpful`, { body: { helpful: true } })
    expect(first.status).toBe(201)
    const cookie = cookieOf(first)
    expect(cookie).toMatch(/^entraide-browser=[0-9a-f-]{36}$/)
    expect(first.headers.get('set-cookie')).toContain('HttpOnly')
    expect((await json(first)).helpfulness).toEqual({ helpful: 1, notHelpful: 0, reasons: { 'did-not-answer': 0, other: 0, 'out-of-date': 0, unclear: 0 } })

    const changed = await app.api('POST', `/answers/${answer}/helpful`, { body: { helpful: false, reason: 'out-of-date' }, headers: { cookie } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('set-cookie')).toBeNull()
    expect((await json(changed)).helpfulness).toMatchObject({ helpful: 0, notHelpful: 1, reasons: { 'out-of-date': 1 } })

    // Another browser is another reader.
    expect((await app.api('POST', `/answers/${answer}/helpful`, { body: { helpful: true } })).status).toBe(201)
    const counts = await json(await app.api('GET', `/answers/${answer}/helpfulness`))
    expect(counts.helpfulness).toMatchObject({ helpful: 1, notHelpful: 1 })
  })

  it('takes one answer per signed-in person, on guides and wiki pages too', async () => {
    for (const route of [`/guides/${guide}`, `/wiki-pages/${page}`]) {
      expect((await app.api('POST', `${route}/helpful`, { body: { helpful: false, reason: 'unclear' }, token: reader.token })).status).toBe(201)
      const again = await app.api('POST', `${route}/helpful`, { body: { helpful: false, reason: 'other', note: 'Il manque le cas des mineurs.' }, token: reader.token })
      expect(again.status).toBe(200)
      expect((await json(again)).helpfulness).toMatchObject({ helpful: 0, notHelpful: 1, reasons: { other: 1, unclear: 0 } })
    }
    // The feedback itself is for agents and above; its counts are public.
    expect((await app.api('GET', '/helpfulness', { token: reader.token })).status).toBe(403)
    const list = await json(await app.api('GET', `/helpfulness?where[targetKey][equals]=guides:${guide}&depth=0`, { token: agent.token }))
    expect(list.docs.map((doc: any) => doc.note)).toEqual(['Il manque le cas des mineurs.'])
    // Nothing names the person: the key holds a hash of who answered.
    expect(Object.keys(list.docs[0]).sort()).toEqual(['createdAt', 'id', 'isHelpful', 'key', 'note', 'reason', 'target', 'targetKey', 'updatedAt'])
    expect(list.docs[0].key).not.toContain(`user:${reader.id}`)
  })

  it('says what is wrong with a request a person can fix', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{}, 400, 'helpful'],
      [{ helpful: 'oui' }, 400, 'helpful'],
      [{ helpful: false }, 400, 'reason'],
      [{ helpful: false, reason: 'boring' }, 400, 'reason'],
      [{ helpful: false, reason: 'other' }, 400, 'note'],
      [{ helpful: false, reason: 'other', note: 'x'.repeat(301) }, 400, 'note'],
    ]
    for (const [body, status, field] of cases) {
      const response = await app.api('POST', `/answers/${answer}/helpful`, { body, token: reader.token })
      expect(response.status, JSON.stringify(body)).toBe(status)
      expect((await errorOf(response)).field).toBe(field)
    }
    const personal = await app.api('POST', `/answers/${answer}/helpful`, {
      body: { helpful: false, note: 'Appelez-moi au 06 12 34 56 78 pour en parler.', reason: 'other' },
      token: reader.token,
    })
    expect(personal.status).toBe(422)
    expect((await errorOf(personal)).code).toBe('personal-data')
    expect((await app.api('POST', `/wiki-pages/${draft}/helpful`, { body: { helpful: true } })).status).toBe(404)
    expect((await app.api('GET', `/wiki-pages/${draft}/helpfulness`)).status).toBe(404)
    expect((await app.api('POST', '/answers/999999/helpful', { body: { helpful: true } })).status).toBe(404)
    expect((await app.api('POST', '/helpfulness', { body: { isHelpful: true, key: 'x', target: { relationTo: 'answers', value: answer }, targetKey: 'x' }, token: agent.token })).status).toBe(403)
  })

  it('limits how often one browser can answer', async () => {
    const first = await app.api('POST', `/guides/${guide}/helpful`, { body: { helpful: true } })
    const cookie = cookieOf(first)
    for (let count = 2; count <= 6; count += 1) {
      expect((await app.api('POST', `/guides/${guide}/helpful`, { body: count % 2 === 0 ? { helpful: true } : { helpful: false, reason: 'unclear' }, headers: { cookie } })).status).toBe(200)
    }
    const refused = await app.api('POST', `/guides/${guide}/helpful`, { body: { helpful: true }, headers: { cookie } })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).not.toBeNull()
  })
})
