import { commitTransaction, initTransaction, killTransaction, type CollectionSlug, type PayloadRequest } from 'payload'

import type { ID } from '../utilities/ids.ts'

/** How many times an action is run again after its transaction lost a write conflict. */
const conflictAttempts = 5

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/**
 * Whether an error says the transaction lost a conflict with another one and
 * may simply be run again: PostgreSQL's serialization failure and deadlock,
 * MongoDB's transient transaction errors (a write conflict), SQLite's busy
 * database. Wrapped errors are followed through their causes.
 */
export const isTransientConflict = (error: unknown): boolean => {
  let current: unknown = error
  for (let depth = 0; depth < 6 && isRecord(current); depth++) {
    const code = current.code
    if (code === '40001' || code === '40P01' || code === 112 || code === 'SQLITE_BUSY') return true
    const labels = current.errorLabels
    if (Array.isArray(labels) && labels.includes('TransientTransactionError')) return true
    if (current.codeName === 'WriteConflict') return true
    current = current.cause
  }
  return false
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Runs `work` in one database transaction on `req`, so an action's writes
 * land together or not at all. Joins the caller's transaction when there is
 * one (Local API calls inside hooks), and is a plain call on adapters without
 * transactions.
 */
export const inTransaction = async <T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    const isOwner = await initTransaction(req)
    try {
      const result = await work()
      if (isOwner) await commitTransaction(req)
      return result
    } catch (error) {
      if (isOwner) await killTransaction(req)
      // Only the transaction's owner can run the whole action again; a joined
      // transaction leaves that to its owner.
      if (!isOwner || attempt >= conflictAttempts || !isTransientConflict(error)) throw error
      await pause(5 * attempt + Math.floor(Math.random() * 10))
    }
  }
}

/**
 * Claims a document for the rest of the transaction by writing it (its
 * `updatedAt`), without hooks: on PostgreSQL a parallel claim waits for this
 * transaction to end; on MongoDB it fails with a write conflict and its action
 * runs again (see `inTransaction`); SQLite already lets one writer at a time.
 */
export const claimRow = async ({
  collection,
  id,
  req,
}: {
  req: PayloadRequest
  collection: CollectionSlug
  id: ID
}): Promise<void> => {
  await req.payload.db.updateOne({
    collection,
    data: { updatedAt: new Date().toISOString() },
    id,
    req,
    returning: false,
  })
}
