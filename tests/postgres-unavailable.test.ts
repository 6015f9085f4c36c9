import { describe, it } from 'vitest'

// Runs only when no PostgreSQL server answered (see vitest.config.ts): the
// database tests then ran on SQLite alone, and the report says so.
const uri = process.env.TEST_POSTGRES_URI ?? ''

describe('the database tests on PostgreSQL', () => {
  it.skip(
    uri === 'off'
      ? 'SKIPPED: TEST_POSTGRES_URI=off, the database tests ran on SQLite only'
      : `SKIPPED: no PostgreSQL server at ${uri.replace(/\/\/[^@/]*@/, '//')}; start one or set TEST_POSTGRES_URI, the database tests ran on SQLite only`,
  )
})
