import type { CollectionBeforeChangeHook } from 'payload'

import { agencyOfProcedure } from '../actions/load.ts'
import { ForbiddenActionError } from '../errors.ts'
import { canEditWikiPage } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { isRecord } from '../utilities/ids.ts'

/**
 * A wiki page is written only by people who may edit pages of its procedure's
 * agency (`canEditWikiPage`): on creation the procedure sent, on an edit the
 * page's procedure and the one it is moved to. Writes by server code on
 * nobody's behalf are not concerned.
 */
export const requireWikiPageScope =
  (): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    const actor = actorFromRequest(req)
    if (!actor) return data
    const original: unknown = originalDoc
    const procedures = operation === 'update' ? [isRecord(original) ? original.procedure : undefined, data.procedure] : [data.procedure]
    for (const procedure of procedures) {
      if (procedure === undefined && operation === 'update') continue
      const agency = await agencyOfProcedure({ procedure, req })
      if (!canEditWikiPage(actor, agency)) {
        throw new ForbiddenActionError(
          agency === null
            ? 'Only editors and admins write wiki pages attached to no procedure.'
            : 'As an agent you can only write wiki pages of your own agency’s procedures.',
        )
      }
    }
    return data
  }
