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
import { yieldToEventLoop } from '../utilities/eventLoop.ts'

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

/** The median, 1 decimal; the mean of the two middle values for an even count; null when empty. Sorts a copy. */
export const median = (values: ArrayLike<number>): number | null => {
  if (values.length === 0) return null
  const sorted = Float64Array.from(values).sort()
  const middle = Math.floor(sorted.length / 2)
  const value =
    sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
  return Math.round(value * 10) / 10
}

/** Durations in hours, kept as plain numbers in a growing `Float64Array` (8 bytes each), for a median. */
class Durations {
  private values = new Float64Array(1024)
  length = 0

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.length] = value
    this.length += 1
  }

  median(): number | null {
    return median(this.values.subarray(0, this.length))
  }
}

/** Items a loop handles before it lets the event loop run the requests waiting (`yieldToEventLoop`). */
const itemsPerBreath = 2000

/** Counts the items of a long loop and says when it is time to yield to the event loop. */
const pacer = () => {
  let count = 0
  return (): boolean => {
    count += 1
    if (count < itemsPerBreath) return false
    count = 0
    return true
  }
}

/**
 * How the rows are read: `pageSize` rows per query and `idsPerQuery` ids per
 * `in` filter; `afterPage` run between pages with how long the page kept the
 * event loop busy (a background job rests there; without it, the computation
 * still lets the event loop run between pages); and `shared`, kept across the computations
 * of one job run, holding what is the same whatever the agency (the "was
 * this helpful?" answers, counted per item, and the items they are about),
 * so that it is read once per run.
 */
export type Reading = {
  pageSize?: number
  idsPerQuery?: number
  afterPage?: (busyMs: number) => Promise<void>
  shared?: Map<string, Promise<FeedbackItem[]>>
}

/** `read()`, or what an earlier computation of the same job run read under `key`. */
const sharedRead = (reading: Reading, key: string, read: () => Promise<FeedbackItem[]>): Promise<FeedbackItem[]> => {
  if (!reading.shared) return read()
  const known = reading.shared.get(key)
  if (known) return known
  const value = read()
  reading.shared.set(key, value)
  return value
}

/**
 * Every matching row, with only the selected fields, a page at a time in id
 * order (each page after the last id of the previous one): bounded reads that
 * every database adapter serves from its primary key. The caller counts each
 * row as it comes; no page is kept.
 */
const rowsOf = (
  req: PayloadRequest,
  collection: CollectionSlug,
  where: Where,
  select: SelectType,
  reading: Reading,
): AsyncGenerator<Row> =>
  rowsById({
    afterPage: reading.afterPage ?? yieldToEventLoop,
    collection,
    pageSize: reading.pageSize ?? pageSize,
    req,
    select,
    where,
  })

/** `rowsOf` for a long list of ids, a slice of them per query. */
async function* rowsIn(
  req: PayloadRequest,
  collection: CollectionSlug,
  field: string,
  ids: ID[],
  where: Where[],
  select: SelectType,
  reading: Reading,
): AsyncGenerator<Row> {
  const perQuery = reading.idsPerQuery ?? idsPerQuery
  for (let start = 0; start < ids.length; start += perQuery) {
    const slice = ids.slice(start, start + perQuery)
    yield* rowsOf(req, collection, { and: [...where, { [field]: { in: slice } }] }, select, reading)
  }
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

type FeedbackCollection = HelpfulnessRow['collection']
const isFeedbackCollection = (value: unknown): value is FeedbackCollection =>
  value === 'answers' || value === 'guides' || value === 'wiki-pages'

/** The "was this helpful?" answers of the period about one item, counted, with what the item is. */
type FeedbackItem = {
  collection: FeedbackCollection
  id: ID
  title: string
  procedure: string | null
  step: unknown
  helpful: number
  notHelpful: number
  /** "Not helpful" answers per week of the period (by index), created at the first one. */
  notHelpfulWeeks: Int32Array | null
  /** The rank of the item's first "not helpful" answer among all answers read (id order), or Infinity. */
  firstNotHelpful: number
}

/**
 * The "was this helpful?" answers given since `from`, counted per item as
 * they are read (the answers themselves are not kept), and what each item
 * is: its title, procedure and (an answer) its question's step. Items since
 * deleted are left out. The same for every agency: read once per job run.
 */
const readFeedback = async (
  req: PayloadRequest,
  from: string,
  weekIndex: ReadonlyMap<string, number>,
  reading: Reading,
): Promise<FeedbackItem[]> => {
  type Counted = {
    collection: FeedbackCollection
    id: ID
    helpful: number
    notHelpful: number
    notHelpfulWeeks: Int32Array | null
    firstNotHelpful: number
  }
  const counted = new Map<string, Counted>()
  let rank = 0
  for await (const row of rowsOf(
    req,
    'helpfulness',
    { createdAt: { greater_than_equal: from } },
    { createdAt: true, isHelpful: true, target: true },
    reading,
  )) {
    rank += 1
    const target = row.target
    if (!isRecord(target)) continue
    const collection = target.relationTo
    const id = idOf(target.value)
    if (id === null || !isFeedbackCollection(collection)) continue
    const key = `${collection}|${String(id)}`
    let item = counted.get(key)
    if (!item) {
      item = {
        collection,
        firstNotHelpful: Number.POSITIVE_INFINITY,
        helpful: 0,
        id,
        notHelpful: 0,
        notHelpfulWeeks: null,
      }
      counted.set(key, item)
    }
    if (row.isHelpful === true) {
      item.helpful += 1
      continue
    }
    item.notHelpful += 1
    if (item.firstNotHelpful === Number.POSITIVE_INFINITY) item.firstNotHelpful = rank
    const askedMs = timeOf(row.createdAt)
    const week = askedMs === null ? undefined : weekIndex.get(weekOf(askedMs))
    if (week !== undefined) {
      item.notHelpfulWeeks ??= new Int32Array(weekIndex.size)
      item.notHelpfulWeeks[week] = (item.notHelpfulWeeks[week] ?? 0) + 1
    }
  }

  type Info = { title: string; procedure: string | null; step: unknown }
  const infos = new Map<string, Info>()
  const idsOf = (collection: FeedbackCollection): ID[] => {
    const ids: ID[] = []
    for (const item of counted.values()) if (item.collection === collection) ids.push(item.id)
    return ids
  }
  for (const collection of ['guides', 'wiki-pages'] as const) {
    for await (const row of rowsIn(
      req,
      collection,
      'id',
      idsOf(collection),
      [],
      { procedure: true, title: true },
      reading,
    )) {
      infos.set(`${collection}|${String(row.id)}`, {
        procedure: idKey(row.procedure),
        step: null,
        title: String(row.title ?? ''),
      })
    }
  }
  // An answer is titled after its question (or the start of its text), and is about its question's step.
  type AnswerInfo = { procedure: string | null; thread: string | null; start: string }
  const answerInfos = new Map<string, AnswerInfo>()
  const threadIds = new Map<string, ID>()
  for await (const row of rowsIn(
    req,
    'answers',
    'id',
    idsOf('answers'),
    [],
    { body: true, procedure: true, thread: true },
    reading,
  )) {
    const thread = idOf(row.thread)
    if (thread !== null) threadIds.set(String(thread), thread)
    const body = typeof row.body === 'string' ? row.body.replace(/\s+/g, ' ').trim() : ''
    answerInfos.set(String(row.id), {
      procedure: idKey(row.procedure),
      start: body.slice(0, 80),
      thread: thread === null ? null : String(thread),
    })
  }
  const threads = new Map<string, { title: string | null; step: unknown }>()
  for await (const row of rowsIn(
    req,
    'threads',
    'id',
    [...threadIds.values()],
    [],
    { step: true, title: true },
    reading,
  )) {
    threads.set(String(row.id), { step: row.step ?? null, title: typeof row.title === 'string' ? row.title : null })
  }
  for (const [key, answer] of answerInfos) {
    const thread = answer.thread === null ? undefined : threads.get(answer.thread)
    infos.set(`answers|${key}`, {
      procedure: answer.procedure,
      step: thread?.step ?? null,
      title: thread && thread.title !== null ? thread.title : answer.start,
    })
  }

  const items: FeedbackItem[] = []
  const isDue = pacer()
  for (const [key, item] of counted) {
    const info = infos.get(key)
    // An item since deleted: not counted.
    if (info) items.push({ ...item, ...info })
    if (isDue()) await yieldToEventLoop()
  }
  return items
}

/**
 * The listening dashboard: what people ask, where they struggle, what they
 * search for in vain and what they think of the answers, over the last
 * `dashboardWeeks` weeks (questions still unanswered and the re-verification
 * backlog: whatever their age), for one agency or every agency (null). Reads
 * the matching rows with `find` and `select` only, a page at a time, so that
 * every database adapter serves it, and counts each page as it comes into
 * small tallies (per week, per procedure and step, per item, and the
 * durations to first answer, acceptance and validation as plain numbers for
 * their medians): no row is kept once counted, and between pages, and every
 * `itemsPerBreath` items of a longer loop, the event loop runs what waits.
 * The scheduled job calls it (see `jobs/listeningDashboard.ts`), never a
 * request; see `Reading` for how it reads. Zero-hit searches are not tied
 * to a procedure: they are the whole site's, for agents too.
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
    wantedAgency === null
      ? { and: where }
      : { and: [...where, { procedure: { in: procedures.map((procedure) => procedure.id) } }] }
  const isEmptyScope = wantedAgency !== null && procedures.length === 0
  const published: Where = { visibility: { equals: 'published' } }

  const struggleByProcedure = new Map<string, Tally>()
  const struggleByStep = new Map<string, Tally>()
  const count = (procedure: unknown, step: unknown, field: keyof Tally, by = 1) => {
    const key = idKey(procedure)
    if (key === null || !byProcedure.has(key)) return
    const own = struggleByProcedure.get(key) ?? emptyTally()
    own[field] += by
    struggleByProcedure.set(key, own)
    const stepNumber = numberOf(step)
    if (stepNumber === null) return
    const stepKey = `${key}|${stepNumber}`
    const atStep = struggleByStep.get(stepKey) ?? emptyTally()
    atStep[field] += by
    struggleByStep.set(stepKey, atStep)
  }

  // Questions of the period, and the older ones still open (they may still wait for an answer),
  // read a page at a time; the answers of each batch of `idsPerQuery` questions are read and
  // counted before the next batch, so that only a batch's small records are held at once.
  const buckets = new Map<AgeBucket, number>(ageBuckets.map((bucket) => [bucket, 0]))
  const toFirstAnswer = new Durations()
  const toAcceptance = new Durations()
  const toValidation = new Durations()
  /** A question of the current batch: what its answers decide. */
  type Question = {
    id: ID
    askedMs: number
    author: string | null
    isClosed: boolean
    firstAnswerMs: number | null
    acceptedMs: number | null
    validatedMs: number | null
  }
  const batch = new Map<string, Question>()
  const countBatch = async () => {
    const ids = [...batch.values()].map((question) => question.id)
    const answerSelect: SelectType = {
      acceptedAt: true,
      author: true,
      createdAt: true,
      isAccepted: true,
      thread: true,
      validatedAt: true,
      visibility: true,
    }
    // Filtered on visibility here, not in the query: with it, SQLite read every published answer
    // (its visibility index) for each page instead of the batch's (its thread index).
    for await (const answer of rowsIn(req, 'answers', 'thread', ids, [], answerSelect, reading)) {
      if (answer.visibility !== 'published') continue
      const question = batch.get(String(idKey(answer.thread)))
      if (!question) continue
      const postedMs = timeOf(answer.createdAt)
      // The asker's own replies are not answers to their question.
      if (postedMs !== null && (question.author === null || idKey(answer.author) !== question.author)) {
        question.firstAnswerMs = question.firstAnswerMs === null ? postedMs : Math.min(question.firstAnswerMs, postedMs)
      }
      const acceptedMs = answer.isAccepted === true ? timeOf(answer.acceptedAt) : null
      if (acceptedMs !== null) question.acceptedMs = acceptedMs
      const validatedMs = timeOf(answer.validatedAt)
      if (validatedMs !== null)
        question.validatedMs = question.validatedMs === null ? validatedMs : Math.min(question.validatedMs, validatedMs)
    }
    for (const { acceptedMs, askedMs, firstAnswerMs, isClosed, validatedMs } of batch.values()) {
      if (!firstAnswerMs && !isClosed) {
        const bucket = bucketOf(now - askedMs)
        buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1)
      }
      if (askedMs < fromMs) continue
      const week = weekRow(askedMs)
      if (week && firstAnswerMs && firstAnswerMs - askedMs <= 48 * hourMs) week.answeredWithin48h += 1
      if (firstAnswerMs) toFirstAnswer.push((firstAnswerMs - askedMs) / hourMs)
      if (acceptedMs) toAcceptance.push(Math.max(0, acceptedMs - askedMs) / hourMs)
      if (validatedMs) toValidation.push(Math.max(0, validatedMs - askedMs) / hourMs)
    }
    batch.clear()
  }
  if (!isEmptyScope) {
    const asked = scoped([
      published,
      { or: [{ createdAt: { greater_than_equal: from } }, { status: { equals: 'open' } }] },
    ])
    const threadSelect: SelectType = { author: true, createdAt: true, procedure: true, status: true, step: true }
    for await (const thread of rowsOf(req, 'threads', asked, threadSelect, reading)) {
      const id = idOf(thread.id)
      const askedMs = timeOf(thread.createdAt)
      if (id === null || askedMs === null) continue
      if (askedMs >= fromMs) {
        count(thread.procedure, thread.step, 'questions')
        const week = weekRow(askedMs)
        if (week) week.questions += 1
      }
      batch.set(String(id), {
        acceptedMs: null,
        askedMs,
        author: idKey(thread.author),
        firstAnswerMs: null,
        id,
        isClosed: thread.status === 'closed',
        validatedMs: null,
      })
      if (batch.size >= (reading.idsPerQuery ?? idsPerQuery)) await countBatch()
    }
    if (batch.size > 0) await countBatch()

    const validatedSince = scoped([published, { validatedAt: { greater_than_equal: from } }])
    for (const collection of ['answers', 'tips'] as const) {
      for await (const row of rowsOf(req, collection, validatedSince, { validatedAt: true }, reading)) {
        const week = weekRow(timeOf(row.validatedAt))
        if (week) week.validations += 1
      }
    }
    const tipsSince = scoped([published, { createdAt: { greater_than_equal: from } }])
    for await (const tip of rowsOf(req, 'tips', tipsSince, { procedure: true, step: true }, reading)) {
      count(tip.procedure, tip.step, 'tips')
    }
  }

  // Helpfulness of the period, by item; the items give their procedure (and an answer, its question's step).
  const feedback = await sharedRead(reading, `feedback|${from}`, () => readFeedback(req, from, weekIndex, reading))
  const perItem: HelpfulnessRow[] = []
  const struggling: FeedbackItem[] = []
  let isDue = pacer()
  for (const item of feedback) {
    if (isDue()) await yieldToEventLoop()
    // An item outside the agency: not counted.
    if (wantedAgency !== null && !inScope(item.procedure)) continue
    perItem.push({
      collection: item.collection,
      helpful: item.helpful,
      helpfulShare: Math.round((item.helpful / (item.helpful + item.notHelpful)) * 10000) / 10000,
      id: item.id,
      notHelpful: item.notHelpful,
      procedure: byProcedure.get(String(item.procedure))?.title ?? null,
      title: item.title,
    })
    if (item.notHelpful === 0) continue
    struggling.push(item)
    item.notHelpfulWeeks?.forEach((value, index) => {
      const week = weekly[index]
      if (week) week.notHelpful += value
    })
  }
  // In the order of each item's first "not helpful" answer, as if they were counted one by one.
  struggling.sort((a, b) => a.firstNotHelpful - b.firstNotHelpful)
  for (const item of struggling) count(item.procedure, item.step, 'notHelpful', item.notHelpful)
  const helpfulness = perItem
    .sort(
      (a, b) => b.notHelpful - a.notHelpful || a.helpfulShare - b.helpfulShare || a.title.localeCompare(b.title, 'fr'),
    )
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
    where: {
      and: [
        { hits: { equals: 0 } },
        { zeroHitSearches: { greater_than: 0 } },
        { lastSearchedAt: { greater_than_equal: from } },
      ],
    },
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
  let finds = 0
  const findsByProcedure = new Map<string, number>()
  if (!isEmptyScope) {
    const chosenSince = scoped([{ createdAt: { greater_than_equal: from } }])
    for await (const find of rowsOf(
      req,
      suggestionFindsSlug,
      chosenSince,
      { createdAt: true, procedure: true },
      reading,
    )) {
      finds += 1
      const week = weekRow(timeOf(find.createdAt))
      if (week) week.suggestionFinds += 1
      const key = idKey(find.procedure) ?? ''
      findsByProcedure.set(key, (findsByProcedure.get(key) ?? 0) + 1)
    }
  }

  const queue = await loadReverifyQueue({ actor: jobActor, agency: wantedAgency, req })
  const procedureOf = (key: string) => {
    const procedure = byProcedure.get(key)
    return procedure ? { id: procedure.id, title: procedure.title } : null
  }
  const struggleRow = (
    procedure: { id: ID; title: string },
    tally: Tally,
    step: number | null,
    stepTitle: string | null,
  ): StruggleRow => ({
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
  isDue = pacer()
  for (const [stepKey, tally] of struggleByStep) {
    if (isDue()) await yieldToEventLoop()
    const [key = '', index = '0'] = stepKey.split('|')
    const procedure = byProcedure.get(key)
    if (!procedure) continue
    const step = Number(index)
    struggleSteps.push(
      struggleRow({ id: procedure.id, title: procedure.title }, tally, step + 1, procedure.steps[step] ?? null),
    )
  }
  const byWeight = (a: StruggleRow, b: StruggleRow) =>
    weight(b) - weight(a) || a.procedure.title.localeCompare(b.procedure.title, 'fr') || (a.step ?? 0) - (b.step ?? 0)

  return {
    agencies,
    agency: wantedAgency === null ? null : (agencies.find((row) => isSameId(row.id, wantedAgency)) ?? null),
    computedAt: new Date(now).toISOString(),
    helpfulness,
    medians: {
      acceptanceHours: toAcceptance.median(),
      acceptances: toAcceptance.length,
      firstAnswerHours: toFirstAnswer.median(),
      firstAnswers: toFirstAnswer.length,
      validationHours: toValidation.median(),
      validations: toValidation.length,
    },
    period: { from, weeks },
    reverification: { oldest: queue.items.slice(0, 10), totals: queue.totals },
    struggle: {
      procedures: struggleProcedures.sort(byWeight).slice(0, listed),
      steps: struggleSteps.sort(byWeight).slice(0, listed),
    },
    suggestionFinds: {
      byProcedure: [...findsByProcedure]
        .map(([key, count]) => ({ finds: count, procedure: procedureOf(key) }))
        .sort((a, b) => b.finds - a.finds || (a.procedure?.title ?? '').localeCompare(b.procedure?.title ?? '', 'fr')),
      total: finds,
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
      const { totalDocs } = await req.payload.count({
        collection: 'agencies',
        overrideAccess: true,
        req,
        where: { id: { equals: wanted } },
      })
      if (totalDocs === 0) throw new NotFoundError('agency', wanted)
    }
    return null
  }
  const agencies =
    agencyScopeOf(actor).kind === 'agency' ? stored.agencies.filter((row) => isSameId(row.id, wanted)) : stored.agencies
  return { ...dashboard, agencies }
}
