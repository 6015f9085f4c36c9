'use client'

import { useDocumentInfo, useForm } from '@payloadcms/ui'
import { useCallback } from 'react'

import { useEndpoint } from './useEndpoint.ts'

/**
 * Reloads the document being edited after a domain action changed it on the
 * server: the form is reset from the saved document, which also re-renders the
 * server-rendered panels with the new state.
 */
export const useRefreshDocument = (): (() => Promise<void>) => {
  const call = useEndpoint()
  const { collectionSlug, id } = useDocumentInfo()
  const { reset } = useForm()
  return useCallback(async () => {
    if (!collectionSlug || id === undefined || id === null) return
    const result = await call({
      method: 'GET',
      // The latest revision, as the edit view shows it on collections with drafts.
      path: `/${collectionSlug}/${encodeURIComponent(String(id))}?depth=0&draft=true`,
    })
    if (result.isOk) await reset(result.body)
  }, [call, collectionSlug, id, reset])
}
