import type { PayloadRequest } from 'payload'

import type { AnswerDoc, ThreadDoc, TipDoc } from '../data/documents.ts'
import { ConflictError, ForbiddenActionError, InvalidInputError } from '../errors.ts'
import { screenPersonalData } from '../hooks/guardPersonalData.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import { canModerate, canPublishPending } from '../policies/contributions.ts'
import type { ID } from '../utilities/ids.ts'
import { readDoc } from '../data/local.ts'
import { requireContributor } from './actor.ts'
import { agencyOfProcedure, loadForUpdate } from './load.ts'
import { inTransaction } from './transaction.ts'

/** What a moderator can do to a contribution. */
export const moderationActions = ['publish', 'hide', 'restore', 'lock', 'unlock'] as const
export type ModerationAction = (typeof moderationActions)[number]

/** Collections that moderation acts on. */
export type ModeratedCollection = 'threads' | 'answers' | 'tips'

/** Longest moderation reason, in characters. */
export const maxModerationReasonLength = 1000

/** The note of an item hidden automatically by reports, pending an editor's decision. */
export const autoHideNote = 'Hidden automatically after several reports, pending a moderator’s decision.'

/** Whether a value is a moderation action. */
export const isModerationAction = (value: unknown): value is ModerationAction =>
  moderationActions.some((action) => action === value)

/** The status a thread goes back to when unlocked: derived from its answers. */
const unlockedStatus = async (req: PayloadRequest, thread: ThreadDoc): Promise<ThreadDoc['status']> => {
  const validated = await req.payload.count({
    collection: 'answers',
    overrideAccess: true,
    req,
    where: {
      and: [
        { thread: { equals: thread.id } },
        { validatedAt: { exists: true } },
        { visibility: { equals: 'published' } },
      ],
    },
  })
  if (validated.totalDocs > 0) return 'resolved'
  return thread.acceptedAnswer ? 'answered' : 'open'
}

/**
 * Moderates one contribution and settles its open reports:
 * - `publish` a pending item (agents of the procedure's agency, editors, admins);
 * - `hide` with a reason shown to the author, `restore` a hidden item,
 *   `lock` a thread against new answers and edits, `unlock` it (editors, admins).
 */
export const moderateContent = async ({
  action,
  collection,
  id,
  reason,
  req,
}: {
  req: PayloadRequest
  collection: ModeratedCollection
  id: ID
  action: ModerationAction
  reason?: string
}): Promise<ThreadDoc | AnswerDoc | TipDoc> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (!isModerationAction(action)) {
      throw new InvalidInputError(`The action must be one of: ${moderationActions.join(', ')}.`, 'action')
    }
    const typed = reason?.trim() ?? ''
    if (typed.length > maxModerationReasonLength) {
      throw new InvalidInputError(`The reason is limited to ${maxModerationReasonLength} characters.`, 'reason')
    }
    // The author reads the reason, and reports keep it as their resolution.
    const screened = screenPersonalData({ plain: { reason: typed }, req }).values.reason
    const note = typeof screened === 'string' ? screened : typed
    const item = await loadForUpdate({ collection, id, req })
    if (action === 'publish') {
      const agency = await agencyOfProcedure({ procedure: item.procedure, req })
      if (!canPublishPending(actor, agency)) {
        throw new ForbiddenActionError(
          'Only agents of the procedure’s agency, editors and admins publish pending contributions.',
        )
      }
      if (item.visibility !== 'pending') throw new ConflictError('Only a pending contribution can be published.')
      await writeSystemFields({ collection, data: { visibility: 'published' }, id: item.id, req })
    } else {
      if (!canModerate(actor)) throw new ForbiddenActionError('Only editors and admins moderate contributions.')
      if ((action === 'hide' || action === 'lock') && note === '') {
        throw new InvalidInputError('Give a reason: the author will see it.', 'reason')
      }
      if (action === 'hide') {
        if (item.visibility === 'hidden') throw new ConflictError('This contribution is already hidden.')
        await writeSystemFields({ collection, data: { moderationNote: note, visibility: 'hidden' }, id: item.id, req })
      } else if (action === 'restore') {
        if (item.visibility !== 'hidden') throw new ConflictError('Only a hidden contribution can be restored.')
        await writeSystemFields({
          collection,
          data: { moderationNote: null, visibility: 'published' },
          id: item.id,
          req,
        })
      } else {
        if (collection !== 'threads') throw new InvalidInputError('Only threads can be locked or unlocked.', 'action')
        const thread = await readDoc({ collection: 'threads', id: item.id, req })
        if (action === 'lock') {
          if (thread.status === 'closed') throw new ConflictError('This thread is already locked.')
          await writeSystemFields({ collection, data: { moderationNote: note, status: 'closed' }, id: item.id, req })
        } else {
          if (thread.status !== 'closed') throw new ConflictError('Only a locked thread can be unlocked.')
          await writeSystemFields({
            collection,
            data: { moderationNote: null, status: await unlockedStatus(req, thread) },
            id: item.id,
            req,
          })
        }
      }
    }
    await settleReports({ action, note, req, targetKey: `${collection}:${String(item.id)}` })
    return readDoc({ collection, id: item.id, req })
  })

/**
 * A decision on an item settles its open reports: hiding or locking resolves
 * them, restoring or publishing dismisses them, with who decided and why.
 */
export const settleReports = async ({
  action,
  note,
  req,
  targetKey,
}: {
  req: PayloadRequest
  /** The reported item, as reports name it (`collection:id`). */
  targetKey: string
  action: ModerationAction | 'dismiss'
  note: string
}): Promise<void> => {
  if (action === 'unlock') return
  const actor = requireContributor(req)
  const status = action === 'hide' || action === 'lock' ? 'resolved' : 'dismissed'
  await req.payload.update({
    collection: 'reports',
    data: {
      resolution: note || `${action} by a moderator`,
      resolvedAt: new Date().toISOString(),
      resolvedBy: actor.id,
      status,
    },
    overrideAccess: true,
    req,
    where: { and: [{ targetKey: { equals: targetKey } }, { status: { equals: 'open' } }] },
  })
}
