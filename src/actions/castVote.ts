import type { PayloadRequest } from 'payload'

import { votableCollections, type VotableCollection } from '../collections/Votes.ts'
import { ConflictError, ForbiddenActionError, InvalidInputError } from '../errors.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import { isSameId, type ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { loadForUpdate } from './load.ts'
import { recomputeReputation } from './recomputeReputation.ts'
import { inTransaction } from './transaction.ts'
import { findDocs } from '../data/local.ts'

/** A vote: up (1), down (-1), or 0 to take one's vote back. */
export type VoteValue = -1 | 0 | 1

/** Whether a value is a vote value. */
export const isVoteValue = (value: unknown): value is VoteValue => value === 1 || value === -1 || value === 0


const isDuplicateKeyError = (error: unknown): boolean =>
  error instanceof Error && /unique|duplicate|E11000|invalid: key/i.test(`${error.name} ${error.message}`)

/**
 * Sets, changes or (0) removes the caller's vote on a published item, then
 * derives the item's score from its votes. One vote per person and item,
 * guaranteed by a unique key even under parallel requests. Nobody votes on
 * their own contribution.
 */
export const castVote = async ({
  collection,
  id,
  req,
  value,
}: {
  req: PayloadRequest
  collection: VotableCollection
  id: ID
  value: VoteValue
}): Promise<{ score: number; value: VoteValue }> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!isVoteValue(value)) throw new InvalidInputError('A vote is 1 (up), -1 (down) or 0 (remove my vote).', 'value')
    const item = await loadForUpdate({ collection, id, req })
    const target = 'visibility' in item
      ? { author: item.author, id: item.id, isPublished: item.visibility === 'published' }
      : { author: null, id: item.id, isPublished: item._status === 'published' }
    if (!target.isPublished) throw new ConflictError('Only published items can be voted on.')
    if (collection !== 'guides' && isSameId(target.author, actor.id)) {
      throw new ForbiddenActionError('You cannot vote on your own contribution.')
    }

    const targetKey = `${collection}:${String(target.id)}`
    const key = `${String(actor.id)}:${targetKey}`
    const byKey = { key: { equals: key } }
    if (value === 0) {
      await req.payload.delete({ collection: 'votes', overrideAccess: true, req, where: byKey })
    } else {
      const existing = await findDocs({
        collection: 'votes',
        limit: 1,
        overrideAccess: true,
        req,
        where: byKey,
      })
      const vote = existing.docs[0]
      if (vote) {
        if (vote.value !== value) {
          await req.payload.update({ collection: 'votes', data: { value }, id: vote.id, overrideAccess: true, req })
        }
      } else {
        await req.payload
          .create({
            collection: 'votes',
            data: {
              key,
              target: { relationTo: collection, value: target.id },
              targetKey,
              user: actor.id,
              value,
            },
            overrideAccess: true,
            req,
          })
          .catch(async (error: unknown) => {
            // A parallel request by the same person created the vote first: change it instead.
            if (!isDuplicateKeyError(error)) throw error
            await req.payload.update({ collection: 'votes', data: { value }, overrideAccess: true, req, where: byKey })
          })
      }
    }

    const count = async (vote: 1 | -1) =>
      (
        await req.payload.count({
          collection: 'votes',
          overrideAccess: true,
          req,
          where: { and: [{ targetKey: { equals: targetKey } }, { value: { equals: vote } }] },
        })
      ).totalDocs
    const score = (await count(1)) - (await count(-1))
    await writeSystemFields({ collection, data: { score }, id: target.id, req })
    if (collection !== 'guides') await recomputeReputation({ req, userIds: [target.author] })
    return { score, value }
  })
