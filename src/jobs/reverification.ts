import type { JobsConfig, TaskConfig } from 'payload'

import { expireVerifications } from '../actions/expireVerifications.ts'
import type { ResolvedOptions } from '../options.ts'

/** The jobs queue of Entraide's scheduled upkeep: `payload.jobs.run({ queue: maintenanceQueue })` runs it. */
export const maintenanceQueue = 'entraide-maintenance'

/** The slug of the task that marks expired verifications "to re-verify". */
export const expireVerificationsTaskSlug = 'entraide-expire-verifications'

/** Marks expired verifications and validations; scheduled on the maintenance queue. */
const expireVerificationsTask = (
  options: ResolvedOptions,
): TaskConfig<{ input: Record<string, never>; output: { marked: number } }> => ({
  handler: async ({ req }) => {
    const counts = await expireVerifications({ months: options.reverification.expiresAfterMonths, req })
    return { output: { marked: Object.values(counts).reduce((sum, count) => sum + count, 0) } }
  },
  label: 'Entraide: mark expired verifications to re-verify',
  outputSchema: [{ name: 'marked', type: 'number' }],
  retries: 2,
  schedule: [{ cron: options.reverification.cron, queue: maintenanceQueue }],
  slug: expireVerificationsTaskSlug,
})

/**
 * The host's jobs config with the expiry task, scheduled by `reverification.cron`,
 * and a run of the maintenance queue at the same time. The host's tasks and
 * runs are kept; the input is not changed. Nothing is added when
 * verifications never expire.
 */
export const withReverificationJobs = (jobs: JobsConfig | undefined, options: ResolvedOptions): JobsConfig | undefined => {
  if (options.reverification.expiresAfterMonths === 0) return jobs
  const host = jobs ?? {}
  const run = { cron: options.reverification.cron, limit: 10, queue: maintenanceQueue }
  const hostAutoRun = host.autoRun
  const autoRun: JobsConfig['autoRun'] =
    hostAutoRun === undefined
      ? [run]
      : typeof hostAutoRun === 'function'
        ? async (payload) => [...(await hostAutoRun(payload)), run]
        : [...hostAutoRun, run]
  return { ...host, autoRun, tasks: [...(host.tasks ?? []), expireVerificationsTask(options)] }
}
