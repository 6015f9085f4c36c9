import type { PayloadRequest } from 'payload'

import { ForbiddenActionError } from '../errors'
import { canActForAgency } from '../policies/contributions'
import { hasRoleAtLeast, type Actor } from '../policies/roles'
import { agencyOfProcedure } from './load'

/**
 * Checks that the actor may act (validate, promote, verify) on an item of the
 * given procedure: 403 for citizens, and for agents of another agency.
 */
export const requireAgencyRights = async ({
  actor,
  procedure,
  req,
  verb,
}: {
  req: PayloadRequest
  actor: Actor
  procedure: unknown
  /** What is being done, for the message: "validate answers". */
  verb: string
}): Promise<void> => {
  if (!hasRoleAtLeast(actor, 'agent')) {
    throw new ForbiddenActionError(`Only public agents, editors and admins can ${verb}.`)
  }
  const agency = await agencyOfProcedure({ procedure, req })
  if (!canActForAgency(actor, agency)) {
    throw new ForbiddenActionError(`As an agent you can only ${verb} on procedures of your own agency.`)
  }
}
