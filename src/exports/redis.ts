// The `entraide/redis` entry: rate limits shared by every app node through
// Redis. It needs the `ioredis` package, an optional peer dependency; sites
// that do not import this entry never load it.
export {
  redisRateLimitStore,
  type RedisRateLimitStore,
  type RedisRateLimitStoreConnection,
  type RedisRateLimitStoreOptions,
} from '../rateLimit/redisStore.ts'
