import type { AdminViewServerProps } from 'payload'

import { canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { documentPath, formatDateTime } from '../format.ts'
import { findGuideEditsAwaitingReview, type GuideEditForReview } from '../queries/guideReviews.ts'
import { hasChanges } from '../textDiff.ts'
import { DiffView } from './DiffView.tsx'
import { GuideReviewActions } from './GuideReviewActions.tsx'
import { NotAllowed, ViewShell } from './ViewShell.tsx'

const ReviewCard = ({ adminRoute, review }: { adminRoute: string; review: GuideEditForReview }) => {
  const guidePath = documentPath(adminRoute, 'guides', review.guideId)
  const comparePath = `${guidePath}/versions/${encodeURIComponent(review.draftVersionId)}${
    review.publishedVersionId ? `?versionFrom=${encodeURIComponent(review.publishedVersionId)}` : ''
  }`
  return (
    <li className="entraide-card">
      <h2 className="entraide-card__title">
        <a href={guidePath}>{review.title}</a>
      </h2>
      <p className="entraide-hint">
        {review.procedure ? `${review.procedure} · ` : ''}
        Edited by {review.editors.length > 0 ? review.editors.join(', ') : 'unknown'} · {formatDateTime(review.editedAt)}
        {review.publishedAt ? ` · published version of ${formatDateTime(review.publishedAt)}` : ' · never published'}
      </p>
      {review.titleChange ? (
        <p>
          Title: <del>{review.titleChange.from}</del> → <ins>{review.titleChange.to}</ins>
        </p>
      ) : null}
      {hasChanges(review.diff) ? (
        <DiffView lines={review.diff} />
      ) : (
        <p className="entraide-hint">The text is unchanged{review.titleChange ? '' : ' (formatting or other fields only)'}.</p>
      )}
      <p>
        <a href={comparePath}>Compare all fields in the version history</a>
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
  const adminRoute = req.payload.config.routes.admin
  const isAllowed = canReviewContributions(actorFromRequest(req))
  const reviews = isAllowed ? await findGuideEditsAwaitingReview({ req }) : []
  return (
    <ViewShell
      description="Edits of the simplified guides waiting for an agent or an editor, compared with the version readers see."
      props={props}
      title="Guide edits awaiting review"
    >
      {!isAllowed ? (
        <NotAllowed who="public agents, editors and admins" />
      ) : reviews.length === 0 ? (
        <p className="entraide-empty">No guide edit is waiting for review.</p>
      ) : (
        <ul className="entraide-cards">
          {reviews.map((review) => (
            <ReviewCard adminRoute={adminRoute} key={review.guideId} review={review} />
          ))}
        </ul>
      )}
    </ViewShell>
  )
}
