'use client'

import { useCallback } from 'react'

import { callEndpoint, type EndpointResult } from './callEndpoint.ts'
import { useApiRoute } from './useApiRoute.ts'
import { useEntraideTranslation } from './useEntraideTranslation.ts'

/** What a panel sends to an endpoint: the path under the API route, the method (POST by default), the JSON body. */
type EndpointCall = { path: string; method?: 'GET' | 'POST' | 'PATCH'; body?: Record<string, unknown> }

/**
 * Calls Entraide's REST endpoints from the admin panel: with the session
 * cookie, asking the API for its messages in the admin user's language, and
 * wording in that language the failures the API sent no message for.
 */
export const useEndpoint = (): ((call: EndpointCall) => Promise<EndpointResult>) => {
  const apiRoute = useApiRoute()
  const { i18n, t } = useEntraideTranslation()
  const language = i18n.language
  return useCallback(
    (call: EndpointCall) =>
      callEndpoint({
        ...call,
        apiRoute,
        language,
        wording: {
          failed: (status) => t('entraide:requestFailed', { status }),
          unreachable: t('entraide:serverUnreachable'),
        },
      }),
    [apiRoute, language, t],
  )
}
