import type { PayloadRequest } from 'payload'

import type { Tip } from '../../payload-types'
import { ConflictError } from '../errors'
import { writeSystemFields } from '../hooks/systemWrites'
import type { ID } from '../utilities/ids'
import { requireContributor } from './actor'
import { requireAgencyRights } from './agencyGuard'
import { loadVisible } from './load'
import { recomputeReputation } from './recomputeReputation'
import { inTransaction } from './transaction'

/** A public agent confirms that a published tip is right. Validating again changes nothing. */
export const validateTip = async ({ req, tipId }: { req: PayloadRequest; tipId: ID }): Promise<Tip> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const tip = await loadVisible({ collection: 'tips', id: tipId, req })
    await requireAgencyRights({ actor, procedure: tip.procedure, req, verb: 'validate tips' })
    if (tip.visibility !== 'published') {
      throw new ConflictError(
        'This tip is not published (awaiting moderation or hidden); publish it before validating it.',
      )
    }
    if (tip.validatedAt) return tip
    await writeSystemFields({
      collection: 'tips',
      data: { validatedAt: new Date().toISOString(), validatedBy: actor.id },
      id: tip.id,
      req,
    })
    await recomputeReputation({ req, userIds: [tip.author] })
    return req.payload.findByID({ collection: 'tips', depth: 0, id: tip.id, overrideAccess: true, req })
  })
