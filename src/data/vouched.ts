import type { PayloadRequest } from 'payload'

import { distinctIds, idKey } from '../utilities/ids.ts'
import { findAllDocs } from './local.ts'

/** Collections whose items people can report, apart from guides (reviewed through their versions). */
export type ReportableContribution = 'threads' | 'answers' | 'tips'

/**
 * Which of the given items carry a public agent's word: an answer or a tip
 * that an agent validated or promoted into an official page, or a question
 * holding such an answer (hiding the question would hide the answer). Reports
 * never hide these by themselves: they wait for an editor, first in the
 * moderation queue. Returns the id keys (`idKey`) of those items.
 */
export const vouchedFor = async ({
  collection,
  ids,
  req,
}: {
  req: PayloadRequest
  collection: ReportableContribution
  ids: readonly unknown[]
}): Promise<Set<string>> => {
  const wanted = distinctIds(ids)
  const found = new Set<string>()
  if (wanted.length === 0) return found
  if (collection === 'threads') {
    const answers = await findAllDocs({
      collection: 'answers',
      req,
      where: {
        and: [
          { thread: { in: wanted } },
          { or: [{ validatedAt: { exists: true } }, { promotedTo: { exists: true } }] },
        ],
      },
    })
    for (const answer of answers) {
      if (!answer.validatedAt && answer.promotedTo == null) continue
      const key = idKey(answer.thread)
      if (key !== null) found.add(key)
    }
    return found
  }
  const docs = await findAllDocs({ collection, req, where: { id: { in: wanted } } })
  for (const doc of docs) {
    if (doc.validatedAt || doc.promotedTo != null) found.add(String(doc.id))
  }
  return found
}
