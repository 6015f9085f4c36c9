import type { CollectionBeforeOperationHook } from 'payload'

import { SuspendedAccountError } from '../errors.ts'
import { actorFromRequest } from '../policies/roles.ts'

/**
 * A suspended account can sign in and read, but not write: creating or
 * changing a contribution fails with 403 and the reason of the suspension,
 * so the person knows why.
 */
export const refuseSuspended =
  (): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update' && operation !== 'delete') return args
    const actor = actorFromRequest(req)
    if (actor?.isSuspended) throw new SuspendedAccountError(actor.suspensionReason)
    return args
  }
