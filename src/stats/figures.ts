import { toCsv } from '../utilities/csv.ts'

/**
 * The public accountability figures: their shape, and the pure arithmetic
 * that turns counted events into them (months, shares, medians). Reading the
 * database is `computePublicFigures.ts`'s work; this file never touches it.
 */

/** The figures of one month, for one procedure, one agency or the whole site. */
export type MonthFigures = {
  /** The calendar month, UTC, as `YYYY-MM`. */
  month: string
  /** Published questions asked that month, at least 48 hours before the figures were computed. */
  questions: number
  /** Those of them that had a published answer from someone other than the asker within 48 hours. */
  answeredWithin48h: number
  /** `answeredWithin48h / questions`, from 0 to 1; null when there were no questions. */
  answeredWithin48hRate: number | null
  /**
   * Times someone typing a new question chose, instead, one of the existing
   * questions or official pages suggested under its title, that month: questions
   * probably not asked twice.
   */
  questionsAvoided: number
  /** Published answers and tips an agent validated that month. */
  validations: number
  /** Median time from posting to validation of those answers and tips, in hours; null when none. */
  medianHoursToValidation: number | null
  /** Published answers validated that month (promoted ones included): the official answers. */
  officialAnswers: number
  /** Published guides when the month was last measured; null when the job did not run that month. */
  guides: number | null
  /** Those of them verified (or re-verified) in the 12 months before, and not waiting for re-verification since. */
  guidesVerified: number | null
  /** `guidesVerified / guides`, from 0 to 1; null when there were no guides or no measurement. */
  guidesVerifiedRate: number | null
}

/** The figures of one procedure, month by month. */
export type ProcedureFigures = { slug: string; title: string; agency: string | null; months: MonthFigures[] }

/** The figures of one agency (all its procedures together), month by month. */
export type AgencyFigures = { slug: string; name: string; months: MonthFigures[] }

/** What the scheduled job stores and `GET /api/entraide/stats` serves. */
export type PublicFigures = {
  /** When the job computed these figures (ISO 8601). */
  computedAt: string
  /** The months covered, oldest first (`YYYY-MM`, UTC). */
  period: { from: string; to: string; timeZone: 'UTC' }
  /** The whole site, procedures of no agency included. */
  total: { months: MonthFigures[] }
  agencies: AgencyFigures[]
  procedures: ProcedureFigures[]
}

export const hourMs = 60 * 60 * 1000
/** How soon a question must get its first answer to count as answered in time. */
export const answerDeadlineMs = 48 * hourMs
/** How recent a guide's verification must be to count as verified. */
export const guideVerificationMonths = 12

/** The UTC month of a moment, `YYYY-MM`. */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7)

/** The first moment of the UTC month `months` months before the month of `now`. */
export const monthStartBefore = (now: Date, months: number): Date =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1))

/** The moment `months` months before `now`, day and time kept (clamped by `Date` at month ends). */
export const monthsBefore = (now: Date, months: number): Date => {
  const moment = new Date(now.getTime())
  moment.setUTCMonth(moment.getUTCMonth() - months)
  return moment
}

/** The months from the month of `from` to the month of `to`, oldest first. */
export const monthsBetween = (from: Date, to: Date): string[] => {
  const months: string[] = []
  for (let year = from.getUTCFullYear(), month = from.getUTCMonth(); ; month++) {
    const moment = Date.UTC(year, month, 1)
    if (moment > to.getTime()) break
    months.push(monthOf(moment))
    if (months.length > 1200) break
  }
  return months
}

/** The median of some numbers; null when there are none. The list is sorted in place. */
export const median = (values: number[]): number | null => {
  if (values.length === 0) return null
  values.sort((a, b) => a - b)
  const middle = Math.floor(values.length / 2)
  const upper = values[middle] ?? 0
  return values.length % 2 === 1 ? upper : ((values[middle - 1] ?? 0) + upper) / 2
}

/** A share from 0 to 1, rounded to 4 decimals; null when nothing was counted. */
export const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000

/** What is counted for one month of one scope while the job reads. */
type MonthTally = {
  questions: number
  answeredWithin48h: number
  questionsAvoided: number
  validationHours: number[]
  officialAnswers: number
  guides: number | null
  guidesVerified: number | null
}

const emptyTally = (): MonthTally => ({
  answeredWithin48h: 0,
  guides: null,
  guidesVerified: null,
  officialAnswers: 0,
  questions: 0,
  questionsAvoided: 0,
  validationHours: [],
})

/**
 * The counts of one scope (a procedure, an agency, the site), month by month.
 * Months outside the period are ignored, so callers need not check.
 */
export class ScopeTally {
  private readonly months = new Map<string, MonthTally>()

  constructor(private readonly period: ReadonlySet<string>) {}

  private at(month: string): MonthTally | null {
    if (!this.period.has(month)) return null
    let tally = this.months.get(month)
    if (!tally) {
      tally = emptyTally()
      this.months.set(month, tally)
    }
    return tally
  }

  /** A question asked in `month`, answered within 48 hours or not. */
  question(month: string, isAnsweredInTime: boolean): void {
    const tally = this.at(month)
    if (!tally) return
    tally.questions += 1
    if (isAnsweredInTime) tally.answeredWithin48h += 1
  }

  /** A suggested question or official page chosen in `month` by someone about to ask. */
  questionAvoided(month: string): void {
    const tally = this.at(month)
    if (tally) tally.questionsAvoided += 1
  }

  /** An answer or tip validated in `month`, `hours` after it was posted. */
  validation(month: string, hours: number, isAnswer: boolean): void {
    const tally = this.at(month)
    if (!tally) return
    tally.validationHours.push(hours)
    if (isAnswer) tally.officialAnswers += 1
  }

  /** A guide counted in `month`'s measurement, verified in time or not. */
  guide(month: string, isVerified: boolean): void {
    const tally = this.at(month)
    if (!tally) return
    tally.guides = (tally.guides ?? 0) + 1
    tally.guidesVerified = (tally.guidesVerified ?? 0) + (isVerified ? 1 : 0)
  }

  /** A month's guide measurement made by an earlier run, kept when this run did not measure that month. */
  keepGuides(month: string, measured: { guides: number | null; guidesVerified: number | null }): void {
    if (measured.guides === null) return
    const tally = this.at(month)
    if (!tally || tally.guides !== null) return
    tally.guides = measured.guides
    tally.guidesVerified = measured.guidesVerified ?? 0
  }

  /** Marks `month` as measured for guides, with none found. */
  measuredGuides(month: string): void {
    const tally = this.at(month)
    if (!tally || tally.guides !== null) return
    tally.guides = 0
    tally.guidesVerified = 0
  }

  /** The figures of every month of the period, oldest first. */
  figures(months: readonly string[]): MonthFigures[] {
    return months.map((month) => {
      const tally = this.months.get(month) ?? emptyTally()
      const hours = median(tally.validationHours)
      return {
        answeredWithin48h: tally.answeredWithin48h,
        answeredWithin48hRate: rate(tally.answeredWithin48h, tally.questions),
        guides: tally.guides,
        guidesVerified: tally.guidesVerified,
        guidesVerifiedRate: tally.guides === null ? null : rate(tally.guidesVerified ?? 0, tally.guides),
        medianHoursToValidation: hours === null ? null : Math.round(hours * 10) / 10,
        month,
        officialAnswers: tally.officialAnswers,
        questions: tally.questions,
        questionsAvoided: tally.questionsAvoided,
        validations: tally.validationHours.length,
      }
    })
  }
}

/** The columns of the CSV export, in order. */
export const csvColumns = [
  'scope',
  'agency',
  'agency_name',
  'procedure',
  'procedure_title',
  'month',
  'questions',
  'answered_within_48h',
  'answered_within_48h_rate',
  'validations',
  'median_hours_to_validation',
  'official_answers',
  'guides',
  'guides_verified_within_12_months',
  'guides_verified_rate',
  'questions_avoided',
  'computed_at',
] as const

const monthCells = (month: MonthFigures, computedAt: string): (string | number | null)[] => [
  month.month,
  month.questions,
  month.answeredWithin48h,
  month.answeredWithin48hRate,
  month.validations,
  month.medianHoursToValidation,
  month.officialAnswers,
  month.guides,
  month.guidesVerified,
  month.guidesVerifiedRate,
  month.questionsAvoided,
  computedAt,
]

/**
 * The figures as CSV: a header line, then one line per month of the site,
 * of each agency and of each procedure (`scope` says which), each with the
 * time the figures were computed. Empty cells are figures that do not exist
 * (no question, no measurement). Lines end in CRLF.
 */
export const figuresToCsv = (figures: PublicFigures | null): string => {
  const lines: (string | number | null)[][] = [[...csvColumns]]
  if (figures) {
    const agencyNames = new Map(figures.agencies.map((agency) => [agency.slug, agency.name]))
    const cells = (month: MonthFigures) => monthCells(month, figures.computedAt)
    for (const month of figures.total.months) lines.push(['site', null, null, null, null, ...cells(month)])
    for (const agency of figures.agencies) {
      for (const month of agency.months) lines.push(['agency', agency.slug, agency.name, null, null, ...cells(month)])
    }
    for (const procedure of figures.procedures) {
      const agencyName = procedure.agency === null ? null : (agencyNames.get(procedure.agency) ?? null)
      for (const month of procedure.months) {
        lines.push(['procedure', procedure.agency, agencyName, procedure.slug, procedure.title, ...cells(month)])
      }
    }
  }
  return toCsv(lines)
}
