import type { CollectionBeforeChangeHook } from 'payload'

import { NotSignedInError, SuspendedAccountError, UnconfirmedEmailError } from '../errors.ts'
import { actorFromRequest } from '../policies/roles.ts'

/**
 * Sets `author` from the request on creation. The field is closed to input,
 * so whatever a client sends is dropped before this runs; system writes with
 * no user (the demo seed) keep the author they pass.
 */
export const setAuthor =
  (): CollectionBeforeChangeHook =>
  ({ data, operation, req }) => {
    if (operation !== 'create' || !req.user) return data
    const actor = actorFromRequest(req)
    if (!actor) throw new NotSignedInError()
    if (!actor.hasConfirmedEmail) throw new UnconfirmedEmailError()
    if (actor.isSuspended) throw new SuspendedAccountError(actor.suspensionReason)
    return { ...data, author: actor.id }
  }
