import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { idOf, isRecord, type ID } from '../utilities/ids.ts'

/** The write being decided: the document's id on an update, and the data sent. */
export type DraftDecision = { id: ID | null; data: Record<string, unknown> }

/**
 * On a collection with drafts, turns a publish by someone who may not publish
 * into a draft save: the published version readers see stays as it was, and
 * the change waits for review. Runs before access and validation, so the rest
 * of Payload sees an ordinary draft save.
 */
export const forceDraftUnless =
  (canPublish: (req: PayloadRequest, write: DraftDecision) => boolean | Promise<boolean>): CollectionBeforeOperationHook =>
  async ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    const write: unknown = args
    if (!req.user || !isRecord(write) || !isRecord(write.data)) return args
    if (await canPublish(req, { data: write.data, id: operation === 'update' ? idOf(write.id) : null })) return args
    return { ...args, data: { ...write.data, _status: 'draft' }, draft: true, publishAllLocales: false }
  }
