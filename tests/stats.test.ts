import { createLocalReq, type CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { entraidePlugin } from '../src/index.ts'
import { publicFiguresQueue, publicFiguresTaskSlug } from '../src/jobs/publicFigures.ts'
import { computePublicFigures } from '../src/stats/computePublicFigures.ts'
import { readPublicFigures } from '../src/stats/store.ts'
import type { ID } from '../src/utilities/ids.ts'
import { sqliteDatabaseAdapter } from '../setup/database.ts'
import { errorOf, json } from './helpers/fixtures.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

const hour = 60 * 60 * 1000

let app: TestApp
let asker: Awaited<ReturnType<TestApp['signUp']>>
let helper: Awaited<ReturnType<TestApp['signUp']>>
let agent: Awaited<ReturnType<TestApp['signUp']>>

/** The 5th of last month, 08:00 UTC: 47 and 49 hours later are still in that month. */
const lastMonthStart = (() => {
  const now = new Date()
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 5, 8)
})()
const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7)
const lastMonth = monthKey(lastMonthStart)
const twoMonthsAgo = monthKey(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 2, 10))
const thisMonth = monthKey(Date.now())
const monthsAgo = (months: number): string => {
  const date = new Date()
  date.setUTCMonth(date.getUTCMonth() - months)
  return date.toISOString()
}
const at = (ms: number) => new Date(ms).toISOString()

/** Dates written straight to the database, as if things had happened then. */
const backdate = (collection: CollectionSlug, id: ID, data: Record<string, unknown>) =>
  app.inTransaction((req) => app.payload.db.updateOne({ collection, data, id, req, returning: false }))

/** Runs the scheduled job as the jobs queue does. */
const runFiguresJob = async () => {
  await app.payload.jobs.queue({ input: {}, queue: publicFiguresQueue, task: publicFiguresTaskSlug })
  await app.payload.jobs.run({ queue: publicFiguresQueue })
}

const procedures: Record<string, ID> = {}

const createProcedure = async (slug: string, title: string, agency: ID) => {
  const procedure = await app.payload.create({
    collection: 'procedures',
    data: { agency, slug, summary: `${title}.`, title },
  })
  procedures[slug] = procedure.id
  return procedure.id
}

/** A published question asked at `askedAt`, by the asker unless told otherwise. */
const question = async (procedure: ID, askedAt: number, visibility: 'published' | 'hidden' = 'published') => {
  const thread = await app.payload.create({
    collection: 'threads',
    data: {
      author: asker.id,
      body: 'Je ne comprends pas quelles pièces apporter au rendez-vous.',
      procedure,
      status: 'open',
      title: 'Quelles pièces faut-il apporter ?',
      visibility,
    },
  })
  await backdate('threads', thread.id, { createdAt: at(askedAt) })
  return thread.id
}

/** A published answer posted at `postedAt`, by the helper unless told otherwise. */
const answer = async (thread: ID, postedAt: number, author: ID = helper.id) => {
  const created = await app.payload.create({
    collection: 'answers',
    data: { author, body: 'Il faut la photo et le justificatif de domicile.', thread, visibility: 'published' },
  })
  await backdate('answers', created.id, { createdAt: at(postedAt) })
  return created.id
}

beforeAll(async () => {
  app = await startTestApp({
    entraide: {
      // Per-address limits need the client address: the first proxy in front says it.
      rateLimits: { stats: { perIp: { limit: 20, windowMs: 60_000 } } },
      search: { runSyncJobs: 'manual' },
      trustedProxies: 1,
    },
  })
  asker = await app.signUp({ name: 'Awa Diallo' })
  helper = await app.signUp({ name: 'Bruno Martin' })
  const ants = await app.payload.create({ collection: 'agencies', data: { name: 'Agence des titres', slug: 'agence-titres' } })
  const caf = await app.payload.create({ collection: 'agencies', data: { name: 'Caisse des allocations', slug: 'caisse-allocations' } })
  agent = await app.signUp({ agency: ants.id, name: 'Chloé Agent', role: 'agent' })
  await createProcedure('passeport', 'Renouveler un passeport', ants.id)
  await createProcedure('carte-identite', 'Refaire sa carte d’identité', ants.id)
  await createProcedure('aide-logement', 'Demander une aide au logement', caf.id)
})

afterAll(async () => {
  await app?.close()
})

describe('GET /api/entraide/stats before the first run of the job', () => {
  it('answers 200 with an empty state that says the figures are not computed yet, in JSON and CSV', async () => {
    const response = await app.api('GET', '/entraide/stats')
    expect(response.status).toBe(200)
    const body = await json(response)
    expect(body).toMatchObject({ agencies: [], computedAt: null, procedures: [], status: 'pending', total: null })
    expect(body.message).toMatch(/not been computed yet/)

    const csv = await app.api('GET', '/entraide/stats?format=csv')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="entraide-stats.csv"')
    const lines = (await csv.text()).trim().split('\r\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^scope,agency,agency_name,procedure,procedure_title,month,questions,/)
  })
})

describe('GET /api/entraide/stats after the job ran', () => {
  let figures: Record<string, any>
  const procedureMonth = (slug: string, month: string) =>
    figures.procedures.find((procedure: any) => procedure.slug === slug).months.find((entry: any) => entry.month === month)
  const agencyMonth = (slug: string, month: string) =>
    figures.agencies.find((agency: any) => agency.slug === slug).months.find((entry: any) => entry.month === month)

  beforeAll(async () => {
    const { passeport, 'carte-identite': carte, 'aide-logement': logement } = procedures as Record<string, ID>
    // Passport, last month: answered after 47 hours (counts), after 49 hours (does not),
    // and one answered at once by its own asker, then by someone else after 60 hours (does not).
    const inTime = await question(passeport!, lastMonthStart)
    const firstAnswer = await answer(inTime, lastMonthStart + 47 * hour)
    const late = await question(passeport!, lastMonthStart)
    const lateAnswer = await answer(late, lastMonthStart + 49 * hour)
    const selfAnswered = await question(passeport!, lastMonthStart)
    await answer(selfAnswered, lastMonthStart + 1 * hour, asker.id)
    await answer(selfAnswered, lastMonthStart + 60 * hour)
    // A hidden question is not public: not counted, however fast its answer.
    const hidden = await question(passeport!, lastMonthStart, 'hidden')
    await answer(hidden, lastMonthStart + hour)
    // Identity card, last month: never answered.
    await question(carte!, lastMonthStart)
    // Housing aid, two months ago: answered within the hour.
    const housing = await question(logement!, Date.parse(`${twoMonthsAgo}-10T10:00:00.000Z`))
    await answer(housing, Date.parse(`${twoMonthsAgo}-10T11:00:00.000Z`))
    // Asked an hour ago: its 48 hours are not over, it is not counted yet.
    const recent = await question(passeport!, Date.now() - hour)
    await answer(recent, Date.now() - hour / 2)

    // Validations last month: two answers, 10 and 20 hours after they were posted, and a tip after 30.
    await backdate('answers', firstAnswer, { validatedAt: at(lastMonthStart + 57 * hour), validatedBy: agent.id })
    await backdate('answers', lateAnswer, { validatedAt: at(lastMonthStart + 69 * hour), validatedBy: agent.id })
    const tip = await app.payload.create({
      collection: 'tips',
      data: { author: helper.id, body: 'Prenez rendez-vous tôt le matin.', procedure: passeport!, visibility: 'published' },
    })
    await backdate('tips', tip.id, {
      createdAt: at(lastMonthStart),
      validatedAt: at(lastMonthStart + 30 * hour),
      validatedBy: agent.id,
    })

    // Guides now: the passport's verified two months ago (counts), the identity card's 13 months
    // ago (does not), the housing aid's verified last month but waiting for re-verification since (does not).
    const guide = async (procedure: ID, data: Record<string, unknown>) => {
      const created = await app.payload.create({
        collection: 'guides',
        data: { _status: 'published', procedure, title: 'Le guide des usagers' },
      })
      await backdate('guides', created.id, data)
    }
    await guide(passeport!, { verifiedAt: monthsAgo(2) })
    await guide(carte!, { verifiedAt: monthsAgo(13) })
    await guide(logement!, { needsReview: true, reviewReason: 'procedure-changed', verifiedAt: monthsAgo(1) })

    await runFiguresJob()
    const response = await app.api('GET', '/entraide/stats')
    expect(response.status).toBe(200)
    figures = await json(response)
  })

  it('says when the figures were computed and which months they cover', () => {
    expect(figures.status).toBe('ready')
    expect(Date.now() - Date.parse(figures.computedAt)).toBeLessThan(5 * 60 * 1000)
    expect(figures.period).toEqual({
      from: monthKey(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 11, 1)),
      timeZone: 'UTC',
      to: thisMonth,
    })
    expect(figures.total.months).toHaveLength(12)
    expect(figures.total.months.map((entry: any) => entry.month).at(-1)).toBe(thisMonth)
  })

  it('counts a question answered after 47 hours as answered within 48 hours, not one answered after 49', () => {
    expect(procedureMonth('passeport', lastMonth)).toMatchObject({
      answeredWithin48h: 1,
      answeredWithin48hRate: 0.3333,
      questions: 3,
    })
    expect(procedureMonth('carte-identite', lastMonth)).toMatchObject({ answeredWithin48h: 0, answeredWithin48hRate: 0, questions: 1 })
    // The agency adds its procedures up; a month without questions has no share.
    expect(agencyMonth('agence-titres', lastMonth)).toMatchObject({ answeredWithin48h: 1, answeredWithin48hRate: 0.25, questions: 4 })
    expect(agencyMonth('agence-titres', twoMonthsAgo)).toMatchObject({ answeredWithin48hRate: null, questions: 0 })
    expect(agencyMonth('caisse-allocations', twoMonthsAgo)).toMatchObject({ answeredWithin48h: 1, answeredWithin48hRate: 1, questions: 1 })
    // The question of an hour ago waits for its 48 hours.
    expect(procedureMonth('passeport', thisMonth).questions).toBe(0)
  })

  it('gives the median time to validation of answers and tips, and counts validated answers as official answers', () => {
    expect(procedureMonth('passeport', lastMonth)).toMatchObject({
      medianHoursToValidation: 20,
      officialAnswers: 2,
      validations: 3,
    })
    expect(procedureMonth('passeport', twoMonthsAgo)).toMatchObject({ medianHoursToValidation: null, officialAnswers: 0, validations: 0 })
  })

  it('measures the share of guides verified within 12 months this month, and leaves earlier months unmeasured', () => {
    expect(procedureMonth('passeport', thisMonth)).toMatchObject({ guides: 1, guidesVerified: 1, guidesVerifiedRate: 1 })
    expect(procedureMonth('carte-identite', thisMonth)).toMatchObject({ guides: 1, guidesVerified: 0, guidesVerifiedRate: 0 })
    expect(procedureMonth('aide-logement', thisMonth)).toMatchObject({ guides: 1, guidesVerified: 0 })
    expect(agencyMonth('agence-titres', thisMonth)).toMatchObject({ guides: 2, guidesVerified: 1, guidesVerifiedRate: 0.5 })
    expect(procedureMonth('passeport', lastMonth)).toMatchObject({ guides: null, guidesVerified: null, guidesVerifiedRate: null })
  })

  it('keeps each month’s guide measurement in later runs', async () => {
    const nextMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() + 1, 3))
    const previous = await readPublicFigures(app.payload)
    const later = await computePublicFigures({
      months: 12,
      now: nextMonth,
      previous,
      req: await createLocalReq({}, app.payload),
    })
    const passport = later.procedures.find((procedure) => procedure.slug === 'passeport')
    expect(passport?.months.find((entry) => entry.month === thisMonth)).toMatchObject({ guides: 1, guidesVerified: 1 })
  })

  it('lists every procedure under its agency’s slug, and the site as a whole', () => {
    expect(figures.agencies.map((agency: any) => agency.slug)).toEqual(['agence-titres', 'caisse-allocations'])
    expect(figures.procedures.map((procedure: any) => [procedure.slug, procedure.agency])).toEqual([
      ['aide-logement', 'caisse-allocations'],
      ['carte-identite', 'agence-titres'],
      ['passeport', 'agence-titres'],
    ])
    expect(figures.total.months.find((entry: any) => entry.month === lastMonth)).toMatchObject({ questions: 4 })
  })

  it('holds no personal data: no names, emails or people’s ids', async () => {
    const text = JSON.stringify(figures) + (await (await app.api('GET', '/entraide/stats?format=csv')).text())
    for (const person of [asker, helper, agent]) expect(text).not.toContain(person.email)
    for (const name of ['Awa', 'Diallo', 'Bruno', 'Martin', 'Chloé']) expect(text).not.toContain(name)
    expect(text).not.toMatch(/author|validatedBy|email|"user"/i)
  })

  it('gives the same figures as CSV, one line per month of the site, each agency and each procedure', async () => {
    const response = await app.api('GET', '/entraide/stats?format=csv')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="entraide-stats-${figures.computedAt.slice(0, 10)}.csv"`,
    )
    const lines = (await response.text()).trim().split('\r\n')
    // Header, then 12 months for the site, 2 agencies and 3 procedures.
    expect(lines).toHaveLength(1 + 12 * (1 + 2 + 3))
    // Each line says when the figures were computed.
    const at = figures.computedAt
    expect(lines).toContain(
      `procedure,agence-titres,Agence des titres,passeport,Renouveler un passeport,${lastMonth},3,1,0.3333,3,20,2,,,,0,${at}`,
    )
    expect(lines).toContain(`procedure,agence-titres,Agence des titres,passeport,Renouveler un passeport,${thisMonth},0,0,,0,,0,1,1,1,0,${at}`)
    expect(lines).toContain(`agency,caisse-allocations,Caisse des allocations,,,${twoMonthsAgo},1,1,1,0,,0,,,,0,${at}`)
  })

  it('refuses an unknown format or parameter with 400 and a message saying what is accepted', async () => {
    const wrong = await app.api('GET', '/entraide/stats?format=xlsx')
    expect(wrong.status).toBe(400)
    expect(await errorOf(wrong)).toMatchObject({ code: 'invalid-input', field: 'format', message: '"format" must be json or csv, got "xlsx".' })
    const unknown = await app.api('GET', '/entraide/stats?agency=agence-titres')
    expect(unknown.status).toBe(400)
    expect((await errorOf(unknown)).message).toContain('the only one is "format"')
  })

  it('is read by anyone, within the rate limit of its address', async () => {
    const headers = { 'x-forwarded-for': '198.51.100.7' }
    for (let index = 0; index < 20; index++) {
      expect((await app.api('GET', '/entraide/stats', { headers })).status).toBe(200)
    }
    const refused = await app.api('GET', '/entraide/stats', { headers })
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
    // Another address is not held back.
    expect((await app.api('GET', '/entraide/stats', { headers: { 'x-forwarded-for': '198.51.100.8' } })).status).toBe(200)
  })

  it('is not served through Payload’s own global routes', async () => {
    expect((await app.api('GET', '/globals/public-figures')).status).toBe(403)
    expect((await app.api('POST', '/globals/public-figures', { body: { computedAt: null } })).status).toBe(403)
  })
})

describe('the publicFigures options', () => {
  const configWith = (publicFigures: Record<string, unknown>) =>
    entraidePlugin({ publicFigures })({
      collections: [{ auth: true, fields: [], slug: 'users' }],
      db: sqliteDatabaseAdapter('file::memory:'),
      secret: 'test',
    })

  it('schedule the job on the entraide-stats queue at the cron given, and leave it out when switched off', () => {
    const on = configWith({ cron: '30 4 * * *' })
    const task = on.jobs?.tasks?.find((candidate) => candidate.slug === publicFiguresTaskSlug)
    expect(task?.schedule).toEqual([{ cron: '30 4 * * *', queue: publicFiguresQueue }])
    const autoRun = on.jobs?.autoRun
    expect(Array.isArray(autoRun) && autoRun.some((run) => run.queue === publicFiguresQueue && run.cron === '30 4 * * *')).toBe(true)

    const off = configWith({ enabled: false })
    expect(off.jobs?.tasks?.some((candidate) => candidate.slug === publicFiguresTaskSlug) ?? false).toBe(false)
    // The stored figures keep their place, so the schema does not move.
    expect(off.globals?.some((global) => global.slug === 'public-figures')).toBe(true)
  })

  it('refuse a period that is not a whole number of months from 1 to 120', () => {
    expect(() => configWith({ months: 0 })).toThrow(/publicFigures\.months must be at least 1/)
    expect(() => configWith({ months: 1.5 })).toThrow(/publicFigures\.months must be a non-negative integer/)
    expect(() => configWith({ months: 121 })).toThrow(/publicFigures\.months must be at most 120/)
  })
})
