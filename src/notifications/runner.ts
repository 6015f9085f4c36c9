import { createQueueRunner, deleteCompletedJobs } from '../utilities/queueRunner.ts'

/** The jobs queue of notification jobs: `payload.jobs.run({ queue: notificationQueue })` runs them. */
export const notificationQueue = 'entraide-notifications'

const runner = createQueueRunner({
  afterDrain: deleteCompletedJobs(notificationQueue, 'Entraide notifications'),
  // Jobs queued by the jobs just run (the emails of a fan-out) are taken by the next run.
  continueAfter: 'any-job',
  logName: 'Entraide notifications',
  queue: notificationQueue,
  scheduleRetries: 'always',
})

/** Runs the notification queue in the background now, or once more after the run under way. */
export const requestNotificationRun = runner.request

/** Runs the queue once the transaction of `req` has ended: a rolled-back write notifies no one. */
export const runNotificationsAfterCommit = runner.runAfterCommit

/** Resolves once no background run is going (tests, benchmarks). */
export const waitForNotificationRuns = runner.waitForRuns

/** Stops background runs (shutdown); queued jobs stay for the next start. */
export const stopNotificationRuns = runner.stop
