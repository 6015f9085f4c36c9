import type { JobsConfig, TaskConfig } from 'payload'

import type { ResolvedOptions } from '../options.ts'
import { computePublicFigures } from '../stats/computePublicFigures.ts'
import { readPublicFigures, storePublicFigures } from '../stats/store.ts'
import { withBackstopCron } from '../utilities/queueRunner.ts'

/** The jobs queue of the public figures: `payload.jobs.run({ queue: publicFiguresQueue })` runs it. */
export const publicFiguresQueue = 'entraide-stats'

/** The slug of the task that computes the public figures and stores them. */
export const publicFiguresTaskSlug = 'entraide-compute-public-figures'

/**
 * Computes the figures and stores them. One run at a time: the schedule
 * queues the next only once this one is done, and Payload's runner marks a
 * job as processing before it starts it.
 */
const publicFiguresTask = (
  options: ResolvedOptions,
): TaskConfig<{ input: Record<string, never>; output: { computedAt: string; procedures: number } }> => ({
  handler: async ({ req }) => {
    const previous = await readPublicFigures(req.payload, req)
    const figures = await computePublicFigures({ months: options.publicFigures.months, previous, req })
    await storePublicFigures(req, figures)
    return { output: { computedAt: figures.computedAt, procedures: figures.procedures.length } }
  },
  label: 'Entraide: compute the public figures',
  outputSchema: [
    { name: 'computedAt', type: 'text' },
    { name: 'procedures', type: 'number' },
  ],
  retries: 2,
  schedule: [{ cron: options.publicFigures.cron, queue: publicFiguresQueue }],
  slug: publicFiguresTaskSlug,
})

/**
 * The host's jobs config with the public figures task, scheduled by
 * `publicFigures.cron`, and a run of its queue at the same time. The host's
 * tasks and runs are kept; the input is not changed. Nothing is added when
 * the figures are switched off.
 */
export const withPublicFiguresJobs = (jobs: JobsConfig | undefined, options: ResolvedOptions): JobsConfig | undefined => {
  if (!options.publicFigures.isEnabled) return jobs
  const host = jobs ?? {}
  const autoRun = withBackstopCron(host.autoRun, { cron: options.publicFigures.cron, mode: 'auto', queue: publicFiguresQueue })
  return { ...host, autoRun, tasks: [...(host.tasks ?? []), publicFiguresTask(options)] }
}
