import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { migrations } from '../migrations'
import { busyTimeoutMs, serialTransactions } from './serialTransactions'

/** Where the SQLite schema migrations live (`npm run migrate:create` writes there). */
export const migrationDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations')

/** The embedded default: a SQLite file under `data/`. */
export const defaultDatabaseUri = 'file:./data/entraide.db'

/**
 * The database adapter for a connection string: MongoDB when it starts with
 * `mongodb`, otherwise SQLite on a file (`file:./data/entraide.db` by default).
 */
export const databaseAdapter = (uri: string = defaultDatabaseUri): DatabaseAdapterObj => {
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
      // String ids on SQLite as on MongoDB: one id type for the API, the code
      // and the generated types, whatever the database. v7 ids sort by time.
      idType: 'uuidv7',
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
