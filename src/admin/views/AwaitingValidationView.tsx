import type { AdminViewServerProps } from 'payload'

import { canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { entraideT, type EntraideT } from '../../translations/i18n.ts'
import { documentPath, formatDateTime } from '../format.ts'
import { findAwaitingValidation, type AwaitingItem } from '../queries/awaitingValidation.ts'
import { QuickActions } from './QuickAction.tsx'
import { NotAllowed, ViewShell } from './ViewShell.tsx'

type RowProps = { adminRoute: string; item: AwaitingItem; language: string; t: EntraideT }

const Row = ({ adminRoute, item, language, t }: RowProps) => {
  const isAnswer = item.kind === 'answer'
  const collection = isAnswer ? 'answers' : 'tips'
  const author = item.author ?? t('entraide:unknownPerson')
  return (
    <tr>
      <td>
        <span className="entraide-badge">{isAnswer ? t('entraide:kindAnswer') : t('entraide:kindTip')}</span>
        {item.isAccepted ? <span className="entraide-badge entraide-badge--success">{t('entraide:badgeAccepted')}</span> : null}
        <p>
          <a href={documentPath(adminRoute, collection, item.id)}>{item.excerpt}</a>
        </p>
        {item.thread ? (
          <p className="entraide-hint">
            {t('entraide:inReplyTo')} <a href={documentPath(adminRoute, 'threads', item.thread.id)}>{item.thread.title}</a>
          </p>
        ) : null}
      </td>
      <td>{item.procedure?.title ?? '—'}</td>
      <td>{item.author ?? '—'}</td>
      <td className="entraide-number">{item.score}</td>
      <td>{formatDateTime(item.createdAt, language)}</td>
      <td>
        <QuickActions
          buttons={[
            {
              doneMessage: isAnswer ? t('entraide:answerValidated') : t('entraide:tipValidated'),
              label: t('entraide:validate'),
              path: `/${collection}/${encodeURIComponent(item.id)}/validate`,
              style: 'primary',
              textField: isAnswer ? 'note' : undefined,
            },
          ]}
          rowLabel={isAnswer ? t('entraide:answerBy', { author }) : t('entraide:tipBy', { author })}
          textLabel={isAnswer ? t('entraide:noteOptional') : undefined}
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
  const t = entraideT(req.i18n)
  const adminRoute = req.payload.config.routes.admin
  const isAllowed = canReviewContributions(actorFromRequest(req))
  const items = isAllowed ? await findAwaitingValidation({ req }) : []
  return (
    <ViewShell description={t('entraide:awaitingDescription')} props={props} title={t('entraide:awaitingTitle')}>
      {!isAllowed ? (
        <NotAllowed t={t} />
      ) : items.length === 0 ? (
        <p className="entraide-empty">{t('entraide:awaitingEmpty')}</p>
      ) : (
        <table className="entraide-table">
          <caption className="entraide-visually-hidden">{t('entraide:awaitingCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('entraide:columnContribution')}</th>
              <th scope="col">{t('entraide:columnProcedure')}</th>
              <th scope="col">{t('entraide:columnAuthor')}</th>
              <th scope="col">{t('entraide:columnScore')}</th>
              <th scope="col">{t('entraide:columnPosted')}</th>
              <th scope="col">{t('entraide:columnAction')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <Row adminRoute={adminRoute} item={item} key={`${item.kind}-${item.id}`} language={req.i18n.language} t={t} />
            ))}
          </tbody>
        </table>
      )}
    </ViewShell>
  )
}
