import type { CollectionConfig, Config, JobsConfig, Payload } from 'payload'

import { notificationsSlug } from '../collections/Notifications.ts'
import { notificationPreferencesSlug } from '../collections/Subscriptions.ts'
import type { ResolvedOptions } from '../options.ts'
import { emailTask, fanOutTask } from './deliver.ts'
import { withDigestJobs } from './digests.ts'
import { withNotificationGraphQL } from './graphql.ts'
import { emailGroupTask } from './grouping.ts'
import { followEndpoints, notificationEndpoints, preferencesEndpoints } from './endpoints.ts'
import { withNotificationHooks } from './hooks.ts'
import { isFollowableCollection } from './kinds.ts'
import { withBackstopCron } from '../utilities/queueRunner.ts'
import { notificationQueue, requestNotificationRun, stopNotificationRuns } from './runner.ts'

const withNotificationJobs = (jobs: JobsConfig | undefined, options: ResolvedOptions): JobsConfig => {
  const host = jobs ?? {}
  const autoRun = withBackstopCron(host.autoRun, {
    cron: options.notifications.cron,
    mode: options.notifications.runJobs,
    queue: notificationQueue,
  })
  return withDigestJobs({ ...host, autoRun, tasks: [...(host.tasks ?? []), fanOutTask(), emailTask(options), emailGroupTask(options)] }, options)
}

const endpointsOf = (slug: string) =>
  slug === notificationsSlug
    ? notificationEndpoints()
    : slug === notificationPreferencesSlug
      ? preferencesEndpoints()
      : isFollowableCollection(slug)
        ? followEndpoints(slug)
        : []

const withEndpoints = (collection: CollectionConfig): CollectionConfig => {
  const added = endpointsOf(collection.slug)
  if (added.length === 0 || collection.endpoints === false) return collection
  // Before Payload's own `/:id` routes, after the request guards and Entraide's other endpoints.
  return { ...collection, endpoints: [...(collection.endpoints ?? []), ...added] }
}

const stoppedOnDestroy = Symbol.for('entraide.notifications.stoppedOnDestroy')

// `payload.destroy()` first lets the run under way finish, so nothing is written after the database closed.
const stopOnDestroy = (payload: Payload): void => {
  if (Reflect.get(payload, stoppedOnDestroy) === true) return
  Reflect.set(payload, stoppedOnDestroy, true)
  const destroy = payload.destroy.bind(payload)
  payload.destroy = async () => {
    await stopNotificationRuns(payload)
    return destroy()
  }
}

/**
 * Adds notifications to a config Entraide already extended: the hooks that
 * turn writes into events, the follow, preferences, bell and unsubscribe
 * endpoints, the delivery tasks and, in `'auto'` mode, their cron backstop
 * and a run at start for jobs left by the previous process. With
 * `notifications.enabled: false` the config is returned unchanged (the
 * collections stay, without behaviour).
 */
export const withNotifications =
  (options: ResolvedOptions) =>
  (config: Config): Config => {
    if (!options.notifications.isEnabled) return config
    const hostOnInit = config.onInit
    return {
      ...config,
      collections: (config.collections ?? []).map((collection) => withEndpoints(withNotificationHooks(collection))),
      graphQL: withNotificationGraphQL(config.graphQL),
      jobs: withNotificationJobs(config.jobs, options),
      onInit: async (payload) => {
        stopOnDestroy(payload)
        if (options.notifications.runJobs === 'auto') requestNotificationRun(payload)
        await hostOnInit?.(payload)
      },
    }
  }
