import type { CollectionBeforeChangeHook } from 'payload'

import { ConflictError } from '../errors'
import { canModerate } from '../policies/contributions'
import { actorOf } from '../policies/roles'

/** A thread locked by a moderator cannot be edited by its author. */
export const refuseEditsWhenClosed =
  (): CollectionBeforeChangeHook =>
  ({ context, data, operation, originalDoc, req }) => {
    if (operation !== 'update' || context.isSystemWrite === true || originalDoc?.status !== 'closed') return data
    if (canModerate(actorOf(req.user))) return data
    throw new ConflictError('This thread is locked by the moderators and can no longer be edited.')
  }
