import type { CollectionBeforeOperationHook } from 'payload'

import { ForbiddenActionError } from '../errors.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { canRestoreVersions } from '../policies/contributions.ts'

/**
 * Restoring a version over the current document (`POST
 * /api/{collection}/versions/:id`, GraphQL `restoreVersion…`) is for editors
 * and admins only, whoever may otherwise edit the document: a restored draft
 * can unpublish a guide. Server code without a user is not limited.
 */
export const guardVersionRoutes =
  (): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'restoreVersion' || (req.payloadAPI === 'local' && !req.user)) return args
    if (!canRestoreVersions(actorFromRequest(req))) {
      throw new ForbiddenActionError('Only editors and admins can restore an earlier version of a document.')
    }
    return args
  }
