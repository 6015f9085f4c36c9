import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
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

/** Runs one statement on the PostgreSQL server of TEST_DATABASE_URI, outside any test database. */
const onPostgresServer = async (uri: string, sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
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
  if (kind === 'postgres') {
    await onPostgresServer(server, `CREATE DATABASE "${databaseName}"`)
    // A throw-away database needs no commit to wait for the disk.
    await onPostgresServer(server, `ALTER DATABASE "${databaseName}" SET synchronous_commit = off`)
  }
  const databaseUri =
    kind === 'sqlite' ? `file:${path.join(dir, 'test.db')}` : withDatabaseName(server, databaseName)
  const config = await buildAppConfig({ ...args, databaseUri, secret: 'entraide-test-secret' })
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
      // Payload's destroy leaves the PostgreSQL pool open, and the schema push at start keeps one of its
      // connections checked out for good: every connection is told to expect the drop below, which cuts them.
      const pool: unknown = kind === 'postgres' ? payload.db.pool : undefined
      await payload.destroy()
      // Payload keeps each instance in a process-wide map by its key: the next
      // test file run in this process must boot its own app, not find this one.
      const instances: unknown = Reflect.get(globalThis, '_payload')
      if (instances instanceof Map) instances.delete(key)
      // So does Payload's GraphQL route with the schema it built from this app's config.
      const graphQL: unknown = Reflect.get(globalThis, '_payload_graphql')
      if (typeof graphQL === 'object' && graphQL !== null) Object.assign(graphQL, { graphql: null, promise: null })
      if (pool instanceof EventEmitter) {
        pool.on('error', () => undefined)
        const clients: unknown = Reflect.get(pool, '_clients')
        for (const client of Array.isArray(clients) ? clients : []) {
          if (client instanceof EventEmitter) client.on('error', () => undefined)
        }
        const end: unknown = Reflect.get(pool, 'end')
        if (typeof end === 'function') {
          const ended: unknown = Reflect.apply(end, pool, [])
          await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1000))])
        }
      }
      if (kind === 'postgres') await onPostgresServer(server, `DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`)
      rmSync(dir, { force: true, recursive: true })
    },
    config,
    payload,
    signUp,
  }
}
