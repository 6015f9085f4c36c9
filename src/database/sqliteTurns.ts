import { AsyncLocalStorage } from 'node:async_hooks'

import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'

/** How long a write waits for the one before it, by default, before it fails with an error that names the holder. */
const defaultMaxWaitMs = 30_000

/**
 * The adapter methods that write. On SQLite each one made outside a
 * transaction is a statement that needs the single writer's lock.
 */
const writeMethods = [
  'create',
  'createGlobal',
  'createGlobalVersion',
  'createVersion',
  'deleteMany',
  'deleteOne',
  'deleteVersions',
  'updateGlobal',
  'updateGlobalVersion',
  'updateJobs',
  'updateMany',
  'updateOne',
  'updateVersion',
  'upsert',
] as const

type LibsqlClientLike = {
  transaction: (mode?: 'write' | 'read' | 'deferred') => Promise<unknown>
  execute: (sql: string) => Promise<unknown>
}

const isLibsqlClient = (value: unknown): value is LibsqlClientLike =>
  typeof value === 'object' &&
  value !== null &&
  'transaction' in value &&
  typeof value.transaction === 'function' &&
  'execute' in value &&
  typeof value.execute === 'function'

const patchedClients = new WeakSet<object>()

type CommittableTransaction = { commit: () => Promise<void> }

const isCommittable = (value: unknown): value is CommittableTransaction =>
  typeof value === 'object' && value !== null && 'commit' in value && typeof value.commit === 'function'

/** Why a libsql transaction's COMMIT failed, by transaction. */
const commitFailures = new WeakMap<object, unknown>()

/**
 * Watches the libsql client of an adapter (once):
 * - It hands its connection to each transaction and opens a new one
 *   afterwards, without the settings Payload's SQLite adapter gave the first
 *   (`busyTimeout`, and WAL's `synchronous`): a write from another process
 *   would then fail at once instead of waiting, and every commit would sync to
 *   disk. The same settings are given to each new connection.
 * - Payload ignores a failed COMMIT (the transaction is rolled back and the
 *   operation answers as if its work were kept); each failure is recorded
 *   here, by transaction, so that the adapter's commit can throw it.
 */
const watchClient = (db: object, onTransaction: (transaction: object) => void): void => {
  const client: unknown = 'client' in db ? db.client : undefined
  if (!isLibsqlClient(client) || patchedClients.has(client)) return
  patchedClients.add(client)
  const busyTimeout = 'busyTimeout' in db && typeof db.busyTimeout === 'number' ? db.busyTimeout : 0
  const wal: unknown = 'wal' in db ? db.wal : undefined
  const synchronous =
    typeof wal === 'object' && wal !== null && 'synchronous' in wal && typeof wal.synchronous === 'string'
      ? wal.synchronous
      : null
  const transaction = client.transaction.bind(client)
  client.transaction = async (mode) => {
    const tx = await transaction(mode)
    if (busyTimeout > 0) await client.execute(`PRAGMA busy_timeout = ${Math.floor(busyTimeout)}`)
    if (synchronous !== null && /^[A-Z]+$/i.test(synchronous))
      await client.execute(`PRAGMA synchronous = ${synchronous}`)
    if (isCommittable(tx)) {
      const commit = tx.commit.bind(tx)
      tx.commit = async () => {
        try {
          await commit()
        } catch (error) {
          commitFailures.set(tx, error)
          throw error
        }
      }
      onTransaction(tx)
    }
    return tx
  }
}

/** The adapters already wrapped. */
const wrapped = new WeakSet<object>()

/** `trace` is where the turn was taken; its stack is formatted only when an error names it (formatting costs more than capturing). */
type Turn = { label: string; since: number; trace: Error }

/**
 * Makes the writers of one SQLite database in this process take turns.
 *
 * SQLite has a single writer, and the libsql client waits for its lock
 * synchronously, holding the whole process: a write made outside a
 * transaction while a transaction of the same process holds the lock would
 * wait for it with nothing able to end that transaction, until the busy
 * timeout fails the write (and Payload, whose commit then fails, silently
 * drops the transaction's work). So every transaction and every write made
 * outside one waits here, without blocking, for the one before it to end;
 * reads go on meanwhile (WAL). Under parallel requests, actions also read a
 * consistent state (one vote per person, one accepted answer). Several
 * processes on one file still rely on the adapter's `busyTimeout`.
 *
 * Applied by the plugin to `@payloadcms/db-sqlite`; applying it twice does nothing.
 */
export const sqliteTurns = <T extends BaseDatabaseAdapter>(
  adapter: DatabaseAdapterObj<T>,
  { maxWaitMs = defaultMaxWaitMs }: { maxWaitMs?: number } = {},
): DatabaseAdapterObj<T> => {
  if (wrapped.has(adapter)) return adapter
  const turns: DatabaseAdapterObj<T> = {
    ...adapter,
    init: (args) => {
      const db = adapter.init(args)
      const begin = db.beginTransaction.bind(db)
      const commit = db.commitTransaction.bind(db)
      const rollback = db.rollbackTransaction.bind(db)
      /** The end of each open transaction's turn, by its id. */
      const releases = new Map<string, () => void>()
      /** The libsql transaction of each open transaction, by its id. */
      const connections = new Map<string, object>()
      /** The libsql transaction the client began last (transactions begin one at a time here). */
      let begun: object | null = null
      /** Set while a write made outside a transaction holds the turn, for the writes it makes itself. */
      const holding = new AsyncLocalStorage<true>()
      let tail: Promise<void> = Promise.resolve()
      // Who holds the turn: named in the error when another waits too long,
      // since a transaction never ended is a bug.
      let holder: Turn | null = null

      /** Waits for the turn; answers the function that hands it on. */
      const takeTurn = async (label: string): Promise<() => void> => {
        let done = () => {}
        const turn = new Promise<void>((resolve) => {
          done = resolve
        })
        const previous = tail
        tail = previous.then(() => turn)
        const trace = new Error(label)
        let timer: NodeJS.Timeout | undefined
        try {
          await Promise.race([
            previous,
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => {
                const held = holder
                  ? ` The ${holder.label} holding it began ${Date.now() - holder.since} ms ago at:\n${holder.trace.stack ?? ''}`
                  : ''
                reject(new Error(`The database is busy: a ${label} waited ${maxWaitMs} ms for its turn.${held}`))
              }, maxWaitMs)
            }),
          ])
        } catch (error) {
          done()
          throw error
        } finally {
          clearTimeout(timer)
        }
        holder = { label, since: Date.now(), trace }
        watchClient(db, (transaction) => {
          begun = transaction
        })
        return () => {
          holder = null
          done()
        }
      }

      const release = async (id: number | Promise<number | string> | string) => {
        const key = String(await id)
        releases.get(key)?.()
        releases.delete(key)
      }

      db.beginTransaction = async (options) => {
        // Begun by a write that already holds the turn: it is that write's own.
        if (holding.getStore()) return begin(options)
        const done = await takeTurn('transaction')
        try {
          begun = null
          const id = await begin(options)
          if (id === null) done()
          else {
            releases.set(String(id), done)
            if (begun !== null) connections.set(String(id), begun)
          }
          return id
        } catch (error) {
          done()
          throw error
        }
      }

      /** Whether a write's request is inside a transaction of this adapter that is still open. */
      const isInOpenTransaction = async (args: unknown): Promise<boolean> => {
        const req: unknown = typeof args === 'object' && args !== null && 'req' in args ? args.req : undefined
        if (typeof req !== 'object' || req === null || !('transactionID' in req)) return false
        const id: unknown = await req.transactionID
        return (typeof id === 'string' || typeof id === 'number') && releases.has(String(id))
      }

      for (const method of writeMethods) {
        const original: unknown = db[method]
        if (typeof original !== 'function') continue
        const write = (args: unknown): unknown => Reflect.apply(original, db, [args])
        const inTurn = async (args: unknown): Promise<unknown> => {
          if (holding.getStore() || (await isInOpenTransaction(args))) return write(args)
          const done = await takeTurn(`${method} outside a transaction`)
          try {
            return await holding.run(true, () => write(args))
          } finally {
            done()
          }
        }
        Object.assign(db, { [method]: inTurn })
      }

      // Payload's job updates begin a transaction of their own and leave it
      // open when the update fails; on SQLite an open write transaction blocks
      // every other writer for good. Roll such a transaction back when its update fails.
      const updateJobs = db.updateJobs.bind(db)
      db.updateJobs = async (args) => {
        try {
          return await updateJobs(args)
        } catch (error) {
          const id = args.req?.transactionID
          const isOwnTransaction = args.req !== undefined && Object.keys(args.req).length === 1
          if (isOwnTransaction && (typeof id === 'string' || typeof id === 'number') && releases.has(String(id))) {
            await db.rollbackTransaction(id)
          }
          throw error
        }
      }
      db.commitTransaction = async (id) => {
        const key = String(await id)
        const connection = connections.get(key)
        connections.delete(key)
        try {
          await commit(id)
        } finally {
          await release(id)
        }
        const failure = connection ? commitFailures.get(connection) : undefined
        if (failure !== undefined) {
          const reason = failure instanceof Error ? failure.message : String(failure)
          throw new Error(`The database did not commit the transaction, so nothing it wrote was kept: ${reason}`, {
            cause: failure,
          })
        }
      }
      db.rollbackTransaction = async (id) => {
        connections.delete(String(await id))
        try {
          await rollback(id)
        } finally {
          await release(id)
        }
      }
      return db
    },
  }
  wrapped.add(turns)
  return turns
}

/** A host's database adapter, its writers taking turns when it is Payload's SQLite one (`@payloadcms/db-sqlite`). */
export const withSqliteTurns = (adapter: DatabaseAdapterObj): DatabaseAdapterObj =>
  adapter.name === 'sqlite' ? sqliteTurns(adapter) : adapter
