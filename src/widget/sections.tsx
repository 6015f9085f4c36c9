import { useId } from 'react'

import { useWidget } from './context.ts'
import { GuideEditor } from './guideEditor.tsx'
import { HelpfulQuestion } from './helpfulness.tsx'
import { ReverifyNotice } from './reverification.tsx'
import { RichText, safeHref } from './richText.tsx'
import { formatDate } from './strings.ts'
import type { GuideInfo, Id, OfficialPage, Provenance, TipItem, Validation } from './types.ts'
import {
  Byline,
  CommunityActions,
  excerpt,
  Heading,
  PendingNotice,
  ReportButton,
  VoteButtons,
  SingleFieldContributionForm,
} from './ui.tsx'

/** The sentence "validated on date by agent (agency)" for a validation. */
export const useValidationText = () => {
  const { lang, t } = useWidget()
  return (validation: Validation): string =>
    t.validatedBy(
      validation.agency?.name ?? null,
      validation.validatedBy?.displayName ?? null,
      formatDate(validation.validatedAt, lang),
    )
}

const ProvenanceLine = ({ source }: { source: Provenance }) => {
  const { lang, t } = useWidget()
  const link = safeHref(source.sourceUrl)
  const validated = source.validatedAt
    ? t.provenanceValidated(
        source.validatingAgency?.name ?? null,
        source.validatedBy?.displayName ?? null,
        formatDate(source.validatedAt, lang),
      )
    : ''
  return (
    <li>
      {t.provenance(source.kind, source.contributor?.displayName ?? null)}
      {validated}.
      {link && (
        <>
          {' '}
          <a href={link.href}>{t.provenanceLink}</a>
        </>
      )}
    </li>
  )
}

/** First section: the published official wiki pages, each with its badge and provenance. */
export const OfficialSection = ({ pages }: { pages: OfficialPage[] }) => {
  const { headingLevel, t } = useWidget()
  const titleId = useId()
  return (
    <section aria-labelledby={titleId}>
      <Heading id={titleId} level={headingLevel + 1}>
        {t.officialTitle}
      </Heading>
      {pages.length === 0 ? (
        <p className="ew-meta">{t.officialEmpty}</p>
      ) : (
        pages.map((page) => (
          <article className="ew-card ew-card--official" id={`entraide-wiki-${page.id}`} key={page.id}>
            <Heading level={headingLevel + 2}>{page.title}</Heading>
            <p className="ew-badges">
              <span className="ew-badge ew-badge--official">{t.officialBadge}</span>
            </p>
            <ReverifyNotice reverification={page.reverification} />
            <RichText baseLevel={headingLevel + 3} newWindowLabel={t.newWindow} value={page.body} />
            {page.sources.length > 0 && (
              <ul className="ew-meta">
                {page.sources.map((source, index) => (
                  <ProvenanceLine key={index} source={source} />
                ))}
              </ul>
            )}
            <HelpfulQuestion collection="wiki-pages" id={page.id} itemLabel={page.title} />
          </article>
        ))
      )}
    </section>
  )
}

/** Second section: the published simplified guide, its verification, and the way to improve it. */
export const GuideSection = ({ guide }: { guide: GuideInfo | null }) => {
  const { client, headingLevel, lang, t } = useWidget()
  const titleId = useId()
  const adminUrl = `${client.baseUrl}/admin/collections/guides/${guide ? encodeURIComponent(guide.id) : 'create'}`
  return (
    <section aria-labelledby={titleId}>
      <Heading id={titleId} level={headingLevel + 1}>
        {t.guideTitle}
      </Heading>
      {!guide ? (
        <>
          <p className="ew-meta">{t.guideEmpty}</p>
          <p>
            <a className="ew-button ew-button--secondary" href={adminUrl}>
              {t.guideWrite}
              <span className="ew-sr-only"> {t.guideAdminHint}</span>
            </a>
          </p>
        </>
      ) : (
        <article className="ew-card" id="entraide-guide">
          <Heading level={headingLevel + 2}>{guide.title}</Heading>
          {guide.reverification ? (
            <ReverifyNotice reverification={guide.reverification} />
          ) : guide.needsReview ? (
            <p className="ew-meta">
              <span className="ew-badge ew-badge--pending">{t.guideNeedsReviewBadge}</span> {t.guideNeedsReview}
            </p>
          ) : guide.verifiedAt ? (
            <p className="ew-meta">
              <span className="ew-badge ew-badge--validated">{t.guideVerifiedBadge}</span>{' '}
              {t.guideVerified(
                formatDate(guide.verifiedAt, lang),
                guide.verifiedBy?.displayName ?? null,
                guide.verifyingAgency?.name ?? null,
              )}
            </p>
          ) : (
            <p className="ew-meta">{t.guideUnverified}</p>
          )}
          <RichText baseLevel={headingLevel + 3} newWindowLabel={t.newWindow} value={guide.body} />
          {guide.hasMyPendingEdit && (
            <p className="ew-meta">
              <span className="ew-badge ew-badge--pending">{t.pending}</span> {t.guidePendingEdit}
            </p>
          )}
          <div className="ew-actions">
            <VoteButtons
              collection="guides"
              id={guide.id}
              isOwn={false}
              itemLabel={guide.title}
              myVote={guide.myVote}
              score={guide.score}
            />
            <ReportButton collection="guides" id={guide.id} itemLabel={guide.title} />
          </div>
          <HelpfulQuestion collection="guides" id={guide.id} itemLabel={guide.title} />
          <GuideEditor guide={guide} />
        </article>
      )}
    </section>
  )
}

const TipForm = ({ procedureId }: { procedureId: Id }) => {
  const { client, idPrefix, step, t } = useWidget()
  return (
    <SingleFieldContributionForm
      errorId={`${idPrefix}-tip-error`}
      field={{ hint: t.tipBodyHint, label: t.tipBody, maxLength: 1000, minLength: 10 }}
      formLabel={t.tipAdd}
      label={t.tipAdd}
      messages={{ pending: t.tipPending, published: t.tipPublished }}
      send={(body) =>
        client.post('/tips?depth=0', { body, procedure: procedureId, ...(step === null ? {} : { step }) })
      }
      submitLabel={t.tipSubmit}
    />
  )
}

/** Third section: the best tips by score, validated ones marked, and a form to share one. */
export const TipsSection = ({ procedureId, tips }: { tips: TipItem[]; procedureId: Id }) => {
  const { headingLevel, step, t } = useWidget()
  const validationText = useValidationText()
  const titleId = useId()
  return (
    <section aria-labelledby={titleId}>
      <Heading id={titleId} level={headingLevel + 1}>
        {t.tipsTitle}
      </Heading>
      {tips.length === 0 ? (
        <p className="ew-meta">{t.tipsEmpty}</p>
      ) : (
        <ul className="ew-list">
          {tips.map((tip) => (
            <li
              className={`ew-card${tip.status !== 'published' ? ' ew-card--pending' : ''}`}
              id={`entraide-tip-${tip.id}`}
              key={tip.id}
            >
              {(tip.validation || (tip.step !== null && step === null)) && (
                <p className="ew-badges">
                  {tip.validation && <span className="ew-badge ew-badge--validated">{t.tipValidated}</span>}
                  {tip.step !== null && step === null && <span className="ew-badge">{t.stepLabel(tip.step)}</span>}
                </p>
              )}
              <p className="ew-pre">{tip.body}</p>
              {tip.validation && <p className="ew-meta">{validationText(tip.validation)}</p>}
              <ReverifyNotice reverification={tip.reverification} />
              <Byline author={tip.author} date={tip.createdAt} />
              <PendingNotice moderationNote={tip.moderationNote} status={tip.status} />
              <CommunityActions collection="tips" item={tip} itemLabel={excerpt(tip.body)} />
            </li>
          ))}
        </ul>
      )}
      <TipForm procedureId={procedureId} />
    </section>
  )
}
