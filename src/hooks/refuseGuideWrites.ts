import type { CollectionBeforeOperationHook } from 'payload'

import { ForbiddenActionError } from '../errors.ts'
import { canWriteGuides } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { isRecord } from '../utilities/ids.ts'

/**
 * Citizens change a guide through proposals only: creating or saving a guide
 * (REST, GraphQL, the admin panel) is refused with 403 and the endpoint to
 * use, instead of a draft of the whole guide that the next edit would replace.
 * Runs before access, which refuses the same people without saying why. The
 * domain actions (accepting a trusted citizen's proposal) write with
 * `overrideAccess` and are not concerned.
 */
export const refuseGuideWrites =
  (): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const write: unknown = args
    if (isRecord(write) && write.overrideAccess === true) return args
    const actor = actorFromRequest(req)
    if (actor === null || canWriteGuides(actor)) return args
    throw new ForbiddenActionError(
      'Guides are edited by public agents, editors and admins. Propose your edit with POST /api/guides/:id/proposals { "title", "body" }: it is reviewed on its own.',
    )
  }
