import type { Config, JobsConfig, Payload, RunJobAccess } from 'payload'

import { reindexEndpoint } from '../endpoints/reindex.ts'
import { searchEndpoint } from '../endpoints/search.ts'
import { suggestionFoundEndpoint } from '../endpoints/suggestions.ts'
import { onSystemWrite } from '../hooks/systemWrites.ts'
import { canManageCatalogue } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { searchChangesCollection } from '../collections/SearchChanges.ts'
import { searchLeasesCollection } from '../collections/SearchLeases.ts'
import { searchRuntimeOf } from './engineRegistry.ts'
import { startSearchFeed, stopSearchFeed } from './feed.ts'
import { startSearchConsumer, stopSearchConsumer } from './meilisearchConsumer.ts'
import { flushSearchQueries } from './queryLog.ts'
import { readySearchEngine } from './reindex.ts'
import { dropEarlySnapshotRead, withEarlySnapshotRead } from './snapshot.ts'
import { syncSearchAfterSystemWrite, withSearchSync } from './syncHooks.ts'
import { legacySearchSyncTask } from './syncRunner.ts'

// Payload lets any signed-in user run, queue and cancel jobs through REST
// unless told otherwise; Entraide's queues are editors' work.
const staffOnly: RunJobAccess = ({ req }) => canManageCatalogue(actorFromRequest(req))

/**
 * The host's jobs config with the sync task of earlier versions (kept
 * registered, see `legacySearchSyncTask`). The host's tasks, crons and
 * access rules are kept (its access rules win); `deleteJobOnComplete`
 * becomes `false` unless the host set it (see below). The input is not changed.
 */
export const withSearchJobs = (jobs: JobsConfig | undefined): JobsConfig => {
  const host = jobs ?? {}
  return {
    ...host,
    access: { cancel: staffOnly, queue: staffOnly, run: staffOnly, ...host.access },
    // Payload deletes completed jobs outside any transaction; on SQLite that
    // write stalls the process while another transaction is open, and a
    // concurrent transaction was seen to be lost. Entraide's queue runners
    // delete their own completed jobs inside a transaction instead.
    deleteJobOnComplete: host.deleteJobOnComplete ?? false,
    tasks: [...(host.tasks ?? []), legacySearchSyncTask()],
  }
}

const settledOnDestroy = Symbol.for('entraide.search.settledOnDestroy')
/** Longest wait for search work at shutdown: a hung engine must not hold the process. */
const settleTimeoutMs = 5000

// `payload.destroy()` first writes the recorded search queries and lets the
// Meilisearch run and the feed read under way finish, so nothing is written
// after the database closed.
const settleOnDestroy = (payload: Payload): void => {
  if (Reflect.get(payload, settledOnDestroy) === true) return
  Reflect.set(payload, settledOnDestroy, true)
  const destroy = payload.destroy.bind(payload)
  payload.destroy = async () => {
    let timer: ReturnType<typeof setTimeout> | undefined
    await Promise.race([
      Promise.all([flushSearchQueries(payload), stopSearchConsumer(payload), stopSearchFeed(payload)]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, settleTimeoutMs)
      }),
    ]).finally(() => clearTimeout(timer))
    return destroy()
  }
}

/**
 * At start: prepares the engine and starts following the change feed. The
 * embedded index is filled in the background (from its snapshot on disk, or
 * rebuilt from the database): the start never waits for it. Meilisearch's
 * index is checked and configured; then, in `'auto'` mode, this node
 * competes for the lease of feeding it from the feed. A failing engine is
 * logged and does not stop the app: searches answer 503 and the changes are
 * retried until it is back.
 */
export const startSearch = async (payload: Payload): Promise<void> => {
  settleOnDestroy(payload)
  startSearchFeed(payload)
  if (searchRuntimeOf(payload).engine.kind === 'embedded') return
  dropEarlySnapshotRead(payload)
  try {
    await readySearchEngine(payload)
  } catch (error) {
    payload.logger.error({
      err: error,
      msg: 'Entraide: the search engine is not ready; searches will fail until it is.',
    })
  }
  startSearchConsumer(payload)
}

/**
 * Adds search to a config Entraide already extended (its collections
 * included): the sync hooks on the collections that feed the index, the
 * search and reindex endpoints, the change feed's and the leases'
 * collections, the sync task of earlier versions, and the engine's start
 * before the host's `onInit`. Returns a new config.
 */
export const withSearch =
  () =>
  (config: Config): Config => {
    onSystemWrite(syncSearchAfterSystemWrite)
    const hostOnInit = config.onInit
    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map(withSearchSync),
        searchChangesCollection(),
        searchLeasesCollection(),
      ],
      // The index snapshot is read while Payload starts, not after.
      db: withEarlySnapshotRead(config.db),
      endpoints: [...(config.endpoints ?? []), searchEndpoint(), suggestionFoundEndpoint(), reindexEndpoint()],
      jobs: withSearchJobs(config.jobs),
      onInit: async (payload) => {
        await startSearch(payload)
        await hostOnInit?.(payload)
      },
    }
  }
