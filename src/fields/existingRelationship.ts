import { validations, type CollectionSlug, type RelationshipFieldValidation } from 'payload'

import { entraideT } from '../translations/i18n.ts'
import { idOf, parseIdFor } from '../utilities/ids.ts'

/** The message of each relationship whose target must exist, with the id as `{{id}}`. */
type MissingMessage = 'entraide:noSuchAgency' | 'entraide:noSuchProcedure' | 'entraide:noSuchQuestion'

/**
 * Validation for a single relationship a person sets: on top of Payload's own
 * checks, the referenced document must exist. A made-up id becomes a 400
 * naming the field instead of a database constraint error, in the request's language.
 */
export const existingRelationship =
  (collection: CollectionSlug, missing: MissingMessage): RelationshipFieldValidation =>
  async (value, options) => {
    const base = await validations.relationship(value, options)
    if (base !== true) return base
    if (value === null || value === undefined || Array.isArray(value)) return true
    const id = idOf(value)
    if (id === null) return true
    const message = entraideT(options.req.i18n)(missing, { id: String(id) })
    // An id that cannot be one of this database's ids names no document.
    const parsed = parseIdFor(options.req.payload, collection, id)
    if (parsed === null) return message
    const { totalDocs } = await options.req.payload.count({
      collection,
      overrideAccess: true,
      req: options.req,
      where: { id: { equals: parsed } },
    })
    return totalDocs > 0 ? true : message
  }
