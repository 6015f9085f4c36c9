import type { PayloadRequest } from 'payload'

import { readDoc } from '../data/local.ts'

import type { AnswerDoc } from '../data/documents.ts'
import { ConflictError, InvalidInputError } from '../errors.ts'
import { openPersonalDataReport, screenPersonalData } from '../hooks/guardPersonalData.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import type { ID } from '../utilities/ids.ts'
import { requireContributor } from './actor.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { canValidate } from '../policies/contributions.ts'
import { loadRelated, loadForUpdate } from './load.ts'
import { recomputeReputation } from './recomputeReputation.ts'
import { inTransaction } from './transaction.ts'

/** Longest validation note, in characters. */
export const maxValidationNoteLength = 1000

/**
 * A public agent confirms that an answer is right, with an optional note. The
 * thread becomes `resolved`. Validating again keeps the first validation.
 */
export const validateAnswer = async ({
  answerId,
  note,
  req,
}: {
  req: PayloadRequest
  answerId: ID
  note?: string
}): Promise<AnswerDoc> =>
  inTransaction(req, async () => {
    const actor = requireContributor(req)
    if (note !== undefined && note.length > maxValidationNoteLength) {
      throw new InvalidInputError(`The note is limited to ${maxValidationNoteLength} characters.`, 'note')
    }
    const answer = await loadForUpdate({ collection: 'answers', id: answerId, req })
    await requireAgencyRights({ actor, may: canValidate, procedure: answer.procedure, req, verb: 'validate answers' })
    if (answer.visibility !== 'published') {
      throw new ConflictError(
        'This answer is not published (awaiting moderation or hidden); publish it before validating it.',
      )
    }
    if (answer.validatedAt) return answer

    const screened = screenPersonalData({ plain: { note }, req })
    const safeNote = typeof screened.values.note === 'string' ? screened.values.note : undefined
    await writeSystemFields({
      collection: 'answers',
      data: { validatedAt: new Date().toISOString(), validatedBy: actor.id, validationNote: safeNote?.trim() || null },
      id: answer.id,
      req,
    })
    if (screened.findings.length > 0) {
      await openPersonalDataReport({ collection: 'answers', findings: screened.findings, id: answer.id, req })
    }
    const thread = await loadRelated({ collection: 'threads', req, value: answer.thread })
    if (thread && thread.status !== 'closed' && thread.status !== 'resolved') {
      await writeSystemFields({ collection: 'threads', data: { status: 'resolved' }, id: thread.id, req })
    }
    await recomputeReputation({ req, userIds: [answer.author] })
    return readDoc({ collection: 'answers', id: answer.id, req })
  })
