import { Redis } from 'ioredis'

/** The Redis the tests run against: TEST_REDIS_URL, else the machine's own. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Whether Redis answers a PING within a second. */
export const isRedisUp = async (url: string = testRedisUrl): Promise<boolean> => {
  const probe = new Redis(url, {
    connectTimeout: 1000,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  probe.on('error', () => {})
  try {
    await probe.connect()
    return (await probe.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
}
