import { createHash, randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'
import {
  getFieldsToSign,
  getPayload,
  handleEndpoints,
  jwtSign,
  type Payload,
  type SanitizedConfig,
} from 'payload'

import { buildAppConfig, type AppConfigArgs } from '../../setup/appConfig.ts'
import type { ID } from '../../src/utilities/ids.ts'

export type TestApp = {
  payload: Payload
  config: SanitizedConfig
  /** Sends a request to the REST API (no server needed) and returns the response. */
  api: (
    method: string,
    route: string,
    options?: { body?: unknown; rawBody?: string; token?: string; headers?: Record<string, string> },
  ) => Promise<Response>
  /**
   * Creates a user with a role and returns it with a session token. The email
   * address is confirmed unless `hasConfirmedEmail` is false (Payload then
   * ignores the token, as it refuses such an account's sign-in).
   */
  signUp: (args: {
    role?: 'citizen' | 'agent' | 'editor' | 'admin'
    agency?: ID
    name?: string
    hasConfirmedEmail?: boolean
  }) => Promise<{ id: ID; token: string; email: string }>
  /**
   * Runs raw database writes (`payload.db.…` with this `req`) in a
   * transaction of their own. On SQLite a write outside any transaction waits
   * for the lock inside the database driver, blocking the process, while the
   * transaction holding it (a background job's) cannot go on: in a transaction,
   * the write waits its turn instead.
   */
  inTransaction: <T>(work: (req: { transactionID?: number | string }) => Promise<T>) => Promise<T>
  close: () => Promise<void>
}

let counter = 0

/** The server URI with its database name replaced, keeping options such as `?replicaSet=rs0`. */
const withDatabaseName = (uri: string, name: string): string => {
  const url = new URL(uri)
  url.pathname = `/${name}`
  return url.toString()
}

/** Which database the integration tests run on: TEST_DATABASE_URI's server, or SQLite files. */
export const testDatabaseKind = (): 'sqlite' | 'postgres' | 'mongodb' => {
  const uri = process.env.TEST_DATABASE_URI ?? ''
  if (uri.startsWith('mongodb')) return 'mongodb'
  if (uri.startsWith('postgres')) return 'postgres'
  return 'sqlite'
}

const projectRoot = path.resolve(import.meta.dirname, '..', '..')

/** A digest of the sources the schema is made from (the plugin, the app's setup and config). */
let schemaSourcesDigest: string | undefined
const schemaSources = (): string => {
  if (schemaSourcesDigest) return schemaSourcesDigest
  const hash = createHash('sha256')
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const file = path.join(folder, name)
      if (statSync(file).isDirectory()) walk(file)
      else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts')) hash.update(`${path.relative(projectRoot, file)}\0`).update(readFileSync(file))
    }
  }
  walk(path.join(projectRoot, 'src'))
  walk(path.join(projectRoot, 'setup'))
  hash.update(process.env.ENTRAIDE_TEST_IDS ?? '')
  schemaSourcesDigest = hash.digest('hex').slice(0, 12)
  return schemaSourcesDigest
}

/** Runs one statement on a PostgreSQL database (the server's own, or a test database) and returns its rows. */
const queryPostgresServer = async (uri: string, sql: string, values: unknown[] = []): Promise<unknown[]> => {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    return (await client.query(sql, values)).rows
  } finally {
    await client.end()
  }
}

/** Keys of a sanitized config that never change the database's tables: what the admin panel shows, who may act, what runs around a write. */
const nonSchemaKeys = new Set(['access', 'admin', 'custom', 'editor', 'endpoints', 'graphQL', 'hooks', 'i18n', 'label', 'labels', 'typescript'])

/**
 * A digest of what the database's tables are made from in a sanitized
 * config: its collections and globals (their fields, versions, uploads,
 * indexes…) without what does not reach the database (hooks, access,
 * admin options, labels), and the kind of ids. Apps whose options differ
 * only in behaviour (rate limits, search settings, an onInit) share it.
 */
const schemaDigestOf = (config: SanitizedConfig): string => {
  const seen = new WeakSet<object>()
  const text = JSON.stringify(
    { collections: config.collections, db: [config.db.name, config.db.defaultIDType], globals: config.globals },
    (key, item: unknown) => {
      if (typeof item === 'function' || nonSchemaKeys.has(key)) return undefined
      if (typeof item === 'object' && item !== null) {
        if (seen.has(item)) return '[cycle]'
        seen.add(item)
      }
      return item
    },
  )
  return createHash('sha256').update(text).digest('hex').slice(0, 12)
}

/**
 * On PostgreSQL, a test database is a copy of a template database that has
 * the schema (CREATE DATABASE … TEMPLATE, a file copy), instead of an empty
 * one that Payload's schema push fills, statement by statement, at every
 * start. The template is made once per schema (the sources it comes from and
 * what the app's config makes tables of, `schemaDigestOf`), by the first
 * worker that needs it, and kept for the next runs; templates of other
 * sources are dropped then. Apps whose options differ only in behaviour
 * share one: its tables are emptied once it is made.
 */
const postgresTemplate = async (
  server: string,
  args: Omit<AppConfigArgs, 'databaseUri' | 'secret'>,
  schemaDigest: string,
): Promise<string> => {
  const sources = schemaSources()
  const name = `entraide_tpl_${sources}_${schemaDigest}`
  const client = new pg.Client({ connectionString: server })
  await client.connect()
  try {
    // One worker makes it; the others wait for it.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [name])
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount === 0) {
      for (const { datname } of (
        await client.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE datname LIKE 'entraide\\_tpl\\_%' AND datname NOT LIKE $1",
          [`entraide\\_tpl\\_${sources}\\_%`],
        )
      ).rows) {
        await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined)
      }
      const building = `${name}_building`
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`)
      await client.query(`CREATE DATABASE "${building}"`)
      const config = await buildAppConfig({
        ...args,
        databaseUri: withDatabaseName(server, building),
        secret: 'entraide-test-secret',
      })
      const key = `template-${building}`
      const payload = await getPayload({ config, key })
      // What the app wrote at start (its onInit) goes: each copy starts as a fresh database would.
      const tables = (await queryPostgresServer(
        withDatabaseName(server, building),
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'payload_migrations'",
      )) as { tablename: string }[]
      forgetInstance(key)
      const pool: unknown = payload.db.pool
      await payload.destroy()
      endPool(pool)
      await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [building])
      if (tables.length > 0)
        await queryPostgresServer(
          withDatabaseName(server, building),
          `TRUNCATE ${tables.map(({ tablename }) => `"${tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
        )
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`)
    }
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name])
  } finally {
    await client.end()
  }
  return name
}

/**
 * Ends a PostgreSQL pool that Payload's destroy leaves open (the schema push
 * keeps one of its connections checked out for good): no new connection is
 * made, and every connection is told to expect its database's drop or
 * termination, which cuts them. Nothing waits for the checked-out one.
 */
export const endPool = (pool: unknown): void => {
  if (!(pool instanceof EventEmitter)) return
  pool.on('error', () => undefined)
  const clients: unknown = Reflect.get(pool, '_clients')
  for (const client of Array.isArray(clients) ? clients : []) {
    if (client instanceof EventEmitter) client.on('error', () => undefined)
  }
  const end: unknown = Reflect.get(pool, 'end')
  if (typeof end === 'function') Promise.resolve(Reflect.apply(end, pool, [])).catch(() => undefined)
}

/** Payload keeps each instance in a process-wide map by its key; a closed app leaves it. */
const forgetInstance = (key: string): void => {
  const instances: unknown = Reflect.get(globalThis, '_payload')
  if (instances instanceof Map) instances.delete(key)
}

/**
 * Boots Entraide on a throw-away database: a temporary SQLite file, or a
 * fresh database on the server named by TEST_DATABASE_URI when it is
 * PostgreSQL or MongoDB (created here, dropped by `close`).
 */
export const startTestApp = async ({
  isDefaultInstance = false,
  ...args
}: Omit<AppConfigArgs, 'databaseUri' | 'secret'> & {
  /**
   * Caches the instance as the process's default Payload, the one Payload's
   * Next.js route handlers (GraphQL) look up; one such app per test file.
   */
  isDefaultInstance?: boolean
} = {}): Promise<TestApp> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'entraide-test-'))
  const server = process.env.TEST_DATABASE_URI ?? ''
  const kind = testDatabaseKind()
  const databaseName = `entraide_test_${path.basename(dir).replace(/\W/g, '_').toLowerCase()}`
  const databaseUri =
    kind === 'sqlite' ? `file:${path.join(dir, 'test.db')}` : withDatabaseName(server, databaseName)
  const config = await buildAppConfig({
    ...args,
    // The embedded index's snapshot goes with the app's other throw-away files.
    entraide: {
      ...args.entraide,
      search: { snapshot: { directory: path.join(dir, 'search-index') }, ...args.entraide?.search },
    },
    // A copy of the template has the schema already.
    databasePush: kind === 'postgres' ? false : undefined,
    databaseUri,
    secret: 'entraide-test-secret',
  })
  if (kind === 'postgres') {
    const schemaDigest = schemaDigestOf(config)
    const clone = async () =>
      queryPostgresServer(
        server,
        `CREATE DATABASE "${databaseName}" TEMPLATE "${await postgresTemplate(server, args, schemaDigest)}"`,
      )
    // A run of other sources (another checkout) may have dropped the template meanwhile: it is made again.
    await clone().catch(clone)
    // A throw-away database needs no commit to wait for the disk.
    await queryPostgresServer(server, `ALTER DATABASE "${databaseName}" SET synchronous_commit = off`)
    await queryPostgresServer(server, `ALTER DATABASE "${databaseName}" SET jit = off`)
  }
  const key = isDefaultInstance ? 'default' : `test-${path.basename(dir)}`
  const payload = await getPayload({ config, key })

  const api: TestApp['api'] = async (method, route, options = {}) => {
    const headers = new Headers(options.headers)
    if (options.token) headers.set('Authorization', `JWT ${options.token}`)
    let body: string | undefined
    if (options.rawBody !== undefined) {
      body = options.rawBody
      // A raw body is JSON unless the caller says otherwise (a form post).
      if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body)
      headers.set('Content-Type', 'application/json')
    }
    const request = new Request(`http://localhost:3000/api${route}`, { body, headers, method })
    return handleEndpoints({ config, payloadInstanceCacheKey: key, request })
  }

  const signUp: TestApp['signUp'] = async ({ agency, hasConfirmedEmail = true, name, role = 'citizen' }) => {
    counter += 1
    const email = `${role}-${counter}-${Date.now()}@example.test`
    const password = 'correct horse battery staple'
    // The user is created with a session, and its token signed, as Payload's
    // sign-in does it, without checking the password again: each check costs
    // a 600,000-round PBKDF2, and the tests about signing in go through the API.
    const collectionConfig = payload.collections.users?.config
    if (!collectionConfig) throw new Error('the test app has no users collection')
    const session = {
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + collectionConfig.auth.tokenExpiration * 1000).toISOString(),
      id: randomUUID(),
    }
    const user = await payload.create({
      collection: 'users',
      data: {
        agency,
        displayName: name ?? `${role} ${counter}`,
        email,
        password,
        role,
        sessions: [session],
        ...(hasConfirmedEmail ? {} : { _verified: false }),
      },
      overrideAccess: true,
      showHiddenFields: true,
    })
    const { token } = await jwtSign({
      fieldsToSign: getFieldsToSign({ collectionConfig, email, sid: session.id, user: { ...user, collection: 'users' } }),
      secret: payload.secret,
      tokenExpiration: collectionConfig.auth.tokenExpiration,
    })
    return { email, id: user.id, token }
  }

  const inTransaction: TestApp['inTransaction'] = async (work) => {
    const transactionID = (await payload.db.beginTransaction()) ?? undefined
    try {
      const result = await work({ transactionID })
      if (transactionID !== undefined) await payload.db.commitTransaction(transactionID)
      return result
    } catch (error) {
      if (transactionID !== undefined) await payload.db.rollbackTransaction(transactionID)
      throw error
    }
  }

  return {
    api,
    inTransaction,
    close: async () => {
      if (kind === 'mongodb') await payload.db.connection?.dropDatabase?.()
      const pool: unknown = kind === 'postgres' ? payload.db.pool : undefined
      await payload.destroy()
      // Payload keeps each instance in a process-wide map by its key: the next
      // test file run in this process must boot its own app, not find this one.
      forgetInstance(key)
      // So does Payload's GraphQL route with the schema it built from this app's config.
      const graphQL: unknown = Reflect.get(globalThis, '_payload_graphql')
      if (typeof graphQL === 'object' && graphQL !== null) Object.assign(graphQL, { graphql: null, promise: null })
      endPool(pool)
      // The drop cuts every connection still open on the database, the one the push kept included.
      if (kind === 'postgres') await queryPostgresServer(server, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`)
      rmSync(dir, { force: true, recursive: true })
    },
    config,
    payload,
    signUp,
  }
}
