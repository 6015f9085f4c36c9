import type { CollectionBeforeOperationHook } from 'payload'

import { ForbiddenActionError, NotFoundError } from '../errors.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { canRestoreVersions } from '../policies/contributions.ts'

const versionOperations: ReadonlySet<string> = new Set(['findVersions', 'findVersionByID', 'restoreVersion'])

/**
 * Payload's version routes (`GET /api/{collection}/versions`,
 * `/versions/:id`, `POST /versions/:id`) on Entraide's collections: 404 on a
 * collection that keeps no versions (rather than a database error), and
 * restoring a version over the current document is for editors and admins
 * only, whoever may otherwise edit the document (a restored draft can
 * unpublish a guide). Server code without a user is not limited.
 */
export const guardVersionRoutes =
  (): CollectionBeforeOperationHook =>
  ({ args, collection, operation, req }) => {
    if (!versionOperations.has(operation)) return args
    if (!collection.versions) throw new NotFoundError(`version of ${collection.slug}`, '')
    if (operation !== 'restoreVersion' || (req.payloadAPI === 'local' && !req.user)) return args
    if (!canRestoreVersions(actorFromRequest(req))) {
      throw new ForbiddenActionError('Only editors and admins can restore an earlier version of a document.')
    }
    return args
  }
