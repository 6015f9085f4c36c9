import type { ServerProps } from 'payload'
import { createLocalReq } from 'payload'

import { canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { summarizeWaitingWork } from './queries/waitingWork.ts'

/**
 * The dashboard's "waiting for you" block: what the signed-in person has to
 * handle (agents and above) or is waiting on (citizens), each line linking to
 * where it is handled.
 */
export const WaitingWork = async ({ payload, user }: ServerProps) => {
  if (!user) return null
  const req = await createLocalReq({ user }, payload)
  const entries = (await summarizeWaitingWork({ req })) ?? []
  const isReviewer = canReviewContributions(actorFromRequest(req))
  const adminRoute = payload.config.routes.admin
  const waiting = entries.filter((entry) => entry.count > 0)
  return (
    <section aria-labelledby="entraide-waiting-title" className="entraide-panel entraide-waiting">
      <h2 className="entraide-panel__title" id="entraide-waiting-title">
        {isReviewer ? 'Waiting for you' : 'Your contributions'}
      </h2>
      {waiting.length === 0 ? (
        <p className="entraide-empty">
          {isReviewer ? 'Nothing is waiting for you right now.' : 'Nothing of yours is waiting for review.'}
        </p>
      ) : (
        <ul className="entraide-waiting__list">
          {waiting.map((entry) => (
            <li key={entry.key}>
              <a href={`${adminRoute}${entry.path}`}>{entry.label}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
