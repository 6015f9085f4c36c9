'use client'

import { Button, toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { useEndpoint } from '../client/useEndpoint.ts'
import { useEntraideTranslation } from '../client/useEntraideTranslation.ts'

/** Publish and Reject buttons of one guide edit in the review view. */
export const GuideReviewActions = ({ canReject, guideId, title }: { guideId: string | number; title: string; canReject: boolean }) => {
  const router = useRouter()
  const call = useEndpoint()
  const { t } = useEntraideTranslation()
  const [busy, setBusy] = useState<'publish' | 'reject' | null>(null)
  const [error, setError] = useState<string | null>(null)

  const run = async (kind: 'publish' | 'reject') => {
    setBusy(kind)
    setError(null)
    const result = await call({
      path: `/guides/${encodeURIComponent(String(guideId))}/${kind === 'publish' ? 'publish-edit' : 'reject-edit'}`,
    })
    setBusy(null)
    if (!result.isOk) {
      setError(result.message)
      return
    }
    toast.success(
      kind === 'publish' ? t('entraide:guideEditPublished', { title }) : t('entraide:guideEditRejected', { title }),
    )
    router.refresh()
  }

  return (
    <div className="entraide-row-actions">
      <div className="entraide-panel__actions">
        <Button
          aria-label={t('entraide:publishEdit', { title })}
          buttonStyle="primary"
          disabled={busy !== null}
          margin={false}
          onClick={() => void run('publish')}
          size="small"
          type="button"
        >
          {busy === 'publish' ? t('entraide:publishing') : t('entraide:publish')}
        </Button>
        {canReject ? (
          <Button
            aria-label={t('entraide:rejectEdit', { title })}
            buttonStyle="secondary"
            disabled={busy !== null}
            margin={false}
            onClick={() => void run('reject')}
            size="small"
            type="button"
          >
            {busy === 'reject' ? t('entraide:rejecting') : t('entraide:reject')}
          </Button>
        ) : null}
      </div>
      <div aria-live="assertive" role="alert">
        {error ? <p className="entraide-status__error">{error}</p> : null}
      </div>
    </div>
  )
}
