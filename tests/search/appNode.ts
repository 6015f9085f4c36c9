// One app node of the several-nodes test (tests/search-nodes.test.ts): a
// separate Node process running Payload with Entraide on the database named
// by NODE_DATABASE_URI and the Redis of NODE_REDIS_URL (and the Meilisearch
// of MEILI_HOST when it is set), driven by the test
// through IPC messages (REST requests sent to Payload's handler, and what its
// search index applied). The test bundles it with the app's sources
// (esbuild) and runs the bundle with plain Node.
import { getPayload, handleEndpoints } from 'payload'

import { onSearchChanges } from 'entraide'
import { redisRateLimitStore } from 'entraide/redis'
import { buildAppConfig } from '../../setup/appConfig.ts'
import { searchFeedStatus } from '../../src/search/feed.ts'
import { searchConsumerStatus } from '../../src/search/meilisearchConsumer.ts'
import { readySearchEngine } from '../../src/search/reindex.ts'

type Request =
  | {
      id: number
      op: 'api'
      method: string
      route: string
      body?: unknown
      token?: string
      headers?: Record<string, string>
    }
  | { id: number; op: 'status' }
  | { id: number; op: 'stop' }

const env = (name: string): string => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

const key = `node-${env('NODE_NAME')}`
const config = await buildAppConfig({
  databasePush: false,
  databaseUri: env('NODE_DATABASE_URI'),
  entraide: {
    rateLimitStore: redisRateLimitStore({ url: env('NODE_REDIS_URL') }, { keyPrefix: env('NODE_REDIS_PREFIX') }),
    rateLimits: {
      contributions: { perIp: false, perUser: false },
      search: { perIp: { limit: 5, windowMs: 60_000 }, perUser: false, unknownAddresses: false },
    },
    search: {
      snapshot: { directory: env('NODE_SNAPSHOT_DIR'), everyMs: 3_600_000 },
      // Shorter periods of the Meilisearch lease (when MEILI_HOST is set), for a handover within seconds.
      ...(process.env.NODE_LEASE_MS ? { feed: { leaseMs: Number(process.env.NODE_LEASE_MS) } } : {}),
    },
    trustedProxies: 1,
  },
  secret: 'entraide-test-secret',
})
const payload = await getPayload({ config, key })

/** How many times each item was re-synced by this node's index, by `collection:id`. */
const deliveries = new Map<string, number>()
onSearchChanges(payload, (changes) => {
  for (const { collection, id } of changes) {
    const target = `${collection}:${String(id)}`
    deliveries.set(target, (deliveries.get(target) ?? 0) + 1)
  }
})
await readySearchEngine(payload)

const answer = async (request: Request): Promise<unknown> => {
  switch (request.op) {
    case 'api': {
      const headers = new Headers(request.headers)
      if (request.token) headers.set('Authorization', `JWT ${request.token}`)
      if (request.body !== undefined) headers.set('Content-Type', 'application/json')
      const response = await handleEndpoints({
        config,
        payloadInstanceCacheKey: key,
        request: new Request(`http://localhost:3000/api${request.route}`, {
          body: request.body === undefined ? undefined : JSON.stringify(request.body),
          headers,
          method: request.method,
        }),
      })
      return {
        body: await response.json().catch(() => null),
        retryAfter: response.headers.get('Retry-After'),
        status: response.status,
      }
    }
    case 'status':
      return {
        ...searchFeedStatus(payload),
        consumer: searchConsumerStatus(payload),
        deliveries: Object.fromEntries(deliveries),
      }
    case 'stop':
      await payload.destroy()
      setImmediate(() => process.exit(0))
      return null
  }
}

process.on('message', (message: Request) => {
  answer(message).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ error: String(error), id: message.id }),
  )
})
process.send?.({ ready: true, status: { ...searchFeedStatus(payload), consumer: searchConsumerStatus(payload) } })
