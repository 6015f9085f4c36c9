import type { CollectionBeforeOperationHook } from 'payload'

import { ForbiddenActionError } from '../errors.ts'
import { canRestoreGuideVersion } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'

/**
 * Restoring an old version of a guide (`POST /api/guides/versions/:id`)
 * publishes it without review: editors and admins only. Server code on
 * nobody's behalf is not concerned.
 */
export const refuseGuideVersionRestore =
  (): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'restoreVersion' || !req.user) return args
    if (!canRestoreGuideVersion(actorFromRequest(req))) {
      throw new ForbiddenActionError('Only editors and admins restore an old version of a guide.')
    }
    return args
  }
