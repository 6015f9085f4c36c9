import type { PayloadRequest } from 'payload'

import { NotSignedInError, SuspendedAccountError } from '../errors'
import { actorOf, type Actor } from '../policies/roles'

/**
 * The signed-in person who may contribute: 401 when nobody is signed in, 403
 * with the reason when the account is suspended.
 */
export const requireContributor = (req: PayloadRequest): Actor => {
  const actor = actorOf(req.user)
  if (!actor) throw new NotSignedInError()
  if (actor.isSuspended) throw new SuspendedAccountError(actor.suspensionReason)
  return actor
}
