import { readDashboards, readPublicFigures } from 'entraide'
import type { Payload } from 'payload'

import { demoAccounts } from './demo/accounts.ts'
import { describeSeedReport, hasCreatedContent, seedDemoContent } from './demo/seed.ts'
import { buildAppConfig } from './setup/appConfig.ts'
import { printWelcome } from './setup/welcome.ts'

/** The site's public address: ENTRAIDE_PUBLIC_URL, or this machine at the port the server listens on. */
const publicUrl = process.env.ENTRAIDE_PUBLIC_URL || `http://localhost:${process.env.PORT || '3000'}`

/**
 * Seeds the demo content on an empty database: always in development, in
 * production only when ENTRAIDE_SEED=true (the demo passwords are public).
 * ENTRAIDE_SEED=false never seeds.
 */
const seedIfEmpty = async (payload: Payload): Promise<void> => {
  const wanted = process.env.ENTRAIDE_SEED ?? (process.env.NODE_ENV === 'production' ? 'false' : 'true')
  if (wanted !== 'true') return
  const { totalDocs } = await payload.count({ collection: 'procedures' })
  const report = totalDocs === 0 ? await seedDemoContent(payload) : null
  if (report) {
    const [summary] = describeSeedReport(report)
    if (summary) payload.logger.info(summary)
    for (const failure of report.failures) {
      payload.logger.error(`Demo content not created: ${failure.unit}: ${failure.message}`)
    }
  }
  await computeFirstFigures(payload)
  printWelcome({
    accounts: demoAccounts,
    baseUrl: publicUrl,
    isFreshlySeeded: report !== null && hasCreatedContent(report),
  })
}

/**
 * Entraide computes its public figures every hour and its listening
 * dashboards every 15 minutes; a site that has none yet (a fresh demo)
 * computes them once at start, so that /chiffres and /admin/listening show
 * them at once.
 */
const computeFirstFigures = async (payload: Payload): Promise<void> => {
  const tasks = [
    ...((await readPublicFigures(payload)) === null ? ['entraide-compute-public-figures' as const] : []),
    ...((await readDashboards(payload)) === null ? ['entraide-compute-listening-dashboard' as const] : []),
  ]
  if (tasks.length === 0) return
  for (const task of tasks) await payload.jobs.queue({ input: {}, queue: 'entraide-stats', task })
  await payload.jobs.run({ queue: 'entraide-stats', silent: { info: true } })
}

// The demo application: Entraide on the embedded defaults, with the options a
// public-service website would choose.
export default buildAppConfig({
  entraide: {
    moderation: { preModeratedContributions: 2, reportsToHide: 3, trustedReputation: 50 },
    // Links in notification emails start with the site's public address.
    notifications: { siteUrl: publicUrl },
  },
  onInit: seedIfEmpty,
})
