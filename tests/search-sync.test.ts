import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ID } from '../src/utilities/ids.ts'

import { reindexKnowledge, type ReindexProgress } from '../src/search/reindex.ts'
import { lexicalRoot, plainTextToNodes } from '../src/utilities/lexical.ts'
import { createProcedure, json, proposeGuideEdit } from './helpers/fixtures.ts'
import type { TestApp } from './helpers/payload.ts'
import {
  FlakyEngine,
  pendingSyncJobs,
  runSyncJobs,
  search,
  startSearchApp,
  titlesFor,
} from './search/searchApp.ts'

// Several apps in one file: each new SQLite database needs its schema pushed.
process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'

// The index follows the content through the outbox: every write adds a row
// to the change feed in its own transaction, and the feed is applied here
// when the test says so (the 'manual' mode), except in the last block, which
// applies it as the app does, right after each commit.

const richText = (text: string) => lexicalRoot(plainTextToNodes(text))

const created = async (response: Response): Promise<{ id: ID }> => {
  const body = await json(response)
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${JSON.stringify(body)}`)
  return body.doc
}

const expectStatus = async (response: Response, status: number): Promise<void> => {
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(await json(response))}`)
  }
}

describe('the index follows publication', () => {
  let app: Awaited<ReturnType<typeof startSearchApp>>
  let procedure: { id: ID; slug: string }
  let agency: { id: ID }

  beforeAll(async () => {
    app = await startSearchApp()
    ;({ agency, procedure } = await createProcedure(app, { slug: 'passeport' }))
    await runSyncJobs(app)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('makes a published wiki page searchable once its change is applied, and never a draft', async () => {
    const editor = await app.signUp({ role: 'editor' })
    const agent = await app.signUp({ agency: agency.id, role: 'agent' })
    const page = await created(
      await app.api('POST', '/wiki-pages?depth=0', {
        body: {
          _status: 'published',
          body: richText('Le consulat reçoit les demandes des Français établis à zinzolinville.'),
          procedure: procedure.id,
          title: 'Renouveler son passeport depuis l’étranger',
        },
        token: editor.token,
      }),
    )
    // Agents' wiki pages are drafts until an editor publishes them.
    await created(
      await app.api('POST', '/wiki-pages?depth=0', {
        body: { _status: 'published', body: richText('Brouillon sur zinzolinville.'), procedure: procedure.id, title: 'Brouillon' },
        token: agent.token,
      }),
    )
    expect(await titlesFor(app, 'zinzolinville')).toEqual([])

    await runSyncJobs(app)
    const { hits } = await search(app, { q: 'zinzolinville' })
    expect(hits).toHaveLength(1)
    expect(hits[0]).toMatchObject({
      id: `wiki-pages-${page.id}`,
      isOfficial: true,
      procedure: { id: procedure.id, slug: 'passeport', title: 'Procédure passeport' },
      title: 'Renouveler son passeport depuis l’étranger',
      type: 'wiki',
      url: `/demarches/passeport#entraide-wiki-${page.id}`,
    })
    expect(hits[0]?.snippet).toContain('<mark>zinzolinville</mark>')
    // The procedure itself is searchable too, as official knowledge.
    const procedureHit = (await search(app, { q: 'procédure passeport', type: 'procedure' })).hits[0]
    expect(procedureHit).toMatchObject({ isOfficial: true, type: 'procedure', url: '/demarches/passeport' })
  })

  it('leaves the index unchanged by a guide edit waiting for review, until it is published', async () => {
    const agent = await app.signUp({ agency: agency.id, role: 'agent' })
    const citizen = await app.signUp({})
    const guide = await created(
      await app.api('POST', '/guides?depth=0', {
        body: {
          _status: 'published',
          body: richText('Pensez au timbre fiscal tintamarre avant le rendez-vous.'),
          procedure: procedure.id,
          title: 'Le guide du passeport',
        },
        token: agent.token,
      }),
    )
    await runSyncJobs(app)
    expect(await search(app, { q: 'tintamarre' })).toMatchObject({
      hits: [{ id: `guides-${guide.id}`, type: 'guide', url: '/demarches/passeport#entraide-guide' }],
    })

    // A citizen's edit is a proposal waiting for review.
    const proposed = await proposeGuideEdit(app, {
      body: richText('Nouvelle version : la farandole des justificatifs.'),
      guide: guide.id,
      title: 'Le guide du passeport',
      token: citizen.token,
    })
    await expectStatus(proposed, 201)
    await runSyncJobs(app)
    expect(await titlesFor(app, 'farandole')).toEqual([])
    expect(await titlesFor(app, 'tintamarre')).toEqual(['Le guide du passeport'])

    // An agent accepts it: the index now has the new text only.
    await expectStatus(
      await app.api('POST', `/guide-proposals/${(await json(proposed)).proposal.id}/accept`, {
        body: {},
        token: agent.token,
      }),
      200,
    )
    await runSyncJobs(app)
    expect(await titlesFor(app, 'farandole')).toEqual(['Le guide du passeport'])
    expect(await titlesFor(app, 'tintamarre')).toEqual([])

    // Unpublished: gone.
    await expectStatus(
      await app.api('PATCH', `/guides/${guide.id}?depth=0`, { body: { _status: 'draft' }, token: agent.token }),
      200,
    )
    await runSyncJobs(app)
    expect(await titlesFor(app, 'farandole')).toEqual([])
  })

  it('removes a hidden question and brings it back when restored; unpublished wiki pages go too', async () => {
    const citizen = await app.signUp({})
    const editor = await app.signUp({ role: 'editor' })
    const thread = await created(
      await app.api('POST', '/threads?depth=0', {
        body: {
          body: 'Le formulaire parle d’une gargouille administrative, que faut-il fournir ?',
          procedure: procedure.id,
          title: 'Qu’est-ce que la gargouille du formulaire ?',
        },
        token: citizen.token,
      }),
    )
    await runSyncJobs(app)
    expect(await titlesFor(app, 'gargouille')).toEqual(['Qu’est-ce que la gargouille du formulaire ?'])

    await expectStatus(
      await app.api('POST', `/threads/${thread.id}/moderate`, {
        body: { action: 'hide', reason: 'Hors sujet' },
        token: editor.token,
      }),
      200,
    )
    await runSyncJobs(app)
    expect(await titlesFor(app, 'gargouille')).toEqual([])

    await expectStatus(
      await app.api('POST', `/threads/${thread.id}/moderate`, { body: { action: 'restore' }, token: editor.token }),
      200,
    )
    await runSyncJobs(app)
    expect(await titlesFor(app, 'gargouille')).toEqual(['Qu’est-ce que la gargouille du formulaire ?'])

    const page = await created(
      await app.api('POST', '/wiki-pages?depth=0', {
        body: { _status: 'published', body: richText('La mandragore se cueille en mairie.'), title: 'Mandragore' },
        token: editor.token,
      }),
    )
    await runSyncJobs(app)
    expect(await search(app, { q: 'mandragore' })).toMatchObject({ hits: [{ procedure: null, url: '' }] })
    await expectStatus(
      await app.api('PATCH', `/wiki-pages/${page.id}?depth=0`, { body: { _status: 'draft' }, token: editor.token }),
      200,
    )
    await runSyncJobs(app)
    expect(await titlesFor(app, 'mandragore')).toEqual([])
  })

  it('re-syncs a question when its answers are accepted, validated or hidden', async () => {
    const asker = await app.signUp({})
    const helper = await app.signUp({})
    const agent = await app.signUp({ agency: agency.id, role: 'agent' })
    const editor = await app.signUp({ role: 'editor' })
    const thread = await created(
      await app.api('POST', '/threads?depth=0', {
        body: { body: 'Mon passeport est abîmé, est-il encore valable ?', procedure: procedure.id, title: 'Passeport abîmé' },
        token: asker.token,
      }),
    )
    const answer = await created(
      await app.api('POST', '/answers?depth=0', {
        body: { body: 'Une page déchirée ou une quenouille de ruban adhésif le rend invalide.', thread: thread.id },
        token: helper.token,
      }),
    )
    await runSyncJobs(app)
    // An answer nobody accepted or validated is not part of the question's document.
    expect(await titlesFor(app, 'quenouille')).toEqual([])

    await expectStatus(
      await app.api('POST', `/threads/${thread.id}/accept`, { body: { answer: answer.id }, token: asker.token }),
      200,
    )
    await runSyncJobs(app)
    expect(await search(app, { q: 'quenouille' })).toMatchObject({
      hits: [{ isValidated: false, title: 'Passeport abîmé', type: 'thread', url: `/demarches/passeport#entraide-thread-${thread.id}` }],
    })

    await expectStatus(await app.api('POST', `/answers/${answer.id}/validate`, { body: {}, token: agent.token }), 200)
    await runSyncJobs(app)
    expect(await search(app, { q: 'quenouille' })).toMatchObject({ hits: [{ isValidated: true, title: 'Passeport abîmé' }] })

    await expectStatus(
      await app.api('POST', `/answers/${answer.id}/moderate`, { body: { action: 'hide', reason: 'Erroné' }, token: editor.token }),
      200,
    )
    await runSyncJobs(app)
    expect(await titlesFor(app, 'quenouille')).toEqual([])
    expect(await titlesFor(app, 'abîmé')).toEqual(['Passeport abîmé'])
  })

  it('rewrites the documents that embed a procedure or an agency when they change', async () => {
    const other = await createProcedure(app, { slug: 'carte-grise' })
    const citizen = await app.signUp({})
    const editor = await app.signUp({ role: 'editor' })
    const tip = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'Gardez le certificat de cession de votre escarboucle.', procedure: other.procedure.id },
        token: citizen.token,
      }),
    )
    await runSyncJobs(app)
    expect(await search(app, { q: 'escarboucle' })).toMatchObject({
      hits: [{ id: `tips-${tip.id}`, procedure: { slug: 'carte-grise', title: 'Procédure carte-grise' }, type: 'tip' }],
    })

    await expectStatus(
      await app.api('PATCH', `/procedures/${other.procedure.id}?depth=0`, {
        body: { slug: 'immatriculation', title: 'Certificat d’immatriculation' },
        token: editor.token,
      }),
      200,
    )
    await runSyncJobs(app)
    expect(await search(app, { q: 'escarboucle' })).toMatchObject({
      hits: [{ procedure: { slug: 'immatriculation', title: 'Certificat d’immatriculation' } }],
    })
    await expectStatus(
      await app.api('PATCH', `/agencies/${other.agency.id}?depth=0`, { body: { slug: 'ants' }, token: editor.token }),
      200,
    )
    await runSyncJobs(app)
    const { hits } = await search(app, { agency: 'ants', procedure: 'immatriculation', q: 'escarboucle' })
    expect(hits).toMatchObject([
      {
        id: `tips-${tip.id}`,
        procedure: { slug: 'immatriculation', title: 'Certificat d’immatriculation' },
        url: `/demarches/immatriculation#entraide-tip-${tip.id}`,
      },
    ])
    // The procedure's new title is searchable in the documents about it.
    expect((await search(app, { q: 'immatriculation', type: 'tip' })).hits.map((hit) => hit.id)).toEqual([`tips-${tip.id}`])

    // The agency renamed alone, then a new tip: both tips carry what the database says now,
    // not what an earlier sync read of the procedure.
    await expectStatus(
      await app.api('PATCH', `/agencies/${other.agency.id}?depth=0`, { body: { slug: 'ants-bis' }, token: editor.token }),
      200,
    )
    await runSyncJobs(app)
    const later = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'Une seconde escarboucle se déclare aussi en ligne.', procedure: other.procedure.id },
        token: citizen.token,
      }),
    )
    await runSyncJobs(app)
    const renamed = await search(app, { agency: 'ants-bis', q: 'escarboucle' })
    expect(renamed.hits.map((hit) => hit.id).sort()).toEqual([`tips-${later.id}`, `tips-${tip.id}`].sort())
    const renamedProcedure = { procedure: { slug: 'immatriculation', title: 'Certificat d’immatriculation' } }
    expect(renamed.hits).toMatchObject([renamedProcedure, renamedProcedure])
    expect((await search(app, { agency: 'ants', q: 'escarboucle' })).hits).toEqual([])
  })

  it('rebuilds an emptied index through the reindex endpoint, for editors and admins only', async () => {
    const citizen = await app.signUp({})
    const agent = await app.signUp({ agency: agency.id, role: 'agent' })
    const editor = await app.signUp({ role: 'editor' })
    const admin = await app.signUp({ role: 'admin' })
    const before = await search(app, { q: 'passeport' })
    expect(before.total).toBeGreaterThan(0)

    await app.engine.clear()
    expect((await search(app, { q: 'passeport' })).total).toBe(0)

    expect((await app.api('POST', '/entraide/reindex')).status).toBe(401)
    expect((await app.api('POST', '/entraide/reindex', { token: citizen.token })).status).toBe(403)
    expect((await app.api('POST', '/entraide/reindex', { token: agent.token })).status).toBe(403)
    expect((await search(app, { q: 'passeport' })).total).toBe(0)

    const response = await app.api('POST', '/entraide/reindex', { token: editor.token })
    expect(response.status).toBe(200)
    const report = await json(response)
    expect(report.documents).toBeGreaterThanOrEqual(before.total)
    expect(report.byType.procedure).toBe(2)
    const after = await search(app, { q: 'passeport' })
    expect(after.hits.map((hit) => hit.id).sort()).toEqual(before.hits.map((hit) => hit.id).sort())
    expect((await app.api('POST', '/entraide/reindex', { token: admin.token })).status).toBe(200)
  })
})

describe('pending contributions', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await startSearchApp({ moderation: { preModeratedContributions: 1 } })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('never indexes a pending tip, and indexes it once a reviewer publishes it', async () => {
    const { agency, procedure } = await createProcedure(app, { slug: 'impots' })
    const newcomer = await app.signUp({})
    const agent = await app.signUp({ agency: agency.id, role: 'agent' })
    const tip = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'Déclarez la pension alimentaire en case farfadet.', procedure: procedure.id },
        token: newcomer.token,
      }),
    )
    await runSyncJobs(app)
    expect((await search(app, { q: 'farfadet' })).total).toBe(0)
    expect((await search(app, { procedure: 'impots', q: '', type: 'tip' })).total).toBe(0)

    await expectStatus(
      await app.api('POST', `/tips/${tip.id}/moderate`, { body: { action: 'publish' }, token: agent.token }),
      200,
    )
    await runSyncJobs(app)
    expect((await search(app, { q: 'farfadet' })).hits.map((hit) => hit.id)).toEqual([`tips-${tip.id}`])
  })
})

describe('a search engine outage', () => {
  let app: TestApp
  const engine = new FlakyEngine(0)

  beforeAll(async () => {
    app = await startSearchApp({}, engine)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('never fails a write, and every change lands once the engine answers again', async () => {
    engine.failures = 3
    const { procedure } = await createProcedure(app, { slug: 'caf' })
    const citizen = await app.signUp({})
    const tip = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'Le simulateur de la CAF arrondit à la cornemuse près.', procedure: procedure.id },
        token: citizen.token,
      }),
    )
    // The write itself never touched the engine.
    expect(engine.writesRefused).toBe(0)
    expect(await pendingSyncJobs(app)).toBeGreaterThanOrEqual(2)

    await runSyncJobs(app)
    expect(engine.writesRefused).toBe(3)
    expect(await pendingSyncJobs(app)).toBe(0)
    expect((await search(app, { q: 'cornemuse' })).hits.map((hit) => hit.id)).toEqual([`tips-${tip.id}`])
    expect((await search(app, { q: 'procédure caf', type: 'procedure' })).total).toBe(1)
  })

  it('keeps the changes of an outage longer than the retries, and lands them when the engine is back', async () => {
    const { procedure } = await createProcedure(app, { slug: 'apl' })
    await runSyncJobs(app)
    const citizen = await app.signUp({})
    engine.failures = 1000
    const first = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'Le bail doit mentionner la chaudière à bascule.', procedure: procedure.id },
        token: citizen.token,
      }),
    )
    const second = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'Gardez les quittances de loyer du grenier à bascule.', procedure: procedure.id },
        token: citizen.token,
      }),
    )
    await runSyncJobs(app)
    // Every retry failed: the changes are kept in the feed.
    expect(await pendingSyncJobs(app)).toBe(2)
    expect((await search(app, { q: 'bascule' })).total).toBe(0)

    // The engine is back; the next change to sync brings the others with it.
    engine.failures = 0
    const third = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'La simulation APL se refait à chaque bascule de situation.', procedure: procedure.id },
        token: citizen.token,
      }),
    )
    await runSyncJobs(app)
    expect(await pendingSyncJobs(app)).toBe(0)
    expect((await search(app, { q: 'bascule' })).hits.map((hit) => hit.id).sort()).toEqual(
      [`tips-${first.id}`, `tips-${second.id}`, `tips-${third.id}`].sort(),
    )
  })
})

describe('the feed applied by the app itself', () => {
  let app: TestApp
  const engine = new FlakyEngine(0)

  beforeAll(async () => {
    app = await startSearchApp({ search: { runSyncJobs: 'auto' } }, engine)
  })
  afterAll(async () => {
    await app?.close()
  })

  it('makes a contribution searchable right after its write is committed', async () => {
    const { procedure } = await createProcedure(app, { slug: 'permis' })
    const citizen = await app.signUp({})
    const startedAt = Date.now()
    const tip = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'Le code se révise avec une tarentule patiente.', procedure: procedure.id },
        token: citizen.token,
      }),
    )
    await expect
      .poll(async () => (await search(app, { q: 'tarentule' })).hits.map((hit) => hit.id), { interval: 20, timeout: 5000 })
      .toEqual([`tips-${tip.id}`])
    expect(Date.now() - startedAt).toBeLessThan(5000)
  })

  it('answers a contributor at once while the engine is slow to fail, then lands the change', async () => {
    const { procedure } = await createProcedure(app, { slug: 'vitale' })
    await runSyncJobs(app)
    const citizen = await app.signUp({})
    engine.delayMs = 1500
    engine.failures = 1
    const startedAt = performance.now()
    const tip = await created(
      await app.api('POST', '/tips?depth=0', {
        body: { body: 'La carte se commande avec une photo de la salamandre.', procedure: procedure.id },
        token: citizen.token,
      }),
    )
    const writeMs = performance.now() - startedAt
    expect(writeMs).toBeLessThan(1000)
    engine.delayMs = 0
    await expect
      .poll(async () => (await search(app, { q: 'salamandre' })).total, { interval: 100, timeout: 15_000 })
      .toBe(1)
    expect(engine.writesRefused).toBeGreaterThanOrEqual(1)
    expect((await search(app, { q: 'salamandre' })).hits[0]?.id).toBe(`tips-${tip.id}`)
  })
})

describe('a rebuild of the index', () => {
  let app: TestApp

  beforeAll(async () => {
    app = await startSearchApp({ search: { reindexBatchSize: 5 } })
    const { procedure } = await createProcedure(app, { slug: 'rebuild' })
    for (let index = 0; index < 30; index += 1) {
      await app.payload.create({
        collection: 'tips',
        data: { body: `Astuce numéro ${index} pour la reconstruction.`, procedure: procedure.id },
      })
    }
  })
  afterAll(async () => {
    await app?.close()
  })

  // A server's requests and stop signals are events of the event loop: on SQLite, whose driver
  // answers in the process, a loop of reads alone would hold them until the whole index is read.
  it('lets the event loop serve what waits between two pages of its reading', async () => {
    let rebuiltAt = Number.POSITIVE_INFINITY
    const rebuilding = reindexKnowledge({ payload: app.payload }).then((report) => {
      rebuiltAt = performance.now()
      return report
    })
    const servedAt = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 0))
    const report = await rebuilding
    expect(report.documents).toBeGreaterThanOrEqual(31)
    expect(servedAt).toBeLessThan(rebuiltAt)
  })

  // A node that starts on a database still being filled reads more items than it counted first.
  it('counts the items written while it reads in the progress it reports', async () => {
    const { procedure } = await createProcedure(app, { slug: 'rebuild-during-writes' })
    const reports: ReindexProgress[] = []
    let writing: Promise<void> | null = null
    const report = await reindexKnowledge({
      onProgress: (progress) => {
        reports.push(progress)
        if (progress.collection !== 'tips' || writing) return
        writing = (async () => {
          for (let index = 0; index < 10; index += 1) {
            await app.payload.create({
              collection: 'tips',
              data: { body: `Astuce écrite pendant la reconstruction ${index}.`, procedure: procedure.id },
            })
          }
        })()
      },
      payload: app.payload,
    })
    await writing
    const first = reports[0]
    const last = reports.at(-1)
    expect(first && last).toBeTruthy()
    // The tips written during the reading were read: more documents than the first count.
    expect(report.documents).toBeGreaterThan(first?.total ?? 0)
    expect(reports.every(({ done, total }) => done <= total)).toBe(true)
    expect(last?.done).toBe(last?.total)
    expect(last?.done).toBeGreaterThanOrEqual(report.documents)
  })
})
