import type { PayloadRequest, Where } from 'payload'

import { reputationOf } from '../policies/reputation'
import { idOf, type ID } from '../utilities/ids'
import { usersCollectionOf } from '../utilities/pluginOptions'

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
  const unique = new Map<string, ID>()
  for (const value of userIds) {
    const id = idOf(value)
    if (id !== null) unique.set(String(id), id)
  }
  for (const userId of unique.values()) {
    const published: Where = { and: [{ author: { equals: userId } }, { visibility: { equals: 'published' } }] }
    const common = { depth: 0, overrideAccess: true, pagination: false, req, where: published } as const
    const [answers, tips, threads] = await Promise.all([
      req.payload.find({
        ...common,
        collection: 'answers',
        select: { isAccepted: true, score: true, validatedAt: true },
      }),
      req.payload.find({ ...common, collection: 'tips', select: { score: true, validatedAt: true } }),
      req.payload.find({ ...common, collection: 'threads', select: { score: true } }),
    ])
    const voteScore = [...answers.docs, ...tips.docs, ...threads.docs].reduce((sum, doc) => sum + (doc.score ?? 0), 0)
    const reputation = reputationOf({
      acceptedAnswers: answers.docs.filter((doc) => doc.isAccepted).length,
      validatedAnswers: answers.docs.filter((doc) => doc.validatedAt).length,
      validatedTips: tips.docs.filter((doc) => doc.validatedAt).length,
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
