import type { BaseDatabaseAdapter, DatabaseAdapterObj } from 'payload'

/** How long a transaction waits for the previous one before giving up, by default. */
const defaultMaxWaitMs = 30_000

/**
 * How long any SQLite connection waits for the write lock. Generous: during a
 * long stream of transactions (the demo seed, an import) a write made outside
 * a transaction only gets the lock in a gap between two of them.
 */
export const busyTimeoutMs = 30_000

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

/**
 * The libsql client hands its connection to each transaction and opens a new
 * one afterwards, without the busy timeout set at start; a write outside a
 * transaction (Payload writes a few) would then fail at once while another
 * transaction holds the lock. Setting the timeout on each new connection
 * makes every connection wait its turn.
 */
const keepBusyTimeout = (db: object): void => {
  const client: unknown = 'client' in db ? db.client : undefined
  if (!isLibsqlClient(client) || patchedClients.has(client)) return
  patchedClients.add(client)
  const transaction = client.transaction.bind(client)
  client.transaction = async (mode) => {
    const tx = await transaction(mode)
    await client.execute(`PRAGMA busy_timeout = ${busyTimeoutMs}`)
    return tx
  }
}

/**
 * Queues the transactions of one SQLite adapter behind each other.
 *
 * SQLite has a single writer. The libsql client opens a fresh connection for
 * each transaction, and those connections do not inherit the busy timeout, so
 * two transactions starting together fail with SQLITE_BUSY instead of
 * waiting. Taking turns in-process keeps every write and lets actions read a
 * consistent state (one vote per person, one accepted answer) under parallel
 * requests. Several processes on one file still rely on the busy timeout.
 */
export const serialTransactions = <T extends BaseDatabaseAdapter>(
  adapter: DatabaseAdapterObj<T>,
  { maxWaitMs = defaultMaxWaitMs }: { maxWaitMs?: number } = {},
): DatabaseAdapterObj<T> => ({
  ...adapter,
  init: (args) => {
    const db = adapter.init(args)
    const begin = db.beginTransaction.bind(db)
    const commit = db.commitTransaction.bind(db)
    const rollback = db.rollbackTransaction.bind(db)
    const releases = new Map<string, () => void>()
    let tail: Promise<void> = Promise.resolve()
    // Where the transaction holding the turn began: named in the error when
    // another one waits too long, since a transaction never ended is a bug.
    let holder: { since: number; stack: string } | null = null

    const release = async (id: number | Promise<number | string> | string) => {
      const key = String(await id)
      releases.get(key)?.()
      releases.delete(key)
      holder = null
    }

    db.beginTransaction = async (options) => {
      let done = () => {}
      const turn = new Promise<void>((resolve) => {
        done = resolve
      })
      const previous = tail
      tail = previous.then(() => turn)
      const stack = new Error('transaction began').stack ?? ''
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          previous,
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => {
              const held = holder
                ? ` The transaction holding it began ${Date.now() - holder.since} ms ago at:\n${holder.stack}`
                : ''
              reject(new Error(`The database is busy: a transaction waited ${maxWaitMs} ms for its turn.${held}`))
            }, maxWaitMs)
          }),
        ])
      } catch (error) {
        done()
        throw error
      } finally {
        clearTimeout(timer)
      }
      holder = { since: Date.now(), stack }
      try {
        keepBusyTimeout(db)
        const id = await begin(options)
        if (id === null) done()
        else releases.set(String(id), done)
        return id
      } catch (error) {
        done()
        throw error
      }
    }
    // Payload's job updates begin a transaction of their own and leave it open
    // when the update fails; on SQLite an open write transaction blocks every
    // other writer for good. Roll such a transaction back when its update fails.
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
      try {
        await commit(id)
      } finally {
        await release(id)
      }
    }
    db.rollbackTransaction = async (id) => {
      try {
        await rollback(id)
      } finally {
        await release(id)
      }
    }
    return db
  },
})
