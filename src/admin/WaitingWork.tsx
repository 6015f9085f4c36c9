import type { ServerProps } from 'payload'
import { createLocalReq } from 'payload'

import { canReviewContributions } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { entraideT, type EntraideTranslationKey } from '../translations/i18n.ts'
import { summarizeWaitingWork, type WaitingKey } from './queries/waitingWork.ts'

/** How each line reads, by what it counts (the count chooses the plural). */
const lineLabels: Record<WaitingKey, EntraideTranslationKey> = {
  'awaiting-validation': 'entraide:waitingValidation',
  'guide-edits': 'entraide:waitingGuideEdits',
  'own-answers-hidden': 'entraide:ownAnswersHidden',
  'own-answers-pending': 'entraide:ownAnswersPending',
  'own-guide-drafts': 'entraide:ownGuideDrafts',
  'own-threads-hidden': 'entraide:ownQuestionsHidden',
  'own-threads-pending': 'entraide:ownQuestionsPending',
  'own-tips-hidden': 'entraide:ownTipsHidden',
  'own-tips-pending': 'entraide:ownTipsPending',
  pending: 'entraide:waitingModeration',
  reports: 'entraide:waitingReports',
  'wiki-drafts': 'entraide:waitingWikiDrafts',
}

/**
 * The dashboard's "waiting for you" block: what the signed-in person has to
 * handle (agents and above) or is waiting on (citizens), each line linking to
 * where it is handled, in the admin user's language.
 */
export const WaitingWork = async ({ i18n, payload, user }: ServerProps) => {
  if (!user) return null
  const t = entraideT(i18n)
  const req = await createLocalReq({ user }, payload)
  const entries = (await summarizeWaitingWork({ req })) ?? []
  const isReviewer = canReviewContributions(actorFromRequest(req))
  const adminRoute = payload.config.routes.admin
  const waiting = entries.filter((entry) => entry.count > 0)
  return (
    <section aria-labelledby="entraide-waiting-title" className="entraide-panel entraide-waiting">
      <h2 className="entraide-panel__title" id="entraide-waiting-title">
        {isReviewer ? t('entraide:waitingForYou') : t('entraide:yourContributions')}
      </h2>
      {waiting.length === 0 ? (
        <p className="entraide-empty">
          {isReviewer ? t('entraide:nothingWaitingForYou') : t('entraide:nothingOfYoursWaiting')}
        </p>
      ) : (
        <ul className="entraide-waiting__list">
          {waiting.map((entry) => (
            <li key={entry.key}>
              <a href={`${adminRoute}${entry.path}`}>{t(lineLabels[entry.key], { count: entry.count })}</a>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
