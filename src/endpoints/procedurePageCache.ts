import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionConfig, Config, Payload, PayloadRequest } from 'payload'

import { onSystemWrite } from '../hooks/systemWrites.ts'
import type { ResolvedOptions } from '../options.ts'
import { onSearchChanges } from '../search/feed.ts'
import { afterTransaction } from '../utilities/afterTransaction.ts'
import type { SharedProcedurePage } from './procedurePage.ts'

/** One procedure page's shared part, and the anonymous answer made of it: its JSON and its validator. */
export type CachedPage = { body: string; etag: string; shared: SharedProcedurePage }

type Entry = CachedPage & { storedAt: number }

type CacheState = {
  entries: Map<string, Entry>
  /** Loads under way, so that many readers of one page after a change cause one load. */
  loading: Map<string, Promise<CachedPage>>
  /** Bumped by every change: a load that saw a change while it ran is answered but not kept. */
  generation: number
}

/** Pages kept at most (procedures × steps); the oldest stored goes first. */
const maxEntries = 2000

const states = new WeakMap<Payload, CacheState>()

const stateOf = (payload: Payload): CacheState => {
  const existing = states.get(payload)
  if (existing) return existing
  const created: CacheState = { entries: new Map(), generation: 0, loading: new Map() }
  states.set(payload, created)
  return created
}

/** Forgets every cached page of this process (any change that a page may show). */
export const invalidateProcedurePages = (payload: Payload): void => {
  const state = stateOf(payload)
  state.generation += 1
  state.entries.clear()
  state.loading.clear()
}

/**
 * Forgets the cached pages now and again once the write's transaction has
 * ended: a page read between the write and its commit still shows the old
 * content, and must not stay in the cache either.
 */
export const invalidateProcedurePagesAfterWrite = (req: PayloadRequest): void => {
  invalidateProcedurePages(req.payload)
  afterTransaction(req, () => invalidateProcedurePages(req.payload))
}

/**
 * The anonymous page of `key` from the cache when it is younger than
 * `ttlMs`, else loaded once (readers asking meanwhile share the load) and
 * kept, unless something changed while it was read.
 */
export const cachedProcedurePage = async (
  payload: Payload,
  { key, ttlMs }: { key: string; ttlMs: number },
  load: () => Promise<CachedPage>,
): Promise<CachedPage> => {
  const state = stateOf(payload)
  const now = Date.now()
  const entry = state.entries.get(key)
  if (entry && now - entry.storedAt < ttlMs) return entry
  const pending = state.loading.get(key)
  if (pending) return pending
  const generation = state.generation
  const loading = load().then((page) => {
    if (state.generation === generation) {
      state.entries.delete(key)
      state.entries.set(key, { ...page, storedAt: now })
      if (state.entries.size > maxEntries) {
        const oldest = state.entries.keys().next().value
        if (oldest !== undefined) state.entries.delete(oldest)
      }
    }
    return page
  })
  state.loading.set(key, loading)
  try {
    return await loading
  } finally {
    if (state.loading.get(key) === loading) state.loading.delete(key)
  }
}

const forgetAfterChange: CollectionAfterChangeHook = ({ req }) => {
  invalidateProcedurePagesAfterWrite(req)
}

const forgetAfterDelete: CollectionAfterDeleteHook = ({ req }) => {
  invalidateProcedurePagesAfterWrite(req)
}

let listensToSystemWrites = false

/**
 * Keeps the anonymous procedure pages in this process's memory (see
 * `procedurePageCache`) and forgets them on every write a page may show: the
 * collections it reads (the procedure, its agency, guides, official pages,
 * tips, questions, answers, votes, and the accounts whose names and roles it
 * shows) and the scores and flags Entraide writes itself; and on the changes
 * other app nodes made, as this process follows them from the search change
 * feed.
 */
export const withProcedurePageCache =
  (options: ResolvedOptions, shownCollections: readonly string[]) =>
  (config: Config): Config => {
    if (options.procedurePageCache === false) return config
    if (!listensToSystemWrites) {
      listensToSystemWrites = true
      onSystemWrite(async ({ req }) => invalidateProcedurePagesAfterWrite(req))
    }
    const withHooks = (collection: CollectionConfig): CollectionConfig =>
      shownCollections.includes(collection.slug)
        ? {
            ...collection,
            hooks: {
              ...collection.hooks,
              afterChange: [...(collection.hooks?.afterChange ?? []), forgetAfterChange],
              afterDelete: [...(collection.hooks?.afterDelete ?? []), forgetAfterDelete],
            },
          }
        : collection
    const hostOnInit = config.onInit
    return {
      ...config,
      collections: (config.collections ?? []).map(withHooks),
      onInit: async (payload) => {
        // Changes made through other app nodes arrive with the search change feed.
        onSearchChanges(payload, () => invalidateProcedurePages(payload))
        await hostOnInit?.(payload)
      },
    }
  }
