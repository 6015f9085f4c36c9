import { randomUUID } from 'node:crypto'

import { createLocalReq, type Payload } from 'payload'

import { changeRowsPerRead, readChangeRows, searchChangesSlug } from '../collections/SearchChanges.ts'
import { searchLeasesSlug } from '../collections/SearchLeases.ts'
import { idOf, isRecord, type ID } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { perPayload, searchRuntimeOf, SerialQueue } from './engineRegistry.ts'
import { isSearchError } from './errors.ts'
import { rowOf } from './feed.ts'
import { readySearchEngine, replayTarget } from './reindex.ts'
import { noteFailure } from './retry.ts'
import { parseSyncTarget, syncSearchTarget, type SyncTarget } from './sync.ts'
import { searchSyncQueue } from './syncRunner.ts'

/**
 * Feeds the shared Meilisearch index from the search change feed.
 *
 * Exactly one app node at a time applies the feed to Meilisearch: the holder
 * of the lease. Time is cut into periods of `feed.leaseMs` (the epoch, `now ÷
 * leaseMs`); a period is held by the node that inserted its row in
 * `search-leases`, whose `slot` (`meilisearch@<epoch>`) is unique, so that on
 * every adapter exactly one insert wins. The holder inserts the next period's
 * row halfway through its own; when it dies nobody does, and at the start of
 * the next period every node tries once and one wins. A holder stops
 * applying a second before its period ends unless it holds the next one, so
 * clocks that differ by less than that never make two holders.
 *
 * The holder reads the feed as every embedded engine does (rows created
 * after its cursor minus the lookback, the ids applied within that window
 * remembered), applies each target by reading its current public state
 * (`syncSearchTarget`), in the order of the feed, one at a time, and writes
 * its position (cursor, newest row, ids of the window) into its lease row
 * after each batch. The next holder resumes from the newest position of the
 * rows before its own: nothing is skipped, and what was applied after the
 * last position was written is applied again, which is harmless.
 */

/** The consumer's name in `search-leases`. */
const consumerName = 'meilisearch'

/** Old changes and old lease rows are deleted at most this often. */
const pruneEveryMs = 60_000
/** Lease rows kept behind the current period (the positions of the previous holders). */
const leaseRowsKept = 50

type Position = {
  /** `createdAt` of the newest change applied; reads start `lookbackMs` before it. 0: the feed's start. */
  cursor: number
  /** Rows applied within the window, by id key → createdAt. */
  seen: Map<string, number>
}

type ConsumerState = {
  /** This node, as written in the lease rows it inserts. */
  node: string
  /** The periods this node holds: epoch → id of its lease row. */
  held: Map<number, ID>
  /** The latest period this node has tried to take (its answer known). */
  triedEpoch: number
  /** The position, once read from the lease rows after taking a period; null when it must be read again. */
  position: Position | null
  /** Runs take turns, whether the timer, a commit or a caller by hand started them. */
  turns: SerialQueue
  running: Promise<void> | null
  runAgain: boolean
  isStopped: boolean
  timer: ReturnType<typeof setInterval> | null
  failures: number
  retryAt: number
  lastPrunedAt: number
  hasMovedLegacyJobs: boolean
  /** Rows applied by this node, and how many times each target was applied (tests). */
  appliedRows: number
  deliveries: Map<string, number>
}

const consumerOf = perPayload<ConsumerState>('meilisearchConsumer', () => ({
  appliedRows: 0,
  deliveries: new Map(),
  failures: 0,
  hasMovedLegacyJobs: false,
  held: new Map(),
  isStopped: false,
  lastPrunedAt: 0,
  node: randomUUID(),
  position: null,
  retryAt: 0,
  runAgain: false,
  running: null,
  timer: null,
  triedEpoch: -1,
  turns: new SerialQueue(),
}))

/** A shared engine (Meilisearch) is fed by this consumer; the embedded engine follows the feed itself. */
export const isFedByConsumer = (payload: Payload): boolean => searchRuntimeOf(payload).engine.kind !== 'embedded'

const slotOf = (epoch: number): string => `${consumerName}@${epoch}`

/** Thrown when the lease ends in the middle of a run: the next holder goes on. */
class LeaseLostError extends Error {}

const leaseTimes = (payload: Payload, now = Date.now()) => {
  const { leaseMs } = optionsOf(payload).search.feed
  const epoch = Math.floor(now / leaseMs)
  // Clocks of the nodes may differ by less than this.
  const guardMs = Math.min(1000, leaseMs / 4)
  return { epoch, guardMs, leaseMs, now }
}

/** Whether this node may apply changes now: it holds the current period, not about to end, or the next one. */
const holdsLease = (payload: Payload): boolean => {
  const { held } = consumerOf(payload)
  const { epoch, guardMs, leaseMs, now } = leaseTimes(payload)
  return held.has(epoch) && (held.has(epoch + 1) || now < (epoch + 1) * leaseMs - guardMs)
}

const positionData = (position: Position | null): unknown =>
  position ? { cursor: position.cursor, seen: [...position.seen] } : null

const parsePosition = (value: unknown): Position | null => {
  if (!isRecord(value) || typeof value.cursor !== 'number' || !Array.isArray(value.seen)) return null
  const seen = new Map<string, number>()
  for (const entry of value.seen) {
    if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number')
      seen.set(entry[0], entry[1])
  }
  return { cursor: value.cursor, seen }
}

const findLease = async (payload: Payload, epoch: number): Promise<Record<string, unknown> | null> => {
  const { docs } = await payload.find({
    collection: searchLeasesSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    where: { slot: { equals: slotOf(epoch) } },
  })
  const doc: unknown = docs[0]
  return isRecord(doc) ? doc : null
}

/**
 * Tries to take the period `epoch`: inserts its row. Answers whether this
 * node holds it; throws when that is not known (the database failing).
 */
const takePeriod = async (payload: Payload, epoch: number, position: Position | null): Promise<boolean> => {
  const state = consumerOf(payload)
  try {
    const doc = await payload.create({
      collection: searchLeasesSlug,
      data: {
        consumer: consumerName,
        epoch,
        holder: state.node,
        position: positionData(position),
        slot: slotOf(epoch),
      },
      depth: 0,
      overrideAccess: true,
    })
    const id = idOf(doc.id)
    if (id === null) return false
    state.held.set(epoch, id)
    return true
  } catch (error) {
    // Refused by the unique index (another node took it), or the database failed: the row says which.
    const existing = await findLease(payload, epoch)
    if (!existing) throw error
    const id = idOf(existing.id)
    if (existing.holder !== state.node || id === null) return false
    state.held.set(epoch, id)
    return true
  }
}

/**
 * Keeps the lease: takes the current period when nobody has yet (once per
 * period), and, holding it, the next one from halfway through. Answers
 * whether this node may apply changes now.
 */
const keepLease = async (payload: Payload): Promise<boolean> => {
  const state = consumerOf(payload)
  const { epoch, leaseMs, now } = leaseTimes(payload)
  for (const heldEpoch of state.held.keys()) if (heldEpoch < epoch) state.held.delete(heldEpoch)
  if (!state.held.has(epoch) && state.triedEpoch < epoch) {
    // Another node may have applied changes since this one last held a period: its position is read again.
    state.position = null
    const hasTaken = await takePeriod(payload, epoch, null)
    state.triedEpoch = epoch
    if (hasTaken) payload.logger.debug({ msg: `Entraide search: this node now feeds Meilisearch (${slotOf(epoch)}).` })
  }
  if (
    state.held.has(epoch) &&
    !state.held.has(epoch + 1) &&
    state.triedEpoch <= epoch &&
    now >= (epoch + 0.5) * leaseMs
  ) {
    await takePeriod(payload, epoch + 1, state.position)
    state.triedEpoch = epoch + 1
  }
  return holdsLease(payload)
}

/** The newest position written by a holder of a period before `epoch`; the feed's start when there is none. */
const readPosition = async (payload: Payload, epoch: number): Promise<Position> => {
  const { docs } = await payload.find({
    collection: searchLeasesSlug,
    depth: 0,
    limit: 10,
    overrideAccess: true,
    pagination: false,
    sort: '-epoch',
    where: { and: [{ consumer: { equals: consumerName } }, { epoch: { less_than: epoch } }] },
  })
  for (const doc of docs) {
    const position = parsePosition(isRecord(doc) ? doc.position : null)
    if (position) return position
  }
  // Never fed from the feed (a new database, or one that Meilisearch was fed by sync jobs):
  // everything the feed keeps is applied, again at worst.
  return { cursor: 0, seen: new Map() }
}

/** Writes the position into the newest period this node holds. */
const writePosition = async (payload: Payload): Promise<void> => {
  const state = consumerOf(payload)
  const epochs = [...state.held.keys()]
  if (epochs.length === 0 || !state.position) return
  const id = state.held.get(Math.max(...epochs))
  if (id === undefined) return
  await payload.update({
    collection: searchLeasesSlug,
    data: { position: positionData(state.position) },
    depth: 0,
    id,
    overrideAccess: true,
  })
}

type ConsumedRow = { key: string; at: number; target: SyncTarget | null; replayFrom: number | null }

const consumedRowOf = (payload: Payload, doc: unknown): ConsumedRow | null => {
  const row = rowOf(payload, doc)
  if (!row) return null
  const { at, key, marks, target, targetId } = row
  const replayFrom = marks === replayTarget && typeof targetId === 'string' ? Date.parse(targetId) : Number.NaN
  return { at, key, replayFrom: Number.isFinite(replayFrom) ? replayFrom : null, target }
}

const readRows = async (payload: Payload, from: number, isInclusive: boolean): Promise<ConsumedRow[]> =>
  (await readChangeRows(payload, from, isInclusive))
    .map((doc) => consumedRowOf(payload, doc))
    .filter((row): row is ConsumedRow => row !== null)

const targetKey = (target: SyncTarget): string => `${target.collection}:${String(target.id)}`

/**
 * Whether a failure may go away by trying again: Meilisearch outages,
 * timeouts and failed tasks, and database errors. A document Meilisearch
 * refuses (4xx) would fail the same way forever: it is logged and passed.
 */
const isRetryable = (error: unknown): boolean => !isSearchError(error) || error.status >= 500

/** Applies one target to Meilisearch from the database's current state, if this node still holds the lease. */
const applyTarget = async (payload: Payload, target: SyncTarget): Promise<void> => {
  if (!holdsLease(payload)) throw new LeaseLostError('The Meilisearch lease ended.')
  const engine = searchRuntimeOf(payload).engine
  const req = await createLocalReq({}, payload)
  try {
    await syncSearchTarget({ engine, req, target })
  } catch (error) {
    if (isRetryable(error)) throw error
    payload.logger.error({
      err: error,
      msg: `Entraide search: ${target.collection} ${String(target.id)} refused by Meilisearch; passed.`,
    })
  }
  const state = consumerOf(payload)
  const key = targetKey(target)
  state.deliveries.set(key, (state.deliveries.get(key) ?? 0) + 1)
}

/**
 * After a reindex made by another process (or this one): every target
 * changed since the reindex began is applied again, so that no document the
 * reindex read before a change lands after it.
 */
const replay = async (payload: Payload, from: number, until: number): Promise<void> => {
  const { lookbackMs } = optionsOf(payload).search.feed
  const targets = new Map<string, SyncTarget>()
  let start = from - lookbackMs
  let isInclusive = false
  for (;;) {
    const rows = await readRows(payload, start, isInclusive)
    for (const row of rows) if (row.at <= until && row.target) targets.set(targetKey(row.target), row.target)
    const last = rows.at(-1)
    if (rows.length < changeRowsPerRead || !last || last.at > until || last.at === start) break
    start = last.at
    isInclusive = true
  }
  for (const target of targets.values()) await applyTarget(payload, target)
}

/**
 * Applies the feed from the position on, in order, each target once per
 * read (its current state covers all its rows read), and writes the
 * position after each read. Runs in the engine's write turn. A failure stops
 * at the failing target: it and the later rows are applied by the next run.
 */
const applyFeed = async (payload: Payload): Promise<void> => {
  const state = consumerOf(payload)
  const { epoch } = leaseTimes(payload)
  const { lookbackMs } = optionsOf(payload).search.feed
  await readySearchEngine(payload)
  await searchRuntimeOf(payload).writes.run(async () => {
    if (!state.position) {
      state.position = await readPosition(payload, epoch)
      // Written at once into this node's period: the next holder finds it even if nothing is applied.
      await writePosition(payload)
    }
    const position = state.position
    let from = position.cursor - lookbackMs
    let isInclusive = false
    for (;;) {
      const rows = await readRows(payload, from, isInclusive)
      // Each target once per read: its current state covers all its rows read.
      const done = new Set<string>()
      let hasChanged = false
      try {
        for (const row of rows) {
          if (position.seen.has(row.key)) continue
          const key = row.target ? targetKey(row.target) : null
          if (row.target && key !== null && !done.has(key)) {
            await applyTarget(payload, row.target)
            done.add(key)
          }
          if (row.replayFrom !== null) await replay(payload, row.replayFrom, row.at)
          position.seen.set(row.key, row.at)
          position.cursor = Math.max(position.cursor, row.at)
          state.appliedRows += 1
          hasChanged = true
        }
      } finally {
        if (hasChanged) await writePosition(payload)
      }
      const last = rows.at(-1)
      // A full read goes on from its last row; a thousand rows in one millisecond wait for the next run.
      if (rows.length < changeRowsPerRead || !last || last.at === from) break
      from = last.at
      isInclusive = true
    }
    for (const [key, at] of position.seen) if (at < position.cursor - lookbackMs) position.seen.delete(key)
  })
}

/**
 * The sync jobs queued before the consumer existed (queue `entraide-search`)
 * become feed rows, once per process, then are deleted. Their changes are
 * usually in the feed already.
 */
const moveLegacyJobs = async (payload: Payload): Promise<void> => {
  const state = consumerOf(payload)
  if (state.hasMovedLegacyJobs) return
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    where: { and: [{ queue: { equals: searchSyncQueue } }, { completedAt: { exists: false } }] },
  })
  const targets = new Map<string, SyncTarget>()
  for (const doc of docs) {
    const target = parseSyncTarget(isRecord(doc) ? doc.input : null)
    if (target) targets.set(targetKey(target), target)
  }
  for (const target of targets.values()) {
    await payload.create({
      collection: searchChangesSlug,
      data: { target: target.collection, targetId: String(target.id) },
      depth: 0,
      overrideAccess: true,
    })
  }
  await payload.delete({
    collection: 'payload-jobs',
    depth: 0,
    overrideAccess: true,
    where: { queue: { equals: searchSyncQueue } },
  })
  state.hasMovedLegacyJobs = true
}

/**
 * Deletes the changes older than `feed.retentionMs` that Meilisearch has
 * (never one the holder has not applied: while Meilisearch is down, the feed
 * keeps growing), and the lease rows of long-gone periods; at most once a minute.
 */
const prune = async (payload: Payload): Promise<void> => {
  const state = consumerOf(payload)
  const now = Date.now()
  if (now - state.lastPrunedAt < pruneEveryMs || !state.position) return
  state.lastPrunedAt = now
  const { lookbackMs, retentionMs } = optionsOf(payload).search.feed
  const before = Math.min(now - retentionMs, state.position.cursor - lookbackMs)
  const { epoch } = leaseTimes(payload, now)
  await Promise.all([
    before > 0
      ? payload.delete({
          collection: searchChangesSlug,
          depth: 0,
          overrideAccess: true,
          where: { createdAt: { less_than: new Date(before).toISOString() } },
        })
      : null,
    payload.delete({
      collection: searchLeasesSlug,
      depth: 0,
      overrideAccess: true,
      where: { and: [{ consumer: { equals: consumerName } }, { epoch: { less_than: epoch - leaseRowsKept } }] },
    }),
  ]).catch((error: unknown) => {
    payload.logger.warn({ err: error, msg: 'Entraide search: old changes could not be deleted; retried later.' })
  })
}

/** One run, in turn: keeps the lease and, holding it, applies the feed. Throws when Meilisearch or the database fails. */
const runOnce = (payload: Payload): Promise<boolean> => consumerOf(payload).turns.run(() => runInTurn(payload))

const runInTurn = async (payload: Payload): Promise<boolean> => {
  const state = consumerOf(payload)
  if (!(await keepLease(payload))) return false
  if (Date.now() < state.retryAt) return true
  try {
    await moveLegacyJobs(payload)
    await applyFeed(payload)
  } catch (error) {
    if (error instanceof LeaseLostError) return false
    noteFailure(
      payload,
      state,
      error,
      'Entraide search: changes could not be applied to Meilisearch; they stay in the feed and are tried again until they are.',
    )
    throw error
  }
  if (state.failures > 0)
    payload.logger.info({ msg: 'Entraide search: Meilisearch is up to date with the change feed again.' })
  state.failures = 0
  state.retryAt = 0
  await prune(payload)
  return true
}

/** Starts a run now, or once more after the one under way. */
const requestRun = (payload: Payload): Promise<void> => {
  const state = consumerOf(payload)
  if (state.running) {
    state.runAgain = true
    return state.running
  }
  const running = (async () => {
    do {
      state.runAgain = false
      await runOnce(payload).catch(() => undefined)
    } while (state.runAgain && !state.isStopped)
  })().finally(() => {
    state.running = null
  })
  state.running = running
  return running
}

/**
 * After a write is committed (in `'auto'` mode): the node that holds the
 * lease applies its change at once; the others leave it to the holder's
 * next read, within `feed.pollMs`.
 */
export const applyCommittedChanges = (payload: Payload): void => {
  const state = consumerOf(payload)
  if (state.isStopped || state.timer === null || !holdsLease(payload)) return
  void requestRun(payload)
}

/**
 * Feeds Meilisearch from the change feed by hand (in `'manual'` mode, what
 * the app does every `feed.pollMs`): takes the lease if nobody holds it,
 * and, holding it, applies every change not applied yet, trying again up to
 * `search.retry.attempts` times while Meilisearch fails. Answers whether
 * this node holds the lease and whether everything was applied.
 */
export const runSearchConsumer = async (payload: Payload): Promise<{ isHolder: boolean; isCaughtUp: boolean }> => {
  const state = consumerOf(payload)
  await state.running
  const { attempts, delayMs } = optionsOf(payload).search.retry
  for (let attempt = 0; ; attempt += 1) {
    state.retryAt = 0
    try {
      const isHolder = await runOnce(payload)
      return { isCaughtUp: isHolder, isHolder }
    } catch {
      if (attempt >= attempts) return { isCaughtUp: false, isHolder: holdsLease(payload) }
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt))
    }
  }
}

/** Changes of the feed the consumer has not applied yet, from its last written position (tests). */
export const pendingConsumerChanges = async (payload: Payload): Promise<number> => {
  const { epoch } = leaseTimes(payload)
  const position = await readPosition(payload, epoch + 2)
  const rows = await readRows(payload, position.cursor - optionsOf(payload).search.feed.lookbackMs, false)
  return rows.filter((row) => row.target && !position.seen.has(row.key)).length
}

/** Whether this node feeds Meilisearch now, the rows it applied and how many times it applied each target (tests). */
export const searchConsumerStatus = (
  payload: Payload,
): { isHolder: boolean; appliedRows: number; deliveries: Record<string, number> } => {
  const state = consumerOf(payload)
  return {
    appliedRows: state.appliedRows,
    deliveries: Object.fromEntries(state.deliveries),
    isHolder: holdsLease(payload),
  }
}

/** Starts the consumer (`'auto'` mode): every `feed.pollMs` it keeps or tries to take the lease and, holding it, applies the feed. */
export const startSearchConsumer = (payload: Payload): void => {
  const state = consumerOf(payload)
  if (!isFedByConsumer(payload) || optionsOf(payload).search.runSyncJobs !== 'auto' || state.timer) return
  state.isStopped = false
  const timer = setInterval(() => {
    if (!state.isStopped && !state.running) void requestRun(payload)
  }, optionsOf(payload).search.feed.pollMs)
  timer.unref?.()
  state.timer = timer
  void requestRun(payload)
}

/**
 * Stops the consumer (shutdown): the run under way ends, its position is
 * written, and the next period this node had taken is given back, so another
 * node takes over at the start of the next period.
 */
export const stopSearchConsumer = async (payload: Payload): Promise<void> => {
  const state = consumerOf(payload)
  state.isStopped = true
  if (state.timer) clearInterval(state.timer)
  state.timer = null
  await state.running
  const { epoch } = leaseTimes(payload)
  const next = state.held.get(epoch + 1)
  if (next !== undefined) {
    // The position goes into the current period's row, which the next holder reads.
    state.held.delete(epoch + 1)
    await writePosition(payload)
      .then(() => payload.delete({ collection: searchLeasesSlug, depth: 0, id: next, overrideAccess: true }))
      .catch(() => undefined)
  }
  state.held.clear()
}
