import type { PayloadRequest } from 'payload'

import { ForbiddenActionError } from '../errors.ts'
import { hasRoleAtLeast, type Actor } from '../policies/roles.ts'
import type { ID } from '../utilities/ids.ts'
import { agencyOfProcedure } from './load.ts'

/**
 * Checks that the actor may act (validate, promote, verify, review a guide
 * edit, write a wiki page) on an item of the given procedure, by the policy
 * of that decision: 403 for citizens, and for agents of another agency.
 */
export const requireAgencyRights = async ({
  actor,
  procedure,
  req,
  verb,
  may,
}: {
  req: PayloadRequest
  actor: Actor
  procedure: unknown
  /** The policy of the decision (`canValidate`, `canPromote`, `canPromoteInto`, `canVerifyGuide`, `canReviewGuideEdit`). */
  may: (actor: Actor, agency: ID | null) => boolean
  /** What is being done, for the message: "validate answers". */
  verb: string
}): Promise<void> => {
  if (!hasRoleAtLeast(actor, 'agent')) {
    throw new ForbiddenActionError(`Only public agents, editors and admins can ${verb}.`)
  }
  const agency = await agencyOfProcedure({ procedure, req })
  if (!may(actor, agency)) {
    throw new ForbiddenActionError(
      agency === null
        ? `Only editors and admins can ${verb} on items attached to no procedure.`
        : `As an agent you can only ${verb} on procedures of your own agency.`,
    )
  }
}
