import { isRecord } from '../../utilities/ids.ts'

/** The outcome of a call to an Entraide REST endpoint from the admin panel. */
export type EndpointResult =
  | { isOk: true; status: number; body: Record<string, unknown> }
  | { isOk: false; status: number; message: string; code: string | null }

const firstError = (body: unknown): { message: string; code: string | null } | null => {
  if (!isRecord(body) || !Array.isArray(body.errors)) return null
  const error: unknown = body.errors[0]
  if (!isRecord(error) || typeof error.message !== 'string') return null
  const code = isRecord(error.data) && typeof error.data.code === 'string' ? error.data.code : null
  return { code, message: error.message }
}

/**
 * Calls a REST endpoint with the admin session cookie and reads the result:
 * the JSON body on success, the API's own error message otherwise (Payload's
 * `{ errors: [{ message, data: { code } }] }`), or a plain message when the
 * server cannot be reached.
 */
export const callEndpoint = async ({
  apiRoute,
  body,
  method = 'POST',
  path,
}: {
  /** Payload's API route, `/api` by default (from the client config). */
  apiRoute: string
  /** Path under the API route: `/answers/42/validate`. */
  path: string
  method?: 'GET' | 'POST' | 'PATCH'
  body?: Record<string, unknown>
}): Promise<EndpointResult> => {
  let response: Response
  try {
    response = await fetch(`${apiRoute}${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'include',
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      method,
    })
  } catch {
    return { code: null, isOk: false, message: 'The server could not be reached. Check your connection and try again.', status: 0 }
  }
  const parsed: unknown = await response.json().catch(() => null)
  if (response.ok) return { body: isRecord(parsed) ? parsed : {}, isOk: true, status: response.status }
  const error = firstError(parsed)
  return {
    code: error?.code ?? null,
    isOk: false,
    message: error?.message ?? `The request failed (HTTP ${response.status}).`,
    status: response.status,
  }
}
