import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { migrations } from '../migrations/index.ts'
import { busyTimeoutMs, serialTransactions } from './serialTransactions.ts'

/** Where the SQLite schema migrations live (`npm run migrate:create` writes there). */
export const migrationDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations')

/** The embedded default: a SQLite file under `data/`. */
export const defaultDatabaseUri = 'file:./data/entraide.db'

/**
 * The database adapter for a connection string: MongoDB when it starts with
 * `mongodb`, otherwise SQLite on a file (`file:./data/entraide.db` by default).
 */
/** How document ids are stored: Payload's default numbers on SQL databases, or text (UUIDs), as on MongoDB. */
export type IdStorage = 'number' | 'text'

export const databaseAdapter = (uri: string = defaultDatabaseUri, ids: IdStorage = 'number'): DatabaseAdapterObj => {
  if (uri.startsWith('mongodb')) {
    return mongooseAdapter({ url: uri })
  }
  if (!uri.startsWith('file:')) {
    throw new Error(
      `DATABASE_URI must start with "mongodb://", "mongodb+srv://" or "file:" (SQLite), got "${uri.split(':')[0]}:…".`,
    )
  }
  const file = uri.slice('file:'.length)
  if (file && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  return serialTransactions(
    sqliteAdapter({
      busyTimeout: busyTimeoutMs,
      client: { url: uri },
      // Payload's default numeric ids; the tests also run with text ids, as MongoDB has.
      idType: ids === 'text' ? 'uuid' : 'number',
      // Development and tests push the schema; production (`next start`)
      // applies the committed migrations at start instead.
      migrationDir,
      prodMigrations: migrations,
      // Writers queue behind each other (BEGIN IMMEDIATE), so a domain action
      // reads and writes a consistent state even under parallel requests.
      transactionOptions: { behavior: 'immediate' },
      wal: true,
    }),
  )
}
