import type { PayloadRequest, Where } from 'payload'

import { z } from 'zod'

import { findFields } from '../data/local.ts'
import { reputationOf } from '../policies/reputation.ts'
import { distinctIds } from '../utilities/ids.ts'
import { usersCollectionOf } from '../utilities/pluginOptions.ts'

/** What reputation reads of each published contribution. */
const scored = z.object({
  isAccepted: z.boolean().nullish(),
  score: z.number().nullish().transform((value) => value ?? 0),
  validatedAt: z.string().nullish(),
})

/**
 * Recomputes the reputation of the given authors from their published
 * contributions (see `reputationOf`). Called by the actions that change what
 * reputation derives from: votes, acceptance, validation.
 */
export const recomputeReputation = async ({
  req,
  userIds,
}: {
  req: PayloadRequest
  userIds: unknown[]
}): Promise<void> => {
  for (const userId of distinctIds(userIds)) {
    const published: Where = { and: [{ author: { equals: userId } }, { visibility: { equals: 'published' } }] }
    const [answers, tips, threads] = await Promise.all([
      findFields({
        collection: 'answers',
        req,
        schema: scored,
        select: { isAccepted: true, score: true, validatedAt: true },
        where: published,
      }),
      findFields({ collection: 'tips', req, schema: scored, select: { score: true, validatedAt: true }, where: published }),
      findFields({ collection: 'threads', req, schema: scored, select: { score: true }, where: published }),
    ])
    const voteScore = [...answers, ...tips, ...threads].reduce((sum, doc) => sum + doc.score, 0)
    const reputation = reputationOf({
      acceptedAnswers: answers.filter((doc) => doc.isAccepted).length,
      validatedAnswers: answers.filter((doc) => doc.validatedAt).length,
      validatedTips: tips.filter((doc) => doc.validatedAt).length,
      voteScore,
    })
    await req.payload.update({
      collection: usersCollectionOf(req.payload),
      context: { isSystemWrite: true },
      data: { reputation },
      id: userId,
      overrideAccess: true,
      req,
    })
  }
}
