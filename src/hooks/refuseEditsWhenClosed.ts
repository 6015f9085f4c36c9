import type { CollectionBeforeChangeHook } from 'payload'

import { ConflictError } from '../errors.ts'
import { canModerate } from '../policies/contributions.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { isRecord } from '../utilities/ids.ts'

/** A thread locked by a moderator cannot be edited by its author. */
export const refuseEditsWhenClosed =
  (): CollectionBeforeChangeHook =>
  ({ context, operation, originalDoc, req }) => {
    const original: unknown = originalDoc
    if (operation !== 'update' || context.isSystemWrite === true) return
    if (!isRecord(original) || original.status !== 'closed') return
    if (canModerate(actorFromRequest(req))) return
    throw new ConflictError('This thread is locked by the moderators and can no longer be edited.')
  }
