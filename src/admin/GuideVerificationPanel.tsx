'use client'

import { Button } from '@payloadcms/ui'
import { useId, useState } from 'react'

import { ActionStatus, type ActionOutcome } from './client/ActionStatus.tsx'
import { callEndpoint } from './client/callEndpoint.ts'
import { useApiRoute } from './client/useApiRoute.ts'
import { useRefreshDocument } from './client/useRefreshDocument.ts'
import type { GuideVerificationState } from './queries/itemState.ts'

/**
 * The verification panel of a guide: who vouched for the published version and
 * when, whether it needs a new review, and the Verify action (the same REST
 * endpoint as the API) for agents of the procedure's agency, editors, admins.
 */
export const GuideVerificationPanel = ({
  state,
  verifiedAtLabel,
}: {
  state: GuideVerificationState
  verifiedAtLabel: string
}) => {
  const apiRoute = useApiRoute()
  const refresh = useRefreshDocument()
  const baseId = useId()
  const [isBusy, setIsBusy] = useState(false)
  const [outcome, setOutcome] = useState<ActionOutcome>(null)
  const isCurrent = state.verifiedAt !== null && !state.needsReview
  const blockedBy = !state.canVerify
    ? 'Only agents of this procedure’s agency, editors and admins verify this guide.'
    : !state.isPublished
      ? 'Publish the guide before verifying it.'
      : null

  const verify = async () => {
    setIsBusy(true)
    setOutcome(null)
    const result = await callEndpoint({ apiRoute, body: {}, path: `/guides/${encodeURIComponent(state.id)}/verify` })
    setOutcome(
      result.isOk
        ? { kind: 'success', message: 'The published guide is marked verified.' }
        : { kind: 'error', message: result.message },
    )
    if (result.isOk) await refresh()
    setIsBusy(false)
  }

  return (
    <section aria-labelledby={`${baseId}-title`} className="entraide-panel entraide-verification">
      <h3 className="entraide-panel__title" id={`${baseId}-title`}>
        Verification
      </h3>
      <dl className="entraide-facts">
        <dt>Verified</dt>
        <dd>{state.verifiedAt ? `By ${state.verifiedBy ?? 'an agent'}, ${verifiedAtLabel}` : 'Never'}</dd>
        {state.needsReview ? (
          <>
            <dt>Needs review</dt>
            <dd>The guide or its procedure changed since.</dd>
          </>
        ) : null}
      </dl>
      <div className="entraide-panel__group">
        <Button
          buttonStyle={isCurrent ? 'secondary' : 'primary'}
          disabled={blockedBy !== null || isBusy}
          extraButtonProps={{ 'aria-describedby': blockedBy ? `${baseId}-why` : undefined }}
          margin={false}
          onClick={() => void verify()}
          size="small"
          type="button"
        >
          {isCurrent ? 'Verify again' : 'Verify the published guide'}
        </Button>
        {blockedBy ? (
          <p className="entraide-hint" id={`${baseId}-why`}>
            {blockedBy}
          </p>
        ) : null}
      </div>
      <ActionStatus outcome={outcome} />
    </section>
  )
}
