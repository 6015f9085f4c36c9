import type { CollectionBeforeOperationHook } from 'payload'

import { idOf, isRecord } from '../utilities/ids.ts'

/**
 * Set in `req.context` by the action that publishes the waiting draft of a
 * guide (`publishGuideEdit`): only there does a publish take what it does not
 * send from the latest draft.
 */
export const publishWaitingDraftKey = 'entraidePublishWaitingDraft'

/** The guide's own content: what a publish that does not send it keeps from the published record. */
const contentFields = ['title', 'procedure', 'body'] as const

/**
 * Payload fills what an update leaves out from the document's latest
 * revision, which may be someone else's draft waiting for review: a publish
 * that changes the title alone would publish that draft's text with it. Such
 * a publish takes what it leaves out from the published record instead, read
 * before anything is merged. Runs last among the guide's `beforeOperation`
 * hooks, after a publish by someone who may not publish became a draft.
 */
export const publishOnlyWhatIsSent =
  (): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (operation !== 'update' || req.context[publishWaitingDraftKey] === true) return args
    const write: unknown = args
    if (!isRecord(write) || !isRecord(write.data) || write.data._status !== 'published') return args
    const id = idOf(write.id)
    if (id === null) return args
    const missing = contentFields.filter((field) => isRecord(write.data) && !(field in write.data))
    if (missing.length === 0) return args
    const published: unknown = await req.payload.db.findOne({
      collection: 'guides',
      req,
      where: { id: { equals: id } },
    })
    if (!isRecord(published)) return args
    const kept = Object.fromEntries(
      missing.map((field) => [field, field === 'procedure' ? idOf(published[field]) : published[field]]),
    )
    return { ...args, data: { ...write.data, ...kept } }
  }
