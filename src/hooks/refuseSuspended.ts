import type { CollectionBeforeOperationHook } from 'payload'

import { SuspendedAccountError, UnconfirmedEmailError } from '../errors.ts'
import { actorFromRequest } from '../policies/roles.ts'

/**
 * A suspended account can sign in and read, but not write: creating or
 * changing a contribution fails with 403 and the reason of the suspension,
 * so the person knows why. So does an account whose email address is not
 * confirmed yet, with a 403 that says to follow the emailed link.
 */
export const refuseSuspended =
  (): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update' && operation !== 'delete') return args
    const actor = actorFromRequest(req)
    if (actor && !actor.hasConfirmedEmail) throw new UnconfirmedEmailError()
    if (actor?.isSuspended) throw new SuspendedAccountError(actor.suspensionReason)
    return args
  }
