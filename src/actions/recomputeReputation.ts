import type { PayloadRequest, Where } from 'payload'

import { z } from 'zod'

import { idSchema } from '../data/documents.ts'
import { findFields } from '../data/local.ts'
import { accountsWithStanding } from '../data/standing.ts'
import { reputationOf, type ReputationAct } from '../policies/reputation.ts'
import { distinctIds, idKey, idOf, type ID } from '../utilities/ids.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'

const validation = {
  validatedAt: z.string().nullish(),
  validatedBy: z.unknown(),
}

/** Most vote targets read at once. */
const chunkSize = 200

const chunks = <T>(values: readonly T[]): T[][] => {
  const out: T[][] = []
  for (let start = 0; start < values.length; start += chunkSize) out.push(values.slice(start, start + chunkSize))
  return out
}

/** Other people's acts on a person's published contributions: votes, acceptances, validations. */
const actsOn = async (req: PayloadRequest, userId: ID): Promise<ReputationAct[]> => {
  const published: Where = { and: [{ author: { equals: userId } }, { visibility: { equals: 'published' } }] }
  const [answers, tips, threads] = await Promise.all([
    findFields({
      collection: 'answers',
      req,
      schema: z.object({ id: idSchema, isAccepted: z.boolean().nullish(), thread: z.unknown(), ...validation }),
      select: { isAccepted: true, thread: true, validatedAt: true, validatedBy: true },
      where: published,
    }),
    findFields({
      collection: 'tips',
      req,
      schema: z.object({ id: idSchema, ...validation }),
      select: { validatedAt: true, validatedBy: true },
      where: published,
    }),
    findFields({ collection: 'threads', req, schema: z.object({ id: idSchema }), select: { author: true }, where: published }),
  ])
  const acts: ReputationAct[] = []
  const targetKeys = [
    ...answers.map((doc) => `answers:${String(doc.id)}`),
    ...tips.map((doc) => `tips:${String(doc.id)}`),
    ...threads.map((doc) => `threads:${String(doc.id)}`),
  ]
  for (const keys of chunks(targetKeys)) {
    const votes = await findFields({
      collection: 'votes',
      req,
      schema: z.object({ user: z.unknown(), value: z.number() }),
      select: { user: true, value: true },
      where: { targetKey: { in: keys } },
    })
    for (const vote of votes) {
      const by = idOf(vote.user)
      if (by !== null) acts.push({ by, kind: 'vote', value: vote.value })
    }
  }
  const acceptedThreads = distinctIds(answers.filter((answer) => answer.isAccepted).map((answer) => answer.thread))
  for (const ids of chunks(acceptedThreads)) {
    const askers = await findFields({
      collection: 'threads',
      req,
      schema: z.object({ author: z.unknown(), id: idSchema }),
      select: { author: true },
      where: { id: { in: ids } },
    })
    const askerOf = new Map(askers.map((thread) => [idKey(thread.id), idOf(thread.author)]))
    for (const answer of answers) {
      if (!answer.isAccepted) continue
      const by = askerOf.get(idKey(answer.thread)) ?? null
      if (by !== null) acts.push({ by, kind: 'accepted' })
    }
  }
  for (const [what, docs] of [['answer', answers], ['tip', tips]] as const) {
    for (const doc of docs) {
      const by = idOf(doc.validatedBy)
      if (doc.validatedAt && by !== null) acts.push({ by, kind: 'validated', what })
    }
  }
  return acts
}

/**
 * Recomputes the reputation of the given authors from other people's acts on
 * their published contributions (see `reputationOf`): votes and acceptances
 * of people with standing, capped per person, and agents' validations.
 * Called by the actions that change what reputation derives from: votes,
 * acceptance, validation.
 */
export const recomputeReputation = async ({
  req,
  userIds,
}: {
  req: PayloadRequest
  userIds: unknown[]
}): Promise<void> => {
  const { moderation } = optionsOf(req.payload)
  for (const userId of distinctIds(userIds)) {
    const acts = await actsOn(req, userId)
    const withStanding = await accountsWithStanding({ ids: acts.map((act) => act.by), req })
    const reputation = reputationOf({
      acts,
      hasStanding: (by) => withStanding.has(idKey(by) ?? ''),
      personId: userId,
      rules: { maxPointsFromOnePerson: moderation.maxPointsFromOnePerson },
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
