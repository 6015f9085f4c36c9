import { readFileSync } from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  accessCollections,
  accessRoles,
  collectionAccess,
  protectedFields,
  renderAccessTable,
  statusTransitions,
  type AccessCollection,
  type AccessRole,
  type ProtectedField,
  type Transition,
} from '../src/policies/accessTable.ts'
import { createProcedure, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'
import type { ID } from '../src/utilities/ids.ts'

type Person = Awaited<ReturnType<TestApp['signUp']>>
type State = 'published' | 'unpublished'

let app: TestApp
/** The citizen whose own items "own" cells are about, and another citizen who owns the rest. */
let citizen: Person
let other: Person
let agent: Person
let editor: Person
let admin: Person
/** A procedure of the agent's agency, and one of another agency. */
let procedureA: ID
let procedureB: ID
let agencyA: ID
let agencyB: ID
let sharedThread: ID
let sharedTip: ID
let sharedAnswerId: ID | undefined
/** An answer readers give feedback on, made once. */
const sharedAnswer = async (): Promise<ID> => {
  sharedAnswerId ??= (
    await app.payload.create({
      collection: 'answers',
      data: { author: other.id, body: 'Réponse partagée.', thread: sharedThread, visibility: 'published' },
    })
  ).id
  return sharedAnswerId
}
let counter = 0
const unique = () => `${Date.now().toString(36)}-${++counter}`

const personOf = (role: AccessRole): Person | null => ({ admin, agent, anonymous: null, citizen, editor })[role]

beforeAll(async () => {
  app = await startTestApp({
    // The jobs are queued by each write as always, but not run: what the table checks is access.
    entraide: { notifications: { runJobs: 'manual' }, rateLimits: false, search: { runSyncJobs: 'manual' } },
  })
  const a = await createProcedure(app, { slug: 'procedure-a' })
  const b = await createProcedure(app, { slug: 'procedure-b' })
  procedureA = a.procedure.id
  procedureB = b.procedure.id
  agencyA = a.agency.id
  agencyB = b.agency.id
  citizen = await app.signUp({ name: 'Citoyenne' })
  other = await app.signUp({ name: 'Autre' })
  agent = await app.signUp({ agency: a.agency.id, name: 'Agente', role: 'agent' })
  editor = await app.signUp({ name: 'Éditrice', role: 'editor' })
  admin = await app.signUp({ name: 'Admin', role: 'admin' })
  sharedThread = (
    await app.payload.create({
      collection: 'threads',
      data: {
        author: other.id,
        body: 'Question partagée.',
        procedure: procedureA,
        status: 'open',
        title: 'Question partagée',
        visibility: 'published',
      },
    })
  ).id
  sharedTip = (
    await app.payload.create({
      collection: 'tips',
      data: { author: other.id, body: 'Astuce partagée.', procedure: procedureA, visibility: 'published' },
    })
  ).id
})
afterAll(async () => {
  await app?.close()
})

// ---------------------------------------------------------------------------
// One adapter per collection: how to make an item, what to send, how to see a change.

/** Whose procedure an item is attached to: the agent's agency (`a`) or another one (`b`). */
type Side = 'a' | 'b'

type Adapter = {
  /** Makes an item through the Local API, owned by `owner` when the collection has owners. */
  make: (args: { state: State; owner: Person; side?: Side }) => Promise<ID>
  hasUnpublished: boolean
  createBody: (side?: Side) => Promise<Record<string, unknown>>
  updateBody: (marker: string) => Record<string, unknown>
  /** The marker as stored in the published record (or the only one), and in the latest draft. */
  marker: (id: ID, version: 'published' | 'draft') => Promise<unknown>
}

const text = (marker: string) => `Texte modifié ${marker}`

const visibility = (state: State) => (state === 'published' ? 'published' : 'hidden')

const contributionAdapter = (collection: 'tips' | 'threads' | 'answers'): Adapter => ({
  createBody: async () =>
    collection === 'tips'
      ? { body: `Une astuce ${unique()}.`, procedure: procedureA }
      : collection === 'threads'
        ? { body: 'Une question assez longue.', procedure: procedureA, title: `Une question ${unique()}` }
        : { body: `Une réponse ${unique()}.`, thread: sharedThread },
  hasUnpublished: true,
  make: async ({ owner, state }) => {
    if (collection === 'tips') {
      return (
        await app.payload.create({
          collection,
          data: { author: owner.id, body: `Astuce ${unique()}.`, procedure: procedureA, visibility: visibility(state) },
        })
      ).id
    }
    if (collection === 'threads') {
      return (
        await app.payload.create({
          collection,
          data: {
            author: owner.id,
            body: 'Une question assez longue.',
            procedure: procedureA,
            status: 'open',
            title: `Question ${unique()}`,
            visibility: visibility(state),
          },
        })
      ).id
    }
    return (
      await app.payload.create({
        collection,
        data: { author: owner.id, body: `Réponse ${unique()}.`, thread: sharedThread, visibility: visibility(state) },
      })
    ).id
  },
  marker: async (id) => (await app.payload.findByID({ collection, depth: 0, id })).body,
  updateBody: (marker) => ({ body: text(marker) }),
})

/** A new procedure (a guide needs one of its own) of the agent's agency or another one. */
const newProcedure = async (side: Side): Promise<ID> =>
  (
    await app.payload.create({
      collection: 'procedures',
      data: { agency: side === 'a' ? agencyA : agencyB, slug: `p-${unique()}`, title: 'Une démarche' },
    })
  ).id

const versionedAdapter = (collection: 'guides' | 'wiki-pages'): Adapter => ({
  createBody: async (side = 'a') =>
    collection === 'guides'
      ? { _status: 'published', procedure: await newProcedure(side), title: 'Un guide' }
      : {
          _status: 'published',
          procedure: side === 'a' ? procedureA : procedureB,
          slug: `page-${unique()}`,
          title: 'Une page',
        },
  hasUnpublished: true,
  make: async ({ owner, side = 'a', state }) => {
    const isDraft = state === 'unpublished'
    const _status = isDraft ? ('draft' as const) : ('published' as const)
    if (collection === 'guides') {
      const procedure = await newProcedure(side)
      return (
        await app.payload.create({
          collection,
          data: { _status, lastEditedBy: owner.id, procedure, title: 'Un guide' },
          draft: isDraft,
        })
      ).id
    }
    return (
      await app.payload.create({
        collection,
        data: {
          _status,
          procedure: side === 'a' ? procedureA : procedureB,
          slug: `page-${unique()}`,
          title: 'Une page',
        },
        draft: isDraft,
      })
    ).id
  },
  marker: async (id, version) =>
    (await app.payload.findByID({ collection, depth: 0, draft: version === 'draft', id })).title,
  updateBody: (marker) => ({ _status: 'published', title: text(marker) }),
})

/** A published guide of a new procedure of the agent's agency (`a`) or another one. */
const guideOn = async (side: Side): Promise<ID> =>
  (
    await app.payload.create({
      collection: 'guides',
      data: { _status: 'published', procedure: await newProcedure(side), title: 'Un guide' },
    })
  ).id

const adapters: Record<AccessCollection, Adapter> = {
  agencies: {
    createBody: async () => ({ name: 'Une agence', slug: `agence-${unique()}` }),
    hasUnpublished: false,
    make: async () =>
      (await app.payload.create({ collection: 'agencies', data: { name: 'Agence', slug: `agence-${unique()}` } })).id,
    marker: async (id) => (await app.payload.findByID({ collection: 'agencies', id })).name,
    updateBody: (marker) => ({ name: text(marker) }),
  },
  answers: contributionAdapter('answers'),
  guides: versionedAdapter('guides'),
  'guide-proposals': {
    createBody: async (side = 'a') => ({ guide: await guideOn(side), title: 'Un guide proposé' }),
    hasUnpublished: false,
    make: async ({ owner, side = 'a' }) => {
      const guide = await guideOn(side)
      const { procedure } = await app.payload.findByID({ collection: 'guides', depth: 0, id: guide })
      return (
        await app.payload.create({
          collection: 'guide-proposals',
          data: { author: owner.id, baseTitle: 'Un guide', guide, procedure, status: 'pending', title: 'Un guide proposé' },
        })
      ).id
    },
    marker: async (id) => (await app.payload.findByID({ collection: 'guide-proposals', id })).title,
    updateBody: (marker) => ({ title: text(marker) }),
  },
  procedures: {
    createBody: async () => ({ agency: agencyB, slug: `demarche-${unique()}`, title: 'Une démarche' }),
    hasUnpublished: false,
    make: async () =>
      (
        await app.payload.create({
          collection: 'procedures',
          data: { agency: agencyB, slug: `demarche-${unique()}`, title: 'Démarche' },
        })
      ).id,
    marker: async (id) => (await app.payload.findByID({ collection: 'procedures', id })).title,
    updateBody: (marker) => ({ title: text(marker) }),
  },
  reports: {
    createBody: async () => ({
      reason: 'spam',
      target: { relationTo: 'tips', value: sharedTip },
      targetKey: `tips:${sharedTip}`,
    }),
    hasUnpublished: false,
    make: async ({ owner }) =>
      (
        await app.payload.create({
          collection: 'reports',
          data: {
            reason: 'spam',
            reporter: owner.id,
            status: 'open',
            target: { relationTo: 'tips', value: sharedTip },
            targetKey: `tips:${sharedTip}`,
          },
        })
      ).id,
    marker: async (id) => (await app.payload.findByID({ collection: 'reports', id })).note,
    updateBody: (marker) => ({ note: text(marker) }),
  },
  threads: contributionAdapter('threads'),
  tips: contributionAdapter('tips'),
  users: {
    createBody: async () => ({
      displayName: 'Nouvelle personne',
      email: `new-${unique()}@example.test`,
      password: 'a long enough password',
    }),
    hasUnpublished: false,
    // An account is its own owner: "own" is one's own account, anyone else's is a fresh one.
    make: async ({ owner }) => (owner === other ? (await app.signUp({ name: `Personne ${unique()}` })).id : owner.id),
    marker: async (id) => (await app.payload.findByID({ collection: 'users', id })).displayName,
    updateBody: (marker) => ({ displayName: `Nom ${marker}`.slice(0, 60) }),
  },
  votes: {
    createBody: async () => ({
      key: `x:${unique()}`,
      target: { relationTo: 'tips', value: sharedTip },
      targetKey: `tips:${sharedTip}`,
      user: citizen.id,
      value: 1,
    }),
    hasUnpublished: false,
    make: async ({ owner }) => {
      const tip = await app.payload.create({
        collection: 'tips',
        data: { author: other.id, body: `Astuce ${unique()}.`, procedure: procedureA, visibility: 'published' },
      })
      return (
        await app.payload.create({
          collection: 'votes',
          data: {
            key: `${owner.id}:tips:${tip.id}`,
            target: { relationTo: 'tips', value: tip.id },
            targetKey: `tips:${tip.id}`,
            user: owner.id,
            value: 1,
          },
        })
      ).id
    },
    marker: async (id) => (await app.payload.findByID({ collection: 'votes', id })).value,
    updateBody: () => ({ value: -1 }),
  },
  'search-queries': {
    createBody: async () => ({ hits: 0, query: `recherche ${unique()}` }),
    hasUnpublished: false,
    make: async () =>
      (
        await app.payload.create({
          collection: 'search-queries',
          data: {
            hits: 2,
            lastSearchedAt: new Date().toISOString(),
            query: `recherche ${unique()}`,
            searches: 1,
            zeroHitSearches: 0,
          },
        })
      ).id,
    marker: async (id) => (await app.payload.findByID({ collection: 'search-queries', id })).query,
    updateBody: (marker) => ({ query: `recherche ${marker}` }),
  },
  'suggestion-finds': {
    createBody: async () => ({ target: 'threads-1', title: `suggestion ${unique()}` }),
    hasUnpublished: false,
    make: async () =>
      (
        await app.payload.create({
          collection: 'suggestion-finds',
          data: { procedure: procedureA, target: `threads-${unique()}`, title: `titre ${unique()}` },
        })
      ).id,
    marker: async (id) => (await app.payload.findByID({ collection: 'suggestion-finds', id })).title,
    updateBody: (marker) => ({ title: `titre ${marker}` }),
  },
  'wiki-pages': versionedAdapter('wiki-pages'),
  helpfulness: {
    createBody: async () => ({
      isHelpful: true,
      key: `x:${unique()}`,
      target: { relationTo: 'answers', value: await sharedAnswer() },
      targetKey: `answers:${await sharedAnswer()}`,
    }),
    hasUnpublished: false,
    make: async () => {
      const answer = await sharedAnswer()
      return (
        await app.payload.create({
          collection: 'helpfulness',
          data: {
            isHelpful: false,
            key: `answers:${answer}|${unique()}`,
            note: `Avis ${unique()}`,
            reason: 'other',
            target: { relationTo: 'answers', value: answer },
            targetKey: `answers:${answer}`,
          },
        })
      ).id
    },
    marker: async (id) => (await app.payload.findByID({ collection: 'helpfulness', id })).note,
    updateBody: (marker) => ({ note: `Avis ${marker}` }),
  },
  notifications: {
    createBody: async () => ({
      eventKey: `x:${unique()}`,
      kind: 'answer-posted',
      recipient: citizen.id,
      subjectCollection: 'threads',
      subjectId: String(sharedThread),
      title: 'Une notification inventée',
    }),
    hasUnpublished: false,
    make: async ({ owner }) =>
      (
        await app.payload.create({
          collection: 'notifications',
          data: {
            eventKey: `table:${unique()}`,
            kind: 'answer-posted',
            recipient: owner.id,
            subjectCollection: 'threads',
            subjectId: String(sharedThread),
            title: 'Une réponse à votre question',
          },
        })
      ).id,
    // Only the read flag can change: it starts unread.
    marker: async (id) => (await app.payload.findByID({ collection: 'notifications', id })).isRead,
    updateBody: () => ({ isRead: true }),
  },
  subscriptions: {
    createBody: async () => ({
      key: `x:${unique()}`,
      targetCollection: 'threads',
      targetId: String(sharedThread),
      targetKey: `threads:${sharedThread}`,
      user: citizen.id,
    }),
    hasUnpublished: false,
    make: async ({ owner }) => {
      const targetId = `${sharedThread}-${unique()}`
      return (
        await app.payload.create({
          collection: 'subscriptions',
          data: {
            key: `${owner.id}:threads:${targetId}`,
            targetCollection: 'threads',
            targetId,
            targetKey: `threads:${targetId}`,
            user: owner.id,
          },
        })
      ).id
    },
    marker: async (id) => (await app.payload.findByID({ collection: 'subscriptions', id })).targetId,
    updateBody: (marker) => ({ targetId: marker }),
  },
  'notification-email-groups': {
    createBody: async () => ({ key: `x:${unique()}`, recipient: citizen.id, sendAt: new Date().toISOString(), status: 'waiting' }),
    hasUnpublished: false,
    make: async ({ owner }) =>
      (
        await app.payload.create({
          collection: 'notification-email-groups',
          data: { key: `${owner.id}:${unique()}`, recipient: owner.id, sendAt: new Date().toISOString(), status: 'waiting' },
        })
      ).id,
    marker: async (id) => (await app.payload.findByID({ collection: 'notification-email-groups', id })).status,
    updateBody: () => ({ status: 'sent' }),
  },
  'notification-preferences': {
    createBody: async () => ({ language: 'en', user: citizen.id }),
    hasUnpublished: false,
    // One row per person: an existing one is reused.
    make: async ({ owner }) => {
      const { docs } = await app.payload.find({
        collection: 'notification-preferences',
        limit: 1,
        where: { user: { equals: owner.id } },
      })
      const existing = docs[0]
      if (existing) return existing.id
      return (await app.payload.create({ collection: 'notification-preferences', data: { language: 'fr', user: owner.id } })).id
    },
    marker: async (id) => (await app.payload.findByID({ collection: 'notification-preferences', id })).language,
    updateBody: () => ({ language: 'en' }),
  },
}

const updatedValue = (collection: AccessCollection, marker: string): unknown => {
  const body = adapters[collection].updateBody(marker)
  return body.body ?? body.title ?? body.name ?? body.note ?? body.displayName ?? body.query ?? body.value ?? body.isRead
}

const exists = async (collection: AccessCollection, id: ID) =>
  (await app.payload.count({ collection, where: { id: { equals: id } } })).totalDocs === 1

const as = (role: AccessRole) => personOf(role)?.token

const isRefused = (status: number) => status >= 400 && status < 500

// ---------------------------------------------------------------------------

describe('collection access, cell by cell', () => {
  for (const collection of accessCollections) {
    describe(collection, () => {
      const adapter = adapters[collection]
      for (const role of accessRoles) {
        const rules = collectionAccess[collection]

        it(`read: ${role} → ${rules.read[role]}`, async () => {
          const cell = rules.read[role]
          const person = personOf(role)
          const othersPublished = await adapter.make({ owner: other, state: 'published' })
          const get = (id: ID) => app.api('GET', `/${collection}/${id}?depth=0`, { token: as(role) })
          if (cell === 'none') {
            expect((await app.api('GET', `/${collection}`, { token: as(role) })).status).toBe(403)
            expect((await get(othersPublished)).status).toBe(403)
            return
          }
          if (cell === 'own+agency') {
            // Another person's item of the agent's agency is read; of another agency, not.
            expect((await get(othersPublished)).status).toBe(200)
            expect((await get(await adapter.make({ owner: other, side: 'b', state: 'published' }))).status).toBe(404)
            if (!person) throw new Error('"own+agency" needs a signed-in role')
            expect((await get(await adapter.make({ owner: person, side: 'b', state: 'published' }))).status).toBe(200)
            return
          }
          if (cell === 'own') {
            expect((await get(othersPublished)).status).toBe(404)
            if (!person) throw new Error('"own" needs a signed-in role')
            expect((await get(await adapter.make({ owner: person, state: 'published' }))).status).toBe(200)
            return
          }
          expect((await get(othersPublished)).status).toBe(200)
          if (!adapter.hasUnpublished) return
          const othersUnpublished = await adapter.make({ owner: other, state: 'unpublished' })
          expect((await get(othersUnpublished)).status).toBe(cell === 'all' ? 200 : 404)
          const listed = (
            await json(await app.api('GET', `/${collection}?depth=0&limit=0`, { token: as(role) }))
          ).docs.map((doc: { id: ID }) => doc.id)
          expect(listed.includes(othersUnpublished)).toBe(cell === 'all')
          if (cell === 'published+own') {
            if (!person) throw new Error('"published+own" needs a signed-in role')
            expect((await get(await adapter.make({ owner: person, state: 'unpublished' }))).status).toBe(200)
          }
        })

        it(`create: ${role} → ${rules.create[role]}`, async () => {
          const cell = rules.create[role]
          const before = (await app.payload.count({ collection })).totalDocs
          const body = await adapter.createBody()
          const response = await app.api('POST', `/${collection}?depth=0`, { body, token: as(role) })
          if (cell === 'none') {
            expect(isRefused(response.status), `status ${response.status}`).toBe(true)
            expect((await app.payload.count({ collection })).totalDocs).toBe(before)
            return
          }
          expect(response.status).toBe(201)
          if (collection === 'users' && role === 'anonymous') {
            // A sign-up's answer carries no account (it is the same for an address in use): look for it.
            expect(await accountOf(body)).not.toBeNull()
            return
          }
          const created = (await json(response)).doc
          expect(await exists(collection, created.id)).toBe(true)
          if (cell === 'agency-drafts') expect(created._status).toBe('draft')
          else if ('_status' in created) expect(created._status).toBe('published')
          if (cell !== 'agency' && cell !== 'agency-drafts') return
          // On another agency's procedure: a draft waiting for review, or refused.
          const elsewhere = await app.api('POST', `/${collection}?depth=0`, {
            body: await adapter.createBody('b'),
            token: as(role),
          })
          if (cell === 'agency') {
            expect(elsewhere.status).toBe(201)
            expect((await json(elsewhere)).doc._status).toBe('draft')
          } else {
            const count = (await app.payload.count({ collection })).totalDocs
            expect(elsewhere.status).toBe(403)
            expect((await app.payload.count({ collection })).totalDocs).toBe(count)
          }
        })

        it(`update: ${role} → ${rules.update[role]}`, async () => {
          const cell = rules.update[role]
          const person = personOf(role)
          const marker = unique()
          const patch = (id: ID) =>
            app.api('PATCH', `/${collection}/${id}?depth=0`, { body: adapter.updateBody(marker), token: as(role) })
          const othersItem = await adapter.make({ owner: other, state: 'published' })
          const before = await adapter.marker(othersItem, 'published')
          if (cell === 'none' || cell === 'own') {
            expect(isRefused((await patch(othersItem)).status)).toBe(true)
            expect(await adapter.marker(othersItem, 'published')).toEqual(before)
          }
          if (cell === 'own') {
            if (!person) throw new Error('"own" needs a signed-in role')
            const own = await adapter.make({ owner: person, state: 'published' })
            expect((await patch(own)).status).toBe(200)
            expect(await adapter.marker(own, 'published')).toEqual(updatedValue(collection, marker))
          }
          if (cell === 'all') {
            expect((await patch(othersItem)).status).toBe(200)
            expect(await adapter.marker(othersItem, 'published')).toEqual(updatedValue(collection, marker))
          }
          if (cell === 'agency-drafts') {
            expect((await patch(othersItem)).status).toBe(200)
            expect(await adapter.marker(othersItem, 'published')).toEqual(before)
            expect(await adapter.marker(othersItem, 'draft')).toEqual(updatedValue(collection, marker))
          }
          if (cell === 'agency') {
            expect((await patch(othersItem)).status).toBe(200)
            expect(await adapter.marker(othersItem, 'published')).toEqual(updatedValue(collection, marker))
          }
          if (cell === 'agency' || cell === 'agency-drafts') {
            // Another agency's item: the edit waits as a draft, or is refused.
            const elsewhere = await adapter.make({ owner: other, side: 'b', state: 'published' })
            const published = await adapter.marker(elsewhere, 'published')
            const response = await patch(elsewhere)
            expect(await adapter.marker(elsewhere, 'published')).toEqual(published)
            if (cell === 'agency') {
              expect(response.status).toBe(200)
              expect(await adapter.marker(elsewhere, 'draft')).toEqual(updatedValue(collection, marker))
            } else {
              expect(response.status).toBe(403)
              expect(await adapter.marker(elsewhere, 'draft')).toEqual(published)
            }
          }
        })

        it(`delete: ${role} → ${rules.delete[role]}`, async () => {
          const cell = rules.delete[role]
          const item = await adapter.make({ owner: other, state: 'published' })
          const response = await app.api('DELETE', `/${collection}/${item}`, { token: as(role) })
          if (cell === 'all') {
            expect(response.status).toBe(200)
            expect(await exists(collection, item)).toBe(false)
          } else {
            expect(isRefused(response.status), `status ${response.status}`).toBe(true)
            expect(await exists(collection, item)).toBe(true)
          }
        })
      }
    })
  }
})

// ---------------------------------------------------------------------------

/** A value to send for a protected field, and the value it has when the one sent was dropped. */
const protectedValue = (field: ProtectedField, person: Person): { sent: unknown; untouched: unknown } => {
  switch (`${field.collection}.${field.field}`) {
    case 'users.role':
      return { sent: 'editor', untouched: undefined }
    case 'users.agency':
      return { sent: agencyB, untouched: undefined }
    case 'users.isSuspended':
      return { sent: true, untouched: undefined }
    case 'users.reputation':
      return { sent: 999, untouched: undefined }
    case 'tips.author':
      return { sent: other.id, untouched: person.id }
    case 'tips.score':
      return { sent: 99, untouched: 0 }
    case 'tips.visibility':
      return { sent: 'hidden', untouched: 'published' }
    case 'answers.isAccepted':
      return { sent: true, untouched: false }
    case 'threads.status':
      return { sent: 'closed', untouched: 'open' }
    default:
      return { sent: other.id, untouched: null }
  }
}

/** The account a sign-up made, found by the email it was sent with. */
const accountOf = async (body: Record<string, unknown>) =>
  (await app.payload.find({ collection: 'users', depth: 0, where: { email: { equals: String(body.email) } } })).docs[0] ?? null

describe('protected fields', () => {
  for (const field of protectedFields) {
    for (const role of accessRoles) {
      it(`${field.collection}.${field.field}: ${role} → ${field.who[role]}`, async () => {
        const cell = field.who[role]
        const person = personOf(role)
        const stored = async (id: ID, draft = false) => {
          const doc = (await app.payload.findByID({
            collection: field.collection,
            depth: 0,
            draft,
            id,
          })) as unknown as Record<string, unknown>
          return doc[field.field] ?? null
        }
        if (!person) {
          // Anonymous: a sign-up for accounts, a refused write for everything else.
          const probe = protectedValue(field, other)
          const body = { ...(await adapters[field.collection].createBody()), [field.field]: probe.sent }
          const response = await app.api('POST', `/${field.collection}?depth=0`, { body })
          if (field.collection !== 'users') {
            expect(isRefused(response.status)).toBe(true)
            return
          }
          expect(response.status).toBe(201)
          const id = (await accountOf(body))?.id
          if (id === undefined) throw new Error('the sign-up stored no account')
          expect(await stored(id)).toEqual(
            cell === 'sets'
              ? probe.sent
              : ((await app.payload.findByID({ collection: 'users', id: citizen.id }))[field.field as 'role'] ?? null),
          )
          return
        }
        const { sent, untouched } = protectedValue(field, person)
        // Admins set users' fields on another account; everyone else writes their own items.
        const target =
          field.collection === 'users'
            ? role === 'admin'
              ? (await app.signUp({ name: `Compte ${unique()}` })).id
              : person.id
            : await adapters[field.collection].make({ owner: person, state: 'published' })
        const before = field.collection === 'users' ? await stored(target) : untouched
        const response = await app.api('PATCH', `/${field.collection}/${target}?depth=0`, {
          body: { [field.field]: sent },
          token: person.token,
        })
        if (collectionAccess[field.collection].update[role] === 'none') {
          // Those who may not write the collection at all (citizens on guides) are refused, and nothing changes.
          expect(response.status).toBe(403)
          expect(await stored(target)).toEqual(before)
          return
        }
        expect(response.status).toBe(200)
        expect(await stored(target)).toEqual(cell === 'sets' ? sent : before)
        if (field.collection === 'guides') expect(await stored(target, true)).toEqual(cell === 'sets' ? sent : before)

        if (cell === 'ignored' && field.collection !== 'users') {
          const created = await app.api('POST', `/${field.collection}?depth=0`, {
            body: { ...(await adapters[field.collection].createBody()), [field.field]: sent },
            token: person.token,
          })
          expect(created.status).toBe(201)
          const id = (await json(created)).doc.id
          const expected = field.field === 'author' ? person.id : untouched
          expect(await stored(id, field.collection === 'guides')).toEqual(expected)
        }
      })
    }
  }
})

// ---------------------------------------------------------------------------

/** Sets up an item in the transition's starting state; `mine` makes it the person's own, `agency` picks the procedure. */
const prepare = async (
  transition: Transition,
  { mine, person, procedure }: { mine: boolean; person: Person | null; procedure: ID },
) => {
  const owner = mine && person ? person : other
  const key = `${transition.collection}.${transition.field}:${transition.from}→${transition.to}`
  if (transition.collection === 'threads') {
    const thread = await app.payload.create({
      collection: 'threads',
      data: {
        author: owner.id,
        body: 'Une question assez longue.',
        procedure,
        status: 'open',
        title: `Question ${unique()}`,
        visibility: 'published',
      },
    })
    const answer = await app.payload.create({
      collection: 'answers',
      data: {
        author: owner === other ? citizen.id : other.id,
        body: 'Une réponse assez longue.',
        thread: thread.id,
        visibility: 'published',
      },
    })
    if (transition.from === 'closed') {
      await app.payload.update({ collection: 'threads', data: { status: 'closed' }, id: thread.id })
    }
    const requests: Record<string, { route: string; body: Record<string, unknown> }> = {
      'threads.status:closed→open': { body: { action: 'unlock' }, route: `/threads/${thread.id}/moderate` },
      'threads.status:open→answered': { body: { answer: answer.id }, route: `/threads/${thread.id}/accept` },
      'threads.status:open→closed': {
        body: { action: 'lock', reason: 'Hors sujet.' },
        route: `/threads/${thread.id}/moderate`,
      },
      'threads.status:open→resolved': { body: {}, route: `/answers/${answer.id}/validate` },
    }
    const request = requests[key]
    if (!request) throw new Error(`no request for ${key}`)
    return { id: thread.id, method: 'POST', ...request }
  }
  if (transition.collection === 'tips') {
    const tip = await app.payload.create({
      collection: 'tips',
      data: {
        author: owner.id,
        body: `Astuce ${unique()}.`,
        moderationNote: null,
        procedure,
        visibility: transition.from === 'pending' ? 'pending' : transition.from === 'hidden' ? 'hidden' : 'published',
      },
    })
    const action =
      { hidden: 'hide', published: transition.from === 'pending' ? 'publish' : 'restore' }[transition.to] ?? ''
    return {
      body: { action, reason: 'Décision de modération.' },
      id: tip.id,
      method: 'POST',
      route: `/tips/${tip.id}/moderate`,
    }
  }
  if (transition.collection === 'reports') {
    const id = await adapters.reports.make({ owner, state: 'published' })
    return { body: { decision: 'dismiss' }, id, method: 'POST', route: `/reports/${id}/resolve` }
  }
  const id = await adapters[transition.collection].make({
    owner,
    side: procedure === procedureA ? 'a' : 'b',
    state: 'unpublished',
  })
  return {
    body: { _status: 'published', title: 'Publication demandée' },
    id,
    method: 'PATCH',
    route: `/${transition.collection}/${id}`,
  }
}

const currentState = async (transition: Transition, id: ID): Promise<unknown> => {
  const doc = (await app.payload.findByID({ collection: transition.collection, depth: 0, id })) as unknown as Record<
    string,
    unknown
  >
  return doc[transition.field]
}

describe('status changes', () => {
  for (const transition of statusTransitions) {
    for (const role of accessRoles) {
      const cell = transition.who[role]
      it(`${transition.collection}.${transition.field} ${transition.from} → ${transition.to}: ${role} → ${cell}`, async () => {
        const person = personOf(role)
        const attempt = async (args: { mine: boolean; procedure: ID }) => {
          const request = await prepare(transition, { ...args, person })
          const response = await app.api(request.method, request.route, { body: request.body, token: person?.token })
          return { state: await currentState(transition, request.id), status: response.status }
        }
        const allowed = { state: transition.to, status: 200 }
        const refused = expect.objectContaining({ state: transition.from })
        if (cell === 'yes') expect(await attempt({ mine: false, procedure: procedureA })).toEqual(allowed)
        if (cell === 'own') {
          expect(await attempt({ mine: true, procedure: procedureA })).toEqual(allowed)
          expect(await attempt({ mine: false, procedure: procedureA })).toEqual(refused)
        }
        if (cell === 'agency') {
          expect(await attempt({ mine: false, procedure: procedureA })).toEqual(allowed)
          expect(await attempt({ mine: false, procedure: procedureB })).toEqual(refused)
        }
        if (cell === 'no') {
          const result = await attempt({ mine: true, procedure: procedureA })
          expect(result.state).toBe(transition.from)
        }
      })
    }
  }
})

// ---------------------------------------------------------------------------

describe('emails', () => {
  it('never appear in any collection read at depth 2, except one’s own and to admins', async () => {
    const everyone = [citizen, other, agent, editor, admin]
    const emailsIn = (body: string) =>
      everyone.filter((person) => body.includes(person.email)).map((person) => person.email)
    const readAll = async (token: string | undefined) => {
      const bodies: string[] = []
      for (const collection of accessCollections) {
        bodies.push(await (await app.api('GET', `/${collection}?depth=2&limit=0&draft=true`, { token })).text())
        // The lists above read every document at depth 2; the latest few of each collection are read one by one too.
        const { docs } = await app.payload.find({ collection, depth: 0, limit: 6, sort: '-createdAt' })
        for (const doc of docs)
          bodies.push(await (await app.api('GET', `/${collection}/${doc.id}?depth=2&draft=true`, { token })).text())
      }
      bodies.push(await (await app.api('GET', '/entraide/procedures/procedure-a', { token })).text())
      return bodies.join('\n')
    }
    for (const role of accessRoles) {
      const person = personOf(role)
      const seen = emailsIn(await readAll(person?.token))
      if (role === 'admin') {
        expect(seen.sort()).toEqual(everyone.map((someone) => someone.email).sort())
      } else {
        expect(seen, role).toEqual(person ? [person.email] : [])
      }
    }
    const othersView = emailsIn(await readAll(other.token))
    expect(othersView).toEqual([other.email])
    // About 250 requests at depth 2.
  }, 180_000)
})

describe('README', () => {
  it('shows the access table generated from the same data', () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../README.md'), 'utf8')
    expect(readme).toContain(renderAccessTable())
  })
})
