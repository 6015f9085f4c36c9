import { APIError } from 'payload'

/** Stable, documented error codes: clients branch on these, never on messages. */
export type EntraideErrorCode =
  | 'not-signed-in'
  | 'forbidden'
  | 'not-found'
  | 'invalid-input'
  | 'conflict'
  | 'rate-limited'
  | 'personal-data'
  | 'suspended'
  | 'unconfirmed-email'
  | 'too-large'
  | 'unsupported-media-type'
  | 'cross-site'
  | 'locked'
  | 'unavailable'

type ErrorArgs = {
  message: string
  /** The request field the error is about, when there is one. */
  field?: string
  cause?: unknown
  /** Extra machine-readable details returned to the client. */
  details?: Record<string, unknown>
}

/** The name of each error class, by code. */
const errorNames: Record<EntraideErrorCode, string> = {
  conflict: 'ConflictError',
  forbidden: 'ForbiddenActionError',
  'invalid-input': 'InvalidInputError',
  'not-found': 'NotFoundError',
  'not-signed-in': 'NotSignedInError',
  'personal-data': 'PersonalDataError',
  'rate-limited': 'RateLimitedError',
  suspended: 'SuspendedAccountError',
  'unconfirmed-email': 'UnconfirmedEmailError',
  'too-large': 'PayloadTooLargeError',
  'unsupported-media-type': 'UnsupportedMediaTypeError',
  'cross-site': 'CrossSiteRequestError',
  locked: 'DocumentLockedError',
  unavailable: 'ServiceUnavailableError',
}

/**
 * The one error family of Entraide. It extends Payload's `APIError`, so REST
 * responses take Payload's `{ errors: [{ name, message, data }] }` shape with
 * `data.code` stable, and the Local API throws the same typed error.
 */
export class EntraideError extends APIError<{ code: EntraideErrorCode; field?: string } & Record<string, unknown>> {
  readonly code: EntraideErrorCode

  constructor(status: number, code: EntraideErrorCode, { cause, details, field, message }: ErrorArgs) {
    super(message, status, { ...details, code, ...(field ? { field } : {}) }, true)
    this.code = code
    // Named here rather than from the class: production builds shorten class
    // names, and Payload picks the log level of an error by its name.
    this.name = errorNames[code]
    if (cause !== undefined) {
      this.cause = cause
    }
  }
}

/** 401: the caller must sign in first. */
export class NotSignedInError extends EntraideError {
  constructor(message = 'You must be signed in to do this.') {
    super(401, 'not-signed-in', { message })
  }
}

/** 403: the caller is signed in but their role or relation to the item does not allow this. */
export class ForbiddenActionError extends EntraideError {
  constructor(message: string) {
    super(403, 'forbidden', { message })
  }
}

/** 403: the account is suspended; it can read but not contribute. */
export class SuspendedAccountError extends EntraideError {
  constructor(reason: string | null | undefined) {
    super(403, 'suspended', {
      details: { reason: reason || null },
      message: reason
        ? `Your account is suspended and cannot contribute: ${reason}`
        : 'Your account is suspended and cannot contribute.',
    })
  }
}

/**
 * 403: the account was made by sign-up and its email address is not
 * confirmed yet; it can read, not contribute, until the emailed link is followed.
 */
export class UnconfirmedEmailError extends EntraideError {
  constructor() {
    super(403, 'unconfirmed-email', {
      message:
        'Confirm your email address first: open the link in the email sent when you created your account, then try again.',
    })
  }
}

/** 404: the item does not exist, or the caller may not see it. */
export class NotFoundError extends EntraideError {
  constructor(what: string, id: number | string) {
    super(404, 'not-found', { message: `No ${what} with id "${String(id)}" was found.` })
  }
}

/** 400: the request is malformed; `field` names the offending field. */
export class InvalidInputError extends EntraideError {
  constructor(message: string, field?: string) {
    super(400, 'invalid-input', { field, message })
  }
}

/** 409: the item is not in a state that allows this action; the message says what is missing. */
export class ConflictError extends EntraideError {
  constructor(message: string) {
    super(409, 'conflict', { message })
  }
}

/** 429: too many requests; `retryAfterSeconds` tells when to try again. */
export class RateLimitedError extends EntraideError {
  readonly retryAfterSeconds: number

  constructor(retryAfterSeconds: number, message?: string) {
    super(429, 'rate-limited', {
      details: { retryAfterSeconds },
      message: message ?? `Too many requests. Try again in ${retryAfterSeconds} seconds.`,
    })
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** 413: the request body is larger than any valid request. */
export class PayloadTooLargeError extends EntraideError {
  constructor(limitBytes: number) {
    super(413, 'too-large', {
      details: { limitBytes },
      message: `The request body is larger than ${Math.round(limitBytes / 1024)} KB, the most this route accepts.`,
    })
  }
}

/** 415: the body is not JSON (a form or plain-text post, which any other site can send). */
export class UnsupportedMediaTypeError extends EntraideError {
  constructor(contentType: string) {
    super(415, 'unsupported-media-type', {
      message: `The request body must be JSON (Content-Type: application/json), not "${contentType}".`,
    })
  }
}

/** 403: a browser sent this state-changing request from another site than the app's own or an allowed origin. */
export class CrossSiteRequestError extends EntraideError {
  constructor(origin: string) {
    super(403, 'cross-site', {
      message: `Requests from "${origin}" may not change anything here: only the app's own origin and the allowedOrigins option may.`,
    })
  }
}

/** 423: a staff member is editing this document; the lock expires when they leave it or after a few minutes. */
export class DocumentLockedError extends EntraideError {
  constructor() {
    super(423, 'locked', {
      message: 'Someone on the staff is editing this document right now; try again when they are done.',
    })
  }
}

/** 503: a service the request needs (the search engine) cannot answer right now; retrying later may work. */
export class ServiceUnavailableError extends EntraideError {
  /** Sent as `Retry-After` when known (the search index still being built). */
  readonly retryAfterSeconds: number | undefined

  constructor(message: string, cause?: unknown, retryAfterSeconds?: number) {
    super(503, 'unavailable', { cause, message, ...(retryAfterSeconds === undefined ? {} : { details: { retryAfterSeconds } }) })
    this.retryAfterSeconds = retryAfterSeconds
  }
}

/** One identifier found by the personal-data guard: its kind and the field it was in, never its value. */
export type PersonalDataFindingSummary = { kind: string; field: string }

/**
 * 422: the text contains personal data (a social-security number, an IBAN…).
 * The message names what was found and where, quoting only the beginning of
 * each identifier; `data.findings` lists kind and field, `data.field` the
 * first field concerned.
 */
export class PersonalDataError extends EntraideError {
  readonly findings: PersonalDataFindingSummary[]

  constructor(message: string, findings: PersonalDataFindingSummary[]) {
    super(422, 'personal-data', { details: { findings }, field: findings[0]?.field, message })
    this.findings = findings
  }
}
