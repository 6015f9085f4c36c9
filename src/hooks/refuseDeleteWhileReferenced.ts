import type { CollectionBeforeDeleteHook, CollectionSlug } from 'payload'

import { ConflictError } from '../errors.ts'

/** Items that cannot exist without the one being deleted: their collection, the field pointing to it, their name. */
export type RequiredReference = { collection: CollectionSlug; field: string; plural: string }

/**
 * Refuses to delete an item others cannot exist without (a question with
 * answers, a procedure with guides, tips or questions, an agency with
 * procedures), with a 409 saying what is left. Deleting it anyway would break
 * the database's constraints on SQLite and leave orphans on MongoDB.
 */
export const refuseDeleteWhileReferenced =
  ({
    hint,
    references,
    what,
  }: {
    /** What the item is, in the message (« question »). */
    what: string
    references: RequiredReference[]
    /** What to do instead, when there is a better way than deleting. */
    hint?: string
  }): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    const left: string[] = []
    for (const reference of references) {
      const { totalDocs } = await req.payload.count({
        collection: reference.collection,
        overrideAccess: true,
        req,
        where: { [reference.field]: { equals: id } },
      })
      if (totalDocs > 0) left.push(`${totalDocs} ${reference.plural}`)
    }
    if (left.length > 0) {
      throw new ConflictError(
        `This ${what} still has ${left.join(', ')}: delete them first${hint ? `, or ${hint}` : ''}.`,
      )
    }
  }
