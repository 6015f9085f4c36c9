import type { CollectionBeforeChangeHook } from 'payload'

import { findDocByID } from '../data/local.ts'
import { InvalidInputError } from '../errors.ts'
import { idOf, isRecord } from '../utilities/ids.ts'

/**
 * A tip's or question's `step` names one of its procedure's steps, counted
 * from 0: anything else is refused with 400 naming `step` and the number of
 * steps the procedure has. Checked against the procedure the item ends up on
 * (the one sent, or the one it had), whenever either changes.
 */
export const refuseUnknownStep =
  (): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, req }) => {
    const isStepSent = 'step' in data
    const isProcedureSent = 'procedure' in data
    if (!isStepSent && !isProcedureSent) return data
    const step: unknown = isStepSent ? data.step : isRecord(originalDoc) ? originalDoc.step : undefined
    if (step === undefined || step === null) return data
    const procedureValue: unknown = isProcedureSent
      ? data.procedure
      : isRecord(originalDoc)
        ? originalDoc.procedure
        : null
    const procedureId = idOf(isRecord(procedureValue) ? procedureValue.id : procedureValue)
    if (procedureId === null) return data
    const procedure = await findDocByID({ collection: 'procedures', id: procedureId, req })
    // A procedure that does not exist is the procedure field's own error.
    if (procedure === null) return data
    const count = procedure.steps.length
    if (typeof step !== 'number' || !Number.isInteger(step) || step < 0 || step >= count) {
      throw new InvalidInputError(
        count === 0
          ? `"step" cannot be set: the procedure "${procedure.title}" has no steps.`
          : `"step" must be a step of the procedure, from 0 to ${count - 1}: "${procedure.title}" has ${count} step${count === 1 ? '' : 's'}.`,
        'step',
      )
    }
    return data
  }
