'use client'

import { Button } from '@payloadcms/ui'
import { useId, useState } from 'react'

import { ActionStatus, type ActionOutcome } from './client/ActionStatus.tsx'
import { useEndpoint } from './client/useEndpoint.ts'
import { useEntraideTranslation } from './client/useEntraideTranslation.ts'
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
  const call = useEndpoint()
  const { t } = useEntraideTranslation()
  const refresh = useRefreshDocument()
  const baseId = useId()
  const [isBusy, setIsBusy] = useState(false)
  const [outcome, setOutcome] = useState<ActionOutcome>(null)
  const isCurrent = state.verifiedAt !== null && !state.needsReview
  const blockedBy = !state.canVerify
    ? t('entraide:onlyAgentsVerify')
    : !state.isPublished
      ? t('entraide:publishBeforeVerifying')
      : null

  const verify = async () => {
    setIsBusy(true)
    setOutcome(null)
    const result = await call({ body: {}, path: `/guides/${encodeURIComponent(state.id)}/verify` })
    setOutcome(
      result.isOk
        ? { kind: 'success', message: t('entraide:guideVerified') }
        : { kind: 'error', message: result.message },
    )
    if (result.isOk) await refresh()
    setIsBusy(false)
  }

  return (
    <section aria-labelledby={`${baseId}-title`} className="entraide-panel entraide-verification">
      <h3 className="entraide-panel__title" id={`${baseId}-title`}>
        {t('entraide:verificationTitle')}
      </h3>
      <dl className="entraide-facts">
        <dt>{t('entraide:verified')}</dt>
        <dd>
          {state.verifiedAt
            ? t('entraide:byOn', { date: verifiedAtLabel, name: state.verifiedBy ?? t('entraide:anAgent') })
            : t('entraide:never')}
        </dd>
        {state.needsReview ? (
          <>
            <dt>{t('entraide:needsReview')}</dt>
            <dd>{t('entraide:changedSince')}</dd>
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
          {isCurrent ? t('entraide:verifyAgain') : t('entraide:verifyPublished')}
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
