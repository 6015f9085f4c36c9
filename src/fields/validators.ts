import type { NumberFieldSingleValidation, TextFieldSingleValidation } from 'payload'

import { entraideT } from '../translations/i18n.ts'

/** Lower-case letters, digits and dashes: safe in URLs and search filters. */
export const slugValidator: TextFieldSingleValidation = (value, { req }) =>
  typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) ? true : entraideT(req.i18n)('entraide:slugInvalid')

/** An http(s) URL, or nothing. */
export const optionalUrlValidator: TextFieldSingleValidation = (value, { req }) => {
  if (value === null || value === undefined || value === '') return true
  const refusal = entraideT(req.i18n)('entraide:urlInvalid')
  if (typeof value !== 'string') return refusal
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? true : refusal
  } catch {
    return refusal
  }
}

/** A vote is up or down. */
export const voteValueValidator: NumberFieldSingleValidation = (value, { req }) =>
  value === 1 || value === -1 ? true : entraideT(req.i18n)('entraide:voteValue')
