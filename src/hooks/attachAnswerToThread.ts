import type { CollectionBeforeChangeHook } from 'payload'

import { ConflictError, NotFoundError } from '../errors.ts'
import { idOf, isRecord } from '../utilities/ids.ts'
import { findDocs } from '../data/local.ts'

/**
 * Ties an answer to its thread: on creation the thread must exist, be visible
 * to the person answering and not be closed; the answer takes the thread's
 * procedure (used for agency checks and search). An answer never moves to
 * another thread.
 */
export const attachAnswerToThread =
  (): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    if (operation === 'update') {
      const original: unknown = originalDoc
      if (!isRecord(original)) return
      return { ...data, procedure: idOf(original.procedure), thread: idOf(original.thread) }
    }
    const threadId = idOf(data.thread)
    if (threadId === null) return data
    const { docs } = await findDocs({
      collection: 'threads',
      limit: 1,
      overrideAccess: !req.user,
      pagination: false,
      req,
      where: { id: { equals: threadId } },
    })
    const thread = docs[0]
    if (!thread) throw new NotFoundError('thread', threadId)
    if (thread.status === 'closed') {
      throw new ConflictError('This thread is closed to new answers.')
    }
    return { ...data, procedure: idOf(thread.procedure) }
  }
