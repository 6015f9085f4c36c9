import type { PayloadRequest } from 'payload'

import type { Answer, Thread } from '../../payload-types'
import { ConflictError, ForbiddenActionError } from '../errors'
import { isSameId, type ID } from '../utilities/ids'
import { requireContributor } from './actor'
import { loadVisible } from './load'
import { recomputeReputation } from './recomputeReputation'
import { inTransaction } from './transaction'
import { writeSystemFields } from '../hooks/systemWrites'

/**
 * The asker accepts the answer that solved their problem. Only one answer of
 * a thread is accepted at a time: accepting another one moves the mark. The
 * thread becomes `answered` (or stays `resolved` when an agent validated an
 * answer already).
 */
export const acceptAnswer = async ({
  answerId,
  req,
  threadId,
}: {
  req: PayloadRequest
  threadId: ID
  answerId: ID
}): Promise<{ thread: Thread; answer: Answer }> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const thread = await loadVisible({ collection: 'threads', id: threadId, req })
    if (!isSameId(thread.author, actor.id)) {
      throw new ForbiddenActionError('Only the person who asked the question can accept an answer.')
    }
    if (thread.status === 'closed') throw new ConflictError('This thread is closed; its accepted answer cannot change.')
    const answer = await loadVisible({ collection: 'answers', id: answerId, req })
    if (!isSameId(answer.thread, thread.id)) {
      throw new ConflictError('This answer belongs to another thread; accept an answer given in this thread.')
    }
    if (answer.visibility !== 'published') {
      throw new ConflictError(
        'This answer is not published (it is awaiting moderation or hidden), so it cannot be accepted.',
      )
    }
    if (isSameId(thread.acceptedAnswer, answer.id) && answer.isAccepted) {
      return { answer, thread }
    }

    const previous = await req.payload.find({
      collection: 'answers',
      depth: 0,
      overrideAccess: true,
      pagination: false,
      req,
      where: { and: [{ thread: { equals: thread.id } }, { isAccepted: { equals: true } }] },
    })
    for (const other of previous.docs) {
      if (!isSameId(other.id, answer.id)) {
        await writeSystemFields({ collection: 'answers', data: { isAccepted: false }, id: other.id, req })
      }
    }
    await writeSystemFields({ collection: 'answers', data: { isAccepted: true }, id: answer.id, req })
    await writeSystemFields({
      collection: 'threads',
      data: { acceptedAnswer: answer.id, status: thread.status === 'resolved' ? 'resolved' : 'answered' },
      id: thread.id,
      req,
    })
    await recomputeReputation({ req, userIds: [answer.author, ...previous.docs.map((doc) => doc.author)] })
    return {
      answer: await req.payload.findByID({ collection: 'answers', depth: 0, id: answer.id, overrideAccess: true, req }),
      thread: await req.payload.findByID({ collection: 'threads', depth: 0, id: thread.id, overrideAccess: true, req }),
    }
  })
