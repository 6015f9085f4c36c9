import { EventEmitter } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import pg from 'pg'
import { getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'

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
  /** Creates a user with a role and returns it with a session token. */
  signUp: (args: {
    role?: 'citizen' | 'agent' | 'editor' | 'admin'
    agency?: ID
    name?: string
  }) => Promise<{ id: ID; token: string; email: string }>
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

  const signUp: TestApp['signUp'] = async ({ agency, name, role = 'citizen' }) => {
    counter += 1
    const email = `${role}-${counter}-${Date.now()}@example.test`
    const password = 'correct horse battery staple'
    const user = await payload.create({
      collection: 'users',
      data: {
        agency,
        displayName: name ?? `${role} ${counter}`,
        email,
        password,
        role,
      },
      overrideAccess: true,
    })
    const { token } = await payload.login({ collection: 'users', data: { email, password } })
    if (!token) throw new Error('login returned no token')
    return { email, id: user.id, token }
  }

  return {
    api,
    close: async () => {
      if (kind === 'mongodb') await payload.db.connection?.dropDatabase?.()
      // Payload's destroy leaves the PostgreSQL pool open, and the schema push at start keeps one of its
      // connections checked out for good: every connection is told to expect the drop below, which cuts them.
      const pool: unknown = kind === 'postgres' ? payload.db.pool : undefined
      await payload.destroy()
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
