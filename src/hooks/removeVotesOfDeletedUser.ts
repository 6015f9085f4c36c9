import type { CollectionBeforeDeleteHook } from 'payload'

import { votableCollections, type VotableCollection } from '../collections/Votes.ts'
import { recomputeReputation } from '../actions/recomputeReputation.ts'
import { writeSystemFields } from './systemWrites.ts'
import { findDocByID, findDocs } from '../data/local.ts'

const isVotable = (slug: string): slug is VotableCollection => votableCollections.some((votable) => votable === slug)

/**
 * When an account is deleted, its votes go with it (a vote cannot exist
 * without its voter) and the scores and reputations they counted in are
 * recomputed, so nothing keeps counting a person who is gone.
 */
export const removeVotesOfDeletedUser =
  (): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    const { docs: votes } = await findDocs({
      collection: 'votes',
      overrideAccess: true,
      pagination: false,
      req,
      where: { user: { equals: id } },
    })
    if (votes.length === 0) return
    await req.payload.delete({ collection: 'votes', overrideAccess: true, req, where: { user: { equals: id } } })
    const authors: unknown[] = []
    for (const targetKey of new Set(votes.map((vote) => vote.targetKey))) {
      const [collection, targetId] = targetKey.split(':')
      if (collection === undefined || targetId === undefined || !isVotable(collection)) continue
      const count = async (value: 1 | -1) =>
        (
          await req.payload.count({
            collection: 'votes',
            overrideAccess: true,
            req,
            where: { and: [{ targetKey: { equals: targetKey } }, { value: { equals: value } }] },
          })
        ).totalDocs
      const target = await findDocByID({
        collection,
        id: targetId,
        overrideAccess: true,
        req,
      })
      if (!target) continue
      await writeSystemFields({ collection, data: { score: (await count(1)) - (await count(-1)) }, id: targetId, req })
      if ('author' in target) authors.push(target.author)
    }
    await recomputeReputation({ req, userIds: authors })
  }
