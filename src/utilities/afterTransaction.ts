import type { PayloadRequest } from 'payload'

/** How often a request's transaction is checked for its end, while it is young. */
const pollMs = 2
/** After this, the callback runs anyway: a transaction that never ends must not hold it forever. */
const giveUpAfterMs = 60_000

/**
 * Calls `callback` once the transaction of `req` has ended (committed or
 * rolled back), or at once (on the next turn of the event loop) when the
 * request has none; after a minute it is called anyway, with `hasEnded`
 * false. Payload tells nothing when a transaction ends, so its id
 * on the request is watched: while it begins it is a promise; where the
 * adapter has no transactions (SQLite's unless `transactionOptions` is set)
 * that promise resolves to nothing, or Payload's loader replaces it with its
 * JSON copy, an empty object; only a string or a number is a transaction
 * still open.
 */
export const afterTransaction = (req: PayloadRequest, callback: (state: { hasEnded: boolean }) => void): void => {
  const startedAt = Date.now()
  const check = (): void => {
    void Promise.resolve(req.transactionID).then((transactionID: unknown) => {
      const waited = Date.now() - startedAt
      const isOpen = typeof transactionID === 'string' || typeof transactionID === 'number'
      if (!isOpen || waited > giveUpAfterMs) {
        callback({ hasEnded: !isOpen })
        return
      }
      // Most transactions end within milliseconds; long ones are checked less often.
      setTimeout(check, waited < 100 ? pollMs : 25).unref?.()
    })
  }
  setImmediate(check)
}
