import { isRecord } from '../../utilities/ids.ts'

/** The outcome of a call to an Entraide REST endpoint from the admin panel. */
export type EndpointResult =
  | { isOk: true; status: number; body: Record<string, unknown> }
  | { isOk: false; status: number; message: string; code: string | null }

/** The same, before the panel words a failure the API gave no message for (`message: null`; status 0 when unreachable). */
type RawEndpointResult =
  | { isOk: true; status: number; body: Record<string, unknown> }
  | { isOk: false; status: number; message: string | null; code: string | null }

/** How the admin panel words a failure the API sent no message for. */
export type FailureWording = { unreachable: string; failed: (status: number) => string }

const firstError = (body: unknown): { message: string; code: string | null } | null => {
  if (!isRecord(body) || !Array.isArray(body.errors)) return null
  const error: unknown = body.errors[0]
  if (!isRecord(error) || typeof error.message !== 'string') return null
  const code = isRecord(error.data) && typeof error.data.code === 'string' ? error.data.code : null
  return { code, message: error.message }
}

const request = async ({
  apiRoute,
  body,
  language,
  method,
  path,
}: {
  apiRoute: string
  path: string
  method: 'GET' | 'POST' | 'PATCH'
  body?: Record<string, unknown>
  language?: string
}): Promise<RawEndpointResult> => {
  const headers: Record<string, string> = {}
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  // The API words the messages people read in the language asked for: the admin panel's.
  if (language !== undefined) headers['Accept-Language'] = language
  let response: Response
  try {
    response = await fetch(`${apiRoute}${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'include',
      headers,
      method,
    })
  } catch {
    return { code: null, isOk: false, message: null, status: 0 }
  }
  const parsed: unknown = await response.json().catch(() => null)
  if (response.ok) return { body: isRecord(parsed) ? parsed : {}, isOk: true, status: response.status }
  const error = firstError(parsed)
  return { code: error?.code ?? null, isOk: false, message: error?.message ?? null, status: response.status }
}

/**
 * Calls a REST endpoint with the admin session cookie and reads the result:
 * the JSON body on success, the API's own error message otherwise (Payload's
 * `{ errors: [{ message, data: { code } }] }`), or the panel's own wording
 * when the server cannot be reached or sends no message.
 */
export const callEndpoint = async ({
  apiRoute,
  body,
  language,
  method = 'POST',
  path,
  wording,
}: {
  /** Payload's API route, `/api` by default (from the client config). */
  apiRoute: string
  /** Path under the API route: `/answers/42/validate`. */
  path: string
  method?: 'GET' | 'POST' | 'PATCH'
  body?: Record<string, unknown>
  /** The admin user's language, asked of the API for its messages. */
  language?: string
  wording: FailureWording
}): Promise<EndpointResult> => {
  const result = await request({ apiRoute, body, language, method, path })
  if (result.isOk) return result
  const message = result.message ?? (result.status === 0 ? wording.unreachable : wording.failed(result.status))
  return { ...result, message }
}
