import type { JobsConfig, PayloadRequest, TaskConfig } from 'payload'
import { z } from 'zod'

import { computeDashboard, type Dashboard, type Reading } from '../data/dashboard.ts'
import { storeDashboards, type StoredDashboards } from '../data/dashboardStore.ts'
import { idSchema } from '../data/documents.ts'
import { backgroundPageSize, findFields, restAfterPage } from '../data/local.ts'
import type { ResolvedOptions } from '../options.ts'
import { withBackstopCron } from '../utilities/queueRunner.ts'
import { publicFiguresQueue } from './publicFigures.ts'

/** The slug of the task that computes the listening dashboards and stores them (on the `entraide-stats` queue). */
export const listeningDashboardTaskSlug = 'entraide-compute-listening-dashboard'

const agencyRow = z.object({ id: idSchema, name: z.string() })

/**
 * Computes the dashboard of every agency and of all agencies together, all
 * as of the same moment, and returns them to be stored.
 */
const computeDashboards = async (req: PayloadRequest, now = Date.now()): Promise<StoredDashboards> => {
  // The reads that do not depend on the agency are made once per run.
  const reading: Reading = {
    afterPage: restAfterPage,
    pageSize: backgroundPageSize,
    shared: new Map(),
  }
  const agencies = await findFields({
    collection: 'agencies',
    req,
    schema: agencyRow,
    select: { name: true },
    sort: 'name',
  })
  const all = await computeDashboard({ agency: null, now, reading, req })
  const byAgency: Record<string, Dashboard> = {}
  for (const agency of agencies) {
    byAgency[String(agency.id)] = await computeDashboard({ agency: agency.id, now, reading, req })
  }
  return { agencies, all, byAgency, computedAt: new Date(now).toISOString() }
}

/**
 * Computes the dashboards and stores them. One run at a time: the schedule
 * queues the next only once this one is done.
 */
const listeningDashboardTask = (
  options: ResolvedOptions,
): TaskConfig<{ input: Record<string, never>; output: { computedAt: string; agencies: number } }> => ({
  handler: async ({ req }) => {
    const dashboards = await computeDashboards(req)
    await storeDashboards(req, dashboards)
    return { output: { agencies: dashboards.agencies.length, computedAt: dashboards.computedAt } }
  },
  label: 'Entraide: compute the listening dashboards',
  outputSchema: [
    { name: 'computedAt', type: 'text' },
    { name: 'agencies', type: 'number' },
  ],
  retries: 2,
  schedule: [{ cron: options.listeningDashboard.cron, queue: publicFiguresQueue }],
  slug: listeningDashboardTaskSlug,
})

/**
 * The host's jobs config with the listening dashboard task, scheduled by
 * `listeningDashboard.cron` on the `entraide-stats` queue, and a run of that
 * queue at the same time. The host's tasks and runs are kept.
 */
export const withListeningDashboardJobs = (jobs: JobsConfig | undefined, options: ResolvedOptions): JobsConfig => {
  const host = jobs ?? {}
  const autoRun = withBackstopCron(host.autoRun, {
    cron: options.listeningDashboard.cron,
    mode: 'auto',
    queue: publicFiguresQueue,
  })
  return { ...host, autoRun, tasks: [...(host.tasks ?? []), listeningDashboardTask(options)] }
}
