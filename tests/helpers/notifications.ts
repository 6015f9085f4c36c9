import { waitForNotificationRuns } from '../../src/notifications/runner.ts'
import type { TestApp } from './payload.ts'

/**
 * Waits until every notification job that is due has run (the delivery runs
 * in the background after each write commits): jobs backing off after a
 * failure are not waited for.
 */
export const notificationsSettled = async (app: TestApp, timeoutMs = 20_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    await waitForNotificationRuns(app.payload)
    const { totalDocs } = await app.payload.count({
      collection: 'payload-jobs',
      overrideAccess: true,
      where: {
        and: [
          { queue: { equals: 'entraide-notifications' } },
          { completedAt: { exists: false } },
          { hasError: { not_equals: true } },
          { or: [{ waitUntil: { exists: false } }, { waitUntil: { less_than_equal: new Date().toISOString() } }] },
        ],
      },
    })
    if (totalDocs === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      await waitForNotificationRuns(app.payload)
      return
    }
    if (Date.now() > deadline) throw new Error(`${totalDocs} notification jobs still waiting after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
