import type { UIFieldServerProps } from 'payload'

import { canPublishGuide } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { entraideT } from '../translations/i18n.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'

/**
 * Shown above a guide to people whose edits wait for review (citizens not yet
 * trusted): their change is saved as a draft and an agent reviews it before
 * readers see it.
 */
export const GuideReviewNotice = ({ req }: UIFieldServerProps) => {
  if (canPublishGuide(actorFromRequest(req), optionsOf(req.payload).moderation.trustedReputation)) return null
  const t = entraideT(req.i18n)
  return (
    <div className="entraide-notice" role="note">
      <p>
        <strong>{t('entraide:reviewNoticeTitle')}</strong> {t('entraide:reviewNoticeBody')}
      </p>
    </div>
  )
}
