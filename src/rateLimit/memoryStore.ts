import type { RateLimitHit, RateLimitStore } from './store.ts'

/** Options of {@link MemoryRateLimitStore}. */
export type MemoryRateLimitStoreOptions = {
  /**
   * The clock, in milliseconds; tests pass a fake one.
   * @default Date.now
   */
  now?: () => number
  /**
   * Most keys held at once. Past it, the oldest windows are dropped: under a
   * flood of distinct keys memory stays bounded, at the price of forgetting
   * the oldest counts.
   * @default 100_000
   */
  maxKeys?: number
  /**
   * How often, at most, a hit also sweeps every expired key. Sweeping rides on
   * hits rather than a timer, so an idle process holds no interval.
   * @default 60_000
   */
  sweepIntervalMs?: number
}

type Window = { count: number; resetAt: number }

/**
 * The default store: counts in this process's memory. Limits are per node;
 * with several nodes, give them one shared store instead (see `RateLimitStore`).
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, Window>()
  readonly #now: () => number
  readonly #maxKeys: number
  readonly #sweepIntervalMs: number
  #lastSweepAt: number

  constructor({ now = Date.now, maxKeys = 100_000, sweepIntervalMs = 60_000 }: MemoryRateLimitStoreOptions = {}) {
    this.#now = now
    this.#maxKeys = Math.max(1, maxKeys)
    this.#sweepIntervalMs = sweepIntervalMs
    this.#lastSweepAt = now()
  }

  /** How many keys are held, expired ones not yet swept included. */
  get size(): number {
    return this.#windows.size
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const now = this.#now()
    if (now - this.#lastSweepAt >= this.#sweepIntervalMs) {
      this.#sweep(now)
    }
    let window = this.#windows.get(key)
    if (window === undefined || window.resetAt <= now) {
      // Re-inserting keeps the map ordered by window opening, oldest first.
      this.#windows.delete(key)
      window = { count: 0, resetAt: now + windowMs }
      this.#windows.set(key, window)
      this.#bound()
    }
    window.count++
    return { count: window.count, msBeforeReset: window.resetAt - now }
  }

  async reset(key: string): Promise<void> {
    this.#windows.delete(key)
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) {
      if (window.resetAt <= now) {
        this.#windows.delete(key)
      }
    }
    this.#lastSweepAt = now
  }

  /**
   * Drops the oldest windows past `maxKeys`. No sweep here: at capacity under
   * a flood it would cost a full scan per hit.
   */
  #bound(): void {
    for (const key of this.#windows.keys()) {
      if (this.#windows.size <= this.#maxKeys) {
        break
      }
      this.#windows.delete(key)
    }
  }
}
