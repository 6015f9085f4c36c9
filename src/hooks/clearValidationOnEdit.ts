import type { CollectionBeforeChangeHook } from 'payload'

import { isRecord } from '../utilities/ids.ts'

/**
 * An agent validated a precise text. When the author edits the body of a
 * validated answer or tip, the validation no longer applies and is cleared.
 */
export const clearValidationOnEdit =
  (): CollectionBeforeChangeHook =>
  ({ context, data, operation, originalDoc }) => {
    const original: unknown = originalDoc
    const incoming: unknown = data
    if (operation !== 'update' || context.isSystemWrite === true) return
    if (!isRecord(original) || !original.validatedAt || !isRecord(incoming)) return
    if (typeof incoming.body !== 'string' || incoming.body === original.body) return
    return { ...data, validatedAt: null, validatedBy: null, validationNote: null }
  }
