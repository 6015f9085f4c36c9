import type { CsvValue } from '../utilities/csv.ts'
import type { Dashboard } from './dashboard.ts'

/** The dashboard's tables, each exported as CSV with `?format=csv&table=<name>`. */
export const dashboardTables = [
  'unanswered',
  'medians',
  'weekly',
  'procedures',
  'steps',
  'searches',
  'helpfulness',
  'reverification',
  'finds',
] as const
export type DashboardTable = (typeof dashboardTables)[number]

export const isDashboardTable = (value: string): value is DashboardTable => dashboardTables.some((table) => table === value)

/**
 * One table of the dashboard as CSV lines: the header (stable English
 * column names), then the rows as the dashboard shows them.
 */
export const dashboardTableLines = (dashboard: Dashboard, table: DashboardTable): CsvValue[][] => {
  const agency = dashboard.agency?.name ?? null
  switch (table) {
    case 'unanswered':
      return [['agency', 'age', 'questions'], ...dashboard.unanswered.buckets.map((row) => [agency, row.bucket, row.questions])]
    case 'medians': {
      const { medians } = dashboard
      return [
        ['agency', 'from', 'measure', 'median_hours', 'questions'],
        [agency, dashboard.period.from, 'first_answer', medians.firstAnswerHours, medians.firstAnswers],
        [agency, dashboard.period.from, 'acceptance', medians.acceptanceHours, medians.acceptances],
        [agency, dashboard.period.from, 'validation', medians.validationHours, medians.validations],
      ]
    }
    case 'weekly':
      return [
        ['agency', 'week', 'questions', 'answered_within_48h', 'validations', 'not_helpful', 'suggestion_finds', 'zero_hit_searches'],
        ...dashboard.weekly.map((row) => [
          agency,
          row.week,
          row.questions,
          row.answeredWithin48h,
          row.validations,
          row.notHelpful,
          row.suggestionFinds,
          row.zeroHitSearches,
        ]),
      ]
    case 'procedures':
    case 'steps':
      return [
        ['agency', 'procedure', 'step', 'step_title', 'questions', 'tips', 'not_helpful'],
        ...dashboard.struggle[table].map((row) => [
          agency,
          row.procedure.title,
          row.step,
          row.stepTitle,
          row.questions,
          row.tips,
          row.notHelpful,
        ]),
      ]
    case 'searches':
      return [
        ['query', 'zero_hit_searches', 'last_4_weeks', 'previous_4_weeks', 'trend', 'last_searched_at'],
        ...dashboard.zeroHitSearches.map((row) => [
          row.query,
          row.searches,
          row.lastFourWeeks,
          row.previousFourWeeks,
          row.trend,
          row.lastSearchedAt,
        ]),
      ]
    case 'helpfulness':
      return [
        ['agency', 'collection', 'id', 'title', 'procedure', 'helpful', 'not_helpful', 'helpful_share'],
        ...dashboard.helpfulness.map((row) => [
          agency,
          row.collection,
          String(row.id),
          row.title,
          row.procedure,
          row.helpful,
          row.notHelpful,
          row.helpfulShare,
        ]),
      ]
    case 'reverification':
      return [
        ['agency', 'collection', 'waiting'],
        ...Object.entries(dashboard.reverification.totals).map(([collection, waiting]) => [agency, collection, waiting]),
      ]
    case 'finds':
      return [
        ['agency', 'procedure', 'finds'],
        ...dashboard.suggestionFinds.byProcedure.map((row) => [agency, row.procedure?.title ?? null, row.finds]),
      ]
  }
}
