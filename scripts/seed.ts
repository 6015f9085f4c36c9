import { getPayload } from 'payload'

import { describeSeedReport, seedDemoContent } from '../demo/seed.ts'
import config from '../payload.config.ts'

// Seeds the demo content into the database of payload.config.ts (DATABASE_URI,
// or the SQLite file under data/) and prints what was created and the sign-ins.
// Running it again creates nothing.
const payload = await getPayload({ config })
try {
  const report = await seedDemoContent(payload)
  for (const line of describeSeedReport(report)) console.log(line)
  if (report.failures.length > 0) process.exitCode = 1
} finally {
  await payload.destroy()
}
