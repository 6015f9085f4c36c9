import type { PayloadRequest } from 'payload'

import { findDocs, readDoc } from '../data/local.ts'

import type { AnswerDoc, ThreadDoc } from '../data/documents.ts'
import { ConflictError, ForbiddenActionError } from '../errors.ts'
import { isSameId, type ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { loadForUpdate, loadVisible } from './load.ts'
import { recomputeReputation } from './recomputeReputation.ts'
import { inTransaction } from './transaction.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'

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
}): Promise<{ thread: ThreadDoc; answer: AnswerDoc }> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    const thread = await loadForUpdate({ collection: 'threads', id: threadId, req })
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

    const previous = await findDocs({
      collection: 'answers',
      limit: 0,
      pagination: false,
      req,
      where: { and: [{ thread: { equals: thread.id } }, { isAccepted: { equals: true } }] },
    })
    for (const other of previous.docs) {
      if (!isSameId(other.id, answer.id)) {
        await writeSystemFields({ collection: 'answers', data: { acceptedAt: null, isAccepted: false }, id: other.id, req })
      }
    }
    await writeSystemFields({
      collection: 'answers',
      data: { acceptedAt: new Date().toISOString(), isAccepted: true },
      id: answer.id,
      req,
    })
    await writeSystemFields({
      collection: 'threads',
      data: { acceptedAnswer: answer.id, status: thread.status === 'resolved' ? 'resolved' : 'answered' },
      id: thread.id,
      req,
    })
    await recomputeReputation({ req, userIds: [answer.author, ...previous.docs.map((doc) => doc.author)] })
    return {
      answer: await readDoc({ collection: 'answers', id: answer.id, req }),
      thread: await readDoc({ collection: 'threads', id: thread.id, req }),
    }
  })
