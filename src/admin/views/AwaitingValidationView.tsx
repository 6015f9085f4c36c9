import type { AdminViewServerProps } from 'payload'

import { canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { documentPath, formatDateTime } from '../format.ts'
import { findAwaitingValidation, type AwaitingItem } from '../queries/awaitingValidation.ts'
import { QuickActions } from './QuickAction.tsx'
import { NotAllowed, ViewShell } from './ViewShell.tsx'

const Row = ({ adminRoute, item }: { adminRoute: string; item: AwaitingItem }) => {
  const collection = item.kind === 'answer' ? 'answers' : 'tips'
  const rowLabel = `${item.kind} by ${item.author ?? 'unknown'}`
  return (
    <tr>
      <td>
        <span className="entraide-badge">{item.kind === 'answer' ? 'Answer' : 'Tip'}</span>
        {item.isAccepted ? <span className="entraide-badge entraide-badge--success">Accepted</span> : null}
        <p>
          <a href={documentPath(adminRoute, collection, item.id)}>{item.excerpt}</a>
        </p>
        {item.thread ? (
          <p className="entraide-hint">
            On <a href={documentPath(adminRoute, 'threads', item.thread.id)}>{item.thread.title}</a>
          </p>
        ) : null}
      </td>
      <td>{item.procedure?.title ?? '—'}</td>
      <td>{item.author ?? '—'}</td>
      <td className="entraide-number">{item.score}</td>
      <td>{formatDateTime(item.createdAt)}</td>
      <td>
        <QuickActions
          buttons={[
            {
              doneMessage: `The ${item.kind} is validated.`,
              label: 'Validate',
              path: `/${collection}/${encodeURIComponent(item.id)}/validate`,
              style: 'primary',
              textField: item.kind === 'answer' ? 'note' : undefined,
            },
          ]}
          rowLabel={rowLabel}
          textLabel={item.kind === 'answer' ? 'Note (optional)' : undefined}
        />
      </td>
    </tr>
  )
}

/**
 * `/admin/awaiting-validation`: answers accepted by their asker or well voted,
 * and well-voted tips, not yet validated — for an agent, those of their
 * agency's procedures — with one-click validation.
 */
export const AwaitingValidationView = async (props: AdminViewServerProps) => {
  const { req } = props.initPageResult
  const adminRoute = req.payload.config.routes.admin
  const isAllowed = canReviewContributions(actorFromRequest(req))
  const items = isAllowed ? await findAwaitingValidation({ req }) : []
  return (
    <ViewShell
      description="Answers accepted by their asker or well voted, and well-voted tips, that no agent has validated yet."
      props={props}
      title="Awaiting validation"
    >
      {!isAllowed ? (
        <NotAllowed who="public agents, editors and admins" />
      ) : items.length === 0 ? (
        <p className="entraide-empty">Nothing awaits validation. Well done!</p>
      ) : (
        <table className="entraide-table">
          <caption className="entraide-visually-hidden">Answers and tips awaiting validation</caption>
          <thead>
            <tr>
              <th scope="col">Contribution</th>
              <th scope="col">Procedure</th>
              <th scope="col">Author</th>
              <th scope="col">Score</th>
              <th scope="col">Posted</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <Row adminRoute={adminRoute} item={item} key={`${item.kind}-${item.id}`} />
            ))}
          </tbody>
        </table>
      )}
    </ViewShell>
  )
}
