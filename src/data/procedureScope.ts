import type { PayloadRequest } from 'payload'

import { z } from 'zod'

import { agencyScopeOf } from '../policies/contributions.ts'
import type { Actor } from '../policies/roles.ts'
import type { ID } from '../utilities/ids.ts'
import { idSchema } from './documents.ts'
import { findFields } from './local.ts'

/**
 * The procedures an actor acts on (`agencyScopeOf`): `null` for editors and
 * admins (all of them), the procedures of their agency for an agent, and none
 * for anyone else. Filters built from it (`{ procedure: { in } }`) keep
 * collection access and admin lists to what `canActForAgency` allows.
 */
export const procedureScope = async ({ actor, req }: { req: PayloadRequest; actor: Actor | null }): Promise<ID[] | null> => {
  const scope = agencyScopeOf(actor)
  if (scope.kind === 'all') return null
  if (scope.kind === 'none') return []
  const docs = await findFields({
    collection: 'procedures',
    req,
    schema: z.object({ id: idSchema }),
    select: { slug: true },
    where: { agency: { equals: scope.agency } },
  })
  return docs.map((doc) => doc.id)
}
