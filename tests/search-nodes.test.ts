import { fork, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { build } from 'esbuild'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { ID } from '../src/utilities/ids.ts'
import { createProcedure } from './helpers/fixtures.ts'
import { startTestApp, testDatabaseKind, type TestApp } from './helpers/payload.ts'
import { isRedisUp, testRedisUrl } from './helpers/redis.ts'
import { startFakeMeilisearch, type FakeMeilisearch } from './search/fakeMeilisearch.ts'

// Two app nodes are two Node processes (tests/search/appNode.ts) running
// Payload with Entraide on one PostgreSQL database and one Redis, as two
// servers behind a load balancer would. The test process owns the database
// (it makes it, signs users up, reads what was committed) and drives the
// nodes through their REST API.

const redisUrl = testRedisUrl

/** Deletes the rate-limit keys a section's nodes wrote to Redis under `prefix`. */
const removeRedisKeys = async (prefix: string): Promise<void> => {
  const admin = new Redis(redisUrl)
  const keys = await admin.keys(`${prefix}*`)
  if (keys.length > 0) await admin.del(...keys)
  admin.disconnect()
}

const kind = testDatabaseKind()
const redisAvailable = kind === 'postgres' && (await isRedisUp())
const skipReason =
  kind !== 'postgres'
    ? ' — SKIPPED: several app nodes share a database server (PostgreSQL project), not a SQLite file'
    : redisAvailable
      ? ''
      : ` — SKIPPED: no Redis answers at ${redisUrl} (start one, or set TEST_REDIS_URL)`

type ApiAnswer = { status: number; body: any; retryAfter: string | null }
type NodeStatus = {
  appliedRows: number
  origin: 'snapshot' | 'rebuild' | null
  deliveries: Record<string, number>
  /** Meilisearch: whether the node holds the lease, and how many times it applied each target. */
  consumer: { isHolder: boolean; appliedRows: number; deliveries: Record<string, number> }
}

type AppNode = {
  name: string
  child: ChildProcess
  api: (
    method: string,
    route: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string> },
  ) => Promise<ApiAnswer>
  status: () => Promise<NodeStatus>
  stop: () => Promise<void>
  kill: () => Promise<void>
  /** The status the node reported when it was ready. */
  readyStatus: NodeStatus
}

const projectRoot = path.resolve(import.meta.dirname, '..')

/**
 * tests/search/appNode.ts and the app's sources it imports, bundled into one
 * file that plain Node runs (the packages stay external and load as usual).
 * Loading the app through tsx's module hooks instead cost each node about
 * 4 s more of processor time than its whole start does now, and the file
 * starts six nodes. The bundle sits one folder below the project's root, as
 * the app's sources do, so that the paths they find from their own location
 * (the setup's root and migrations) stay the same; it is made once per file
 * and removed after it.
 */
let nodeScript: Promise<string> | undefined
const nodeScriptFile = (): Promise<string> =>
  (nodeScript ??= (async () => {
    const outfile = path.join(projectRoot, 'test-results', `app-node-${process.pid}-${randomUUID()}.mjs`)
    await build({
      alias: {
        entraide: path.join(projectRoot, 'src', 'index.ts'),
        'entraide/redis': path.join(projectRoot, 'src', 'exports', 'redis.ts'),
      },
      bundle: true,
      entryPoints: [path.join(import.meta.dirname, 'search', 'appNode.ts')],
      format: 'esm',
      logLevel: 'warning',
      outfile,
      packages: 'external',
      platform: 'node',
      target: 'node20',
    })
    return outfile
  })())
afterAll(async () => {
  if (nodeScript) rmSync(await nodeScript, { force: true })
})

/** Starts an app node (tests/search/appNode.ts) with these variables; `running` holds it until it exits. */
const forkNode = async (
  name: string,
  running: Set<ChildProcess>,
  variables: Record<string, string>,
): Promise<AppNode> => {
  const script = await nodeScriptFile()
  return new Promise((resolve, reject) => {
    const child = fork(script, [], {
      cwd: projectRoot,
      env: { ...process.env, NODE_NAME: `${name}-${randomUUID()}`, ...variables },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    })
    running.add(child)
    let nextId = 0
    const waiting = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void }>()
    const exited = new Promise<void>((done) => {
      child.once('exit', (code) => {
        running.delete(child)
        for (const { reject: fail } of waiting.values()) fail(new Error(`node ${name} exited (${String(code)})`))
        waiting.clear()
        reject(new Error(`node ${name} exited before it was ready (${String(code)})`))
        done()
      })
    })
    const call = (message: Record<string, unknown>): Promise<any> =>
      new Promise((resolveCall, rejectCall) => {
        nextId += 1
        waiting.set(nextId, { reject: rejectCall, resolve: resolveCall })
        child.send({ ...message, id: nextId })
      })
    child.on('message', (message: any) => {
      if (message.ready) {
        resolve({
          api: (method, route, options = {}) => call({ method, op: 'api', route, ...options }),
          child,
          kill: async () => {
            child.kill('SIGKILL')
            await exited
          },
          name,
          readyStatus: message.status,
          status: () => call({ op: 'status' }),
          stop: async () => {
            await call({ op: 'stop' }).catch(() => undefined)
            await exited
          },
        })
        return
      }
      const pending = waiting.get(message.id)
      if (!pending) return
      waiting.delete(message.id)
      if (message.error) pending.reject(new Error(message.error))
      else pending.resolve(message.result)
    })
  })
}

describe.skipIf(!redisAvailable)(`two app nodes on one PostgreSQL database and one Redis${skipReason}`, () => {
  let app: TestApp
  let databaseUri: string
  let snapshotDir = ''
  const redisPrefix = `entraide-test-${randomUUID()}`
  const running = new Set<ChildProcess>()
  let procedure: { id: ID; slug: string }
  let a: AppNode
  let b: AppNode

  const startNode = (name: string): Promise<AppNode> =>
    forkNode(name, running, {
      NODE_DATABASE_URI: databaseUri,
      NODE_REDIS_PREFIX: redisPrefix,
      NODE_REDIS_URL: redisUrl,
      NODE_SNAPSHOT_DIR: path.join(snapshotDir, name),
    })

  /** A search through a node, from an address of its own (the per-address limit is checked separately). */
  let address = 0
  const searchIds = async (node: AppNode, q: string): Promise<string[]> => {
    address += 1
    const answer = await node.api('GET', `/entraide/search?q=${encodeURIComponent(q)}&limit=50`, {
      headers: { 'X-Forwarded-For': `198.51.${Math.floor(address / 250) % 250}.${(address % 250) + 1}` },
    })
    if (answer.status !== 200)
      throw new Error(`search through ${node.name} answered ${answer.status}: ${JSON.stringify(answer.body)}`)
    return answer.body.hits.map((hit: { id: string }) => hit.id).sort()
  }

  const postTip = async (node: AppNode, token: string, body: string): Promise<ApiAnswer> =>
    node.api('POST', '/tips?depth=0', { body: { body, procedure: procedure.id }, token })

  const changesInFeed = async (): Promise<number> =>
    (await app.payload.count({ collection: 'search-changes', overrideAccess: true })).totalDocs

  beforeAll(async () => {
    app = await startTestApp({ entraide: { rateLimits: false, search: { runSyncJobs: 'manual' } } })
    const uri: unknown = Reflect.get(Reflect.get(app.payload.db, 'poolOptions') ?? {}, 'connectionString')
    if (typeof uri !== 'string') throw new Error('the test database has no connection string')
    databaseUri = uri
    snapshotDir = mkdtempSync(path.join(tmpdir(), 'entraide-nodes-'))
    ;({ procedure } = await createProcedure(app, { slug: 'timbre-fiscal' }))
    a = await startNode('a')
    b = await startNode('b')
  }, 240_000)

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL')
    await app?.close()
    if (snapshotDir) rmSync(snapshotDir, { force: true, recursive: true })
    await removeRedisKeys(redisPrefix)
  })

  it('finds a tip posted through node A through node B’s search within a second', async () => {
    const citizen = await app.signUp({})
    const posted = await postTip(a, citizen.token, 'Le timbre fiscal se paie avec un ornithorynque en ligne.')
    expect(posted.status).toBe(201)
    const expected = [`tips-${posted.body.doc.id}`]
    const startedAt = Date.now()
    // The writing node has it once its transaction is committed.
    await expect.poll(() => searchIds(a, 'ornithorynque'), { interval: 20, timeout: 1000 }).toEqual(expected)
    await expect.poll(() => searchIds(b, 'ornithorynque'), { interval: 50, timeout: 5000 }).toEqual(expected)
    expect(Date.now() - startedAt).toBeLessThan(1000)
  })

  it('shows a tip posted through node A on node B’s anonymous procedure page within a second', async () => {
    const tipIdsOn = async (node: AppNode): Promise<string[]> => {
      const answer = await node.api('GET', '/entraide/procedures/timbre-fiscal')
      if (answer.status !== 200) throw new Error(`the page through ${node.name} answered ${answer.status}`)
      return answer.body.tips.map((tip: { id: ID }) => String(tip.id))
    }
    // Node B keeps the page in memory (for 5 seconds unless told of a change).
    const before = await tipIdsOn(b)
    expect(await tipIdsOn(b)).toEqual(before)
    const citizen = await app.signUp({})
    const posted = await postTip(a, citizen.token, 'Gardez le reçu du timbre fiscal jusqu’au retrait.')
    expect(posted.status).toBe(201)
    const startedAt = Date.now()
    await expect.poll(() => tipIdsOn(b), { interval: 50, timeout: 5000 }).toContain(String(posted.body.doc.id))
    expect(Date.now() - startedAt).toBeLessThan(1000)
  })

  it('holds a search rate limit reached through node A on node B', async () => {
    const headers = { 'X-Forwarded-For': '203.0.113.77' }
    for (let count = 0; count < 5; count += 1) {
      expect((await a.api('GET', '/entraide/search?q=timbre', { headers })).status).toBe(200)
    }
    expect((await a.api('GET', '/entraide/search?q=timbre', { headers })).status).toBe(429)
    const onB = await b.api('GET', '/entraide/search?q=timbre', { headers })
    expect(onB.status).toBe(429)
    expect(Number(onB.retryAfter)).toBeGreaterThan(0)
  })

  it('applies each change once on each node, and loses none when a node is killed mid-burst', async () => {
    const citizens = await Promise.all([app.signUp({}), app.signUp({})])
    const tokenA = citizens[0]?.token ?? ''
    const tokenB = citizens[1]?.token ?? ''
    // Settled: both nodes have applied everything written so far.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const before = { b: (await b.status()).appliedRows, rows: await changesInFeed() }

    // A burst through both nodes; node A is killed once half of its writes were answered.
    let answeredByA = 0
    const throughA = Array.from({ length: 16 }, (_, index) =>
      postTip(a, tokenA, `Rafale ${index} : la zibeline de A garde le reçu.`)
        .then((answer) => {
          answeredByA += 1
          if (answeredByA === 8) void a.kill()
          return answer
        })
        .catch(() => null),
    )
    const throughB = Array.from({ length: 8 }, (_, index) =>
      postTip(b, tokenB, `Rafale ${index} : la zibeline de B garde le reçu.`),
    )
    const answersA = await Promise.all(throughA)
    const answersB = await Promise.all(throughB)
    await a.kill()
    expect(answersB.every((answer) => answer.status === 201)).toBe(true)
    const acknowledged = answersA
      .filter((answer) => answer?.status === 201)
      .map((answer) => `tips-${answer?.body.doc.id}`)
    expect(acknowledged.length).toBeGreaterThanOrEqual(8)

    // Everything committed, and only that: what the database holds.
    const committed = (
      await app.payload.find({
        collection: 'tips',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { and: [{ procedure: { equals: procedure.id } }, { body: { like: 'zibeline' } }] },
      })
    ).docs.map((tip) => `tips-${String(tip.id)}`)
    for (const id of acknowledged) expect(committed).toContain(id)
    expect(committed.length).toBeGreaterThanOrEqual(acknowledged.length + answersB.length)

    // Node B converges to every committed write, each change applied once.
    await expect.poll(() => searchIds(b, 'zibeline'), { interval: 100, timeout: 10_000 }).toEqual([...committed].sort())
    const after = { b: await b.status(), rows: await changesInFeed() }
    expect(after.b.appliedRows - before.b).toBe(after.rows - before.rows)
    for (const id of committed) expect(after.b.deliveries[id.replace('tips-', 'tips:')]).toBe(1)

    // Node A, started again with no saved index (it was killed), rebuilds it and converges too.
    a = await startNode('a')
    expect(a.readyStatus.origin).toBe('rebuild')
    expect(await searchIds(a, 'zibeline')).toEqual([...committed].sort())
  })

  it('starts again from its saved index, then catches up with what was written meanwhile', async () => {
    const citizen = await app.signUp({})
    await a.stop()
    const meanwhile = await postTip(b, citizen.token, 'Pendant le redémarrage, le pangolin attend son timbre.')
    expect(meanwhile.status).toBe(201)
    a = await startNode('a')
    expect(a.readyStatus.origin).toBe('snapshot')
    // Searches answer at once, from the saved index, and the feed brings the rest within a second.
    expect((await searchIds(a, 'zibeline')).length).toBeGreaterThan(0)
    await expect
      .poll(() => searchIds(a, 'pangolin'), { interval: 50, timeout: 1000 })
      .toEqual([`tips-${meanwhile.body.doc.id}`])
  })

  it('rebuilds every node’s index when an editor rebuilds it through one', async () => {
    const editor = await app.signUp({ role: 'editor' })
    // Written around the feed, as a bulk import may do: no node knows of it yet.
    await app.payload.create({
      collection: 'tips',
      context: { skipSearchSync: true },
      data: {
        body: 'Importé en bloc : le tatou range les formulaires.',
        procedure: procedure.id,
        visibility: 'published',
      },
    })
    expect(await searchIds(b, 'tatou')).toEqual([])
    const rebuilt = await a.api('POST', '/entraide/reindex', { token: editor.token })
    expect(rebuilt.status).toBe(200)
    expect(await searchIds(a, 'tatou')).toHaveLength(1)
    await expect.poll(() => searchIds(b, 'tatou'), { interval: 100, timeout: 10_000 }).toHaveLength(1)
  })
})

describe.skipIf(!redisAvailable)(`two app nodes feeding one Meilisearch from the change feed${skipReason}`, () => {
  const leaseMs = 2000
  let app: TestApp
  let server: FakeMeilisearch
  let snapshotDir = ''
  const redisPrefix = `entraide-test-${randomUUID()}`
  const running = new Set<ChildProcess>()
  let procedure: { id: ID; slug: string }
  let nodes: AppNode[] = []

  const statuses = async (): Promise<NodeStatus[]> => Promise.all(nodes.map((node) => node.status()))
  const holderIndexes = async (): Promise<number[]> =>
    (await statuses()).flatMap((status, index) => (status.consumer.isHolder ? [index] : []))
  const inIndex = (ids: readonly string[]): string[] => ids.filter((id) => server.documents.has(id))

  beforeAll(async () => {
    app = await startTestApp({ entraide: { rateLimits: false, search: { runSyncJobs: 'manual' } } })
    const uri: unknown = Reflect.get(Reflect.get(app.payload.db, 'poolOptions') ?? {}, 'connectionString')
    if (typeof uri !== 'string') throw new Error('the test database has no connection string')
    server = await startFakeMeilisearch()
    snapshotDir = mkdtempSync(path.join(tmpdir(), 'entraide-meili-nodes-'))
    ;({ procedure } = await createProcedure(app, { slug: 'carte-vitale' }))
    const start = (name: string) =>
      forkNode(name, running, {
        MEILI_HOST: server.url,
        NODE_DATABASE_URI: uri,
        NODE_LEASE_MS: String(leaseMs),
        NODE_REDIS_PREFIX: redisPrefix,
        NODE_REDIS_URL: redisUrl,
        NODE_SNAPSHOT_DIR: path.join(snapshotDir, name),
      })
    nodes = [await start('c'), await start('d')]
  }, 240_000)

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL')
    await app?.close()
    await server?.close()
    if (snapshotDir) rmSync(snapshotDir, { force: true, recursive: true })
    await removeRedisKeys(redisPrefix)
  })

  it('has one node apply each change once; when it is killed mid-burst, the other takes over and every committed write lands', async () => {
    await expect.poll(holderIndexes, { interval: 100, timeout: 3 * leaseMs + 5000 }).toHaveLength(1)
    const citizens = await Promise.all([app.signUp({}), app.signUp({})])
    const tokens = citizens.map((citizen) => citizen.token)
    const post = (index: number, text: string): Promise<ApiAnswer | null> =>
      (nodes[index] as AppNode)
        .api('POST', '/tips?depth=0', { body: { body: text, procedure: procedure.id }, token: tokens[index] })
        .catch(() => null)

    // Writes through both nodes: one node applies each, once.
    const first = await Promise.all(
      Array.from({ length: 6 }, (_, index) => post(index % 2, `Premier lot ${index} : le fulmar.`)),
    )
    const firstIds = first.map((answer) => `tips-${String(answer?.body.doc.id)}`)
    await expect.poll(() => inIndex(firstIds).length, { interval: 50, timeout: 10_000 }).toBe(firstIds.length)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const settled = await statuses()
    for (const id of firstIds) {
      const key = id.replace('tips-', 'tips:')
      expect(settled.reduce((sum, status) => sum + (status.consumer.deliveries[key] ?? 0), 0)).toBe(1)
    }

    // A burst through both nodes; the holder is killed once half of its writes were answered.
    const holder = (await holderIndexes())[0] ?? 0
    const other = 1 - holder
    let answeredByHolder = 0
    const throughHolder = Array.from({ length: 12 }, (_, index) =>
      post(holder, `Rafale ${index} : le puffin du nœud tué.`).then((answer) => {
        answeredByHolder += 1
        if (answeredByHolder === 6) void (nodes[holder] as AppNode).kill()
        return answer
      }),
    )
    const throughOther = Array.from({ length: 6 }, (_, index) =>
      post(other, `Rafale ${index} : le puffin de l’autre nœud.`),
    )
    await Promise.all(throughHolder)
    const answersOther = await Promise.all(throughOther)
    await (nodes[holder] as AppNode).kill()
    const killedAt = Date.now()
    expect(answersOther.every((answer) => answer?.status === 201)).toBe(true)

    // Everything committed: what the database holds.
    const committed = (
      await app.payload.find({
        collection: 'tips',
        depth: 0,
        limit: 0,
        pagination: false,
        where: { and: [{ procedure: { equals: procedure.id } }, { body: { like: 'puffin' } }] },
      })
    ).docs.map((tip) => `tips-${String(tip.id)}`)
    expect(committed.length).toBeGreaterThanOrEqual(6 + answersOther.length)
    await expect
      .poll(() => inIndex(committed).length, { interval: 100, timeout: 3 * leaseMs + 10_000 })
      .toBe(committed.length)
    // Taken over within two periods of the lease (and the time to apply the burst).
    expect(Date.now() - killedAt).toBeLessThan(2 * leaseMs + 5000)
    expect((await (nodes[other] as AppNode).status()).consumer.isHolder).toBe(true)
    nodes = [nodes[other] as AppNode]
  })
})
