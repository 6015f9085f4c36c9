'use client'

import { FormSubmit, toast, useConfig, useDocumentInfo, useForm, useFormModified, useOperation } from '@payloadcms/ui'
import { useCallback } from 'react'

import { useEntraideTranslation } from './client/useEntraideTranslation.ts'

/**
 * The guide's publish button for people whose edits wait for review: it saves
 * the edit as a draft (the server would turn a publish into a draft anyway),
 * says so, and never claims the guide was published.
 */
export const SubmitForReviewButton = () => {
  const { config } = useConfig()
  const { t } = useEntraideTranslation()
  const { collectionSlug, id } = useDocumentInfo()
  const { submit } = useForm()
  const isModified = useFormModified()
  const operation = useOperation()
  const apiRoute = `${config.serverURL}${config.routes.api}`

  const submitForReview = useCallback(async () => {
    const path = `/${collectionSlug}${id === undefined || id === null ? '' : `/${encodeURIComponent(String(id))}`}`
    const result = await submit({
      action: `${apiRoute}${path}?draft=true&depth=0`,
      method: id === undefined || id === null ? 'POST' : 'PATCH',
      overrides: { _status: 'draft' },
    })
    if (result) toast.success(t('entraide:submittedForReview'))
  }, [apiRoute, collectionSlug, id, submit, t])

  return (
    <FormSubmit
      buttonId="action-submit-for-review"
      disabled={operation === 'update' && !isModified}
      onClick={() => void submitForReview()}
      size="medium"
      type="button"
    >
      {t('entraide:submitForReview')}
    </FormSubmit>
  )
}
