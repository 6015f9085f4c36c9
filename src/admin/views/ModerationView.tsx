import type { AdminViewServerProps } from 'payload'

import { reportReasons, type ReportReason } from '../../data/documents.ts'
import { canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { entraideT, type EntraideT, type EntraideTranslationKey } from '../../translations/i18n.ts'
import { documentPath, formatDateTime } from '../format.ts'
import {
  findModerationQueue,
  type ModeratedSlug,
  type PendingItem,
  type ReportedSlug,
  type ReportGroup,
} from '../queries/moderationQueue.ts'
import { QuickActions, type QuickActionButton } from './QuickAction.tsx'
import { NotAllowed, ViewShell } from './ViewShell.tsx'

const kindLabels: Record<ReportedSlug, EntraideTranslationKey> = {
  answers: 'entraide:kindAnswer',
  guides: 'entraide:kindGuide',
  threads: 'entraide:kindQuestion',
  tips: 'entraide:kindTip',
}

const reasonLabels: Record<ReportReason, EntraideTranslationKey> = {
  abuse: 'entraide:reasonAbuse',
  other: 'entraide:reasonOther',
  'personal-data': 'entraide:reasonPersonalData',
  spam: 'entraide:reasonSpam',
  'wrong-information': 'entraide:reasonWrongInformation',
}

/** "answer by Awa": what a pending row is about, for screen readers. */
const byAuthor: Record<ModeratedSlug, EntraideTranslationKey> = {
  answers: 'entraide:answerBy',
  threads: 'entraide:questionBy',
  tips: 'entraide:tipBy',
}

type Context = { adminRoute: string; language: string; t: EntraideT }

const ReportCard = ({ adminRoute, group, language, t }: Context & { group: ReportGroup }) => {
  const firstReport = group.reports[0]
  const isContribution = group.collection !== 'guides'
  const kind = t(kindLabels[group.collection])
  const reasons = reportReasons
    .flatMap((reason) => {
      const count = group.reasons[reason] ?? 0
      return count > 0 ? [t('entraide:reasonCount', { count, reason: t(reasonLabels[reason]) })] : []
    })
    .join(', ')
  return (
    <li className="entraide-card">
      <p>
        <span className="entraide-badge">{kind}</span>
        {group.visibility === 'hidden' ? (
          <span className="entraide-badge entraide-badge--warning">{t('entraide:badgeHidden')}</span>
        ) : null}
        {group.isVouchedFor ? <span className="entraide-badge">{t('entraide:badgeVouchedFor')}</span> : null}{' '}
        <a href={documentPath(adminRoute, group.collection, group.id)}>{group.label ?? t('entraide:itemGone')}</a>
      </p>
      <p className="entraide-hint">
        {t('entraide:openReports', { count: group.reports.length, reasons })}{' '}
        {t('entraide:reportersWithStanding', { count: group.reportersWithStanding })}
        {group.moderationNote ? ` — ${group.moderationNote}` : ''}
      </p>
      {group.isVouchedFor ? <p className="entraide-hint">{t('entraide:vouchedForHint')}</p> : null}
      <ul className="entraide-reports">
        {group.reports.map((report) => (
          <li key={report.id}>
            <strong>{t(reasonLabels[report.reason])}</strong>{' '}
            {t('entraide:reportedBy', {
              date: formatDateTime(report.createdAt, language),
              reporter: report.reporter ?? t('entraide:unknownPerson'),
            })}
            {report.note ? <q className="entraide-quote">{report.note}</q> : null}
          </li>
        ))}
      </ul>
      {firstReport ? (
        <QuickActions
          buttons={[
            {
              body: { decision: 'hide' },
              doneMessage: isContribution ? t('entraide:hiddenReportsResolved') : t('entraide:reportsResolved'),
              label: isContribution ? t('entraide:hide') : t('entraide:markResolved'),
              path: `/reports/${encodeURIComponent(firstReport.id)}/resolve`,
              style: 'secondary',
              textField: 'note',
            },
            {
              body: { decision: 'dismiss' },
              doneMessage: t('entraide:reportsDismissed'),
              label: t('entraide:dismiss'),
              path: `/reports/${encodeURIComponent(firstReport.id)}/resolve`,
            },
          ]}
          rowLabel={t('entraide:quotedItem', { kind, label: group.label ?? String(group.id) })}
          textLabel={isContribution ? t('entraide:noteShownWhenHidden') : t('entraide:noteOptional')}
        />
      ) : null}
    </li>
  )
}

const PendingRow = ({
  adminRoute,
  canModerate,
  item,
  language,
  t,
}: Context & { canModerate: boolean; item: PendingItem }) => {
  const path = `/${item.collection}/${encodeURIComponent(item.id)}/moderate`
  const buttons: QuickActionButton[] = []
  if (item.canPublish) {
    buttons.push({
      body: { action: 'publish' },
      doneMessage: t('entraide:publishedShort'),
      label: t('entraide:publish'),
      path,
      style: 'primary',
    })
  }
  if (canModerate) {
    buttons.push({
      body: { action: 'hide' },
      doneMessage: t('entraide:hiddenAuthorSeesReason'),
      requiredTextMessage: t('entraide:reasonRequiredToHide'),
      label: t('entraide:hide'),
      path,
      style: 'secondary',
      textField: 'reason',
    })
  }
  return (
    <tr>
      <td>
        <span className="entraide-badge">{t(kindLabels[item.collection])}</span>
        <p>
          <a href={documentPath(adminRoute, item.collection, item.id)}>{item.label}</a>
        </p>
      </td>
      <td>{item.procedure ?? '—'}</td>
      <td>{item.author ?? '—'}</td>
      <td>{formatDateTime(item.createdAt, language)}</td>
      <td>
        {buttons.length === 0 ? (
          <p className="entraide-hint">{t('entraide:otherAgencyProcedure')}</p>
        ) : (
          <QuickActions
            buttons={buttons}
            rowLabel={t(byAuthor[item.collection], { author: item.author ?? t('entraide:unknownPerson') })}
            textLabel={canModerate ? t('entraide:reasonToHide') : undefined}
          />
        )}
      </td>
    </tr>
  )
}

/**
 * `/admin/moderation`: open reports grouped by the reported item (editors and
 * admins decide: hide or dismiss), and contributions held for moderation
 * (publish; editors may also hide). Agents see their agency's pending items.
 */
export const ModerationView = async (props: AdminViewServerProps) => {
  const { req } = props.initPageResult
  const t = entraideT(req.i18n)
  const context: Context = { adminRoute: req.payload.config.routes.admin, language: req.i18n.language, t }
  const isAllowed = canReviewContributions(actorFromRequest(req))
  const queue = isAllowed ? await findModerationQueue({ req }) : null
  return (
    <ViewShell description={t('entraide:moderationDescription')} props={props} title={t('entraide:moderationTitle')}>
      {!queue ? (
        <NotAllowed t={t} />
      ) : (
        <>
          <section aria-labelledby="entraide-reports-title" className="entraide-view__section">
            <h2 id="entraide-reports-title">{t('entraide:reportedItems')}</h2>
            {!queue.canHandleReports ? (
              <p className="entraide-hint">{t('entraide:reportsForEditors')}</p>
            ) : queue.reportGroups.length === 0 ? (
              <p className="entraide-empty">{t('entraide:noOpenReport')}</p>
            ) : (
              <ul className="entraide-cards">
                {queue.reportGroups.map((group) => (
                  <ReportCard {...context} group={group} key={group.targetKey} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="entraide-pending-title" className="entraide-view__section">
            <h2 id="entraide-pending-title">{t('entraide:awaitingModeration')}</h2>
            {queue.pending.length === 0 ? (
              <p className="entraide-empty">{t('entraide:noPending')}</p>
            ) : (
              <table className="entraide-table">
                <caption className="entraide-visually-hidden">{t('entraide:pendingCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('entraide:columnContribution')}</th>
                    <th scope="col">{t('entraide:columnProcedure')}</th>
                    <th scope="col">{t('entraide:columnAuthor')}</th>
                    <th scope="col">{t('entraide:columnPosted')}</th>
                    <th scope="col">{t('entraide:columnAction')}</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.pending.map((item) => (
                    <PendingRow
                      {...context}
                      canModerate={queue.canHandleReports}
                      item={item}
                      key={`${item.collection}-${item.id}`}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </ViewShell>
  )
}
