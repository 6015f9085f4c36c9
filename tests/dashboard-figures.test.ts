import { createLocalReq, type CollectionSlug } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { computeDashboard, type Dashboard, type Reading } from '../src/data/dashboard.ts'
import type { ID } from '../src/utilities/ids.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

/**
 * The dashboard's figures on a handful of questions placed around the
 * period's and the weeks' boundaries, against figures worked out by hand:
 * medians of an even and an odd count, the asker's own reply, an answer
 * 48 hours and one second late, a question asked one second before the
 * period, a closed one, a hidden answer, and "not helpful" answers on both
 * sides of a week's change. Each is computed with the job's pages, with
 * pages of 2 rows and 2 ids per query (so that every read spans several
 * pages and several batches), and with the defaults: the same figures.
 */

/** Thursday 3 December 2026, noon (UTC): the period runs from Monday 14 September 2026. */
const now = Date.parse('2026-12-03T12:00:00.000Z')
const at = (iso: string) => `${iso}.000Z`
const hour = 60 * 60 * 1000

let app: TestApp
let agencyA: ID
let agencyB: ID
const titles = { t1: 'Quelles pièces pour le passeport ?', t8: 'Quel délai pour l’aide au logement ?' }
let guideTitle = ''

const backdate = (collection: CollectionSlug, id: ID, data: Record<string, unknown>) =>
  app.inTransaction((req) => app.payload.db.updateOne({ collection, data, id, req, returning: false }))

beforeAll(async () => {
  app = await startTestApp()
  agencyA = (await app.payload.create({ collection: 'agencies', data: { name: 'Agence des titres', slug: 'titres' } }))
    .id
  agencyB = (
    await app.payload.create({ collection: 'agencies', data: { name: 'Agence du logement', slug: 'logement' } })
  ).id
  const passport = (
    await app.payload.create({
      collection: 'procedures',
      data: {
        agency: agencyA,
        slug: 'passeport',
        steps: [{ title: 'Faire la pré-demande' }, { title: 'Prendre rendez-vous' }, { title: 'Retirer le passeport' }],
        summary: 'Renouveler un passeport.',
        title: 'Renouveler un passeport',
      },
    })
  ).id
  const housing = (
    await app.payload.create({
      collection: 'procedures',
      data: { agency: agencyB, slug: 'apl', summary: 'Demander l’APL.', title: 'Demander l’aide au logement' },
    })
  ).id
  const asker = await app.signUp({ name: 'Awa Diallo' })
  const helper = await app.signUp({ name: 'Bruno Martin' })

  const question = async (
    procedure: ID,
    askedAt: string,
    { status = 'open', step, title }: { status?: string; step?: number; title?: string } = {},
  ) => {
    const thread = await app.payload.create({
      collection: 'threads',
      data: {
        author: asker.id,
        body: 'Je ne sais pas comment faire pour cette démarche.',
        procedure,
        status: 'open',
        step,
        title: title ?? `Question du ${askedAt}`,
        visibility: 'published',
      },
    })
    await backdate('threads', thread.id, { createdAt: at(askedAt), status })
    return thread.id
  }
  const answer = async (
    thread: ID,
    postedAt: string,
    {
      acceptedAt,
      author = helper.id,
      validatedAt,
      visibility = 'published',
    }: { acceptedAt?: string; author?: ID; validatedAt?: string; visibility?: string } = {},
  ) => {
    const created = await app.payload.create({
      collection: 'answers',
      data: { author, body: 'Voici ce qu’il faut faire, étape par étape.', thread, visibility },
    })
    await backdate('answers', created.id, {
      acceptedAt: acceptedAt ? at(acceptedAt) : null,
      createdAt: at(postedAt),
      isAccepted: acceptedAt !== undefined,
      validatedAt: validatedAt ? at(validatedAt) : null,
    })
    return created.id
  }
  let voter = 0
  const feedback = async (relationTo: 'guides' | 'answers', id: ID, isHelpful: boolean, givenAt: string) => {
    voter += 1
    const row = await app.payload.create({
      collection: 'helpfulness',
      data: {
        isHelpful,
        key: `${relationTo}|${String(id)}|voter-${voter}`,
        reason: isHelpful ? undefined : 'unclear',
        target: { relationTo, value: id },
        targetKey: `${relationTo}|${String(id)}`,
      },
    })
    await backdate('helpfulness', row.id, { createdAt: at(givenAt) })
  }

  // T1, Sunday 29 November 23:00, step 1: the asker's own reply (not an answer), answered 2 h later
  // (validated 48 h 20 min after the question), and another answer accepted 11 h after the question.
  const t1 = await question(passport, '2026-11-29T23:00:00', { step: 0, title: titles.t1 })
  await answer(t1, '2026-11-29T23:30:00', { author: asker.id })
  const a1 = await answer(t1, '2026-11-30T01:00:00', { validatedAt: '2026-12-01T23:20:00' })
  await answer(t1, '2026-11-30T05:00:00', { acceptedAt: '2026-11-30T10:00:00' })
  // T2, Monday 30 November at midnight, step 1: answered 48 h and 1 s later.
  const t2 = await question(passport, '2026-11-30T00:00:00', { step: 0 })
  await answer(t2, '2026-12-02T00:00:01')
  // T3, the period's first second: answered after 4 h, validated after 6 h, accepted after 20 h 10 min.
  const t3 = await question(housing, '2026-09-14T00:00:00')
  await answer(t3, '2026-09-14T04:00:00', { acceptedAt: '2026-09-14T20:10:00', validatedAt: '2026-09-14T06:00:00' })
  // T4, one second before the period, still open and unanswered.
  await question(passport, '2026-09-13T23:59:59')
  // T5, a day old, step 2: only a hidden answer.
  const t5 = await question(passport, '2026-12-02T12:00:00', { step: 1 })
  await answer(t5, '2026-12-02T13:00:00', { visibility: 'hidden' })
  // T6, closed without an answer.
  await question(passport, '2026-11-20T12:00:00', { status: 'closed' })
  // T7, exactly 7 days old, with the asker's own reply only.
  const t7 = await question(housing, '2026-11-26T12:00:00')
  await answer(t7, '2026-11-26T13:00:00', { author: asker.id })
  // T8: answered after 7 h, validated after 24 h.
  const t8 = await question(housing, '2026-10-05T10:00:00', { title: titles.t8 })
  const a8 = await answer(t8, '2026-10-05T17:00:00', { validatedAt: '2026-10-06T10:00:00' })

  const guide = await app.payload.create({
    collection: 'guides',
    data: { _status: 'published', procedure: passport, title: 'Guide du passeport' },
  })
  guideTitle = guide.title
  await feedback('guides', guide.id, false, '2026-09-10T10:00:00') // before the period
  await feedback('guides', guide.id, false, '2026-11-29T23:59:59') // week of 23 November
  await feedback('guides', guide.id, false, '2026-11-30T00:00:00') // week of 30 November
  await feedback('guides', guide.id, true, '2026-12-01T11:00:00')
  await feedback('answers', a1, false, '2026-10-07T10:00:00') // T1's answer: step 1
  await feedback('answers', a8, true, '2026-11-02T10:00:00')
}, 120_000)

afterAll(async () => {
  await app?.close()
})

const readings: Record<string, () => Reading> = {
  'pages of 2 rows, 2 ids per query': () => ({ idsPerQuery: 2, pageSize: 2, shared: new Map() }),
  "the job's pages, with rests": () => ({
    afterPage: () => new Promise((resolve) => setTimeout(resolve, 1)),
    pageSize: 100,
    shared: new Map(),
  }),
  'the defaults': () => ({}),
}

const compute = async (agency: ID | null, reading: Reading): Promise<Dashboard> =>
  computeDashboard({ agency, now, reading, req: await createLocalReq({}, app.payload) })

/** The 12 weeks of the period, Mondays from 14 September to 30 November 2026, with the given counts (by Monday). */
const weekCounts = (counts: Record<string, number>) => {
  const mondays = Array.from({ length: 12 }, (_, index) =>
    new Date(Date.parse('2026-09-14') + index * 7 * 24 * hour).toISOString().slice(0, 10),
  )
  return mondays.map((week) => counts[week] ?? 0)
}

describe.each(Object.entries(readings))('the dashboard figures, read with %s', (_, reading) => {
  it('counts every agency’s questions, answers, validations and feedback by hand-checked figures', async () => {
    const shared = reading()
    const all = await compute(null, shared)
    expect(all.period).toEqual({
      from: '2026-09-14T00:00:00.000Z',
      weeks: expect.arrayContaining(['2026-09-14', '2026-11-30']),
    })
    expect(all.weekly.map((week) => week.questions)).toEqual(
      weekCounts({ '2026-09-14': 1, '2026-10-05': 1, '2026-11-16': 1, '2026-11-23': 2, '2026-11-30': 2 }),
    )
    expect(all.weekly.map((week) => week.answeredWithin48h)).toEqual(
      weekCounts({ '2026-09-14': 1, '2026-10-05': 1, '2026-11-23': 1 }),
    )
    expect(all.weekly.map((week) => week.validations)).toEqual(
      weekCounts({ '2026-09-14': 1, '2026-10-05': 1, '2026-11-30': 1 }),
    )
    expect(all.weekly.map((week) => week.notHelpful)).toEqual(
      weekCounts({ '2026-10-05': 1, '2026-11-23': 1, '2026-11-30': 1 }),
    )
    // First answers 2, 4, 7 and 48.0003 h: (4 + 7) / 2; acceptances 11 and 20.17 h: 15.58;
    // validations 6, 24 and 48.33 h: 24.
    expect(all.medians).toEqual({
      acceptanceHours: 15.6,
      acceptances: 2,
      firstAnswerHours: 5.5,
      firstAnswers: 4,
      validationHours: 24,
      validations: 3,
    })
    expect(all.unanswered).toEqual({
      buckets: [
        { bucket: 'under-48h', questions: 1 },
        { bucket: '2-7-days', questions: 0 },
        { bucket: '7-30-days', questions: 1 },
        { bucket: 'over-30-days', questions: 1 },
      ],
      total: 3,
    })
    expect(
      all.struggle.procedures.map(({ notHelpful, procedure, questions, tips }) => [
        procedure.title,
        questions,
        tips,
        notHelpful,
      ]),
    ).toEqual([
      ['Renouveler un passeport', 4, 0, 3],
      ['Demander l’aide au logement', 3, 0, 0],
    ])
    expect(
      all.struggle.steps.map(({ notHelpful, questions, step, stepTitle }) => [step, stepTitle, questions, notHelpful]),
    ).toEqual([
      [1, 'Faire la pré-demande', 2, 1],
      [2, 'Prendre rendez-vous', 1, 0],
    ])
    expect(
      all.helpfulness.map(({ collection, helpful, helpfulShare, notHelpful, procedure, title }) => [
        collection,
        title,
        procedure,
        helpful,
        notHelpful,
        helpfulShare,
      ]),
    ).toEqual([
      ['guides', guideTitle, 'Renouveler un passeport', 1, 2, 0.3333],
      ['answers', titles.t1, 'Renouveler un passeport', 0, 1, 0],
      ['answers', titles.t8, 'Demander l’aide au logement', 1, 0, 1],
    ])

    // One agency: its own questions and feedback only.
    const housing = await compute(agencyB, shared)
    expect(housing.weekly.map((week) => week.questions)).toEqual(
      weekCounts({ '2026-09-14': 1, '2026-10-05': 1, '2026-11-23': 1 }),
    )
    expect(housing.weekly.map((week) => week.notHelpful)).toEqual(weekCounts({}))
    expect(housing.medians).toEqual({
      acceptanceHours: 20.2,
      acceptances: 1,
      firstAnswerHours: 5.5,
      firstAnswers: 2,
      validationHours: 15,
      validations: 2,
    })
    expect(housing.unanswered.total).toBe(1)
    expect(housing.helpfulness.map(({ title }) => title)).toEqual([titles.t8])
    const passport = await compute(agencyA, shared)
    expect(passport.weekly.map((week) => week.notHelpful)).toEqual(
      weekCounts({ '2026-10-05': 1, '2026-11-23': 1, '2026-11-30': 1 }),
    )
    expect(passport.medians).toMatchObject({
      firstAnswerHours: 25,
      firstAnswers: 2,
      validationHours: 48.3,
      acceptanceHours: 11,
    })
    expect(passport.unanswered.buckets.map((row) => row.questions)).toEqual([1, 0, 0, 1])
  })
})
