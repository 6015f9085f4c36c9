import { afterAll, describe, expect, it } from 'vitest'

import { migrations } from '../migrations/index.ts'
import { startTestApp, type TestApp } from './helpers/payload.ts'

let app: TestApp | undefined
afterAll(async () => {
  await app?.close()
})

describe('SQLite migrations (what `next start` applies in production)', () => {
  it.skipIf(process.env.TEST_DATABASE_URI?.startsWith('mongodb'))(
    'create exactly the schema the collections describe',
    async () => {
      // Start without the development schema push, as production does.
      process.env.PAYLOAD_MIGRATING = 'true'
      try {
        app = await startTestApp({ entraide: { search: { runSyncJobs: 'manual' } } })
      } finally {
        delete process.env.PAYLOAD_MIGRATING
      }
      const db = app.payload.db as any
      await db.migrate({ migrations })
      const { statementsToExecute, warnings } = await db.requireDrizzleKit().pushSchema(db.schema, db.drizzle)
      // Anything left to push means a collection changed without `npm run migrate:create`.
      expect(warnings).toEqual([])
      expect(statementsToExecute).toEqual([])
      const procedures = await app.payload.count({ collection: 'procedures' })
      expect(procedures.totalDocs).toBe(0)
    },
  )
})
