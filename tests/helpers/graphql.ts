import { GRAPHQL_POST } from '@payloadcms/next/routes'

import type { TestApp } from './payload.ts'

/** One error as a GraphQL client receives it from Payload's route. */
export type GraphQLErrorBody = {
  message: string
  path?: (string | number)[]
  extensions?: { name?: string; statusCode?: number; stack?: unknown; data?: Record<string, any> }
}

export type GraphQLResponse = {
  /** The HTTP status of the response (200 whenever the operation ran, errors or not). */
  status: number
  headers: Headers
  data: Record<string, any> | null
  errors: GraphQLErrorBody[]
}

/**
 * Posts an operation to the app's GraphQL endpoint, through Payload's own
 * Next.js route handler (the one `app/(payload)/api/graphql/route.ts`
 * exports), with no server. The app must be started with
 * `isDefaultInstance: true`: the handler finds Payload by the default key.
 */
export const graphQL = async (
  app: TestApp,
  query: string,
  { token, variables }: { token?: string; variables?: Record<string, unknown> } = {},
): Promise<GraphQLResponse> => {
  const headers = new Headers({ 'Content-Type': 'application/json' })
  if (token) headers.set('Authorization', `JWT ${token}`)
  const request = new Request('http://localhost:3000/api/graphql', {
    body: JSON.stringify({ query, variables }),
    headers,
    method: 'POST',
  })
  const response = await GRAPHQL_POST(app.config)(request)
  const text = await response.text()
  let body: { data?: Record<string, any> | null; errors?: GraphQLErrorBody[] } = {}
  try {
    body = JSON.parse(text)
  } catch {
    throw new Error(
      `The GraphQL endpoint answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
    )
  }
  return { data: body.data ?? null, errors: body.errors ?? [], headers: response.headers, status: response.status }
}

/** The first error's message, status and code, as a client reads them. */
export const firstError = (response: GraphQLResponse) => {
  const error = response.errors[0]
  return {
    code: error?.extensions?.data?.code,
    field: error?.extensions?.data?.field,
    message: error?.message,
    status: error?.extensions?.statusCode,
  }
}
