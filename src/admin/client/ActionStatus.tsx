'use client'

/** The outcome of the last action of a panel. */
export type ActionOutcome = { kind: 'success' | 'error'; message: string; link?: { href: string; label: string } } | null

/**
 * Where a panel reports the outcome of its last action: announced politely on
 * success, assertively on error (the API's own message).
 */
export const ActionStatus = ({ outcome }: { outcome: ActionOutcome }) => (
  <>
    <div aria-live="polite" className="entraide-status" role="status">
      {outcome?.kind === 'success' ? (
        <p className="entraide-status__success">
          {outcome.message}
          {outcome.link ? (
            <>
              {' '}
              <a href={outcome.link.href}>{outcome.link.label}</a>
            </>
          ) : null}
        </p>
      ) : null}
    </div>
    <div aria-live="assertive" className="entraide-status" role="alert">
      {outcome?.kind === 'error' ? <p className="entraide-status__error">{outcome.message}</p> : null}
    </div>
  </>
)
