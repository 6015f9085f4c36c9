import type { CollectionAfterChangeHook } from 'payload'

import { flagKnowledgeOfProcedure } from '../actions/flagForReverification.ts'
import { procedureChanges } from '../data/procedureChanges.ts'
import { idOf } from '../utilities/ids.ts'

/**
 * When the administration changes a procedure's official content (steps,
 * required documents, cost, delay, official page, date of last official
 * change), the knowledge written about it is marked "to re-verify" with what
 * changed, so readers are warned and agents know what to check.
 */
export const flagKnowledgeWhenProcedureChanges =
  (): CollectionAfterChangeHook =>
  async ({ doc, operation, previousDoc, req }) => {
    if (operation !== 'update') return
    const procedure = idOf(doc)
    if (procedure === null) return
    await flagKnowledgeOfProcedure({ changes: procedureChanges(previousDoc, doc), procedure, req })
  }
