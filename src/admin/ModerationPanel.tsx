'use client'

import { Button, useFormModified } from '@payloadcms/ui'
import { useId, useState } from 'react'

import type { EntraideTranslationKey } from '../translations/i18n.ts'
import { ActionStatus, type ActionOutcome } from './client/ActionStatus.tsx'
import { useEndpoint } from './client/useEndpoint.ts'
import { useEntraideTranslation } from './client/useEntraideTranslation.ts'
import { useRefreshDocument } from './client/useRefreshDocument.ts'
import type { ModerationState } from './queries/itemState.ts'

type Action = 'publish' | 'hide' | 'restore' | 'lock' | 'unlock'

const actionLabels: Record<Action, EntraideTranslationKey> = {
  hide: 'entraide:hide',
  lock: 'entraide:lock',
  publish: 'entraide:publish',
  restore: 'entraide:restore',
  unlock: 'entraide:unlock',
}

const done: Record<Action, EntraideTranslationKey> = {
  hide: 'entraide:doneHide',
  lock: 'entraide:doneLock',
  publish: 'entraide:donePublish',
  restore: 'entraide:doneRestore',
  unlock: 'entraide:doneUnlock',
}

const visibilityLabels: Record<ModerationState['visibility'], EntraideTranslationKey> = {
  hidden: 'entraide:visibilityHidden',
  pending: 'entraide:visibilityPending',
  published: 'entraide:visibilityPublished',
}

/**
 * The moderation panel of a question, an answer or a tip: publish it when it
 * is pending (agents of the procedure's agency, editors, admins); hide it with
 * a reason the author will read, restore it, lock or unlock a question
 * (editors, admins). Calls the same moderation endpoint as the API.
 */
export const ModerationPanel = ({ state }: { state: ModerationState }) => {
  const call = useEndpoint()
  const { t } = useEntraideTranslation()
  const refresh = useRefreshDocument()
  const isModified = useFormModified()
  const baseId = useId()
  const [reason, setReason] = useState('')
  const [isBusy, setIsBusy] = useState(false)
  const [outcome, setOutcome] = useState<ActionOutcome>(null)
  const isLocked = state.threadStatus === 'closed'

  const act = async (action: Action) => {
    if ((action === 'hide' || action === 'lock') && reason.trim() === '') {
      setOutcome({ kind: 'error', message: t('entraide:giveReason') })
      return
    }
    setIsBusy(true)
    setOutcome(null)
    const result = await call({
      body: reason.trim() === '' ? { action } : { action, reason: reason.trim() },
      path: `/${state.collection}/${encodeURIComponent(state.id)}/moderate`,
    })
    if (result.isOk) {
      setReason('')
      setOutcome({ kind: 'success', message: t(done[action]) })
      await refresh()
    } else {
      setOutcome({ kind: 'error', message: result.message })
    }
    setIsBusy(false)
  }

  const button = (action: Action, style: 'primary' | 'secondary' = 'secondary') => (
    <Button
      buttonStyle={style}
      disabled={isBusy || isModified}
      margin={false}
      onClick={() => void act(action)}
      size="small"
      type="button"
    >
      {t(actionLabels[action])}
    </Button>
  )

  const canHideOrLock = state.canModerate && (state.visibility !== 'hidden' || (state.threadStatus !== null && !isLocked))
  return (
    <section aria-labelledby={`${baseId}-title`} className="entraide-panel entraide-moderation">
      <h3 className="entraide-panel__title" id={`${baseId}-title`}>
        {t('entraide:moderationTitle')}
      </h3>
      <dl className="entraide-facts">
        <dt>{t('entraide:visibility')}</dt>
        <dd data-testid="entraide-visibility">{t(visibilityLabels[state.visibility])}</dd>
        {state.threadStatus !== null ? (
          <>
            <dt>{t('entraide:question')}</dt>
            <dd>{isLocked ? t('entraide:locked') : t('entraide:openToAnswers')}</dd>
          </>
        ) : null}
        {state.moderationNote ? (
          <>
            <dt>{t('entraide:reasonGiven')}</dt>
            <dd>{state.moderationNote}</dd>
          </>
        ) : null}
      </dl>
      {isModified ? <p className="entraide-hint">{t('entraide:saveFirst')}</p> : null}
      <div className="entraide-panel__actions">
        {state.visibility === 'pending' && state.canPublish ? button('publish', 'primary') : null}
        {state.visibility === 'pending' && !state.canPublish ? (
          <p className="entraide-hint">{t('entraide:onlyAgentsPublish')}</p>
        ) : null}
        {state.visibility === 'hidden' && state.canModerate ? button('restore') : null}
      </div>
      {canHideOrLock ? (
        <div className="entraide-panel__group">
          <label className="entraide-label" htmlFor={`${baseId}-reason`}>
            {t('entraide:reasonShownToAuthor')}
          </label>
          <textarea
            className="entraide-input"
            disabled={isBusy}
            id={`${baseId}-reason`}
            maxLength={1000}
            onChange={(event) => setReason(event.target.value)}
            rows={2}
            value={reason}
          />
          <div className="entraide-panel__actions">
            {state.visibility !== 'hidden' ? button('hide') : null}
            {state.threadStatus !== null && !isLocked ? button('lock') : null}
          </div>
        </div>
      ) : null}
      {state.canModerate && isLocked ? <div className="entraide-panel__actions">{button('unlock')}</div> : null}
      {!state.canModerate ? <p className="entraide-hint">{t('entraide:editorsModerate')}</p> : null}
      <ActionStatus outcome={outcome} />
    </section>
  )
}
