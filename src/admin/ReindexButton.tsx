'use client'

import { Button } from '@payloadcms/ui'
import { useState } from 'react'

import type { KnowledgeType } from '../search/types.ts'
import type { EntraideT, EntraideTranslationKey } from '../translations/i18n.ts'
import { isRecord } from '../utilities/ids.ts'
import { ActionStatus, type ActionOutcome } from './client/ActionStatus.tsx'
import { useEndpoint } from './client/useEndpoint.ts'
import { useEntraideTranslation } from './client/useEntraideTranslation.ts'

const typeCounts: Record<KnowledgeType, EntraideTranslationKey> = {
  guide: 'entraide:indexGuides',
  procedure: 'entraide:indexProcedures',
  thread: 'entraide:indexQuestions',
  tip: 'entraide:indexTips',
  wiki: 'entraide:indexWikiPages',
}

const isKnowledgeType = (value: string): value is KnowledgeType => value in typeCounts

/** The reindex report in the admin user's words: how many documents of each kind, in how long. */
const describeReport = (body: Record<string, unknown>, t: EntraideT, language: string): string => {
  const documents = t('entraide:indexDocuments', { count: typeof body.documents === 'number' ? body.documents : 0 })
  const seconds =
    typeof body.durationMs === 'number'
      ? new Intl.NumberFormat(language, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(body.durationMs / 1000)
      : '?'
  const byType = isRecord(body.byType) ? body.byType : {}
  const details = Object.entries(byType).flatMap(([type, count]) =>
    isKnowledgeType(type) && typeof count === 'number' && count > 0 ? [t(typeCounts[type], { count })] : [],
  )
  return details.length > 0
    ? t('entraide:indexRebuiltDetailed', { details: details.join(', '), documents, seconds })
    : t('entraide:indexRebuilt', { documents, seconds })
}

/**
 * Rebuilds the search index from the database (`POST /api/entraide/reindex`),
 * for editors and admins: after a bulk import, or when search results look
 * out of date. Searches keep working meanwhile.
 */
export const ReindexButton = () => {
  const call = useEndpoint()
  const { i18n, t } = useEntraideTranslation()
  const [isBusy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<ActionOutcome>(null)

  const reindex = async () => {
    setBusy(true)
    setOutcome(null)
    const result = await call({ path: '/entraide/reindex' })
    setBusy(false)
    setOutcome(
      result.isOk
        ? { kind: 'success', message: describeReport(result.body, t, i18n.language) }
        : { kind: 'error', message: result.message },
    )
  }

  return (
    <section aria-labelledby="entraide-reindex-title" className="entraide-panel">
      <h2 className="entraide-panel__title" id="entraide-reindex-title">
        {t('entraide:searchIndexTitle')}
      </h2>
      <p>{t('entraide:searchIndexIntro')}</p>
      <div className="entraide-panel__actions">
        <Button
          buttonStyle="secondary"
          disabled={isBusy}
          margin={false}
          onClick={() => void reindex()}
          size="small"
          type="button"
        >
          {isBusy ? t('entraide:rebuildingIndex') : t('entraide:rebuildIndex')}
        </Button>
      </div>
      <ActionStatus outcome={outcome} />
    </section>
  )
}
