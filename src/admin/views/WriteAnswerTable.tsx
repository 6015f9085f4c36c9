'use client'

import { Button } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useId, useState } from 'react'

import { useEndpoint } from '../client/useEndpoint.ts'
import { useEntraideTranslation } from '../client/useEntraideTranslation.ts'
import { documentPath } from '../format.ts'

export type ZeroHitRow = {
  query: string
  searches: number
  lastFourWeeks: number
  previousFourWeeks: number
  /** Already in the admin user's language. */
  trend: string
}

/**
 * The searches that found nothing, each with "Write the answer": a wiki-page
 * draft titled after the query (attached to the procedure chosen above the
 * table) is created by the same endpoint as the API, then opened in the admin.
 */
export const WriteAnswerTable = ({
  adminRoute,
  caption,
  procedures,
  rows,
  isProcedureRequired,
}: {
  adminRoute: string
  /** Already in the admin user's language. */
  caption: string
  procedures: { id: string; title: string }[]
  rows: ZeroHitRow[]
  /** Agents attach their pages to a procedure of their agency; editors may leave it empty. */
  isProcedureRequired: boolean
}) => {
  const { t } = useEntraideTranslation()
  const call = useEndpoint()
  const router = useRouter()
  const selectId = useId()
  const [procedure, setProcedure] = useState(isProcedureRequired ? (procedures[0]?.id ?? '') : '')
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const write = async (query: string) => {
    setBusy(query)
    setError(null)
    const result = await call({
      body: { procedure: procedure === '' ? null : procedure, query },
      path: '/entraide/dashboard/write-answer',
    })
    setBusy(null)
    if (!result.isOk) {
      setError(result.message)
      return
    }
    const page = result.body.page
    const id = typeof page === 'object' && page !== null && 'id' in page ? page.id : null
    if (typeof id === 'string' || typeof id === 'number') router.push(documentPath(adminRoute, 'wiki-pages', id))
  }

  return (
    <div>
      <p className="entraide-dashboard__control">
        <label className="entraide-label" htmlFor={selectId}>
          {t('entraide:dashboardAttachTo')}
        </label>{' '}
        <select className="entraide-input" id={selectId} onChange={(event) => setProcedure(event.target.value)} value={procedure}>
          {isProcedureRequired ? null : <option value="">{t('entraide:dashboardNoProcedure')}</option>}
          {procedures.map((item) => (
            <option key={item.id} value={item.id}>
              {item.title}
            </option>
          ))}
        </select>
      </p>
      <div aria-live="assertive" role="alert">
        {error ? <p className="entraide-status__error">{error}</p> : null}
      </div>
      <table className="entraide-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('entraide:dashboardColumnQuery')}</th>
            <th className="entraide-number" scope="col">
              {t('entraide:dashboardColumnSearches')}
            </th>
            <th className="entraide-number" scope="col">
              {t('entraide:dashboardColumnLastFourWeeks')}
            </th>
            <th className="entraide-number" scope="col">
              {t('entraide:dashboardColumnPreviousFourWeeks')}
            </th>
            <th scope="col">{t('entraide:dashboardColumnTrend')}</th>
            <th scope="col">{t('entraide:columnAction')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.query}>
              <th scope="row">{row.query}</th>
              <td className="entraide-number">{row.searches}</td>
              <td className="entraide-number">{row.lastFourWeeks}</td>
              <td className="entraide-number">{row.previousFourWeeks}</td>
              <td>{row.trend}</td>
              <td>
                <Button
                  aria-label={t('entraide:rowAction', { action: t('entraide:dashboardWriteAnswer'), row: row.query })}
                  buttonStyle="secondary"
                  disabled={busy !== null}
                  margin={false}
                  onClick={() => void write(row.query)}
                  size="small"
                  type="button"
                >
                  {busy === row.query ? `${t('entraide:dashboardWriteAnswer')}…` : t('entraide:dashboardWriteAnswer')}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
