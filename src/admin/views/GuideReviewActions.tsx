'use client'

import { Button, toast } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { callEndpoint } from '../client/callEndpoint.ts'
import { useApiRoute } from '../client/useApiRoute.ts'

/** Publish and Reject buttons of one guide edit in the review view. */
export const GuideReviewActions = ({ canReject, guideId, title }: { guideId: string | number; title: string; canReject: boolean }) => {
  const router = useRouter()
  const apiRoute = useApiRoute()
  const [busy, setBusy] = useState<'publish' | 'reject' | null>(null)
  const [error, setError] = useState<string | null>(null)

  const run = async (kind: 'publish' | 'reject') => {
    setBusy(kind)
    setError(null)
    const result = await callEndpoint({
      apiRoute,
      path: `/guides/${encodeURIComponent(String(guideId))}/${kind === 'publish' ? 'publish-edit' : 'reject-edit'}`,
    })
    setBusy(null)
    if (!result.isOk) {
      setError(result.message)
      return
    }
    toast.success(kind === 'publish' ? `“${title}” is published.` : `The edit of “${title}” is rejected.`)
    router.refresh()
  }

  return (
    <div className="entraide-row-actions">
      <div className="entraide-panel__actions">
        <Button
          aria-label={`Publish the edit of “${title}”`}
          buttonStyle="primary"
          disabled={busy !== null}
          margin={false}
          onClick={() => void run('publish')}
          size="small"
          type="button"
        >
          {busy === 'publish' ? 'Publishing…' : 'Publish'}
        </Button>
        {canReject ? (
          <Button
            aria-label={`Reject the edit of “${title}”`}
            buttonStyle="secondary"
            disabled={busy !== null}
            margin={false}
            onClick={() => void run('reject')}
            size="small"
            type="button"
          >
            {busy === 'reject' ? 'Rejecting…' : 'Reject'}
          </Button>
        ) : null}
      </div>
      <div aria-live="assertive" role="alert">
        {error ? <p className="entraide-status__error">{error}</p> : null}
      </div>
    </div>
  )
}
