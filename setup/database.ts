import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { migrations } from '../migrations/index.ts'
import { defaultDatabaseUri } from './databaseAddress.ts'
import { migrations as postgresMigrations } from '../migrations/postgres/index.ts'

/** Where the SQLite schema migrations live (`npm run migrate:create` writes there). */
export const migrationDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations')

/** Where the PostgreSQL schema migrations live (`npm run migrate:create` with a `postgres://` DATABASE_URI). */
export const postgresMigrationDir = path.join(migrationDir, 'postgres')

/**
 * How long a SQLite connection waits for the write lock that another process
 * holds (within this process, the plugin has writers take turns). Generous:
 * during a long stream of transactions (the demo seed, an import) a write from
 * another process only gets the lock in a gap between two of them.
 */
const busyTimeoutMs = 30_000

/** How document ids are stored: Payload's default numbers on SQL databases, or text (UUIDs), as on MongoDB. */
export type IdStorage = 'number' | 'text'

/**
 * The database adapter for a connection string: MongoDB for `mongodb://` and
 * `mongodb+srv://`, PostgreSQL for `postgres://` and `postgresql://`,
 * otherwise SQLite on a file (`file:./data/entraide.db` by default). Only the
 * adapter in use is loaded: MongoDB's packages alone took a quarter of a
 * second of every start on SQLite.
 */
export const databaseAdapter = async (
  uri: string = defaultDatabaseUri,
  ids: IdStorage = 'number',
  { push }: { push?: boolean } = {},
): Promise<DatabaseAdapterObj> => {
  if (uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')) {
    const { mongooseAdapter } = await import('@payloadcms/db-mongodb')
    return mongooseAdapter({ url: uri })
  }
  if (uri.startsWith('postgres://') || uri.startsWith('postgresql://')) {
    const { postgresAdapter } = await import('@payloadcms/db-postgres')
    return postgresAdapter({
      idType: ids === 'text' ? 'uuid' : 'serial',
      migrationDir: postgresMigrationDir,
      pool: { connectionString: uri },
      prodMigrations: postgresMigrations,
      push,
    })
  }
  return sqliteDatabaseAdapter(uri, ids, { push })
}

/** The SQLite adapter on a `file:` connection string (the embedded default, and the tests' throw-away files). */
export const sqliteDatabaseAdapter = (
  uri: string = defaultDatabaseUri,
  ids: IdStorage = 'number',
  { push }: { push?: boolean } = {},
): DatabaseAdapterObj => {
  if (!uri.startsWith('file:')) {
    throw new Error(
      `DATABASE_URI must start with "file:" (SQLite), "postgres://" or "postgresql://" (PostgreSQL), "mongodb://" or "mongodb+srv://" (MongoDB), got "${uri.split(':')[0]}:…".`,
    )
  }
  const file = uri.slice('file:'.length)
  if (file && file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  return sqliteAdapter({
    busyTimeout: busyTimeoutMs,
    client: { url: uri },
    // Payload's default numeric ids; the tests also run with text ids, as MongoDB has.
    idType: ids === 'text' ? 'uuid' : 'number',
    // Development and tests push the schema; production (`next start`)
    // applies the committed migrations at start instead.
    migrationDir,
    prodMigrations: migrations,
    push,
    // Transactions take the write lock at once (BEGIN IMMEDIATE); with the
    // plugin's turns, a domain action reads and writes a consistent state
    // even under parallel requests.
    transactionOptions: { behavior: 'immediate' },
    wal: true,
  })
}
