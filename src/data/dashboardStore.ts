import type { GlobalConfig, Payload, PayloadRequest } from 'payload'

import { nobody } from '../policies/access.ts'
import { perPayload } from '../search/engineRegistry.ts'
import { label } from '../translations/i18n.ts'
import { isRecord } from '../utilities/ids.ts'
import type { Dashboard, DashboardAgency } from './dashboard.ts'

/** The global the scheduled job writes the listening dashboards to, which every app node reads. */
export const listeningDashboardSlug = 'listening-dashboard'

/**
 * What the job stores: the dashboard of every agency (by the agency's id as
 * text) and of all agencies together, with the agencies they were computed
 * for.
 */
export type StoredDashboards = {
  computedAt: string
  agencies: DashboardAgency[]
  all: Dashboard
  byAgency: Record<string, Dashboard>
}

/**
 * Where the last computed dashboards are kept: one global, written by the job
 * only and read by the dashboard's endpoint and admin view only (nobody reads
 * or writes it through Payload's own routes, and it is not in the admin panel
 * or GraphQL).
 */
export const listeningDashboardGlobal = (): GlobalConfig => ({
  slug: listeningDashboardSlug,
  label: label('listeningDashboard'),
  access: { read: nobody, readVersions: nobody, update: nobody },
  admin: { hidden: true },
  graphQL: false,
  fields: [
    { name: 'computedAt', type: 'date', label: label('fieldFiguresComputedAt'), admin: { readOnly: true } },
    { name: 'dashboards', type: 'json', label: label('fieldFigures'), admin: { readOnly: true } },
  ],
})

/** The last dashboards read, per Payload instance, kept until the job writes newer ones. */
const lastRead = perPayload<{ computedAt: string | null; stored: StoredDashboards | null }>(
  'listening-dashboard',
  () => ({
    computedAt: null,
    stored: null,
  }),
)

const computedAtOf = (value: unknown): string | null => {
  if (!isRecord(value)) return null
  const { computedAt } = value
  if (computedAt instanceof Date) return computedAt.toISOString()
  return typeof computedAt === 'string' && computedAt !== '' ? computedAt : null
}

/** Only the outline is checked: the job is the only writer, and it writes `StoredDashboards`. */
const isStored = (value: unknown): value is StoredDashboards =>
  isRecord(value) &&
  typeof value.computedAt === 'string' &&
  Array.isArray(value.agencies) &&
  isRecord(value.all) &&
  Array.isArray(value.all.weekly) &&
  isRecord(value.byAgency)

/**
 * The dashboards the job last stored, or null before its first run (or when
 * what is stored cannot be read, which is logged). Reads the small
 * `computedAt` first, and the dashboards themselves only when they changed
 * since this process last read them: a request costs one small read.
 */
export const readDashboards = async (payload: Payload, req?: PayloadRequest): Promise<StoredDashboards | null> => {
  const stamp = await payload.findGlobal({
    depth: 0,
    overrideAccess: true,
    req,
    select: { computedAt: true },
    slug: listeningDashboardSlug,
  })
  const computedAt = computedAtOf(stamp)
  if (computedAt === null) return null
  const cache = lastRead(payload)
  if (cache.computedAt === computedAt && cache.stored) return cache.stored
  const stored: unknown = await payload.findGlobal({
    depth: 0,
    overrideAccess: true,
    req,
    slug: listeningDashboardSlug,
  })
  const dashboards = isRecord(stored) ? stored.dashboards : null
  if (!isStored(dashboards)) {
    payload.logger.error({
      msg: 'Entraide: the stored listening dashboards cannot be read; they will be replaced at the next run of the job.',
    })
    return null
  }
  cache.computedAt = computedAt
  cache.stored = dashboards
  return dashboards
}

/** Stores newly computed dashboards for every node to read. */
export const storeDashboards = async (req: PayloadRequest, dashboards: StoredDashboards): Promise<void> => {
  await req.payload.updateGlobal({
    data: { computedAt: dashboards.computedAt, dashboards },
    depth: 0,
    overrideAccess: true,
    req,
    slug: listeningDashboardSlug,
  })
}
