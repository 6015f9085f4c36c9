import type { AdminViewServerProps } from 'payload'
import type { ReactNode } from 'react'

import { loadDashboard, type AgeBucket, type Dashboard, type StruggleRow, type ZeroHitSearch } from '../../data/dashboard.ts'
import type { DashboardTable } from '../../data/dashboardCsv.ts'
import { EntraideError } from '../../errors.ts'
import type { ReverifiedCollection } from '../../fields/reverification.ts'
import { agencyScopeOf, canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { entraideT, type EntraideT } from '../../translations/i18n.ts'
import { parseIdFor, type ID } from '../../utilities/ids.ts'
import { documentPath, formatDateTime } from '../format.ts'
import { DashboardChart } from './DashboardChart.tsx'
import { NotAllowed, ViewShell } from './ViewShell.tsx'
import { WriteAnswerTable } from './WriteAnswerTable.tsx'

const bucketKeys: Record<AgeBucket, Parameters<EntraideT>[0]> = {
  '2-7-days': 'entraide:dashboardAge2to7Days',
  '7-30-days': 'entraide:dashboardAge7to30Days',
  'over-30-days': 'entraide:dashboardAgeOver30Days',
  'under-48h': 'entraide:dashboardAgeUnder48h',
}

const trendKeys: Record<ZeroHitSearch['trend'], Parameters<EntraideT>[0]> = {
  falling: 'entraide:dashboardTrendFalling',
  new: 'entraide:dashboardTrendNew',
  rising: 'entraide:dashboardTrendRising',
  steady: 'entraide:dashboardTrendSteady',
}

const collectionKeys: Record<ReverifiedCollection, Parameters<EntraideT>[0]> = {
  answers: 'entraide:dashboardKindAnswers',
  guides: 'entraide:dashboardKindGuides',
  tips: 'entraide:dashboardKindTips',
  'wiki-pages': 'entraide:dashboardKindWikiPages',
}

const firstParam = (value: string | string[] | undefined): string | null =>
  (Array.isArray(value) ? value[0] : value)?.trim() || null

const hours = (value: number | null, t: EntraideT): string => (value === null ? '—' : t('entraide:dashboardHours', { hours: value }))

const share = (value: number, language: string): string =>
  new Intl.NumberFormat(language, { maximumFractionDigits: 0, style: 'percent' }).format(value)

/** A short week label for charts and tables: its Monday, "24/11". */
const weekLabel = (week: string): string => `${week.slice(8, 10)}/${week.slice(5, 7)}`

/** One section: a title, a CSV link per table, a chart beside its table. */
const Section = ({ children, id, title }: { id: string; title: string; children: ReactNode }) => (
  <section aria-labelledby={id} className="entraide-view__section entraide-dashboard__section">
    <h2 id={id}>{title}</h2>
    {children}
  </section>
)

const CsvLink = ({ apiRoute, agency, table, t, caption }: { apiRoute: string; agency: ID | null; table: DashboardTable; t: EntraideT; caption: string }) => {
  const query = new URLSearchParams({ format: 'csv', table })
  if (agency !== null) query.set('agency', String(agency))
  return (
    <p className="entraide-dashboard__csv">
      <a download href={`${apiRoute}/entraide/dashboard?${query.toString()}`}>
        {t('entraide:dashboardDownloadCsv', { table: caption })}
      </a>
    </p>
  )
}

const StruggleTable = ({ caption, rows, t, withSteps }: { caption: string; rows: StruggleRow[]; t: EntraideT; withSteps: boolean }) => (
  <table className="entraide-table">
    <caption>{caption}</caption>
    <thead>
      <tr>
        <th scope="col">{t('entraide:columnProcedure')}</th>
        {withSteps ? <th scope="col">{t('entraide:dashboardColumnStep')}</th> : null}
        <th className="entraide-number" scope="col">{t('entraide:dashboardColumnQuestions')}</th>
        <th className="entraide-number" scope="col">{t('entraide:dashboardColumnTips')}</th>
        <th className="entraide-number" scope="col">{t('entraide:dashboardColumnNotHelpful')}</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((row) => (
        <tr key={`${String(row.procedure.id)}-${row.step ?? ''}`}>
          <th scope="row">{row.procedure.title}</th>
          {withSteps ? <td>{row.step === null ? '—' : `${row.step}. ${row.stepTitle ?? ''}`}</td> : null}
          <td className="entraide-number">{row.questions}</td>
          <td className="entraide-number">{row.tips}</td>
          <td className="entraide-number">{row.notHelpful}</td>
        </tr>
      ))}
    </tbody>
  </table>
)

const Empty = ({ children }: { children: string }) => <p className="entraide-empty">{children}</p>

const DashboardBody = ({
  adminRoute,
  apiRoute,
  dashboard,
  isAgent,
  language,
  procedures,
  t,
}: {
  adminRoute: string
  apiRoute: string
  dashboard: Dashboard
  isAgent: boolean
  language: string
  procedures: { id: string; title: string }[]
  t: EntraideT
}) => {
  const agency = dashboard.agency?.id ?? null
  const csv = (table: DashboardTable, caption: string) => <CsvLink agency={agency} apiRoute={apiRoute} caption={caption} t={t} table={table} />
  const captions = {
    finds: t('entraide:dashboardCaptionFinds'),
    helpfulness: t('entraide:dashboardCaptionHelpfulness'),
    medians: t('entraide:dashboardCaptionMedians'),
    procedures: t('entraide:dashboardCaptionProcedures'),
    reverification: t('entraide:dashboardCaptionReverification'),
    searches: t('entraide:dashboardCaptionSearches'),
    steps: t('entraide:dashboardCaptionSteps'),
    unanswered: t('entraide:dashboardCaptionUnanswered'),
    weekly: t('entraide:dashboardCaptionWeekly'),
  }
  const weeklyRows = dashboard.weekly.map((week) => ({ ...week, label: weekLabel(week.week) }))
  return (
    <>
      <Section id="entraide-dashboard-questions" title={t('entraide:dashboardQuestionsTitle')}>
        <div className="entraide-dashboard__pair">
          <DashboardChart
            kind="bar"
            rows={dashboard.unanswered.buckets.map((row) => ({ label: t(bucketKeys[row.bucket]), questions: row.questions }))}
            series={[{ key: 'questions', label: t('entraide:dashboardColumnQuestions') }]}
            xKey="label"
          />
          <div>
            <table className="entraide-table">
              <caption>{captions.unanswered}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('entraide:dashboardColumnAge')}</th>
                  <th className="entraide-number" scope="col">{t('entraide:dashboardColumnQuestions')}</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.unanswered.buckets.map((row) => (
                  <tr key={row.bucket}>
                    <th scope="row">{t(bucketKeys[row.bucket])}</th>
                    <td className="entraide-number">{row.questions}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {csv('unanswered', captions.unanswered)}
          </div>
        </div>
        <table className="entraide-table">
          <caption>{captions.medians}</caption>
          <thead>
            <tr>
              <th scope="col">{t('entraide:dashboardColumnMeasure')}</th>
              <th className="entraide-number" scope="col">{t('entraide:dashboardColumnMedian')}</th>
              <th className="entraide-number" scope="col">{t('entraide:dashboardColumnQuestions')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('entraide:dashboardToFirstAnswer')}</th>
              <td className="entraide-number">{hours(dashboard.medians.firstAnswerHours, t)}</td>
              <td className="entraide-number">{dashboard.medians.firstAnswers}</td>
            </tr>
            <tr>
              <th scope="row">{t('entraide:dashboardToAcceptance')}</th>
              <td className="entraide-number">{hours(dashboard.medians.acceptanceHours, t)}</td>
              <td className="entraide-number">{dashboard.medians.acceptances}</td>
            </tr>
            <tr>
              <th scope="row">{t('entraide:dashboardToValidation')}</th>
              <td className="entraide-number">{hours(dashboard.medians.validationHours, t)}</td>
              <td className="entraide-number">{dashboard.medians.validations}</td>
            </tr>
          </tbody>
        </table>
        {csv('medians', captions.medians)}
        <h3>{t('entraide:dashboardWeeklyTitle')}</h3>
        <DashboardChart
          kind="line"
          rows={weeklyRows}
          series={[
            { key: 'questions', label: t('entraide:dashboardColumnQuestions') },
            { key: 'answeredWithin48h', label: t('entraide:dashboardColumnAnswered48h') },
            { key: 'validations', label: t('entraide:dashboardColumnValidations') },
            { key: 'zeroHitSearches', label: t('entraide:dashboardColumnZeroHit') },
          ]}
          xKey="label"
        />
        <div className="entraide-dashboard__scroll">
          <table className="entraide-table">
            <caption>{captions.weekly}</caption>
            <thead>
              <tr>
                <th scope="col">{t('entraide:dashboardColumnWeek')}</th>
                <th className="entraide-number" scope="col">{t('entraide:dashboardColumnQuestions')}</th>
                <th className="entraide-number" scope="col">{t('entraide:dashboardColumnAnswered48h')}</th>
                <th className="entraide-number" scope="col">{t('entraide:dashboardColumnValidations')}</th>
                <th className="entraide-number" scope="col">{t('entraide:dashboardColumnNotHelpful')}</th>
                <th className="entraide-number" scope="col">{t('entraide:dashboardColumnFinds')}</th>
                <th className="entraide-number" scope="col">{t('entraide:dashboardColumnZeroHit')}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.weekly.map((week) => (
                <tr key={week.week}>
                  <th scope="row">{t('entraide:dashboardWeekOf', { date: week.week })}</th>
                  <td className="entraide-number">{week.questions}</td>
                  <td className="entraide-number">{week.answeredWithin48h}</td>
                  <td className="entraide-number">{week.validations}</td>
                  <td className="entraide-number">{week.notHelpful}</td>
                  <td className="entraide-number">{week.suggestionFinds}</td>
                  <td className="entraide-number">{week.zeroHitSearches}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {csv('weekly', captions.weekly)}
      </Section>

      <Section id="entraide-dashboard-struggle" title={t('entraide:dashboardStruggleTitle')}>
        {dashboard.struggle.procedures.length === 0 ? (
          <Empty>{t('entraide:dashboardStruggleEmpty')}</Empty>
        ) : (
          <>
            <DashboardChart
              isStacked
              kind="bar"
              rows={dashboard.struggle.procedures.slice(0, 10).map((row) => ({
                label: row.procedure.title.length > 24 ? `${row.procedure.title.slice(0, 23)}…` : row.procedure.title,
                notHelpful: row.notHelpful,
                questions: row.questions,
                tips: row.tips,
              }))}
              series={[
                { key: 'questions', label: t('entraide:dashboardColumnQuestions') },
                { key: 'tips', label: t('entraide:dashboardColumnTips') },
                { key: 'notHelpful', label: t('entraide:dashboardColumnNotHelpful') },
              ]}
              xKey="label"
            />
            <StruggleTable caption={captions.procedures} rows={dashboard.struggle.procedures} t={t} withSteps={false} />
            {csv('procedures', captions.procedures)}
            {dashboard.struggle.steps.length === 0 ? null : (
              <>
                <StruggleTable caption={captions.steps} rows={dashboard.struggle.steps} t={t} withSteps />
                {csv('steps', captions.steps)}
              </>
            )}
          </>
        )}
      </Section>

      <Section id="entraide-dashboard-searches" title={t('entraide:dashboardSearchesTitle')}>
        <p className="entraide-hint">{t('entraide:dashboardSearchesHint')}</p>
        {dashboard.zeroHitSearches.length === 0 ? (
          <Empty>{t('entraide:dashboardSearchesEmpty')}</Empty>
        ) : (
          <>
            <DashboardChart
              kind="bar"
              rows={dashboard.zeroHitSearches.slice(0, 10).map((row) => ({
                label: row.query.length > 20 ? `${row.query.slice(0, 19)}…` : row.query,
                searches: row.searches,
              }))}
              series={[{ key: 'searches', label: t('entraide:dashboardColumnSearches') }]}
              xKey="label"
            />
            <WriteAnswerTable
              adminRoute={adminRoute}
              caption={captions.searches}
              isProcedureRequired={isAgent}
              procedures={procedures}
              rows={dashboard.zeroHitSearches.map((row) => ({
                lastFourWeeks: row.lastFourWeeks,
                previousFourWeeks: row.previousFourWeeks,
                query: row.query,
                searches: row.searches,
                trend: t(trendKeys[row.trend]),
              }))}
            />
            {csv('searches', captions.searches)}
          </>
        )}
      </Section>

      <Section id="entraide-dashboard-helpfulness" title={t('entraide:dashboardHelpfulnessTitle')}>
        {dashboard.helpfulness.length === 0 ? (
          <Empty>{t('entraide:dashboardHelpfulnessEmpty')}</Empty>
        ) : (
          <>
            <DashboardChart
              isStacked
              kind="bar"
              rows={dashboard.helpfulness.slice(0, 10).map((row) => ({
                helpful: row.helpful,
                label: row.title.length > 20 ? `${row.title.slice(0, 19)}…` : row.title,
                notHelpful: row.notHelpful,
              }))}
              series={[
                { key: 'helpful', label: t('entraide:dashboardColumnHelpful') },
                { key: 'notHelpful', label: t('entraide:dashboardColumnNotHelpful') },
              ]}
              xKey="label"
            />
            <table className="entraide-table">
              <caption>{captions.helpfulness}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('entraide:dashboardColumnPage')}</th>
                  <th scope="col">{t('entraide:columnProcedure')}</th>
                  <th className="entraide-number" scope="col">{t('entraide:dashboardColumnHelpful')}</th>
                  <th className="entraide-number" scope="col">{t('entraide:dashboardColumnNotHelpful')}</th>
                  <th className="entraide-number" scope="col">{t('entraide:dashboardColumnShare')}</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.helpfulness.map((row) => (
                  <tr key={`${row.collection}-${String(row.id)}`}>
                    <th scope="row">
                      <a href={documentPath(adminRoute, row.collection, row.id)}>{row.title}</a>
                    </th>
                    <td>{row.procedure ?? '—'}</td>
                    <td className="entraide-number">{row.helpful}</td>
                    <td className="entraide-number">{row.notHelpful}</td>
                    <td className="entraide-number">{share(row.helpfulShare, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {csv('helpfulness', captions.helpfulness)}
          </>
        )}
        <h3>{t('entraide:dashboardReverificationTitle')}</h3>
        <table className="entraide-table">
          <caption>{captions.reverification}</caption>
          <thead>
            <tr>
              <th scope="col">{t('entraide:dashboardColumnKind')}</th>
              <th className="entraide-number" scope="col">{t('entraide:dashboardColumnWaiting')}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(dashboard.reverification.totals).map(([collection, waiting]) => (
              <tr key={collection}>
                <th scope="row">
                  {collection === 'answers' || collection === 'guides' || collection === 'tips' || collection === 'wiki-pages'
                    ? t(collectionKeys[collection])
                    : collection}
                </th>
                <td className="entraide-number">{waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {csv('reverification', captions.reverification)}
        {dashboard.reverification.oldest.length === 0 ? null : (
          <>
            <p className="entraide-hint">{t('entraide:dashboardOldestWaiting')}</p>
            <ul>
              {dashboard.reverification.oldest.map((item) => (
                <li key={`${item.collection}-${String(item.id)}`}>
                  <a href={documentPath(adminRoute, item.collection, item.id)}>{item.title}</a>
                  {item.flaggedAt ? ` — ${formatDateTime(item.flaggedAt, language)}` : ''}
                </li>
              ))}
            </ul>
          </>
        )}
      </Section>

      <Section id="entraide-dashboard-finds" title={t('entraide:dashboardFindsTitle')}>
        <p className="entraide-hint">{t('entraide:dashboardFindsHint', { finds: dashboard.suggestionFinds.total })}</p>
        {dashboard.suggestionFinds.total === 0 ? null : (
          <>
            <DashboardChart
              kind="bar"
              rows={weeklyRows}
              series={[{ key: 'suggestionFinds', label: t('entraide:dashboardColumnFinds') }]}
              xKey="label"
            />
            <table className="entraide-table">
              <caption>{captions.finds}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('entraide:columnProcedure')}</th>
                  <th className="entraide-number" scope="col">{t('entraide:dashboardColumnFinds')}</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.suggestionFinds.byProcedure.map((row) => (
                  <tr key={String(row.procedure?.id ?? 'none')}>
                    <th scope="row">{row.procedure?.title ?? t('entraide:dashboardNoProcedure')}</th>
                    <td className="entraide-number">{row.finds}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {csv('finds', captions.finds)}
          </>
        )}
      </Section>
    </>
  )
}

/** The job has not computed the dashboard yet. */
class DashboardPending extends Error {}

/**
 * `/admin/listening`: the listening dashboard. An agent sees their agency's
 * figures (the server decides, whatever the address says); an editor or an
 * admin every agency, or one chosen in the filter. Each chart is drawn
 * beside its table, which is the accessible version, and each table can be
 * downloaded as CSV from the same endpoint as the API.
 */
export const ListeningView = async (props: AdminViewServerProps) => {
  const { req } = props.initPageResult
  const t = entraideT(req.i18n)
  const actor = actorFromRequest(req)
  const adminRoute = req.payload.config.routes.admin
  const apiRoute = req.payload.config.routes.api
  const isAllowed = actor !== null && canReviewContributions(actor) && agencyScopeOf(actor).kind !== 'none'
  let body: ReactNode = <NotAllowed t={t} />
  if (actor !== null && isAllowed) {
    const isAgent = agencyScopeOf(actor).kind === 'agency'
    const raw = firstParam(props.searchParams?.agency)
    const agency = raw === null || isAgent ? null : parseIdFor(req.payload, 'agencies', raw)
    try {
      const dashboard = await loadDashboard({ actor, agency, req })
      if (dashboard === null) throw new DashboardPending()
      const procedures = (
        await req.payload.find({
          collection: 'procedures',
          depth: 0,
          limit: 0,
          pagination: false,
          req,
          select: { title: true },
          sort: 'title',
          where: dashboard.agency === null ? undefined : { agency: { equals: dashboard.agency.id } },
        })
      ).docs.map((doc) => ({ id: String(doc.id), title: String(doc.title) }))
      body = (
        <>
          {isAgent ? (
            <p className="entraide-hint">{t('entraide:dashboardYourAgency', { name: dashboard.agency?.name ?? '' })}</p>
          ) : (
            <form className="entraide-dashboard__control" method="get">
              <label className="entraide-label" htmlFor="entraide-dashboard-agency">
                {t('entraide:dashboardAgency')}
              </label>{' '}
              <select className="entraide-input" defaultValue={dashboard.agency ? String(dashboard.agency.id) : ''} id="entraide-dashboard-agency" name="agency">
                <option value="">{t('entraide:dashboardAllAgencies')}</option>
                {dashboard.agencies.map((item) => (
                  <option key={String(item.id)} value={String(item.id)}>
                    {item.name}
                  </option>
                ))}
              </select>{' '}
              <button className="entraide-dashboard__submit" type="submit">
                {t('entraide:dashboardShow')}
              </button>
            </form>
          )}
          <p className="entraide-hint">
            {t('entraide:dashboardComputedAt', {
              date: new Date(dashboard.computedAt).toLocaleString(req.i18n.language, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC',
            })}
          </p>
          <p className="entraide-hint">
            {t('entraide:dashboardPeriod', { date: dashboard.period.weeks[0] ?? '', weeks: dashboard.period.weeks.length })}
          </p>
          <DashboardBody
            adminRoute={adminRoute}
            apiRoute={apiRoute}
            dashboard={dashboard}
            isAgent={isAgent}
            language={req.i18n.language}
            procedures={procedures}
            t={t}
          />
        </>
      )
    } catch (error) {
      if (error instanceof DashboardPending) {
        body = (
          <p className="entraide-hint" role="status">
            {t('entraide:dashboardPending')}
          </p>
        )
      } else if (error instanceof EntraideError) {
        body = (
          <p className="entraide-not-allowed" role="alert">
            {error.message}
          </p>
        )
      } else throw error
    }
  }
  return (
    <ViewShell description={t('entraide:dashboardDescription')} props={props} title={t('entraide:dashboardTitle')}>
      {body}
    </ViewShell>
  )
}
