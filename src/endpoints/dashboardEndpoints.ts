import type { Endpoint } from 'payload'

import { draftAnswerPage } from '../actions/draftAnswerPage.ts'
import { requireContributor } from '../actions/actor.ts'
import { loadDashboard } from '../data/dashboard.ts'
import { dashboardTableLines, dashboardTables, isDashboardTable, type DashboardTable } from '../data/dashboardCsv.ts'
import { ForbiddenActionError, InvalidInputError, ServiceUnavailableError } from '../errors.ts'
import { canReviewContributions } from '../policies/contributions.ts'
import { toCsv } from '../utilities/csv.ts'
import { parseIdFor, type ID } from '../utilities/ids.ts'
import type { ResolvedOptions } from '../options.ts'
import { endpoint, optionalString, readJsonObject } from './http.ts'

const parameters = ['agency', 'format', 'table'] as const

type DashboardQuery = { agency: string | null; format: 'json' | 'csv'; table: DashboardTable | null }

/**
 * Reads the query string of `GET /api/entraide/dashboard`: `agency` (an id),
 * `format` (`json`, the default, or `csv`) and, with CSV, the `table` to
 * export. Anything else is refused, as a misspelt parameter would otherwise
 * be silently ignored.
 * @throws InvalidInputError (400) naming the parameter and what it accepts.
 */
export const parseDashboardQuery = (params: URLSearchParams): DashboardQuery => {
  for (const name of new Set(params.keys())) {
    if (!parameters.some((known) => known === name)) {
      throw new InvalidInputError(`Unknown parameter "${name}"; the parameters are agency, format (json or csv) and table.`, name)
    }
    if (params.getAll(name).length > 1) throw new InvalidInputError(`"${name}" may be given once.`, name)
  }
  const format = params.get('format') || 'json'
  if (format !== 'json' && format !== 'csv') {
    throw new InvalidInputError(`"format" must be json or csv, got "${format.slice(0, 20)}".`, 'format')
  }
  const table = params.get('table') || null
  if (table !== null && !isDashboardTable(table)) {
    throw new InvalidInputError(`"table" must be one of ${dashboardTables.join(', ')}, got "${table.slice(0, 20)}".`, 'table')
  }
  if (format === 'csv' && table === null) {
    throw new InvalidInputError(`A CSV export is one table: add "table", one of ${dashboardTables.join(', ')}.`, 'table')
  }
  return { agency: params.get('agency') || null, format, table }
}

/**
 * `GET /api/entraide/dashboard[?agency=id][&format=csv&table=name]`: the
 * listening dashboard of the signed-in agent's agency, or of every agency (or
 * the one asked for) for editors and admins; one of its tables as CSV. It is
 * what the scheduled job last computed (`computedAt` says when); before its
 * first run, `status: 'pending'` and a message (CSV: a 503 with the message).
 * 401 for nobody signed in, 403 for anyone else and for an agent asking for
 * another agency, 404 for an agency that does not exist.
 */
export const dashboardEndpoint = (options: ResolvedOptions): Endpoint =>
  endpoint('get', '/entraide/dashboard', async (req) => {
    const actor = requireContributor(req)
    if (!canReviewContributions(actor)) {
      throw new ForbiddenActionError('The listening dashboard is for public agents, editors and admins.')
    }
    const query = parseDashboardQuery(req.searchParams ?? new URLSearchParams())
    let agency: ID | null = null
    if (query.agency !== null) {
      agency = parseIdFor(req.payload, 'agencies', query.agency)
      if (agency === null) throw new InvalidInputError('"agency" must be the id of an agency.', 'agency')
    }
    const dashboard = await loadDashboard({ actor, agency, req })
    const headers = new Headers({ 'Cache-Control': 'private, no-store' })
    if (dashboard === null) {
      const message = `The dashboard has not been computed yet. A scheduled job computes it (cron "${options.listeningDashboard.cron}", jobs queue "entraide-stats"); it appears after its first run.`
      // A download has no room for the message: a 503 says it, with when to try again.
      if (query.format === 'csv') throw new ServiceUnavailableError(message, undefined, 60)
      return Response.json({ computedAt: null, message, status: 'pending' }, { headers })
    }
    if (query.format === 'csv' && query.table !== null) {
      headers.set('Content-Type', 'text/csv; charset=utf-8')
      headers.set(
        'Content-Disposition',
        `attachment; filename="entraide-dashboard-${query.table}-${dashboard.computedAt.slice(0, 10)}.csv"`,
      )
      // A byte order mark, so that spreadsheets read the accents as UTF-8.
      return new Response(`\uFEFF${toCsv(dashboardTableLines(dashboard, query.table))}`, { headers, status: 200 })
    }
    return Response.json(dashboard, { headers })
  })

/**
 * `POST /api/entraide/dashboard/write-answer` `{ "query": string, "procedure"?: id }`:
 * creates a wiki-page draft titled after a search that found nothing (201,
 * `{ "page": { "id", "title" } }`), for agents (a procedure of their agency),
 * editors and admins.
 */
export const writeAnswerEndpoint = (): Endpoint =>
  endpoint('post', '/entraide/dashboard/write-answer', async (req) => {
    const body = await readJsonObject(req)
    const query = optionalString(body, 'query')
    if (query === undefined) throw new InvalidInputError('"query" is required: the search to answer.', 'query')
    const rawProcedure = body.procedure
    let procedure: ID | null = null
    if (rawProcedure !== undefined && rawProcedure !== null && rawProcedure !== '') {
      procedure = parseIdFor(req.payload, 'procedures', rawProcedure)
      if (procedure === null) throw new InvalidInputError('"procedure" must be the id of a procedure.', 'procedure')
    }
    const page = await draftAnswerPage({ procedure, query, req })
    return Response.json({ page: { id: page.id, title: page.title } }, { headers: { 'Cache-Control': 'no-store' }, status: 201 })
  })
