'use client'

import { Button } from '@payloadcms/ui'
import { useState } from 'react'

import { isRecord } from '../utilities/ids.ts'
import { ActionStatus, type ActionOutcome } from './client/ActionStatus.tsx'
import { callEndpoint } from './client/callEndpoint.ts'
import { useApiRoute } from './client/useApiRoute.ts'

const describeReport = (body: Record<string, unknown>): string => {
  const documents = typeof body.documents === 'number' ? body.documents : 0
  const seconds = typeof body.durationMs === 'number' ? (body.durationMs / 1000).toFixed(1) : '?'
  const byType = isRecord(body.byType) ? body.byType : {}
  const parts = Object.entries(byType)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .map(([type, count]) => `${count} ${type}`)
  return `Search index rebuilt: ${documents} documents${parts.length > 0 ? ` (${parts.join(', ')})` : ''} in ${seconds} s.`
}

/**
 * Rebuilds the search index from the database (`POST /api/entraide/reindex`),
 * for editors and admins: after a bulk import, or when search results look
 * out of date. Searches keep working meanwhile.
 */
export const ReindexButton = () => {
  const apiRoute = useApiRoute()
  const [isBusy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<ActionOutcome>(null)

  const reindex = async () => {
    setBusy(true)
    setOutcome(null)
    const result = await callEndpoint({ apiRoute, path: '/entraide/reindex' })
    setBusy(false)
    setOutcome(result.isOk ? { kind: 'success', message: describeReport(result.body) } : { kind: 'error', message: result.message })
  }

  return (
    <section aria-labelledby="entraide-reindex-title" className="entraide-panel">
      <h2 className="entraide-panel__title" id="entraide-reindex-title">
        Search index
      </h2>
      <p>
        Changes reach the search index by themselves within moments. Rebuild it from the database after a bulk import,
        or if results look out of date.
      </p>
      <div className="entraide-panel__actions">
        <Button
          buttonStyle="secondary"
          disabled={isBusy}
          margin={false}
          onClick={() => void reindex()}
          size="small"
          type="button"
        >
          {isBusy ? 'Rebuilding the search index…' : 'Rebuild the search index'}
        </Button>
      </div>
      <ActionStatus outcome={outcome} />
    </section>
  )
}
