import type { AdminViewServerProps } from 'payload'

import { canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { documentPath, formatDateTime } from '../format.ts'
import { findModerationQueue, type PendingItem, type ReportGroup } from '../queries/moderationQueue.ts'
import { QuickActions, type QuickActionButton } from './QuickAction.tsx'
import { NotAllowed, ViewShell } from './ViewShell.tsx'

const kindLabels: Record<string, string> = { answers: 'Answer', guides: 'Guide', threads: 'Question', tips: 'Tip' }
const reasonLabels: Record<string, string> = {
  abuse: 'abuse',
  other: 'other',
  'personal-data': 'personal data',
  spam: 'spam',
  'wrong-information': 'wrong information',
}

const ReportCard = ({ adminRoute, group }: { adminRoute: string; group: ReportGroup }) => {
  const firstReport = group.reports[0]
  const isContribution = group.collection !== 'guides'
  const summary = Object.entries(group.reasons)
    .map(([reason, count]) => `${reasonLabels[reason] ?? reason} ×${count}`)
    .join(', ')
  return (
    <li className="entraide-card">
      <p>
        <span className="entraide-badge">{kindLabels[group.collection] ?? group.collection}</span>
        {group.visibility === 'hidden' ? <span className="entraide-badge entraide-badge--warning">Hidden</span> : null}{' '}
        <a href={documentPath(adminRoute, group.collection, group.id)}>{group.label ?? 'Item no longer available'}</a>
      </p>
      <p className="entraide-hint">
        {group.reports.length} open {group.reports.length === 1 ? 'report' : 'reports'}: {summary}
        {group.moderationNote ? ` — ${group.moderationNote}` : ''}
      </p>
      <ul className="entraide-reports">
        {group.reports.map((report) => (
          <li key={report.id}>
            <strong>{reasonLabels[report.reason] ?? report.reason}</strong> by {report.reporter ?? 'unknown'},{' '}
            {formatDateTime(report.createdAt)}
            {report.note ? <q className="entraide-quote">{report.note}</q> : null}
          </li>
        ))}
      </ul>
      {firstReport ? (
        <QuickActions
          buttons={[
            {
              body: { decision: 'hide' },
              doneMessage: isContribution ? 'Hidden; the reports are resolved.' : 'The reports are resolved.',
              label: isContribution ? 'Hide' : 'Mark resolved',
              path: `/reports/${encodeURIComponent(firstReport.id)}/resolve`,
              style: 'secondary',
              textField: 'note',
            },
            {
              body: { decision: 'dismiss' },
              doneMessage: 'The reports are dismissed.',
              label: 'Dismiss',
              path: `/reports/${encodeURIComponent(firstReport.id)}/resolve`,
            },
          ]}
          rowLabel={`${kindLabels[group.collection] ?? group.collection} “${group.label ?? group.id}”`}
          textLabel={isContribution ? 'Note (shown to the author when hidden)' : 'Note (optional)'}
        />
      ) : null}
    </li>
  )
}

const PendingRow = ({ adminRoute, canModerate, item }: { adminRoute: string; canModerate: boolean; item: PendingItem }) => {
  const path = `/${item.collection}/${encodeURIComponent(item.id)}/moderate`
  const buttons: QuickActionButton[] = []
  if (item.canPublish) buttons.push({ body: { action: 'publish' }, doneMessage: 'Published.', label: 'Publish', path, style: 'primary' })
  if (canModerate) {
    buttons.push({
      body: { action: 'hide' },
      doneMessage: 'Hidden; the author sees your reason.',
      requiredTextMessage: 'Give a reason to hide it: the author will see it.',
      label: 'Hide',
      path,
      style: 'secondary',
      textField: 'reason',
    })
  }
  return (
    <tr>
      <td>
        <span className="entraide-badge">{kindLabels[item.collection]}</span>
        <p>
          <a href={documentPath(adminRoute, item.collection, item.id)}>{item.label}</a>
        </p>
      </td>
      <td>{item.procedure ?? '—'}</td>
      <td>{item.author ?? '—'}</td>
      <td>{formatDateTime(item.createdAt)}</td>
      <td>
        {buttons.length === 0 ? (
          <p className="entraide-hint">Another agency’s procedure.</p>
        ) : (
          <QuickActions
            buttons={buttons}
            rowLabel={`${kindLabels[item.collection]} by ${item.author ?? 'unknown'}`}
            textLabel={canModerate ? 'Reason, to hide (shown to the author)' : undefined}
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
  const adminRoute = req.payload.config.routes.admin
  const isAllowed = canReviewContributions(actorFromRequest(req))
  const queue = isAllowed ? await findModerationQueue({ req }) : null
  return (
    <ViewShell
      description="Reported items and contributions held before publication."
      props={props}
      title="Moderation"
    >
      {!queue ? (
        <NotAllowed who="public agents, editors and admins" />
      ) : (
        <>
          <section aria-labelledby="entraide-reports-title" className="entraide-view__section">
            <h2 id="entraide-reports-title">Reported items</h2>
            {!queue.canHandleReports ? (
              <p className="entraide-hint">Editors and admins decide on reports.</p>
            ) : queue.reportGroups.length === 0 ? (
              <p className="entraide-empty">No open report.</p>
            ) : (
              <ul className="entraide-cards">
                {queue.reportGroups.map((group) => (
                  <ReportCard adminRoute={adminRoute} group={group} key={group.targetKey} />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="entraide-pending-title" className="entraide-view__section">
            <h2 id="entraide-pending-title">Awaiting moderation</h2>
            {queue.pending.length === 0 ? (
              <p className="entraide-empty">No contribution is waiting.</p>
            ) : (
              <table className="entraide-table">
                <caption className="entraide-visually-hidden">Contributions awaiting moderation</caption>
                <thead>
                  <tr>
                    <th scope="col">Contribution</th>
                    <th scope="col">Procedure</th>
                    <th scope="col">Author</th>
                    <th scope="col">Posted</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.pending.map((item) => (
                    <PendingRow
                      adminRoute={adminRoute}
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
