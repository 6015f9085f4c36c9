import type { UIFieldServerProps } from 'payload'

import { canWriteGuides } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { entraideT } from '../translations/i18n.ts'
import { mayPublishGuideInForm } from './queries/guidePublishing.ts'

/**
 * Shown above a guide to people whose edits of it do not publish directly:
 * citizens, who read it here and propose edits from the procedure page, and
 * agents of another agency, whose change is saved as a draft that a reviewer
 * of the guide's agency checks before readers see it.
 */
export const GuideReviewNotice = async ({ id, req }: UIFieldServerProps) => {
  const t = entraideT(req.i18n)
  if (!canWriteGuides(actorFromRequest(req))) {
    return (
      <div className="entraide-notice" role="note">
        <p>
          <strong>{t('entraide:proposalNoticeTitle')}</strong> {t('entraide:proposalNoticeBody')}
        </p>
      </div>
    )
  }
  if (await mayPublishGuideInForm({ id: id ?? null, req })) return null
  return (
    <div className="entraide-notice" role="note">
      <p>
        <strong>{t('entraide:reviewNoticeTitle')}</strong> {t('entraide:reviewNoticeBody')}
      </p>
    </div>
  )
}
