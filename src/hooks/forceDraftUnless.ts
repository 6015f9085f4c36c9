import type { CollectionBeforeOperationHook, PayloadRequest } from 'payload'

import { isRecord } from '../utilities/ids.ts'

/**
 * On a collection with drafts, turns a publish by someone who may not publish
 * into a draft save: the published version readers see stays as it was, and
 * the change waits for review. Runs before access and validation, so the rest
 * of Payload sees an ordinary draft save.
 */
export const forceDraftUnless =
  (canPublish: (req: PayloadRequest) => boolean): CollectionBeforeOperationHook =>
  ({ args, operation, req }) => {
    if (operation !== 'create' && operation !== 'update') return args
    if (!req.user || canPublish(req)) return args
    if (!isRecord(args) || !isRecord(args.data)) return args
    return { ...args, data: { ...args.data, _status: 'draft' }, draft: true, publishAllLocales: false }
  }
