import type { PayloadRequest } from 'payload'

import { readDoc } from '../data/local.ts'

import type { TipDoc } from '../data/documents.ts'
import { ConflictError } from '../errors.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import type { ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { canValidate } from '../policies/contributions.ts'
import { loadForUpdate } from './load.ts'
import { recomputeReputation } from './recomputeReputation.ts'
import { inTransaction } from './transaction.ts'

/** A public agent confirms that a published tip is right. Validating again changes nothing. */
export const validateTip = async ({ req, tipId }: { req: PayloadRequest; tipId: ID }): Promise<TipDoc> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const tip = await loadForUpdate({ collection: 'tips', id: tipId, req })
    await requireAgencyRights({ actor, may: canValidate, procedure: tip.procedure, req, verb: 'validate tips' })
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
    return readDoc({ collection: 'tips', id: tip.id, req })
  })
