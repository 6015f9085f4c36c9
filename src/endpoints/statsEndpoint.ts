import type { Endpoint } from 'payload'

import { EntraideError, InvalidInputError } from '../errors.ts'
import { enforceRateLimit } from '../rateLimit/enforce.ts'
import { figuresToCsv, type PublicFigures } from '../stats/figures.ts'
import { readPublicFigures } from '../stats/store.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { endpoint } from './http.ts'

const formats = ['json', 'csv'] as const
type StatsFormat = (typeof formats)[number]

const isFormat = (value: string): value is StatsFormat => formats.some((format) => format === value)

/**
 * Reads the query string of `GET /api/entraide/stats`: `format`, `json` (the
 * default) or `csv`. Any other parameter is refused, as a misspelt one would
 * otherwise be silently ignored.
 * @throws InvalidInputError (400) naming the parameter and what it accepts.
 */
export const parseStatsFormat = (params: URLSearchParams): StatsFormat => {
  for (const name of new Set(params.keys())) {
    if (name !== 'format') throw new InvalidInputError(`Unknown parameter "${name}"; the only one is "format" (json or csv).`, name)
  }
  const values = params.getAll('format')
  if (values.length > 1) throw new InvalidInputError('"format" may be given once.', 'format')
  const format = values[0] ?? 'json'
  if (format === '') return 'json'
  if (!isFormat(format)) throw new InvalidInputError(`"format" must be json or csv, got "${format.slice(0, 20)}".`, 'format')
  return format
}

/** The response of `GET /api/entraide/stats` before the job's first run. */
export type StatsPendingResponse = {
  status: 'pending'
  computedAt: null
  message: string
  period: null
  total: null
  agencies: []
  procedures: []
}

/** The response of `GET /api/entraide/stats` once the job has run. */
export type StatsReadyResponse = PublicFigures & { status: 'ready' }

// The figures change once per run of the job: a short cache spares the
// database, and what a reader sees is never older than a few minutes past a run.
const cacheControl = 'public, max-age=60'

/**
 * `GET /api/entraide/stats[?format=csv]`: the public accountability figures,
 * per agency and procedure, month by month, as the scheduled job last
 * computed them (never computed on the request's path). Anyone may read them,
 * within the `stats` rate limit. Before the job's first run: 200 with
 * `status: 'pending'` and a message (CSV: the header line only).
 */
export const statsEndpoint = (): Endpoint =>
  endpoint('get', '/entraide/stats', async (req) => {
    const options = optionsOf(req.payload)
    if (!options.publicFigures.isEnabled) {
      throw new EntraideError(404, 'not-found', {
        message: 'This site does not publish figures (the publicFigures.enabled option is false).',
      })
    }
    await enforceRateLimit({ category: 'stats', req })
    const format = parseStatsFormat(req.searchParams ?? new URLSearchParams())
    const figures = await readPublicFigures(req.payload, req)
    const headers = new Headers({ 'Cache-Control': cacheControl })
    if (figures) headers.set('Last-Modified', new Date(figures.computedAt).toUTCString())
    if (format === 'csv') {
      const day = figures ? `-${figures.computedAt.slice(0, 10)}` : ''
      headers.set('Content-Type', 'text/csv; charset=utf-8')
      headers.set('Content-Disposition', `attachment; filename="entraide-stats${day}.csv"`)
      // A byte order mark, so that spreadsheets read the accents as UTF-8.
      return new Response(`\uFEFF${figuresToCsv(figures)}`, { headers, status: 200 })
    }
    if (!figures) {
      const pending: StatsPendingResponse = {
        agencies: [],
        computedAt: null,
        message: `The figures have not been computed yet. A scheduled job computes them (cron "${options.publicFigures.cron}", jobs queue "entraide-stats"); they appear after its first run.`,
        period: null,
        procedures: [],
        status: 'pending',
        total: null,
      }
      return Response.json(pending, { headers })
    }
    const ready: StatsReadyResponse = { ...figures, status: 'ready' }
    return Response.json(ready, { headers })
  })
