import type { CollectionSlug, PayloadRequest, SelectType, Where } from 'payload'

import { suggestionFindsSlug } from '../collections/SuggestionFinds.ts'
import { backgroundPageSize, restAfterPage, rowsById } from '../data/local.ts'
import { publicWhere } from '../policies/visibility.ts'
import { idKey } from '../utilities/ids.ts'
import {
  answerDeadlineMs,
  guideVerificationMonths,
  hourMs,
  monthOf,
  monthStartBefore,
  monthsBefore,
  monthsBetween,
  ScopeTally,
  type MonthFigures,
  type PublicFigures,
} from './figures.ts'

type Row = Record<string, unknown>

/**
 * Every row of a collection that matches, with only the selected fields, a
 * page at a time in id order; between pages the job rests (`restAfterPage`:
 * on SQLite an hourly run on 100,000 questions takes about ten minutes
 * instead of about one).
 */
const rowsOf = (
  req: PayloadRequest,
  collection: CollectionSlug,
  where: Where,
  select: SelectType,
): AsyncGenerator<Row> =>
  rowsById({
    afterPage: restAfterPage,
    collection,
    pageSize: backgroundPageSize,
    req,
    select,
    where,
  })

/** A date field read as milliseconds; null when empty or unreadable. */
const timeOf = (value: unknown): number | null => {
  if (typeof value !== 'string' && !(value instanceof Date)) return null
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) ? ms : null
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '')

type ProcedureInfo = { slug: string; title: string; agencyKey: string | null }
type AgencyInfo = { slug: string; name: string }

/** A question of the period, until its answers have been read. */
type QuestionRecord = { askedMs: number; authorKey: string | null; procedureKey: string | null; firstAnswerMs: number }

/** Where each counted event goes: its procedure, that procedure's agency, the whole site. */
class Scopes {
  readonly total: ScopeTally
  readonly byProcedure = new Map<string, ScopeTally>()
  readonly byAgency = new Map<string, ScopeTally>()

  constructor(
    private readonly period: ReadonlySet<string>,
    readonly procedures: ReadonlyMap<string, ProcedureInfo>,
  ) {
    this.total = new ScopeTally(period)
    for (const [key, procedure] of procedures) {
      this.byProcedure.set(key, new ScopeTally(period))
      if (procedure.agencyKey !== null && !this.byAgency.has(procedure.agencyKey)) {
        this.byAgency.set(procedure.agencyKey, new ScopeTally(period))
      }
    }
  }

  /** The tallies an event of this procedure counts in; a procedure since deleted counts for the site only. */
  of(procedureKey: string | null): ScopeTally[] {
    const procedure = procedureKey === null ? undefined : this.procedures.get(procedureKey)
    if (procedureKey === null || !procedure) return [this.total]
    const tallies = [this.total]
    const own = this.byProcedure.get(procedureKey)
    if (own) tallies.push(own)
    const agency = procedure.agencyKey === null ? undefined : this.byAgency.get(procedure.agencyKey)
    if (agency) tallies.push(agency)
    return tallies
  }
}

const byText = (a: string, b: string): number => a.localeCompare(b, 'fr')

/**
 * Computes the public accountability figures from the database, for the
 * `months` months up to `now` (the current one included), per procedure, per
 * agency and for the whole site. Reads stream through the collections a page
 * at a time with only the fields needed, through the Local API (so every
 * database adapter serves them), and never in a transaction: the site's
 * writes go on while the job reads. Holds one small record per question of
 * the period and one number per validation.
 *
 * Guides are measured as they are now, for the current month; the measurement
 * of earlier months comes from `previous` (the last stored figures), since the
 * database keeps only each guide's latest verification.
 */
export const computePublicFigures = async ({
  months,
  now = new Date(),
  previous,
  req,
}: {
  req: PayloadRequest
  months: number
  now?: Date
  previous: PublicFigures | null
}): Promise<PublicFigures> => {
  const from = monthStartBefore(now, months - 1)
  const periodMonths = monthsBetween(from, now)
  const period = new Set(periodMonths)
  const currentMonth = monthOf(now.getTime())
  const since = from.toISOString()

  const agencies = new Map<string, AgencyInfo>()
  for await (const row of rowsOf(req, 'agencies', {}, { name: true, slug: true })) {
    const key = idKey(row.id)
    if (key !== null) agencies.set(key, { name: textOf(row.name), slug: textOf(row.slug) })
  }
  const procedures = new Map<string, ProcedureInfo>()
  for await (const row of rowsOf(req, 'procedures', {}, { agency: true, slug: true, title: true })) {
    const key = idKey(row.id)
    const agencyKey = idKey(row.agency)
    if (key === null) continue
    procedures.set(key, {
      agencyKey: agencyKey !== null && agencies.has(agencyKey) ? agencyKey : null,
      slug: textOf(row.slug),
      title: textOf(row.title),
    })
  }
  const scopes = new Scopes(period, procedures)

  // Questions asked in the period, at least 48 hours ago: their first answer decides.
  const answerable = new Date(now.getTime() - answerDeadlineMs).toISOString()
  const questions = new Map<string, QuestionRecord>()
  const askedWhere: Where = {
    and: [publicWhere, { createdAt: { greater_than_equal: since } }, { createdAt: { less_than_equal: answerable } }],
  }
  for await (const row of rowsOf(req, 'threads', askedWhere, { author: true, createdAt: true, procedure: true })) {
    const key = idKey(row.id)
    const askedMs = timeOf(row.createdAt)
    if (key === null || askedMs === null) continue
    questions.set(key, {
      askedMs,
      authorKey: idKey(row.author),
      firstAnswerMs: Number.POSITIVE_INFINITY,
      procedureKey: idKey(row.procedure),
    })
  }
  // An answer to a question of the period was posted in the period too.
  const answeredWhere: Where = { and: [publicWhere, { createdAt: { greater_than_equal: since } }] }
  for await (const row of rowsOf(req, 'answers', answeredWhere, { author: true, createdAt: true, thread: true })) {
    const threadKey = idKey(row.thread)
    const question = threadKey === null ? undefined : questions.get(threadKey)
    const postedMs = timeOf(row.createdAt)
    if (!question || postedMs === null) continue
    // The asker's own replies do not answer their question.
    if (question.authorKey !== null && question.authorKey === idKey(row.author)) continue
    if (postedMs < question.firstAnswerMs) question.firstAnswerMs = postedMs
  }
  for (const question of questions.values()) {
    const isAnsweredInTime = question.firstAnswerMs - question.askedMs <= answerDeadlineMs
    const month = monthOf(question.askedMs)
    for (const tally of scopes.of(question.procedureKey)) tally.question(month, isAnsweredInTime)
  }
  questions.clear()

  // Suggestions chosen instead of asking, by the month they were chosen in.
  const chosenWhere: Where = { createdAt: { greater_than_equal: since } }
  for await (const row of rowsOf(req, suggestionFindsSlug, chosenWhere, { createdAt: true, procedure: true })) {
    const chosenMs = timeOf(row.createdAt)
    if (chosenMs === null) continue
    for (const tally of scopes.of(idKey(row.procedure))) tally.questionAvoided(monthOf(chosenMs))
  }

  // Validations made in the period, by the month they were made in.
  const validatedWhere: Where = { and: [publicWhere, { validatedAt: { greater_than_equal: since } }] }
  for (const collection of ['answers', 'tips'] as const) {
    const isAnswer = collection === 'answers'
    for await (const row of rowsOf(req, collection, validatedWhere, {
      createdAt: true,
      procedure: true,
      validatedAt: true,
    })) {
      const postedMs = timeOf(row.createdAt)
      const validatedMs = timeOf(row.validatedAt)
      if (postedMs === null || validatedMs === null) continue
      const hours = Math.max(0, validatedMs - postedMs) / hourMs
      for (const tally of scopes.of(idKey(row.procedure))) tally.validation(monthOf(validatedMs), hours, isAnswer)
    }
  }

  // Guides as they stand now, for this month's measurement.
  const verifiedSince = monthsBefore(now, guideVerificationMonths).getTime()
  const guideWhere: Where = { _status: { equals: 'published' } }
  const guideSelect: SelectType = { needsReview: true, procedure: true, reverifiedAt: true, verifiedAt: true }
  for await (const row of rowsOf(req, 'guides', guideWhere, guideSelect)) {
    const verifiedMs = Math.max(timeOf(row.verifiedAt) ?? 0, timeOf(row.reverifiedAt) ?? 0)
    const isVerified = verifiedMs > verifiedSince && verifiedMs <= now.getTime() && row.needsReview !== true
    for (const tally of scopes.of(idKey(row.procedure))) tally.guide(currentMonth, isVerified)
  }

  // Earlier months keep what the runs of those months measured.
  const earlier = previousGuideMeasurements(previous)
  const keep = (scope: string, tally: ScopeTally): void => {
    tally.measuredGuides(currentMonth)
    for (const [month, measured] of earlier.get(scope) ?? [])
      if (month !== currentMonth) tally.keepGuides(month, measured)
  }
  keep('site', scopes.total)

  const agencyFigures = [...scopes.byAgency]
    .map(([key, tally]) => {
      const agency = agencies.get(key) ?? { name: '', slug: key }
      keep(`agency:${agency.slug}`, tally)
      return { months: tally.figures(periodMonths), name: agency.name, slug: agency.slug }
    })
    .sort((a, b) => byText(a.name, b.name))
  const procedureFigures = [...scopes.byProcedure]
    .map(([key, tally]) => {
      const procedure = procedures.get(key) ?? { agencyKey: null, slug: key, title: '' }
      keep(`procedure:${procedure.slug}`, tally)
      const agency = procedure.agencyKey === null ? undefined : agencies.get(procedure.agencyKey)
      return {
        agency: agency?.slug ?? null,
        months: tally.figures(periodMonths),
        slug: procedure.slug,
        title: procedure.title,
      }
    })
    .sort((a, b) => byText(a.title, b.title))

  return {
    agencies: agencyFigures,
    computedAt: now.toISOString(),
    period: { from: periodMonths[0] ?? currentMonth, timeZone: 'UTC', to: currentMonth },
    procedures: procedureFigures,
    total: { months: scopes.total.figures(periodMonths) },
  }
}

type GuideMeasurement = Pick<MonthFigures, 'guides' | 'guidesVerified'>

/** The guide measurements of stored figures, by scope (`site`, `agency:<slug>`, `procedure:<slug>`) and month. */
const previousGuideMeasurements = (previous: PublicFigures | null): Map<string, Map<string, GuideMeasurement>> => {
  const measurements = new Map<string, Map<string, GuideMeasurement>>()
  if (!previous) return measurements
  const add = (scope: string, months: readonly MonthFigures[]): void => {
    measurements.set(scope, new Map(months.map((month) => [month.month, month])))
  }
  add('site', previous.total.months)
  for (const agency of previous.agencies) add(`agency:${agency.slug}`, agency.months)
  for (const procedure of previous.procedures) add(`procedure:${procedure.slug}`, procedure.months)
  return measurements
}
