import type { UIFieldServerProps } from 'payload'

import { entraideT } from '../translations/i18n.ts'
import { mayPublishGuideInForm } from './queries/guidePublishing.ts'

/**
 * Shown above a guide to people whose edits of it wait for review (citizens
 * not yet trusted, agents of another agency): their change is saved as a draft and an agent reviews it before
 * readers see it.
 */
export const GuideReviewNotice = async ({ id, req }: UIFieldServerProps) => {
  if (await mayPublishGuideInForm({ id: id ?? null, req })) return null
  const t = entraideT(req.i18n)
  return (
    <div className="entraide-notice" role="note">
      <p>
        <strong>{t('entraide:reviewNoticeTitle')}</strong> {t('entraide:reviewNoticeBody')}
      </p>
    </div>
  )
}
