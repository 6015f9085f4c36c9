import {
  ValidationError,
  validations,
  type CollectionSlug,
  type Payload,
  type PayloadRequest,
  type RelationshipFieldValidation,
} from 'payload'

import { getTranslation } from '@payloadcms/translations'

import { entraideT } from '../translations/i18n.ts'
import { idOf, isRecord, parseIdFor } from '../utilities/ids.ts'

/** The message of each relationship whose target must exist, with the id as `{{id}}`. */
type MissingMessage = 'entraide:noSuchAgency' | 'entraide:noSuchProcedure' | 'entraide:noSuchQuestion'

type Reference = { collection: CollectionSlug; missing: MissingMessage }

/** The validations made here, with what they check. */
const references = new WeakMap<object, Reference>()

/** Adapters whose writes turn a foreign key violation into the validation error (see `withMissingReferences`). */
const checkedByForeignKeys = new WeakSet<object>()

/** Whether `id` of `collection` exists; outside any transaction, as a failed one on PostgreSQL takes no more statements. */
const exists = async (payload: Payload, collection: CollectionSlug, id: unknown): Promise<boolean> => {
  const parsed = parseIdFor(payload, collection, id)
  if (parsed === null) return false
  return (await payload.count({ collection, overrideAccess: true, where: { id: { equals: parsed } } })).totalDocs > 0
}

/**
 * Validation for a single relationship a person sets: on top of Payload's own
 * checks, the referenced document must exist. A made-up id becomes a 400
 * naming the field instead of a database constraint error, in the request's
 * language. On the SQL adapters the database's foreign key checks it as the
 * row is written, at no cost (`withMissingReferences` turns its refusal into
 * this same error); elsewhere (MongoDB) it is counted here.
 */
export const existingRelationship = (
  collection: CollectionSlug,
  missing: MissingMessage,
): RelationshipFieldValidation => {
  const validate: RelationshipFieldValidation = async (value, options) => {
    const base = await validations.relationship(value, options)
    if (base !== true) return base
    if (value === null || value === undefined || Array.isArray(value)) return true
    const id = idOf(value)
    if (id === null) return true
    const message = entraideT(options.req.i18n)(missing, { id: String(id) })
    // An id that cannot be one of this database's ids names no document.
    const parsed = parseIdFor(options.req.payload, collection, id)
    if (parsed === null) return message
    if (checkedByForeignKeys.has(options.req.payload.db)) return true
    const { totalDocs } = await options.req.payload.count({
      collection,
      overrideAccess: true,
      req: options.req,
      where: { id: { equals: parsed } },
    })
    return totalDocs > 0 ? true : message
  }
  references.set(validate, { collection, missing })
  return validate
}

/** Whether an error (or one it wraps) is a foreign key violation of SQLite or PostgreSQL. */
const isForeignKeyViolation = (error: unknown): boolean => {
  for (let current: unknown = error, depth = 0; isRecord(current) && depth < 5; depth += 1) {
    if (current.code === '23503' || current.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true
    if (typeof current.message === 'string' && current.message.includes('FOREIGN KEY constraint failed')) return true
    current = current.cause
  }
  return false
}

/** The validation error of the first relationship of `data` whose document does not exist, or null. */
const missingReferenceError = async (
  payload: Payload,
  collection: unknown,
  data: unknown,
  req: Partial<PayloadRequest> | undefined,
): Promise<ValidationError | null> => {
  if (typeof collection !== 'string' || !isRecord(data) || !req?.i18n) return null
  const config = Object.values(payload.collections).find((entry) => entry.config.slug === collection)?.config
  if (!config) return null
  for (const field of config.fields) {
    if (field.type !== 'relationship' || typeof field.validate !== 'function') continue
    const reference = references.get(field.validate)
    const value = data[field.name]
    if (!reference || value === null || value === undefined) continue
    if (await exists(payload, reference.collection, idOf(value))) continue
    const message = entraideT(req.i18n)(reference.missing, { id: String(idOf(value)) })
    // As Payload's field validation reports it: the label in the request's language, the message, the path.
    const label = getTranslation(field.label || field.name, req.i18n)
    return new ValidationError({ collection, errors: [{ label, message, path: field.name }] }, req.t)
  }
  return null
}

type WriteArgs = { collection?: unknown; data?: unknown; req?: Partial<PayloadRequest> }

/**
 * On SQLite and PostgreSQL, every relationship column has a foreign key, so
 * a row naming a document that does not exist is refused as it is written.
 * The relationships validated by `existingRelationship` are then left to it:
 * the adapter's `create` and `updateOne` turn that refusal into the same
 * validation error the check would have given (found by counting, on the
 * refused write only), and every valid write saves the count. Other adapters
 * (MongoDB) keep the count.
 */
export const withMissingReferences = (payload: Payload): void => {
  const db = payload.db
  if ((db.name !== 'sqlite' && db.name !== 'postgres') || checkedByForeignKeys.has(db)) return
  const wrap = <A extends WriteArgs, R>(write: (args: A) => Promise<R>): ((args: A) => Promise<R>) => {
    return async (args) => {
      try {
        return await write(args)
      } catch (error) {
        if (!isForeignKeyViolation(error)) throw error
        throw (await missingReferenceError(payload, args.collection, args.data, args.req)) ?? error
      }
    }
  }
  db.create = wrap(db.create.bind(db))
  db.updateOne = wrap(db.updateOne.bind(db))
  checkedByForeignKeys.add(db)
}
