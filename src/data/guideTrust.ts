import type { PayloadRequest } from 'payload'

import { agencyOfProcedure, loadRelated } from '../actions/load.ts'
import { canActForAgency, canContribute, canPublishGuide } from '../policies/contributions.ts'
import type { Actor } from '../policies/roles.ts'
import { idOf, parseIdFor, type ID } from '../utilities/ids.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'

/** How many of a person's published answers and tips someone else validated. */
const validatedContributionsOf = async (req: PayloadRequest, actor: Actor): Promise<number> => {
  let total = 0
  for (const collection of ['answers', 'tips'] as const) {
    const { totalDocs } = await req.payload.count({
      collection,
      overrideAccess: true,
      req,
      where: {
        and: [
          { author: { equals: actor.id } },
          { visibility: { equals: 'published' } },
          { validatedAt: { exists: true } },
          { validatedBy: { not_equals: actor.id } },
        ],
      },
    })
    total += totalDocs
  }
  return total
}

/**
 * Whether the actor's edit of a guide of a procedure of `agency` publishes
 * directly (`canPublishGuide`), with what the decision needs read from the
 * database: validated contributions are counted only when the rest of the
 * rule is met.
 */
export const mayPublishGuide = async ({
  actor,
  agency,
  req,
}: {
  req: PayloadRequest
  actor: Actor | null
  agency: ID | null
}): Promise<boolean> => {
  const rules = optionsOf(req.payload).moderation
  if (!canContribute(actor)) return false
  if (canActForAgency(actor, agency)) return true
  if (actor.reputation < rules.trustedReputation) return false
  const validatedContributions = await validatedContributionsOf(req, actor)
  return canPublishGuide(actor, agency, { rules, validatedContributions })
}

/** The agency of a guide's procedure, or null when the guide or its procedure is unknown. */
export const agencyOfGuide = async ({ guide, req }: { req: PayloadRequest; guide: unknown }): Promise<ID | null> => {
  // An id of the wrong shape finds nothing (Payload answers 404 afterwards), never a database error.
  const id = parseIdFor(req.payload, 'guides', idOf(guide))
  if (id === null) return null
  const doc = await loadRelated({ collection: 'guides', req, value: id })
  return doc ? agencyOfProcedure({ procedure: doc.procedure, req }) : null
}
