import type { PayloadRequest } from 'payload'

import { agencyOfGuide, mayPublishGuide } from '../../data/guideTrust.ts'
import { agencyScopeOf } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import type { ID } from '../../utilities/ids.ts'

/**
 * Whether the signed-in person's edit of a guide publishes directly, for the
 * edit form: the rule of `mayPublishGuide` on the guide's agency. A guide not
 * created yet has no procedure: agents, editors and admins publish it (the
 * procedure they pick is checked on save), anyone else as their trust allows.
 */
export const mayPublishGuideInForm = async ({ id, req }: { req: PayloadRequest; id: ID | null }): Promise<boolean> => {
  const actor = actorFromRequest(req)
  if (id === null && agencyScopeOf(actor).kind !== 'none') return true
  const agency = id === null ? null : await agencyOfGuide({ guide: id, req })
  return mayPublishGuide({ actor, agency, req })
}
