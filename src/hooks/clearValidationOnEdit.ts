import type { CollectionBeforeChangeHook } from 'payload'

/**
 * An agent validated a precise text. When the author edits the body of a
 * validated answer or tip, the validation no longer applies and is cleared.
 */
export const clearValidationOnEdit =
  (): CollectionBeforeChangeHook =>
  ({ context, data, operation, originalDoc }) => {
    if (operation !== 'update' || context.isSystemWrite === true || !originalDoc?.validatedAt) return data
    if (typeof data.body !== 'string' || data.body === originalDoc.body) return data
    return { ...data, validatedAt: null, validatedBy: null, validationNote: null }
  }
