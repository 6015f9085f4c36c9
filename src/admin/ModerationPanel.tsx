'use client'

import { Button, useFormModified } from '@payloadcms/ui'
import { useId, useState } from 'react'

import { ActionStatus, type ActionOutcome } from './client/ActionStatus.tsx'
import { callEndpoint } from './client/callEndpoint.ts'
import { useApiRoute } from './client/useApiRoute.ts'
import { useRefreshDocument } from './client/useRefreshDocument.ts'
import type { ModerationState } from './queries/itemState.ts'

type Action = 'publish' | 'hide' | 'restore' | 'lock' | 'unlock'

const done: Record<Action, string> = {
  hide: 'Hidden. The author sees your reason.',
  lock: 'The question is locked: no new answers or edits.',
  publish: 'Published: everyone can see it now.',
  restore: 'Restored: everyone can see it again.',
  unlock: 'The question is unlocked.',
}

const visibilityLabel: Record<ModerationState['visibility'], string> = {
  hidden: 'Hidden',
  pending: 'Awaiting moderation',
  published: 'Published',
}

/**
 * The moderation panel of a question, an answer or a tip: publish it when it
 * is pending (agents of the procedure's agency, editors, admins); hide it with
 * a reason the author will read, restore it, lock or unlock a question
 * (editors, admins). Calls the same moderation endpoint as the API.
 */
export const ModerationPanel = ({ state }: { state: ModerationState }) => {
  const apiRoute = useApiRoute()
  const refresh = useRefreshDocument()
  const isModified = useFormModified()
  const baseId = useId()
  const [reason, setReason] = useState('')
  const [isBusy, setIsBusy] = useState(false)
  const [outcome, setOutcome] = useState<ActionOutcome>(null)
  const isLocked = state.threadStatus === 'closed'

  const act = async (action: Action) => {
    if ((action === 'hide' || action === 'lock') && reason.trim() === '') {
      setOutcome({ kind: 'error', message: 'Give a reason: the author will see it.' })
      return
    }
    setIsBusy(true)
    setOutcome(null)
    const result = await callEndpoint({
      apiRoute,
      body: reason.trim() === '' ? { action } : { action, reason: reason.trim() },
      path: `/${state.collection}/${encodeURIComponent(state.id)}/moderate`,
    })
    if (result.isOk) {
      setReason('')
      setOutcome({ kind: 'success', message: done[action] })
      await refresh()
    } else {
      setOutcome({ kind: 'error', message: result.message })
    }
    setIsBusy(false)
  }

  const button = (action: Action, label: string, style: 'primary' | 'secondary' = 'secondary') => (
    <Button
      buttonStyle={style}
      disabled={isBusy || isModified}
      margin={false}
      onClick={() => void act(action)}
      size="small"
      type="button"
    >
      {label}
    </Button>
  )

  const canHideOrLock = state.canModerate && (state.visibility !== 'hidden' || (state.threadStatus !== null && !isLocked))
  return (
    <section aria-labelledby={`${baseId}-title`} className="entraide-panel entraide-moderation">
      <h3 className="entraide-panel__title" id={`${baseId}-title`}>
        Moderation
      </h3>
      <dl className="entraide-facts">
        <dt>Visibility</dt>
        <dd data-testid="entraide-visibility">{visibilityLabel[state.visibility]}</dd>
        {state.threadStatus !== null ? (
          <>
            <dt>Question</dt>
            <dd>{isLocked ? 'Locked' : 'Open to answers'}</dd>
          </>
        ) : null}
        {state.moderationNote ? (
          <>
            <dt>Reason given</dt>
            <dd>{state.moderationNote}</dd>
          </>
        ) : null}
      </dl>
      {isModified ? <p className="entraide-hint">Save your changes first.</p> : null}
      <div className="entraide-panel__actions">
        {state.visibility === 'pending' && state.canPublish ? button('publish', 'Publish', 'primary') : null}
        {state.visibility === 'pending' && !state.canPublish ? (
          <p className="entraide-hint">Only agents of this procedure’s agency, editors and admins publish it.</p>
        ) : null}
        {state.visibility === 'hidden' && state.canModerate ? button('restore', 'Restore') : null}
      </div>
      {canHideOrLock ? (
        <div className="entraide-panel__group">
          <label className="entraide-label" htmlFor={`${baseId}-reason`}>
            Reason (shown to the author)
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
            {state.visibility !== 'hidden' ? button('hide', 'Hide') : null}
            {state.threadStatus !== null && !isLocked ? button('lock', 'Lock') : null}
          </div>
        </div>
      ) : null}
      {state.canModerate && isLocked ? <div className="entraide-panel__actions">{button('unlock', 'Unlock')}</div> : null}
      {!state.canModerate ? <p className="entraide-hint">Editors and admins hide, restore and lock contributions.</p> : null}
      <ActionStatus outcome={outcome} />
    </section>
  )
}
