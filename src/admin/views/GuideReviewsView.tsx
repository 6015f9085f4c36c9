import type { AdminViewServerProps } from 'payload'

import { canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { entraideT, type EntraideT } from '../../translations/i18n.ts'
import { documentPath, formatDateTime } from '../format.ts'
import { findGuideEditsAwaitingReview, type GuideEditForReview } from '../queries/guideReviews.ts'
import { hasChanges } from '../textDiff.ts'
import { DiffView } from './DiffView.tsx'
import { GuideReviewActions } from './GuideReviewActions.tsx'
import { NotAllowed, ViewShell } from './ViewShell.tsx'

type ReviewCardProps = { adminRoute: string; language: string; review: GuideEditForReview; t: EntraideT }

const ReviewCard = ({ adminRoute, language, review, t }: ReviewCardProps) => {
  const guidePath = documentPath(adminRoute, 'guides', review.guideId)
  const comparePath = `${guidePath}/versions/${encodeURIComponent(review.draftVersionId)}${
    review.publishedVersionId ? `?versionFrom=${encodeURIComponent(review.publishedVersionId)}` : ''
  }`
  const editors = review.editors.length > 0 ? review.editors.join(', ') : t('entraide:unknownPerson')
  return (
    <li className="entraide-card">
      <h2 className="entraide-card__title">
        <a href={guidePath}>{review.title}</a>
      </h2>
      <p className="entraide-hint">
        {review.procedure ? `${review.procedure} · ` : ''}
        {t('entraide:editedBy', { names: editors })} · {formatDateTime(review.editedAt, language)} ·{' '}
        {review.publishedAt
          ? t('entraide:publishedVersionOf', { date: formatDateTime(review.publishedAt, language) })
          : t('entraide:neverPublished')}
      </p>
      {review.titleChange ? (
        <p>
          {t('entraide:titleChange')} <del>{review.titleChange.from}</del> → <ins>{review.titleChange.to}</ins>
        </p>
      ) : null}
      {hasChanges(review.diff) ? (
        <DiffView lines={review.diff} t={t} />
      ) : (
        <p className="entraide-hint">
          {review.titleChange ? t('entraide:textUnchanged') : t('entraide:textUnchangedOtherFields')}
        </p>
      )}
      <p>
        <a href={comparePath}>{t('entraide:compareVersions')}</a>
      </p>
      <GuideReviewActions canReject={review.publishedVersionId !== null} guideId={review.guideId} title={review.title} />
    </li>
  )
}

/**
 * `/admin/guide-reviews`: guides whose latest revision is a draft newer than
 * the published version, with who edited, when, and a diff; Publish makes the
 * draft the public version, Reject puts the published version back as latest.
 */
export const GuideReviewsView = async (props: AdminViewServerProps) => {
  const { req } = props.initPageResult
  const t = entraideT(req.i18n)
  const adminRoute = req.payload.config.routes.admin
  const isAllowed = canReviewContributions(actorFromRequest(req))
  const reviews = isAllowed ? await findGuideEditsAwaitingReview({ req }) : []
  return (
    <ViewShell description={t('entraide:guideReviewsDescription')} props={props} title={t('entraide:guideReviewsTitle')}>
      {!isAllowed ? (
        <NotAllowed t={t} />
      ) : reviews.length === 0 ? (
        <p className="entraide-empty">{t('entraide:noGuideEdit')}</p>
      ) : (
        <ul className="entraide-cards">
          {reviews.map((review) => (
            <ReviewCard adminRoute={adminRoute} key={review.guideId} language={req.i18n.language} review={review} t={t} />
          ))}
        </ul>
      )}
    </ViewShell>
  )
}
