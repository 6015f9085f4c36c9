import { afterAll, describe, expect, it } from 'vitest'

import { migrations as sqliteMigrations } from '../migrations/index.ts'
import { migrations as postgresMigrations } from '../migrations/postgres/index.ts'
import { startTestApp, testDatabaseKind, type TestApp } from './helpers/payload.ts'

const kind = testDatabaseKind()
const migrations = kind === 'postgres' ? postgresMigrations : sqliteMigrations

/**
 * drizzle-kit on PostgreSQL proposes `SET DEFAULT 0` for numeric columns whose
 * default is already 0 (it compares `0` with `'0'::numeric`): such a statement
 * changes nothing, which the database itself confirms here.
 */
const restatesDefault = async (db: any, statement: string): Promise<boolean> => {
  const match = /^ALTER TABLE "([^"]+)" ALTER COLUMN "([^"]+)" SET DEFAULT (-?\d+);$/.exec(statement)
  if (kind !== 'postgres' || !match) return false
  const [, table, column, value] = match
  const { rows } = await db.pool.query(
    'SELECT column_default FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
    [table, column],
  )
  const current = String(rows[0]?.column_default ?? '')
  return current === value || current === `'${value}'::numeric`
}

let app: TestApp | undefined
afterAll(async () => {
  await app?.close()
})

describe(`${kind === 'postgres' ? 'PostgreSQL' : 'SQLite'} migrations (what \`next start\` applies in production)`, () => {
  // MongoDB has no schema to migrate.
  it.skipIf(kind === 'mongodb')(
    'create exactly the schema the collections describe',
    async () => {
      // Start without the development schema push, as production does.
      process.env.PAYLOAD_MIGRATING = 'true'
      try {
        // The committed migrations are the demo app's, on Payload's default numeric ids.
        app = await startTestApp({ entraide: { search: { runSyncJobs: 'manual' } }, ids: 'number' })
      } finally {
        delete process.env.PAYLOAD_MIGRATING
      }
      const db = app.payload.db as any
      await db.migrate({ migrations })
      const { statementsToExecute, warnings } = await db.requireDrizzleKit().pushSchema(db.schema, db.drizzle)
      // Anything left to push means a collection changed without `npm run migrate:create`.
      expect(warnings).toEqual([])
      const changes: string[] = []
      for (const statement of statementsToExecute as string[]) {
        if (!(await restatesDefault(db, statement))) changes.push(statement)
      }
      expect(changes).toEqual([])
      const procedures = await app.payload.count({ collection: 'procedures' })
      expect(procedures.totalDocs).toBe(0)
    },
  )
})
