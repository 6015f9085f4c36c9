import type { AfterErrorHook } from 'payload'

import { isRecord } from '../utilities/ids.ts'

/**
 * Keeps the details of a refusal in REST responses: Entraide's `data.code`
 * and the field list of a validation error.
 *
 * Payload shapes an error's response by checking which class it belongs to.
 * Inside a Next.js build the error can come from another copy of Payload's
 * modules than the one doing the check; the check then fails and the
 * response keeps only the message. Only errors whose message was kept (the
 * public ones) get their details back; hidden server errors stay hidden.
 */
export const restoreErrorDetails =
  (): AfterErrorHook =>
  ({ error, result }) => {
    const [first, ...others] = result?.errors ?? []
    if (!result || !first || others.length > 0 || 'data' in first) return
    const details: unknown = 'data' in error ? error.data : undefined
    if (!isRecord(details) || first.message !== error.message) return
    const isValidation = Array.isArray(details.errors) && !('code' in details)
    return {
      response: {
        ...result,
        errors: [{ ...first, data: details, name: isValidation ? 'ValidationError' : error.name }],
      },
    }
  }
