import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { changeRowsPerRead, readChangeRows, searchChangesSlug } from '../collections/SearchChanges.ts'
import { idKey, isRecord, parseIdFor, type ID } from '../utilities/ids.ts'
import { afterTransaction } from '../utilities/afterTransaction.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { EmbeddedEngine } from './embeddedEngine.ts'
import { perPayload, searchRuntimeOf } from './engineRegistry.ts'
import { rebuildIndex, readySearchEngine, type ReindexProgress } from './reindex.ts'
import { runSearchConsumer } from './meilisearchConsumer.ts'
import { noteFailure } from './retry.ts'
import {
  loadSnapshot,
  removeSnapshot,
  saveSnapshot,
  snapshotFileOf,
  takeEarlySnapshotRead,
  type FeedPosition,
} from './snapshot.ts'
import { syncSearchTarget, type SyncTarget } from './sync.ts'
import { isKnowledgeCollection } from './documents.ts'

/**
 * The search change feed.
 *
 * Every search-relevant write adds a row to `search-changes` in its own
 * transaction (the target to re-sync, never the document). Rows are ordered
 * by `createdAt`: no adapter-neutral counter exists (MongoDB's ObjectIds and
 * text ids do not increase, and a counter read inside concurrent
 * transactions would collide), and even an increasing id would not do,
 * since transactions commit in another order than they insert. So each
 * process reads the rows created after `cursor − lookbackMs` (an indexed
 * range query), applies those it has not applied yet (it remembers the ids
 * of the window's rows) and moves its cursor to the newest row applied. A
 * row whose transaction committed late, or whose writer's clock lags by
 * less than the lookback, is still found; each row is applied once per
 * process.
 */

/** A change applied to this process's index: the item (or agency) that was re-synced. */
export type SearchChange = { collection: SyncTarget['collection']; id: ID }

/** Told of the changes applied by this process, from its own writes and from other processes'. */
export type SearchChangeListener = (changes: readonly SearchChange[]) => void

/** A row of the feed; `isRebuild` when it asks every process to rebuild its index (a reindex). */
/** A row of the change feed as its followers read it; `targetId` as stored, for the rows that mark something rather than name an item. */
export type FeedRow = {
  key: string
  at: number
  target: SyncTarget | null
  isRebuild: boolean
  marks: unknown
  targetId: unknown
}

const rebuildTarget = 'rebuild'

type FeedState = {
  /** `createdAt` of the newest change applied; reads start `lookbackMs` before it. Null until the index is ready. */
  cursor: number | null
  /** The newest change applied, recorded with snapshots. */
  marker: { id: string; at: number } | null
  /** Rows applied (or read and skipped) within the window, by id key → createdAt. */
  seen: Map<string, number>
  isReady: boolean
  isStopped: boolean
  timers: ReturnType<typeof setInterval>[]
  polling: Promise<void> | null
  failures: number
  retryAt: number
  hasChangedSinceSnapshot: boolean
  /** The engine's change count when its index was last saved or loaded (see `EmbeddedEngine.changeCount`). */
  changesAtSnapshot: number
  saving: Promise<void> | null
  listeners: Set<SearchChangeListener>
  lastPrunedAt: number
  /** Rows applied by this process (tests: each once). */
  appliedRows: number
  /** Rebuilds asked by another process's reindex. */
  rebuilds: number
  /** Where the index came from at start. */
  origin: 'snapshot' | 'rebuild' | null
  /** When this process last read the feed to its end (epoch ms). */
  caughtUpAt: number | null
}

const feedOf = perPayload<FeedState>('feed', () => ({
  appliedRows: 0,
  rebuilds: 0,
  caughtUpAt: null,
  cursor: null,
  origin: null,
  failures: 0,
  hasChangedSinceSnapshot: false,
  changesAtSnapshot: -1,
  isReady: false,
  isStopped: false,
  lastPrunedAt: 0,
  listeners: new Set(),
  marker: null,
  polling: null,
  retryAt: 0,
  saving: null,
  seen: new Map(),
  timers: [],
}))

/** Old rows are deleted at most this often, by each process. */
const pruneEveryMs = 60_000

export const rowOf = (payload: Payload, doc: unknown): FeedRow | null => {
  if (!isRecord(doc)) return null
  const key = idKey(doc.id)
  const at = typeof doc.createdAt === 'string' ? Date.parse(doc.createdAt) : Number.NaN
  if (key === null || !Number.isFinite(at)) return null
  const collection = doc.target
  const isTarget = typeof collection === 'string' && (collection === 'agencies' || isKnowledgeCollection(collection))
  const id = isTarget ? parseIdFor(payload, collection, doc.targetId) : null
  return {
    at,
    isRebuild: collection === rebuildTarget,
    key,
    marks: collection,
    target: isTarget && id !== null ? { collection, id } : null,
    targetId: doc.targetId,
  }
}

// Rows written by a request, applied by this process once its transaction ends.
const writtenRows = new WeakMap<object, FeedRow[]>()

/** What the SQL adapters have for a plain insert in a transaction. */
type SqlInsertAdapter = {
  insert: (args: { db: unknown; tableName: string; values: unknown }) => Promise<unknown>
  sessions: Record<string, unknown>
  tableNameMap: Map<string, string>
}

const isSqlInsertAdapter = (value: unknown): value is SqlInsertAdapter =>
  isRecord(value) && typeof value.insert === 'function' && isRecord(value.sessions) && value.tableNameMap instanceof Map

/**
 * The row inserted by the SQL adapters' own insert, in the request's open
 * transaction, with its id from the same statement (`RETURNING`): their
 * `create` reads the row again by id after inserting it, one more statement
 * per write. Null when the adapter has no such insert (MongoDB, whose create
 * answers the document anyway) or when no transaction is open (a write
 * outside one goes through `create`, which takes its turn on SQLite).
 */
const insertInTransaction = async (
  req: PayloadRequest,
  data: Record<string, string>,
): Promise<{ row: unknown } | null> => {
  const adapter: unknown = req.payload.db
  if (req.transactionID === undefined || !isSqlInsertAdapter(adapter)) return null
  const tableName = adapter.tableNameMap.get(searchChangesSlug.replaceAll('-', '_'))
  const session = adapter.sessions[String(await req.transactionID)]
  if (tableName === undefined || !isRecord(session) || !isRecord(session.db)) return null
  const rows = await adapter.insert({ db: session.db, tableName, values: data })
  return { row: Array.isArray(rows) ? rows[0] : null }
}

/**
 * Adds the change of `target` to the feed in the transaction of `req`: the
 * row exists exactly when the write does. In `'auto'` mode this process
 * applies it as soon as the transaction ends; the others read it from the feed.
 */
export const recordSearchChange = async ({
  req,
  target,
}: {
  req: PayloadRequest
  target: SyncTarget
}): Promise<void> => {
  // Written through the adapter: the values are the plugin's own, so Payload's create
  // (validation, hooks, reading the row back) would only add statements to every write.
  const now = new Date().toISOString()
  const data = { createdAt: now, target: target.collection, targetId: String(target.id), updatedAt: now }
  const inserted = await insertInTransaction(req, data)
  const doc: unknown = inserted
    ? inserted.row
    : await req.payload.db.create({ collection: searchChangesSlug, data, req })
  // The row as every adapter stored it, whatever form its create answers dates in.
  const row = rowOf(req.payload, {
    createdAt: now,
    id: isRecord(doc) ? doc.id : null,
    target: target.collection,
    targetId: String(target.id),
  })
  if (!row) return
  const rows = writtenRows.get(req.context) ?? []
  rows.push(row)
  writtenRows.set(req.context, rows)
  if (optionsOf(req.payload).search.runSyncJobs === 'auto') applyAfterCommit(req)
}

const watchedRequests = new WeakSet<PayloadRequest>()

/** Applies the rows a request wrote once its transaction has ended; one still open after a minute is left to the poll. */
const applyAfterCommit = (req: PayloadRequest): void => {
  if (watchedRequests.has(req)) return
  watchedRequests.add(req)
  const { payload } = req
  afterTransaction(req, ({ hasEnded }) => {
    watchedRequests.delete(req)
    const rows = writtenRows.get(req.context) ?? []
    writtenRows.delete(req.context)
    if (!hasEnded || rows.length === 0) return
    applyRows(payload, rows).catch((error: unknown) => {
      payload.logger.warn({
        err: error,
        msg: 'Entraide search: a change could not be applied at once; the feed retries it.',
      })
    })
  })
}

const targetKey = (target: SyncTarget): string => `${target.collection}:${String(target.id)}`

/**
 * Applies the rows this process has not applied yet, in their order, each
 * target once: the embedded engine re-reads it from the database; Meilisearch
 * is fed by the node that holds its lease (`meilisearchConsumer.ts`), so only
 * the listeners are told. Runs in the
 * engine's write turn, so a row is never applied twice by one process. A
 * failure stops at the failing target: its rows and the later ones stay to
 * be applied by the next read.
 */
const applyRows = async (payload: Payload, rows: readonly FeedRow[]): Promise<void> => {
  const runtime = searchRuntimeOf(payload)
  const feed = feedOf(payload)
  const applied: SearchChange[] = []
  let isRebuildAsked = false
  try {
    await runtime.writes.run(async () => {
      const fresh = rows.filter((row) => !feed.seen.has(row.key))
      if (fresh.length === 0) return
      isRebuildAsked = fresh.some((row) => row.isRebuild)
      const byTarget = new Map<string, { target: SyncTarget | null; rows: FeedRow[] }>()
      for (const row of fresh) {
        const key = row.target ? targetKey(row.target) : `row:${row.key}`
        const group = byTarget.get(key) ?? { rows: [], target: row.target }
        group.rows.push(row)
        byTarget.set(key, group)
      }
      const req = await createLocalReq({}, payload)
      for (const group of byTarget.values()) {
        if (group.target && runtime.engine.kind === 'embedded') {
          await syncSearchTarget({ engine: runtime.engine, req, target: group.target })
          feed.hasChangedSinceSnapshot = true
        }
        for (const row of group.rows) {
          feed.seen.set(row.key, row.at)
          if (!feed.marker || row.at >= feed.marker.at) feed.marker = { at: row.at, id: row.key }
        }
        feed.appliedRows += group.rows.length
        if (group.target) applied.push({ collection: group.target.collection, id: group.target.id })
      }
    })
  } finally {
    if (applied.length > 0) notify(payload, applied)
  }
  if (isRebuildAsked && runtime.engine.kind === 'embedded') {
    payload.logger.info({ msg: 'Entraide search: the index was rebuilt on another node; rebuilding this one.' })
    feed.rebuilds += 1
    await rebuildIndex({ payload })
    feed.hasChangedSinceSnapshot = true
  }
}

/**
 * After a reindex asked by an editor on this process, asks every other
 * process to rebuild its embedded index too (one feed row they all read).
 */
export const announceSearchRebuild = async (payload: Payload): Promise<void> => {
  if (searchRuntimeOf(payload).engine.kind !== 'embedded') return
  const doc = await payload.create({
    collection: searchChangesSlug,
    data: { target: rebuildTarget, targetId: 'all' },
    depth: 0,
    overrideAccess: true,
  })
  const row = rowOf(payload, doc)
  if (row) feedOf(payload).seen.set(row.key, row.at)
}

const notify = (payload: Payload, changes: readonly SearchChange[]): void => {
  for (const listener of feedOf(payload).listeners) {
    try {
      listener(changes)
    } catch (error) {
      payload.logger.error({ err: error, msg: 'Entraide search: a change listener failed.' })
    }
  }
}

/**
 * Calls `listener` with the changes this process applies to its search
 * index, from its own writes (once committed) and from other processes'
 * (within a poll): `{ collection, id }` of each item re-synced, answers as
 * their thread, an agency as itself. For in-process caches that must
 * forget what changed. Returns the function that unsubscribes.
 */
export const onSearchChanges = (payload: Payload, listener: SearchChangeListener): (() => void) => {
  const feed = feedOf(payload)
  feed.listeners.add(listener)
  return () => {
    feed.listeners.delete(listener)
  }
}

const readRows = async (payload: Payload, from: number, isInclusive: boolean): Promise<FeedRow[]> =>
  (await readChangeRows(payload, from, isInclusive))
    .map((doc) => rowOf(payload, doc))
    .filter((row): row is FeedRow => row !== null)

/**
 * Reads the feed from `cursor − lookbackMs` and applies what this process
 * has not applied yet, until it has read everything. Throws when the engine
 * fails (what was applied before stays applied).
 */
const readFeed = async (payload: Payload): Promise<void> => {
  const feed = feedOf(payload)
  if (!feed.isReady || feed.cursor === null) return
  const { lookbackMs, retentionMs } = optionsOf(payload).search.feed
  // Unable to read the feed for longer than it keeps changes (the engine
  // failing for a day): the changes since may be pruned, so the index is
  // rebuilt. Meilisearch is not this process's to rebuild (the lease holder
  // feeds it and never prunes what it has not applied): the listeners go on
  // from the newest change.
  if (feed.caughtUpAt !== null && Date.now() - feed.caughtUpAt > retentionMs - pruneEveryMs) {
    const isEmbedded = searchRuntimeOf(payload).engine.kind === 'embedded'
    if (isEmbedded) {
      payload.logger.warn({
        msg: 'Entraide search: the index fell behind the change feed further than it keeps changes; rebuilding it.',
      })
    }
    const start = await newestRow(payload)
    if (isEmbedded) {
      await rebuildIndex({ payload })
      feed.hasChangedSinceSnapshot = true
    }
    feed.cursor = start?.at ?? 0
    feed.caughtUpAt = Date.now()
  }
  let from = feed.cursor - lookbackMs
  let isInclusive = false
  let newest = feed.cursor
  for (;;) {
    const rows = await readRows(payload, from, isInclusive)
    await applyRows(payload, rows)
    for (const row of rows) newest = Math.max(newest, row.at)
    const last = rows.at(-1)
    // A full read goes on from its last row; a thousand rows in one millisecond wait for the next read.
    if (rows.length < changeRowsPerRead || !last || last.at === from) break
    from = last.at
    isInclusive = true
  }
  feed.cursor = newest
  feed.caughtUpAt = Date.now()
  for (const [key, at] of feed.seen) if (at < newest - 2 * lookbackMs) feed.seen.delete(key)
}

/**
 * Reads the feed now, once (or joins the read under way). Failures are
 * logged, and the next read waits longer each time (from `search.retry.delayMs`).
 */
const pollFeed = (payload: Payload): Promise<void> => {
  const feed = feedOf(payload)
  if (feed.polling) return feed.polling
  const polling = readFeed(payload)
    .then(() => {
      if (feed.failures > 0)
        payload.logger.info({ msg: 'Entraide search: the index is up to date with the change feed again.' })
      feed.failures = 0
      feed.retryAt = 0
    })
    .catch((error: unknown) => {
      noteFailure(
        payload,
        feed,
        error,
        'Entraide search: changes could not be applied to the index; retrying until they are.',
      )
      throw error
    })
    .finally(() => {
      feed.polling = null
    })
  feed.polling = polling
  return polling
}

/**
 * Applies every change of the feed this process has not applied yet
 * (in `'manual'` mode, what the app does by itself every `feed.pollMs`
 * in `'auto'` mode). While the engine fails it tries again, up to
 * `search.retry.attempts` times; returns whether everything was applied.
 * With Meilisearch: feeds it if this node holds the lease or can take it
 * (`runSearchConsumer`), and tells this process's listeners; returns
 * whether this node fed it up to date.
 */
export const catchUpSearchFeed = async (payload: Payload): Promise<boolean> => {
  await readySearchEngine(payload)
  if (searchRuntimeOf(payload).engine.kind !== 'embedded') {
    await followFrom(payload)
    // Meilisearch is fed by the node that holds the lease (this one, when nobody else does).
    const { isCaughtUp } = await runSearchConsumer(payload)
    await pollFeed(payload).catch(() => undefined)
    return isCaughtUp
  }
  const { attempts, delayMs } = optionsOf(payload).search.retry
  for (let attempt = 0; ; attempt += 1) {
    try {
      await pollFeed(payload)
      return true
    } catch {
      if (attempt >= attempts) return false
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt))
    }
  }
}

/** Changes in the feed this process has not applied yet (read from `cursor − lookbackMs`). */
export const pendingSearchChanges = async (payload: Payload): Promise<number> => {
  const feed = feedOf(payload)
  const from = (feed.cursor ?? 0) - optionsOf(payload).search.feed.lookbackMs
  const rows = await readRows(payload, from, false)
  return rows.filter((row) => !feed.seen.has(row.key)).length
}

/** How many feed rows this process applied (each once), and where its index came from at start (tests, benchmarks). */
export const searchFeedStatus = (
  payload: Payload,
): { appliedRows: number; origin: 'snapshot' | 'rebuild' | null; rebuilds: number } => {
  const { appliedRows, origin, rebuilds } = feedOf(payload)
  return { appliedRows, origin, rebuilds }
}

const newestRow = async (payload: Payload): Promise<FeedRow | null> => {
  const { docs } = await payload.find({
    collection: searchChangesSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    sort: '-createdAt',
  })
  return rowOf(payload, docs[0])
}

const isInFeed = async (payload: Payload, marker: FeedPosition['marker']): Promise<boolean> => {
  const { docs } = await payload.find({
    collection: searchChangesSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    where: { id: { equals: marker.id } },
  })
  const row = rowOf(payload, docs[0])
  return row !== null && row.at === marker.at
}

const following = new WeakMap<Payload, Promise<void>>()

/**
 * With Meilisearch (fed by the node that holds its lease), the feed only
 * tells this process's listeners: it is followed from its newest change at start.
 */
const followFrom = (payload: Payload): Promise<void> => {
  const feed = feedOf(payload)
  const existing = following.get(payload)
  if (existing) return existing
  const started = newestRow(payload).then((start) => {
    feed.cursor = start?.at ?? 0
    feed.isReady = true
  })
  following.set(payload, started)
  started.catch((error: unknown) => {
    following.delete(payload)
    payload.logger.warn({ err: error, msg: 'Entraide search: the change feed could not be read; tried again.' })
  })
  return started
}

/** Progress lines at most this often while the index is built. */
const progressEveryMs = 2000

/**
 * Fills the embedded index: from the snapshot on disk when there is one that
 * fits this database (its newest change still in the feed), then catching up
 * from its position; otherwise rebuilt from the database, logging progress,
 * and caught up from the feed's newest change at the start of the rebuild.
 */
const populate = async (payload: Payload): Promise<void> => {
  const runtime = searchRuntimeOf(payload)
  const feed = feedOf(payload)
  const { engine } = runtime
  const file = snapshotFileOf(payload)
  if (file && engine instanceof EmbeddedEngine) {
    const startedAt = performance.now()
    const uptimeMs = Math.round(process.uptime() * 1000)
    const early = takeEarlySnapshotRead(payload, file)
    const loaded = await runtime.writes.run(() => loadSnapshot({ early, engine, file }))
    if (loaded && (await isInFeed(payload, loaded.position.marker))) {
      feed.changesAtSnapshot = engine.changeCount
      feed.cursor = loaded.position.cursor
      feed.marker = loaded.position.marker
      feed.isReady = true
      feed.origin = 'snapshot'
      payload.logger.info({
        msg: `Entraide search: index loaded from ${file} (${loaded.documents} documents, ${Math.round(performance.now() - startedAt)} ms: ${loaded.steps}); started ${uptimeMs} ms after the process; catching up with the changes since.`,
      })
      return
    }
    if (loaded) {
      await runtime.writes.run(() => engine.clear())
      await removeSnapshot(file)
      payload.logger.info({
        msg: 'Entraide search: the saved index is older than the change feed keeps (or of another database); rebuilding it.',
      })
    }
  }
  const start = await newestRow(payload)
  // A build that takes long says how far it is, every few seconds; a quick one says nothing until it is done.
  let loggedAt = Date.now()
  const onProgress = ({ done, total }: ReindexProgress): void => {
    const now = Date.now()
    if (now - loggedAt < progressEveryMs) return
    loggedAt = now
    payload.logger.info({
      msg: `Entraide search: building the index in the background, ${done} / ${total} items read.`,
    })
  }
  const report = await rebuildIndex({ onProgress, payload })
  feed.cursor = start?.at ?? 0
  feed.marker = start ? { at: start.at, id: start.key } : null
  feed.hasChangedSinceSnapshot = true
  feed.isReady = true
  feed.origin = 'rebuild'
  const isLong = report.durationMs >= progressEveryMs
  payload.logger[isLong ? 'info' : 'debug']({
    msg: `Entraide search: index built from the database, ${report.documents} documents in ${report.durationMs} ms.`,
  })
  // A build that took seconds is saved at once, not at the next periodic save: a server stopped
  // before then (`next start` does not call payload.destroy() on SIGTERM) would build it all again.
  if (isLong) void saveIndex(payload)
}

/**
 * Saves the embedded index with its feed position, if it changed since the
 * last save and holds documents. An empty feed has no position to record:
 * one row marks it.
 */
const saveIndex = async (payload: Payload): Promise<void> => {
  const feed = feedOf(payload)
  // A save under way is waited for (it marks the index unchanged as it starts); what changed since is saved after it.
  while (feed.saving) await feed.saving
  const { engine } = searchRuntimeOf(payload)
  const file = snapshotFileOf(payload)
  if (!file || !(engine instanceof EmbeddedEngine) || !feed.isReady) return
  // Changed through the feed, or by anything else (an editor's reindex rebuilds the index outside it).
  if (!feed.hasChangedSinceSnapshot && engine.changeCount === feed.changesAtSnapshot) return
  // An empty index is rebuilt at once: nothing worth a file (nor a marker row).
  if ((await engine.stats()).documentCount === 0) return
  if (feed.saving) return feed.saving
  const saving = (async () => {
    if (!feed.marker) {
      const req = await createLocalReq({}, payload)
      const doc = await payload.create({
        collection: searchChangesSlug,
        data: { target: 'snapshot', targetId: 'marker' },
        depth: 0,
        overrideAccess: true,
        req,
      })
      const row = rowOf(payload, doc)
      if (!row) return
      feed.marker = { at: row.at, id: row.key }
      feed.seen.set(row.key, row.at)
    }
    const { marker } = feed
    const startedAt = performance.now()
    // Taken between two writes of the engine, never halfway through a rebuild (which empties the
    // index, then fills it batch after batch) nor through a batch of changes from the feed.
    const saved = await searchRuntimeOf(payload).writes.run(() => {
      const position: FeedPosition = { cursor: feed.cursor ?? marker.at, marker: feed.marker ?? marker }
      feed.hasChangedSinceSnapshot = false
      feed.changesAtSnapshot = engine.changeCount
      return saveSnapshot({ engine, file, position })
    })
    payload.logger.debug({
      msg: `Entraide search: index saved to ${file} (${saved.documents} documents, ${saved.bytes} bytes, ${Math.round(performance.now() - startedAt)} ms).`,
    })
  })()
    .catch((error: unknown) => {
      feed.hasChangedSinceSnapshot = true
      payload.logger.warn({
        err: error,
        msg: 'Entraide search: the index could not be saved to disk; the next start may rebuild it.',
      })
    })
    .finally(() => {
      feed.saving = null
    })
  feed.saving = saving
  return saving
}

/**
 * Deletes the changes older than `feed.retentionMs`, at most once a minute
 * per process. With Meilisearch the node that feeds it prunes instead,
 * never deleting a change it has not applied.
 */
const pruneFeed = async (payload: Payload): Promise<void> => {
  const feed = feedOf(payload)
  if (searchRuntimeOf(payload).engine.kind !== 'embedded') return
  const now = Date.now()
  if (now - feed.lastPrunedAt < pruneEveryMs) return
  feed.lastPrunedAt = now
  const before = new Date(now - optionsOf(payload).search.feed.retentionMs).toISOString()
  await payload
    .delete({
      collection: searchChangesSlug,
      depth: 0,
      overrideAccess: true,
      where: { createdAt: { less_than: before } },
    })
    .catch((error: unknown) => {
      payload.logger.warn({ err: error, msg: 'Entraide search: old changes could not be deleted; retried later.' })
    })
}

/**
 * Starts following the feed: prepares the index in the background (the
 * embedded engine from its snapshot or a rebuild, see `populate`) and, in
 * `'auto'` mode, reads the feed every `feed.pollMs`, prunes it and saves the
 * index every `snapshot.everyMs`. Never waits for the index: until it is
 * ready, searches answer 503 with `Retry-After`.
 */
export const startSearchFeed = (payload: Payload): void => {
  const runtime = searchRuntimeOf(payload)
  const feed = feedOf(payload)
  const options = optionsOf(payload).search
  if (runtime.engine.kind === 'embedded') {
    runtime.populate = () => populate(payload)
    void readySearchEngine(payload).catch((error: unknown) => {
      payload.logger.error({
        err: error,
        msg: 'Entraide: the search engine is not ready; searches will fail until it is.',
      })
    })
  } else {
    void followFrom(payload).catch(() => undefined)
  }
  if (options.runSyncJobs !== 'auto' || feed.timers.length > 0) return
  const isFollowing = (): boolean => runtime.engine.kind === 'embedded' || feed.listeners.size > 0
  const poll = setInterval(() => {
    if (feed.isStopped || feed.polling || Date.now() < feed.retryAt) return
    if (!feed.isReady) {
      // A failed preparation is tried again.
      if (runtime.engine.kind !== 'embedded') void followFrom(payload).catch(() => undefined)
      else if (!runtime.populated) void readySearchEngine(payload).catch(() => undefined)
      return
    }
    if (isFollowing()) void pollFeed(payload).catch(() => undefined)
    void pruneFeed(payload)
  }, options.feed.pollMs)
  poll.unref?.()
  feed.timers.push(poll)
  if (options.snapshot !== false) {
    const save = setInterval(() => {
      if (!feed.isStopped) void saveIndex(payload)
    }, options.snapshot.everyMs)
    save.unref?.()
    feed.timers.push(save)
  }
}

/** Stops following the feed (shutdown): the read under way ends, then the index is saved if it changed. */
export const stopSearchFeed = async (payload: Payload): Promise<void> => {
  const feed = feedOf(payload)
  feed.isStopped = true
  for (const timer of feed.timers) clearInterval(timer)
  feed.timers = []
  await feed.polling?.catch(() => undefined)
  await searchRuntimeOf(payload).populated?.catch(() => undefined)
  await saveIndex(payload)
}

/** Saves the embedded index now (tests, and hosts that stop the process another way). */
export const saveSearchIndex = (payload: Payload): Promise<void> => saveIndex(payload)
