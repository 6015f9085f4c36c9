import type { CollectionSlug, PayloadRequest } from 'payload'

import type { ID } from '../utilities/ids.ts'

/** Collections whose main record holds the published version (drafts on). */
const versionedCollections: ReadonlySet<string> = new Set(['guides', 'wiki-pages'])

/** Listeners told after a system write, so derived state (the search index) follows. */
type SystemWriteListener = (args: { req: PayloadRequest; collection: CollectionSlug; id: ID }) => Promise<void>

const listeners: SystemWriteListener[] = []

/** Registers a listener called after every `writeSystemFields`. */
export const onSystemWrite = (listener: SystemWriteListener): void => {
  if (!listeners.includes(listener)) listeners.push(listener)
}

/**
 * Writes fields that only Entraide maintains (scores, verification, review
 * flags) without touching the content. On versioned collections an ordinary
 * update would start from the latest draft and publish it; writing the main
 * record directly changes the published version only, and the revision hook
 * carries these fields into later revisions.
 */
export const writeSystemFields = async ({
  collection,
  data,
  id,
  req,
}: {
  req: PayloadRequest
  collection: CollectionSlug
  id: ID
  data: Record<string, unknown>
}): Promise<void> => {
  if (versionedCollections.has(collection)) {
    await req.payload.db.updateOne({ collection, data, id, req, returning: false })
  } else {
    await req.payload.update({
      collection,
      context: { ...req.context, isSystemWrite: true },
      data,
      id,
      overrideAccess: true,
      req,
    })
  }
  for (const listener of listeners) {
    await listener({ collection, id, req })
  }
}
