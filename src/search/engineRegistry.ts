import type { Payload } from 'payload'

import { optionsOf } from '../utilities/pluginOptions.ts'
import { createSearchEngine } from './createEngine.ts'
import { buildIndexSettings } from './settings.ts'
import type { SearchEngine, SearchIndexSettings } from './types.ts'

/**
 * A value kept per Payload instance for the life of the process. The map
 * lives on `globalThis`, not in this module: Next's hot reload evaluates
 * modules again but keeps the Payload instance, and the embedded index (built
 * from the whole database) must survive with it.
 */
/**
 * A registry found on `globalThis`. Only `perPayload` writes under its keys,
 * and only values its `create` made, so the map holds values of type T.
 */
const isRegistry = <T extends object>(value: unknown): value is WeakMap<Payload, T> => value instanceof WeakMap

export const perPayload = <T extends object>(name: string, create: (payload: Payload) => T): ((payload: Payload) => T) => {
  const key = Symbol.for(`entraide.search.${name}`)
  return (payload) => {
    const existing: unknown = Reflect.get(globalThis, key)
    const map = isRegistry<T>(existing) ? existing : new WeakMap<Payload, T>()
    if (map !== existing) Reflect.set(globalThis, key, map)
    const found = map.get(payload)
    if (found) return found
    const created = create(payload)
    map.set(payload, created)
    return created
  }
}

/** Runs tasks one at a time, in the order they were given. */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task)
    this.#tail = result.catch(() => undefined)
    return result
  }
}

/** The search engine of one Payload instance and what keeps it consistent. */
export type SearchRuntime = {
  engine: SearchEngine
  settings: SearchIndexSettings
  /**
   * Engine writes (changes applied from the feed, reindex) take turns, each
   * reading the database inside its turn: a write that read an older state
   * can never overwrite a newer one written by another of this process.
   */
  writes: SerialQueue
  /** `ensureIndex` done or under way; null until asked, or after a failure. */
  indexReady: Promise<void> | null
  /** The first fill of the embedded engine (snapshot or rebuild), done or under way; null until asked, or after a failure. */
  populated: Promise<void> | null
  /** How the first fill is made once the change feed is started (`feed.ts`); a plain rebuild otherwise. */
  populate: (() => Promise<void>) | null
}

/**
 * The search runtime of a Payload instance: the engine from the `search.engine`
 * option, or Meilisearch when `MEILI_HOST` is set, or the embedded engine;
 * created once per instance and process.
 */
export const searchRuntimeOf = perPayload<SearchRuntime>('runtime', (payload) => {
  const { search } = optionsOf(payload)
  return {
    engine: search.engine ?? createSearchEngine(),
    indexReady: null,
    populate: null,
    populated: null,
    settings: buildIndexSettings({ synonyms: search.synonyms }),
    writes: new SerialQueue(),
  }
})
