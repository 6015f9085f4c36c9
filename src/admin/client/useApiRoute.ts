'use client'

import { useConfig } from '@payloadcms/ui'

/** The REST API's base URL as the admin panel is configured (`/api` by default). */
export const useApiRoute = (): string => {
  const { config } = useConfig()
  return `${config.serverURL}${config.routes.api}`
}
