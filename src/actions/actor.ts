import type { PayloadRequest } from 'payload'

import { NotSignedInError, SuspendedAccountError, UnconfirmedEmailError } from '../errors.ts'
import { type Actor, actorFromRequest } from '../policies/roles.ts'

/**
 * The signed-in person who may contribute: 401 when nobody is signed in, 403
 * while the account's email address is not confirmed, 403 with the reason
 * when the account is suspended.
 */
export const requireContributor = (req: PayloadRequest): Actor => {
  const actor = actorFromRequest(req)
  if (!actor) throw new NotSignedInError()
  if (!actor.hasConfirmedEmail) throw new UnconfirmedEmailError()
  if (actor.isSuspended) throw new SuspendedAccountError(actor.suspensionReason)
  return actor
}
