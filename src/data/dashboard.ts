import type { CollectionSlug, PayloadRequest, SelectType, Where } from 'payload'
import { z } from 'zod'

import { suggestionFindsSlug } from '../collections/SuggestionFinds.ts'
import { ForbiddenActionError, NotFoundError } from '../errors.ts'
import type { ReverifiedCollection } from '../fields/reverification.ts'
import { agencyScopeOf } from '../policies/contributions.ts'
import type { Actor } from '../policies/roles.ts'
import { idKey, idOf, isRecord, isSameId, type ID } from '../utilities/ids.ts'
import { weekOf, weeksUpTo } from '../utilities/weeks.ts'
import { idSchema } from './documents.ts'
import { readDashboards } from './dashboardStore.ts'
import { findFields, rowsById } from './local.ts'
import { loadReverifyQueue, type ReverifyQueueItem } from './reverifyQueue.ts'

/** Weeks the dashboard looks back over (the current one included). */
export const dashboardWeeks = 12

const hourMs = 60 * 60 * 1000
const dayMs = 24 * hourMs

/** Rows read per query. */
const pageSize = 500
/** Ids per `in` filter. */
const idsPerQuery = 300
/** Rows listed in the longer tables. */
const listed = 20

/** Ages of the questions still waiting for an answer. */
export const ageBuckets = ['under-48h', '2-7-days', '7-30-days', 'over-30-days'] as const
export type AgeBucket = (typeof ageBuckets)[number]

const bucketOf = (ageMs: number): AgeBucket =>
  ageMs < 2 * dayMs ? 'under-48h' : ageMs < 7 * dayMs ? '2-7-days' : ageMs < 30 * dayMs ? '7-30-days' : 'over-30-days'

export type DashboardAgency = { id: ID; name: string }

export type DashboardWeek = {
  /** The week's Monday, `YYYY-MM-DD` (UTC). */
  week: string
  /** Published questions asked that week. */
  questions: number
  /** Of them, those that got a first answer (from someone other than the asker) within 48 hours. */
  answeredWithin48h: number
  /** Answers and tips validated that week. */
  validations: number
  /** "Not helpful" feedback given that week. */
  notHelpful: number
  /** Suggestions chosen that week while typing a question. */
  suggestionFinds: number
  /** Searches that found nothing that week (the whole site). */
  zeroHitSearches: number
}

export type StruggleRow = {
  procedure: { id: ID; title: string }
  /** Counted from 1, as readers see it; null for the procedure as a whole. */
  step: number | null
  stepTitle: string | null
  questions: number
  tips: number
  notHelpful: number
}

export type ZeroHitSearch = {
  query: string
  /** Searches that found nothing in the period, and week by week (oldest first, the period's weeks). */
  searches: number
  weeks: number[]
  lastFourWeeks: number
  previousFourWeeks: number
  trend: 'rising' | 'falling' | 'steady' | 'new'
  lastSearchedAt: string | null
}

export type HelpfulnessRow = {
  collection: 'guides' | 'wiki-pages' | 'answers'
  id: ID
  title: string
  procedure: string | null
  helpful: number
  notHelpful: number
  /** helpful over all feedback, 0 to 1 (4 decimals). */
  helpfulShare: number
}

export type SuggestionFindRow = { procedure: { id: ID; title: string } | null; finds: number }

export type Dashboard = {
  computedAt: string
  /** Whose figures: one agency, or every agency. */
  agency: DashboardAgency | null
  /** The agencies the signed-in person may filter on (an agent: their own). */
  agencies: DashboardAgency[]
  period: { from: string; weeks: string[] }
  unanswered: { total: number; buckets: { bucket: AgeBucket; questions: number }[] }
  medians: {
    firstAnswerHours: number | null
    acceptanceHours: number | null
    validationHours: number | null
    firstAnswers: number
    acceptances: number
    validations: number
  }
  weekly: DashboardWeek[]
  struggle: { procedures: StruggleRow[]; steps: StruggleRow[] }
  zeroHitSearches: ZeroHitSearch[]
  helpfulness: HelpfulnessRow[]
  reverification: { totals: Record<ReverifiedCollection, number>; oldest: ReverifyQueueItem[] }
  suggestionFinds: { total: number; byProcedure: SuggestionFindRow[] }
}

type Row = Record<string, unknown>

const timeOf = (value: unknown): number | null => {
  if (typeof value !== 'string') return null
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) ? ms : null
}

const numberOf = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)

/** The median, 1 decimal; the mean of the two middle values for an even count; null when empty. */
export const median = (values: number[]): number | null => {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  const value = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return Math.round(value * 10) / 10
}

/**
 * How the rows are read: `pageSize` rows per query, `afterPage` run between
 * pages with how long the page took (a background job rests there), and
 * `shared`, kept across the computations of one job run, holding the reads
 * that are the same whatever the agency (the "was this helpful?" answers and
 * the items they are about), so that they are read once per run.
 */
export type Reading = {
  pageSize?: number
  afterPage?: (pageMs: number) => Promise<void>
  shared?: Map<string, Promise<Row[]>>
}

/** `read()`, or what an earlier computation of the same job run read under `key`. */
const sharedRead = (reading: Reading, key: string, read: () => Promise<Row[]>): Promise<Row[]> => {
  if (!reading.shared) return read()
  const known = reading.shared.get(key)
  if (known) return known
  const rows = read()
  reading.shared.set(key, rows)
  return rows
}

/**
 * Every matching row, with only the selected fields, a page at a time in id
 * order (each page after the last id of the previous one): bounded reads that
 * every database adapter serves from its primary key.
 */
const allRows = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  where: Where,
  select: SelectType,
  reading: Reading = {},
): Promise<Row[]> => {
  const rows: Row[] = []
  for await (const row of rowsById({ afterPage: reading.afterPage, collection, pageSize: reading.pageSize ?? pageSize, req, select, where })) {
    rows.push(row)
  }
  return rows
}

/** `allRows` for a long list of ids, a slice of them per query. */
const rowsIn = async (
  req: PayloadRequest,
  collection: CollectionSlug,
  field: string,
  ids: ID[],
  where: Where[],
  select: SelectType,
  reading: Reading = {},
): Promise<Row[]> => {
  const rows: Row[] = []
  for (let start = 0; start < ids.length; start += idsPerQuery) {
    const slice = ids.slice(start, start + idsPerQuery)
    rows.push(...(await allRows(req, collection, { and: [...where, { [field]: { in: slice } }] }, select, reading)))
  }
  return rows
}

const procedureRow = z.object({
  id: idSchema,
  title: z.string(),
  agency: z.unknown().transform((value) => idOf(value)),
  steps: z
    .array(z.looseObject({ title: z.string().nullish() }))
    .nullish()
    .transform((steps) => (steps ?? []).map((step) => step.title ?? '')),
})

const agencyRow = z.object({ id: idSchema, name: z.string() })

/**
 * Who sees what: an agent their own agency only (asking for another one is a
 * 403), an editor or an admin every agency or the one asked for; anyone else
 * is refused.
 */
const agencyWanted = (actor: Actor, agency: ID | null): ID | null => {
  const scope = agencyScopeOf(actor)
  if (scope.kind === 'none') {
    throw new ForbiddenActionError('The listening dashboard is for public agents of an agency, editors and admins.')
  }
  if (scope.kind === 'agency') {
    if (agency !== null && !isSameId(agency, scope.agency)) {
      throw new ForbiddenActionError('As an agent you can only see the dashboard of your own agency.')
    }
    return scope.agency
  }
  return agency
}

type Tally = { questions: number; tips: number; notHelpful: number }
const emptyTally = (): Tally => ({ notHelpful: 0, questions: 0, tips: 0 })

/** Whom the scheduled job computes the dashboards as: every agency is in its scope. */
const jobActor: Actor = {
  agency: null,
  hasConfirmedEmail: true,
  id: 'entraide-listening-dashboard',
  isCommunityAccount: false,
  isSuspended: false,
  reputation: 0,
  role: 'admin',
  suspensionReason: null,
}

/**
 * The listening dashboard: what people ask, where they struggle, what they
 * search for in vain and what they think of the answers, over the last
 * `dashboardWeeks` weeks (questions still unanswered and the re-verification
 * backlog: whatever their age), for one agency or every agency (null). Reads
 * every matching row with `find` and `select` only, a page at a time, so that
 * every database adapter serves it: the scheduled job calls it (see
 * `jobs/listeningDashboard.ts`), never a request; see `Reading` for how it
 * reads. Zero-hit searches are not tied to a
 * procedure: they are the whole site's, for agents too.
 */
export const computeDashboard = async ({
  agency,
  now = Date.now(),
  reading = {},
  req,
}: {
  req: PayloadRequest
  agency: ID | null
  now?: number
  reading?: Reading
}): Promise<Dashboard> => {
  const wantedAgency = agency
  const weeks = weeksUpTo(now, dashboardWeeks)
  const from = `${weeks[0] ?? weekOf(now)}T00:00:00.000Z`
  const fromMs = new Date(from).getTime()
  const weekIndex = new Map(weeks.map((week, index) => [week, index]))
  const weekly: DashboardWeek[] = weeks.map((week) => ({
    answeredWithin48h: 0,
    notHelpful: 0,
    questions: 0,
    suggestionFinds: 0,
    validations: 0,
    week,
    zeroHitSearches: 0,
  }))
  const weekRow = (ms: number | null): DashboardWeek | undefined => {
    if (ms === null) return undefined
    const index = weekIndex.get(weekOf(ms))
    return index === undefined ? undefined : weekly[index]
  }

  const agencies = await findFields({
    collection: 'agencies',
    req,
    schema: agencyRow,
    select: { name: true },
    sort: 'name',
  })
  const procedures = await findFields({
    collection: 'procedures',
    req,
    schema: procedureRow,
    select: { agency: true, steps: true, title: true },
    sort: 'title',
    where: wantedAgency === null ? undefined : { agency: { equals: wantedAgency } },
  })
  const byProcedure = new Map(procedures.map((procedure) => [String(procedure.id), procedure]))
  const inScope = (value: unknown): boolean => {
    if (wantedAgency === null) return true
    const key = idKey(value)
    return key !== null && byProcedure.has(key)
  }
  // Every agency: no filter, so that items of a procedure since deleted still count for the site.
  const scoped = (where: Where[]): Where =>
    wantedAgency === null ? { and: where } : { and: [...where, { procedure: { in: procedures.map((procedure) => procedure.id) } }] }
  const isEmptyScope = wantedAgency !== null && procedures.length === 0
  const published: Where = { visibility: { equals: 'published' } }

  const struggleByProcedure = new Map<string, Tally>()
  const struggleByStep = new Map<string, Tally>()
  const count = (procedure: unknown, step: unknown, field: keyof Tally) => {
    const key = idKey(procedure)
    if (key === null || !byProcedure.has(key)) return
    const own = struggleByProcedure.get(key) ?? emptyTally()
    own[field] += 1
    struggleByProcedure.set(key, own)
    const stepNumber = numberOf(step)
    if (stepNumber === null) return
    const stepKey = `${key}|${stepNumber}`
    const atStep = struggleByStep.get(stepKey) ?? emptyTally()
    atStep[field] += 1
    struggleByStep.set(stepKey, atStep)
  }

  // Questions of the period, and the older ones still open (they may still wait for an answer).
  const threads = isEmptyScope
    ? []
    : await allRows(
        req,
        'threads',
        scoped([published, { or: [{ createdAt: { greater_than_equal: from } }, { status: { equals: 'open' } }] }]),
        { author: true, createdAt: true, procedure: true, status: true, step: true },
        reading,
      )
  const threadIds = threads.map((thread) => idOf(thread.id)).filter((id): id is ID => id !== null)
  const answers = await rowsIn(req, 'answers', 'thread', threadIds, [published], {
    acceptedAt: true,
    author: true,
    createdAt: true,
    isAccepted: true,
    thread: true,
    validatedAt: true,
  }, reading)
  type Replies = { firstAnswerMs: number | null; acceptedMs: number | null; validatedMs: number | null }
  const repliesOf = new Map<string, Replies>()
  const authorOf = new Map(threads.map((thread) => [String(thread.id), idKey(thread.author)]))
  for (const answer of answers) {
    const threadKey = idKey(answer.thread)
    if (threadKey === null) continue
    const replies = repliesOf.get(threadKey) ?? { acceptedMs: null, firstAnswerMs: null, validatedMs: null }
    const postedMs = timeOf(answer.createdAt)
    const asker = authorOf.get(threadKey) ?? null
    // The asker's own replies are not answers to their question.
    if (postedMs !== null && (asker === null || idKey(answer.author) !== asker)) {
      replies.firstAnswerMs = replies.firstAnswerMs === null ? postedMs : Math.min(replies.firstAnswerMs, postedMs)
    }
    const acceptedMs = answer.isAccepted === true ? timeOf(answer.acceptedAt) : null
    if (acceptedMs !== null) replies.acceptedMs = acceptedMs
    const validatedMs = timeOf(answer.validatedAt)
    if (validatedMs !== null) replies.validatedMs = replies.validatedMs === null ? validatedMs : Math.min(replies.validatedMs, validatedMs)
    repliesOf.set(threadKey, replies)
  }

  const buckets = new Map<AgeBucket, number>(ageBuckets.map((bucket) => [bucket, 0]))
  const toFirstAnswer: number[] = []
  const toAcceptance: number[] = []
  const toValidation: number[] = []
  for (const thread of threads) {
    const askedMs = timeOf(thread.createdAt)
    if (askedMs === null) continue
    const replies = repliesOf.get(String(thread.id))
    if (!replies?.firstAnswerMs && thread.status !== 'closed') {
      const bucket = bucketOf(now - askedMs)
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1)
    }
    if (askedMs < fromMs) continue
    count(thread.procedure, thread.step, 'questions')
    const week = weekRow(askedMs)
    if (week) {
      week.questions += 1
      if (replies?.firstAnswerMs && replies.firstAnswerMs - askedMs <= 48 * hourMs) week.answeredWithin48h += 1
    }
    if (replies?.firstAnswerMs) toFirstAnswer.push((replies.firstAnswerMs - askedMs) / hourMs)
    if (replies?.acceptedMs) toAcceptance.push(Math.max(0, replies.acceptedMs - askedMs) / hourMs)
    if (replies?.validatedMs) toValidation.push(Math.max(0, replies.validatedMs - askedMs) / hourMs)
  }

  if (!isEmptyScope) {
    const validatedSince = scoped([published, { validatedAt: { greater_than_equal: from } }])
    for (const collection of ['answers', 'tips'] as const) {
      for (const row of await allRows(req, collection, validatedSince, { validatedAt: true }, reading)) {
        const week = weekRow(timeOf(row.validatedAt))
        if (week) week.validations += 1
      }
    }
    for (const tip of await allRows(req, 'tips', scoped([published, { createdAt: { greater_than_equal: from } }]), {
      procedure: true,
      step: true,
    }, reading)) {
      count(tip.procedure, tip.step, 'tips')
    }
  }

  // Helpfulness of the period, by item; the items give their procedure (and an answer, its question's step).
  const feedback = await sharedRead(reading, 'feedback', () => allRows(req, 'helpfulness', { createdAt: { greater_than_equal: from } }, {
    createdAt: true,
    isHelpful: true,
    target: true,
  }, reading))
  const targetIds: Record<HelpfulnessRow['collection'], ID[]> = { answers: [], guides: [], 'wiki-pages': [] }
  for (const row of feedback) {
    const target = row.target
    if (!isRecord(target)) continue
    const id = idOf(target.value)
    const collection = target.relationTo
    if (id !== null && (collection === 'answers' || collection === 'guides' || collection === 'wiki-pages')) {
      targetIds[collection].push(id)
    }
  }
  type TargetInfo = { title: string; procedure: unknown; step: unknown }
  const targets = new Map<string, TargetInfo>()
  const distinct = (ids: ID[]) => [...new Map(ids.map((id) => [String(id), id])).values()]
  const guideRows = await sharedRead(reading, 'guides', () =>
    rowsIn(req, 'guides', 'id', distinct(targetIds.guides), [], { procedure: true, title: true }, reading),
  )
  for (const row of guideRows) {
    targets.set(`guides|${String(row.id)}`, { procedure: row.procedure, step: null, title: String(row.title ?? '') })
  }
  const pageRows = await sharedRead(reading, 'wiki-pages', () =>
    rowsIn(req, 'wiki-pages', 'id', distinct(targetIds['wiki-pages']), [], { procedure: true, title: true }, reading),
  )
  for (const row of pageRows) {
    targets.set(`wiki-pages|${String(row.id)}`, { procedure: row.procedure, step: null, title: String(row.title ?? '') })
  }
  const answerRows = await sharedRead(reading, 'answers', () =>
    rowsIn(req, 'answers', 'id', distinct(targetIds.answers), [], { body: true, procedure: true, thread: true }, reading),
  )
  const answerThreads = await sharedRead(reading, 'answer-threads', () =>
    rowsIn(
      req,
      'threads',
      'id',
      distinct(answerRows.map((row) => idOf(row.thread)).filter((id): id is ID => id !== null)),
      [],
      { step: true, title: true },
      reading,
    ),
  )
  const threadInfo = new Map(answerThreads.map((row) => [String(row.id), row]))
  for (const row of answerRows) {
    const thread = threadInfo.get(String(idKey(row.thread)))
    const body = typeof row.body === 'string' ? row.body.replace(/\s+/g, ' ').trim() : ''
    targets.set(`answers|${String(row.id)}`, {
      procedure: row.procedure,
      step: thread?.step ?? null,
      title: thread && typeof thread.title === 'string' ? thread.title : body.slice(0, 80),
    })
  }
  const perItem = new Map<string, HelpfulnessRow>()
  for (const row of feedback) {
    const target = row.target
    if (!isRecord(target)) continue
    const collection = target.relationTo
    const id = idOf(target.value)
    if (id === null || (collection !== 'answers' && collection !== 'guides' && collection !== 'wiki-pages')) continue
    const key = `${collection}|${String(id)}`
    const info = targets.get(key)
    // An item since deleted, or outside the agency: not counted.
    if (!info) continue
    if (wantedAgency !== null && !inScope(info.procedure)) continue
    const item = perItem.get(key) ?? {
      collection,
      helpful: 0,
      helpfulShare: 0,
      id,
      notHelpful: 0,
      procedure: byProcedure.get(String(idKey(info.procedure)))?.title ?? null,
      title: info.title,
    }
    if (row.isHelpful === true) item.helpful += 1
    else {
      item.notHelpful += 1
      count(info.procedure, info.step, 'notHelpful')
      const week = weekRow(timeOf(row.createdAt))
      if (week) week.notHelpful += 1
    }
    perItem.set(key, item)
  }
  const helpfulness = [...perItem.values()]
    .map((item) => ({ ...item, helpfulShare: Math.round((item.helpful / (item.helpful + item.notHelpful)) * 10000) / 10000 }))
    .sort((a, b) => b.notHelpful - a.notHelpful || a.helpfulShare - b.helpfulShare || a.title.localeCompare(b.title, 'fr'))
    .slice(0, listed)

  // Zero-hit searches: the whole site's, the queries that still find nothing, by their searches in the period.
  const searchRows = await req.payload.find({
    collection: 'search-queries',
    depth: 0,
    limit: 200,
    overrideAccess: true,
    pagination: false,
    req,
    select: { lastSearchedAt: true, query: true, zeroHitWeeks: true },
    sort: '-zeroHitSearches',
    where: { and: [{ hits: { equals: 0 } }, { zeroHitSearches: { greater_than: 0 } }, { lastSearchedAt: { greater_than_equal: from } }] },
  })
  const zeroHitSearches: ZeroHitSearch[] = []
  for (const doc of searchRows.docs) {
    if (!isRecord(doc) || typeof doc.query !== 'string') continue
    const stored = isRecord(doc.zeroHitWeeks) ? doc.zeroHitWeeks : {}
    const perWeek = weeks.map((week) => numberOf(stored[week]) ?? 0)
    const searches = perWeek.reduce((sum, value) => sum + value, 0)
    if (searches === 0) continue
    perWeek.forEach((value, index) => {
      const week = weekly[index]
      if (week) week.zeroHitSearches += value
    })
    const lastFourWeeks = perWeek.slice(-4).reduce((sum, value) => sum + value, 0)
    const previousFourWeeks = perWeek.slice(-8, -4).reduce((sum, value) => sum + value, 0)
    zeroHitSearches.push({
      lastFourWeeks,
      lastSearchedAt: typeof doc.lastSearchedAt === 'string' ? doc.lastSearchedAt : null,
      previousFourWeeks,
      query: doc.query,
      searches,
      trend:
        previousFourWeeks === 0
          ? lastFourWeeks === 0
            ? 'steady'
            : 'new'
          : lastFourWeeks > previousFourWeeks * 1.2
            ? 'rising'
            : lastFourWeeks < previousFourWeeks * 0.8
              ? 'falling'
              : 'steady',
      weeks: perWeek,
    })
  }
  zeroHitSearches.sort((a, b) => b.searches - a.searches || a.query.localeCompare(b.query, 'fr'))

  // Suggestions chosen while asking.
  const finds = isEmptyScope
    ? []
    : await allRows(req, suggestionFindsSlug, scoped([{ createdAt: { greater_than_equal: from } }]), {
        createdAt: true,
        procedure: true,
      }, reading)
  const findsByProcedure = new Map<string, number>()
  for (const find of finds) {
    const week = weekRow(timeOf(find.createdAt))
    if (week) week.suggestionFinds += 1
    const key = idKey(find.procedure) ?? ''
    findsByProcedure.set(key, (findsByProcedure.get(key) ?? 0) + 1)
  }

  const queue = await loadReverifyQueue({ actor: jobActor, agency: wantedAgency, req })
  const procedureOf = (key: string) => {
    const procedure = byProcedure.get(key)
    return procedure ? { id: procedure.id, title: procedure.title } : null
  }
  const struggleRow = (procedure: { id: ID; title: string }, tally: Tally, step: number | null, stepTitle: string | null): StruggleRow => ({
    ...tally,
    procedure,
    step,
    stepTitle,
  })
  const weight = (row: Tally) => row.questions + row.tips + row.notHelpful
  const struggleProcedures: StruggleRow[] = []
  for (const [key, tally] of struggleByProcedure) {
    const procedure = procedureOf(key)
    if (procedure) struggleProcedures.push(struggleRow(procedure, tally, null, null))
  }
  const struggleSteps: StruggleRow[] = []
  for (const [stepKey, tally] of struggleByStep) {
    const [key = '', index = '0'] = stepKey.split('|')
    const procedure = byProcedure.get(key)
    if (!procedure) continue
    const step = Number(index)
    struggleSteps.push(struggleRow({ id: procedure.id, title: procedure.title }, tally, step + 1, procedure.steps[step] ?? null))
  }
  const byWeight = (a: StruggleRow, b: StruggleRow) =>
    weight(b) - weight(a) || a.procedure.title.localeCompare(b.procedure.title, 'fr') || (a.step ?? 0) - (b.step ?? 0)

  return {
    agencies,
    agency: wantedAgency === null ? null : (agencies.find((row) => isSameId(row.id, wantedAgency)) ?? null),
    computedAt: new Date(now).toISOString(),
    helpfulness,
    medians: {
      acceptanceHours: median(toAcceptance),
      acceptances: toAcceptance.length,
      firstAnswerHours: median(toFirstAnswer),
      firstAnswers: toFirstAnswer.length,
      validationHours: median(toValidation),
      validations: toValidation.length,
    },
    period: { from, weeks },
    reverification: { oldest: queue.items.slice(0, 10), totals: queue.totals },
    struggle: { procedures: struggleProcedures.sort(byWeight).slice(0, listed), steps: struggleSteps.sort(byWeight).slice(0, listed) },
    suggestionFinds: {
      byProcedure: [...findsByProcedure]
        .map(([key, finds]) => ({ finds, procedure: procedureOf(key) }))
        .sort((a, b) => b.finds - a.finds || (a.procedure?.title ?? '').localeCompare(b.procedure?.title ?? '', 'fr')),
      total: finds.length,
    },
    unanswered: {
      buckets: ageBuckets.map((bucket) => ({ bucket, questions: buckets.get(bucket) ?? 0 })),
      total: [...buckets.values()].reduce((sum, value) => sum + value, 0),
    },
    weekly,
    zeroHitSearches: zeroHitSearches.slice(0, listed),
  }
}

/**
 * The listening dashboard the scheduled job last computed, for the signed-in
 * person: an agent their own agency's (asking for another one is a 403), an
 * editor or an admin every agency's or the one asked for. Null before the
 * job's first run, or when the agency was created after it (its dashboard
 * comes with the next run). One small read per request: the dashboards
 * themselves are read again only when the job stored newer ones.
 * @throws NotFoundError (404) for an agency that does not exist.
 */
export const loadDashboard = async ({
  actor,
  agency,
  req,
}: {
  req: PayloadRequest
  actor: Actor
  agency: ID | null
}): Promise<Dashboard | null> => {
  const wanted = agencyWanted(actor, agency)
  const stored = await readDashboards(req.payload, req)
  const dashboard = stored === null ? undefined : wanted === null ? stored.all : stored.byAgency[String(wanted)]
  if (stored === null || dashboard === undefined) {
    if (wanted !== null) {
      const { totalDocs } = await req.payload.count({ collection: 'agencies', overrideAccess: true, req, where: { id: { equals: wanted } } })
      if (totalDocs === 0) throw new NotFoundError('agency', wanted)
    }
    return null
  }
  const agencies = agencyScopeOf(actor).kind === 'agency' ? stored.agencies.filter((row) => isSameId(row.id, wanted)) : stored.agencies
  return { ...dashboard, agencies }
}
