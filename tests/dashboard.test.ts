import type { CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sqliteDatabaseAdapter } from '../setup/database.ts'
import { entraidePlugin } from '../src/index.ts'
import { listeningDashboardTaskSlug } from '../src/jobs/listeningDashboard.ts'
import { publicFiguresQueue } from '../src/jobs/publicFigures.ts'
import { flushSearchQueries } from '../src/search/queryLog.ts'
import type { ID } from '../src/utilities/ids.ts'
import { errorOf, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

const hour = 60 * 60 * 1000
const day = 24 * hour

let app: TestApp
let editor: Awaited<ReturnType<TestApp['signUp']>>
let agentA: Awaited<ReturnType<TestApp['signUp']>>
let asker: Awaited<ReturnType<TestApp['signUp']>>
let helper: Awaited<ReturnType<TestApp['signUp']>>
let agencyA: ID
let agencyB: ID
let procedureA: ID
let procedureB: ID

const at = (ms: number) => new Date(ms).toISOString()

/** Dates written straight to the database, as if things had happened then. */
const backdate = (collection: CollectionSlug, id: ID, data: Record<string, unknown>) =>
  app.inTransaction((req) => app.payload.db.updateOne({ collection, data, id, req, returning: false }))

const question = async (procedure: ID, askedAt: number, step?: number) => {
  const thread = await app.payload.create({
    collection: 'threads',
    data: {
      author: asker.id,
      body: 'Je ne sais pas quelles pièces apporter au rendez-vous.',
      procedure,
      status: 'open',
      step,
      title: 'Quelles pièces faut-il apporter ?',
      visibility: 'published',
    },
  })
  await backdate('threads', thread.id, { createdAt: at(askedAt) })
  return thread.id
}

/** Runs the scheduled job that computes the dashboards, as the schedule does. */
const computeDashboards = async () => {
  await app.payload.jobs.queue({ input: {}, queue: publicFiguresQueue, task: listeningDashboardTaskSlug })
  const { jobStatus } = await app.payload.jobs.run({ queue: publicFiguresQueue, silent: true })
  expect(Object.values(jobStatus ?? {}).map(({ status }) => status)).toEqual(['success'])
}

let pendingBody: Record<string, unknown>
let pendingCsv: Response

beforeAll(async () => {
  app = await startTestApp()
  agencyA = (await app.payload.create({ collection: 'agencies', data: { name: 'Agence des titres', slug: 'titres' } })).id
  agencyB = (await app.payload.create({ collection: 'agencies', data: { name: 'Agence du logement', slug: 'logement' } })).id
  procedureA = (
    await app.payload.create({
      collection: 'procedures',
      data: {
        agency: agencyA,
        slug: 'passeport',
        steps: [{ title: 'Faire la pré-demande' }, { title: 'Prendre rendez-vous' }],
        summary: 'Renouveler un passeport.',
        title: 'Renouveler un passeport',
      },
    })
  ).id
  procedureB = (
    await app.payload.create({
      collection: 'procedures',
      data: { agency: agencyB, slug: 'apl', summary: 'Demander l’APL.', title: 'Demander l’aide au logement' },
    })
  ).id
  editor = await app.signUp({ role: 'editor' })
  agentA = await app.signUp({ agency: agencyA, role: 'agent' })
  asker = await app.signUp({ name: 'Awa Diallo' })
  helper = await app.signUp({ name: 'Bruno Martin' })

  const now = Date.now()
  // Agency A: a question of 3 days without an answer; one of 10 days answered 5 hours later,
  // accepted 20 hours after it was asked and validated after 30 hours; a tip on step 2.
  await question(procedureA, now - 3 * day, 1)
  const answered = await question(procedureA, now - 10 * day, 1)
  const answer = await app.payload.create({
    collection: 'answers',
    data: { author: helper.id, body: 'Il faut la photo et le justificatif de domicile.', thread: answered, visibility: 'published' },
  })
  await backdate('answers', answer.id, {
    acceptedAt: at(now - 10 * day + 20 * hour),
    createdAt: at(now - 10 * day + 5 * hour),
    isAccepted: true,
    validatedAt: at(now - 10 * day + 30 * hour),
  })
  await app.payload.create({
    collection: 'tips',
    data: { author: helper.id, body: 'Prenez rendez-vous tôt le matin.', procedure: procedureA, step: 1, visibility: 'published' },
  })
  const guide = await app.payload.create({
    collection: 'guides',
    data: { _status: 'published', procedure: procedureA, title: 'Guide du passeport' },
  })
  expect((await app.api('POST', `/guides/${guide.id}/helpful`, { body: { helpful: false, reason: 'unclear' } })).status).toBe(201)
  // Agency B: a question of a day without an answer.
  await question(procedureB, now - day)
  // A search that finds nothing, written as a spreadsheet formula.
  await app.api('GET', '/entraide/search?q=%3Dlicorne%20introuvable')
  await flushSearchQueries(app.payload)
  // Before the job's first run there is nothing to show yet.
  const pending = await app.api('GET', '/entraide/dashboard', { token: editor.token })
  expect(pending.status).toBe(200)
  pendingBody = await json(pending)
  pendingCsv = await app.api('GET', '/entraide/dashboard?format=csv&table=weekly', { token: editor.token })
  await computeDashboards()
}, 120_000)

afterAll(async () => {
  await app?.close()
})

const dashboard = async (token: string | undefined, query = '') => {
  const response = await app.api('GET', `/entraide/dashboard${query}`, { token })
  expect(response.status).toBe(200)
  return json(response)
}

const bucket = (body: Record<string, any>, name: string) =>
  body.unanswered.buckets.find((row: { bucket: string }) => row.bucket === name).questions

describe('the listening dashboard', () => {
  it('says the figures are not computed yet before the job first ran', async () => {
    expect(pendingBody).toMatchObject({ computedAt: null, status: 'pending' })
    expect(pendingBody.message).toMatch(/not been computed yet/)
    expect(pendingCsv.status).toBe(503)
    expect((await errorOf(pendingCsv)).message).toMatch(/not been computed yet/)
  })

  it('shows what the job last computed, and a new question once it ran again', async () => {
    const before = await dashboard(agentA.token)
    expect(Date.now() - new Date(before.computedAt).getTime()).toBeLessThan(120_000)
    const thread = await question(procedureA, Date.now() - hour)
    // Read from what is stored: the request does not count the new question…
    expect(bucket(await dashboard(agentA.token), 'under-48h')).toBe(0)
    await computeDashboards()
    // …the next run does.
    const after = await dashboard(agentA.token)
    expect(bucket(after, 'under-48h')).toBe(1)
    expect(new Date(after.computedAt).getTime()).toBeGreaterThan(new Date(before.computedAt).getTime())
    // Cleaned up, so that the other tests' counts stay as they were.
    await app.payload.delete({ collection: 'threads', id: thread, overrideAccess: true })
    await computeDashboards()
  })

  it('keeps the stored dashboards closed to Payload’s own global routes, even for an editor', async () => {
    expect((await app.api('GET', '/globals/listening-dashboard', { token: editor.token })).status).toBe(403)
    expect((await app.api('POST', '/globals/listening-dashboard', { body: { computedAt: null }, token: editor.token })).status).toBe(403)
  })

  it('schedules the job on the entraide-stats queue at the cron given, and refuses a cron that is not one', () => {
    const configWith = (listeningDashboard: Record<string, unknown>) =>
      entraidePlugin({ listeningDashboard })({
        collections: [{ auth: true, fields: [], slug: 'users' }],
        db: sqliteDatabaseAdapter('file::memory:'),
        secret: 'test',
      })
    const on = configWith({ cron: '*/5 * * * *' })
    const task = on.jobs?.tasks?.find((candidate) => candidate.slug === listeningDashboardTaskSlug)
    expect(task?.schedule).toEqual([{ cron: '*/5 * * * *', queue: publicFiguresQueue }])
    const autoRun = on.jobs?.autoRun
    expect(Array.isArray(autoRun) && autoRun.some((run) => run.queue === publicFiguresQueue && run.cron === '*/5 * * * *')).toBe(true)
    expect(() => configWith({ cron: 'every hour' })).toThrow(/listeningDashboard\.cron must be a cron expression/)
  })

  it('answers 404 for an agency that does not exist', async () => {
    // An id that existed: whatever the ids look like on this database, it is a valid one.
    const gone = (await app.payload.create({ collection: 'agencies', data: { name: 'Agence fermée', slug: 'fermee' } })).id
    await app.payload.delete({ collection: 'agencies', id: gone, overrideAccess: true })
    const missing = await app.api('GET', `/entraide/dashboard?agency=${gone}`, { token: editor.token })
    expect(missing.status).toBe(404)
    expect((await errorOf(missing)).message).toMatch(/No agency with id/)
  })

  it("shows an agent their own agency's figures only, and refuses them another agency", async () => {
    const body = await dashboard(agentA.token)
    expect(body.agency).toMatchObject({ name: 'Agence des titres' })
    expect(body.agencies.map((agency: { name: string }) => agency.name)).toEqual(['Agence des titres'])
    expect(bucket(body, '2-7-days')).toBe(1)
    // Agency B's question of a day does not show.
    expect(bucket(body, 'under-48h')).toBe(0)
    expect(body.unanswered.total).toBe(1)
    expect(body.medians).toMatchObject({ acceptanceHours: 20, firstAnswerHours: 5, validationHours: 30 })
    expect(body.struggle.procedures).toEqual([
      expect.objectContaining({ notHelpful: 1, procedure: expect.objectContaining({ title: 'Renouveler un passeport' }), questions: 2, tips: 1 }),
    ])
    expect(body.struggle.steps).toEqual([expect.objectContaining({ questions: 2, step: 2, stepTitle: 'Prendre rendez-vous', tips: 1 })])
    expect(body.helpfulness).toEqual([expect.objectContaining({ helpful: 0, helpfulShare: 0, notHelpful: 1, title: 'Guide du passeport' })])
    expect(body.weekly).toHaveLength(12)
    expect(body.weekly.reduce((sum: number, week: { questions: number }) => sum + week.questions, 0)).toBe(2)

    const other = await app.api('GET', `/entraide/dashboard?agency=${agencyB}`, { token: agentA.token })
    expect(other.status).toBe(403)
    expect((await errorOf(other)).message).toMatch(/your own agency/)
  })

  it('shows an editor every agency, or the one chosen', async () => {
    const all = await dashboard(editor.token)
    expect(all.agency).toBeNull()
    expect(all.agencies).toHaveLength(2)
    expect(bucket(all, 'under-48h')).toBe(1)
    expect(bucket(all, '2-7-days')).toBe(1)
    expect(all.zeroHitSearches).toEqual([expect.objectContaining({ query: '=licorne introuvable', searches: 1, trend: 'new' })])

    const onlyB = await dashboard(editor.token, `?agency=${agencyB}`)
    expect(onlyB.agency).toMatchObject({ name: 'Agence du logement' })
    expect(bucket(onlyB, 'under-48h')).toBe(1)
    expect(bucket(onlyB, '2-7-days')).toBe(0)
    expect(onlyB.helpfulness).toEqual([])
  })

  it('records when the asker accepted an answer, and forgets it when they accept another', async () => {
    const thread = await question(procedureA, Date.now() - hour)
    const answerBy = (body: string) =>
      app.payload.create({ collection: 'answers', data: { author: helper.id, body, thread, visibility: 'published' } })
    const first = await answerBy('Il faut prendre rendez-vous en mairie avant tout.')
    const second = await answerBy('La pré-demande en ligne fait gagner du temps.')
    const before = Date.now()
    expect((await app.api('POST', `/threads/${thread}/accept`, { body: { answer: first.id }, token: asker.token })).status).toBe(200)
    const accepted = await app.payload.findByID({ collection: 'answers', id: first.id, overrideAccess: true })
    expect(new Date(accepted.acceptedAt ?? 0).getTime()).toBeGreaterThanOrEqual(before - 1000)
    expect((await app.api('POST', `/threads/${thread}/accept`, { body: { answer: second.id }, token: asker.token })).status).toBe(200)
    expect((await app.payload.findByID({ collection: 'answers', id: first.id, overrideAccess: true })).acceptedAt ?? null).toBeNull()
    expect((await app.payload.findByID({ collection: 'answers', id: second.id, overrideAccess: true })).acceptedAt).toBeTruthy()
    // Cleaned up, so that the other tests' counts stay as they were.
    for (const id of [second.id, first.id]) await app.payload.delete({ collection: 'answers', id, overrideAccess: true })
    await app.payload.delete({ collection: 'threads', id: thread, overrideAccess: true })
  })

  it('is closed to citizens (403) and to people not signed in (401)', async () => {
    expect((await app.api('GET', '/entraide/dashboard', { token: asker.token })).status).toBe(403)
    expect((await app.api('GET', '/entraide/dashboard')).status).toBe(401)
    expect((await app.api('GET', '/entraide/dashboard?format=csv&table=weekly')).status).toBe(401)
  })

  it('exports each table as CSV, with a byte order mark and formulas made harmless', async () => {
    const response = await app.api('GET', '/entraide/dashboard?format=csv&table=unanswered', { token: agentA.token })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="entraide-dashboard-unanswered-\d{4}-\d{2}-\d{2}\.csv"$/)
    const bytes = new Uint8Array(await response.arrayBuffer())
    // The byte order mark (EF BB BF), then the table.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3)).split('\r\n')).toEqual([
      'agency,age,questions',
      'Agence des titres,under-48h,0',
      'Agence des titres,2-7-days,1',
      'Agence des titres,7-30-days,0',
      'Agence des titres,over-30-days,0',
      '',
    ])
    const searches = await (await app.api('GET', '/entraide/dashboard?format=csv&table=searches', { token: editor.token })).text()
    expect(searches.split('\r\n')[1]).toMatch(/^'=licorne introuvable,1,1,0,new,/)
  })

  it('says which parameter is wrong', async () => {
    const cases: Array<[string, string]> = [
      ['?format=csv', 'table'],
      ['?format=xml', 'format'],
      ['?format=csv&table=everything', 'table'],
      ['?agence=1', 'agence'],
      ['?agency=not-an-id', 'agency'],
    ]
    for (const [query, field] of cases) {
      const response = await app.api('GET', `/entraide/dashboard${query}`, { token: editor.token })
      if (query === '?agency=not-an-id' && response.status === 200) continue // string ids: any text may be an id
      expect(response.status, query).toBe(400)
      expect((await errorOf(response)).field, query).toBe(field)
    }
  })

  it('"write the answer" creates a wiki-page draft titled after the search, for staff only', async () => {
    const refused = await app.api('POST', '/entraide/dashboard/write-answer', {
      body: { procedure: procedureA, query: 'délai passeport été' },
      token: asker.token,
    })
    expect(refused.status).toBe(403)
    expect(
      (await app.api('POST', '/entraide/dashboard/write-answer', { body: { procedure: procedureA, query: 'délai passeport été' } })).status,
    ).toBe(401)
    expect(
      (
        await app.api('POST', '/entraide/dashboard/write-answer', {
          body: { procedure: procedureB, query: 'délai passeport été' },
          token: agentA.token,
        })
      ).status,
    ).toBe(403)
    const empty = await app.api('POST', '/entraide/dashboard/write-answer', { body: { query: '  ' }, token: agentA.token })
    expect(empty.status).toBe(400)
    expect((await errorOf(empty)).field).toBe('query')

    const created = await app.api('POST', '/entraide/dashboard/write-answer', {
      body: { procedure: procedureA, query: 'délai passeport été' },
      token: agentA.token,
    })
    expect(created.status).toBe(201)
    const { page } = await json(created)
    expect(page.title).toBe('Délai passeport été')
    const stored = await app.payload.findByID({ collection: 'wiki-pages', draft: true, id: page.id, overrideAccess: true })
    expect(stored).toMatchObject({ _status: 'draft', title: 'Délai passeport été' })
    // A draft is not public.
    expect((await app.api('GET', `/wiki-pages/${page.id}`)).status).toBe(404)

    const byEditor = await app.api('POST', '/entraide/dashboard/write-answer', { body: { query: 'carte grise perdue' }, token: editor.token })
    expect(byEditor.status).toBe(201)
  })
})
