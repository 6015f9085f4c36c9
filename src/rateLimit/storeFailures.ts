import type { Payload } from 'payload'

/** At most one log line about a failing store per this long, per app. */
const quietMs = 60_000

type FailureLog = { lastLoggedAt: number; unlogged: number }

const failures = new WeakMap<Payload, FailureLog>()

/**
 * Logs that the rate-limit store failed, at most once a minute per app: while
 * a shared store is down every request fails the same way, and one line per
 * request would bury everything else in the log. The next line tells how many
 * failures were left out meanwhile.
 */
export const logStoreFailure = (
  payload: Payload,
  { error, msg, now = Date.now() }: { error: unknown; msg: string; now?: number },
): void => {
  const log = failures.get(payload)
  if (log !== undefined && now - log.lastLoggedAt < quietMs) {
    log.unlogged++
    return
  }
  const left =
    log !== undefined && log.unlogged > 0 ? ` ${log.unlogged} more failures of the store were not logged.` : ''
  payload.logger.error({ err: error, msg: `${msg}${left} (Logged at most once a minute.)` })
  failures.set(payload, { lastLoggedAt: now, unlogged: 0 })
}

/** Says once that the store answers again after failures were logged. */
export const logStoreRecovery = (payload: Payload): void => {
  const log = failures.get(payload)
  if (log === undefined) return
  failures.delete(payload)
  payload.logger.info('Entraide: the rate-limit store answers again; limits apply again.')
}
