import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createProcedure, json } from './helpers/fixtures.ts'
import type { TestApp } from './helpers/payload.ts'
import { runSyncJobs, startSearchApp } from './search/searchApp.ts'
import type { ID } from '../src/utilities/ids.ts'

// One definition of who sees what (src/policies/visibility.ts), read the same
// way by the REST API, GraphQL, the widget's page (GET
// /api/entraide/procedures/:slug) and search: published items for everyone;
// an author's own pending and hidden items for that author, the hidden ones
// with the moderator's reason; everything for agents in the API, but only what
// a reader sees (and their own) on the public page; search holds published
// items only.

let app: TestApp & { engine: unknown }
type Person = Awaited<ReturnType<TestApp['signUp']>>
let author: Person
let other: Person
let agent: Person
const slug = 'visibilite'
const word = 'zanzibarite'

type Item = { collection: 'tips' | 'threads' | 'answers'; id: ID; visibility: 'published' | 'pending' | 'hidden' }
const items: Item[] = []
const reason = 'Propos hors sujet, merci de reformuler.'

beforeAll(async () => {
  app = await startSearchApp()
  const { agency, procedure } = await createProcedure(app, { slug })
  author = await app.signUp({ name: 'Autrice' })
  other = await app.signUp({ name: 'Autre' })
  agent = await app.signUp({ agency: agency.id, role: 'agent' })
  const note = (visibility: string) => (visibility === 'hidden' ? { moderationNote: reason } : {})
  for (const visibility of ['published', 'pending', 'hidden'] as const) {
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: author.id,
        body: `Astuce ${visibility} ${word}.`,
        procedure: procedure.id,
        visibility,
        ...note(visibility),
      },
    })
    items.push({ collection: 'tips', id: tip.id, visibility })
    const thread = await app.payload.create({
      collection: 'threads',
      data: {
        author: author.id,
        body: `Question ${visibility} ${word} ?`,
        procedure: procedure.id,
        status: 'open',
        title: `Question ${visibility} sur le ${word}`,
        visibility,
        ...note(visibility),
      },
    })
    items.push({ collection: 'threads', id: thread.id, visibility })
  }
  const openThread = items.find((item) => item.collection === 'threads' && item.visibility === 'published')!
  for (const visibility of ['published', 'pending', 'hidden'] as const) {
    const answer = await app.payload.create({
      collection: 'answers',
      data: {
        author: author.id,
        body: `Réponse ${visibility} ${word}.`,
        thread: openThread.id,
        visibility,
        ...note(visibility),
      },
    })
    items.push({ collection: 'answers', id: answer.id, visibility })
  }
  await runSyncJobs(app)
})
afterAll(async () => {
  await app?.close()
})

type PageItem = { id: ID; status: string; moderationNote?: string | null }

/** Every tip, question and answer the widget's page shows to the person, by `collection:id`. */
const pageItems = async (person: Person | null): Promise<Map<string, PageItem>> => {
  const response = await app.api('GET', `/entraide/procedures/${slug}`, person ? { token: person.token } : {})
  expect(response.status).toBe(200)
  const page = await json(response)
  const found = new Map<string, PageItem>()
  for (const tip of page.tips as PageItem[]) found.set(`tips:${tip.id}`, tip)
  for (const thread of page.threads as (PageItem & { answers: PageItem[] })[]) {
    found.set(`threads:${thread.id}`, thread)
    for (const answer of thread.answers) found.set(`answers:${answer.id}`, answer)
  }
  return found
}

const readers = () =>
  [
    ['an anonymous reader', null],
    ['the author', author],
    ['another citizen', other],
    ['an agent', agent],
  ] as const

describe('one rule for who sees what', () => {
  it('answers the same in the REST API and on the widget’s page, for every reader and every state', async () => {
    for (const [name, person] of readers()) {
      const onPage = await pageItems(person)
      for (const item of items) {
        const isOwn = person === author
        const isPublic = item.visibility === 'published'
        const inApi = isPublic || isOwn || person === agent
        const status = (await app.api('GET', `/${item.collection}/${item.id}`, person ? { token: person.token } : {}))
          .status
        expect(status, `${name}, ${item.collection} ${item.visibility}, REST`).toBe(inApi ? 200 : 404)
        const shown = onPage.get(`${item.collection}:${item.id}`)
        expect(shown !== undefined, `${name}, ${item.collection} ${item.visibility}, page`).toBe(isPublic || isOwn)
        if (shown) {
          expect(shown.status).toBe(item.visibility)
          expect(shown.moderationNote ?? null).toBe(item.visibility === 'hidden' ? reason : null)
        }
      }
    }
  })

  it('never gives another reader the reason a moderator gave the author', async () => {
    for (const person of [null, other, agent]) {
      const body = await (
        await app.api('GET', `/entraide/procedures/${slug}`, person ? { token: person.token } : {})
      ).text()
      expect(body).not.toContain(reason)
    }
  })

  it('indexes published items only, whoever searches', async () => {
    for (const [, person] of readers()) {
      const response = await app.api(
        'GET',
        `/entraide/search?q=${word}&limit=50`,
        person ? { token: person.token } : {},
      )
      expect(response.status).toBe(200)
      const found = new Set(((await json(response)).hits as { id: string }[]).map((hit) => hit.id))
      for (const item of items) {
        const key = `${item.collection}-${item.id}`
        if (item.collection === 'answers') continue // answers are indexed inside their question
        expect(found.has(key), `${key} (${item.visibility})`).toBe(item.visibility === 'published')
      }
    }
  })
})
