import type { CollectionAfterChangeHook, CollectionConfig, PayloadRequest } from 'payload'

import { decodeDocument } from '../data/documents.ts'
import { findDocByID } from '../data/local.ts'
import { actorFromRequest } from '../policies/roles.ts'
import { optionsOf } from '../utilities/pluginOptions.ts'
import { answerEvents, contributionEvents, guideEvents, procedureEvents, proposalEvents, type NotificationEvent } from './events.ts'
import { fanOutTaskSlug } from './deliver.ts'
import { follow } from './follows.ts'
import { notificationQueue, runNotificationsAfterCommit } from './runner.ts'

// Keyed by the request's context, shared by every Local API call made with
// the request: one request queues each event once.
const queuedEvents = new WeakMap<object, Set<string>>()

/**
 * Queues the delivery of events in the transaction of `req` (the outbox): the
 * jobs exist exactly when the write does, so a refused or rolled-back write
 * notifies no one. In `'auto'` mode the queue runs once that transaction has
 * committed, never inside the request.
 */
export const queueNotificationEvents = async ({ events, req }: { req: PayloadRequest; events: NotificationEvent[] }): Promise<void> => {
  const options = optionsOf(req.payload).notifications
  if (!options.isEnabled || events.length === 0) return
  const queued = queuedEvents.get(req.context) ?? new Set<string>()
  queuedEvents.set(req.context, queued)
  for (const event of events) {
    if (queued.has(event.key)) continue
    queued.add(event.key)
    await req.payload.jobs.queue({ input: { event }, queue: notificationQueue, req, task: fanOutTaskSlug })
  }
  if (options.runJobs === 'auto') runNotificationsAfterCommit(req)
}

const actorIdOf = (req: PayloadRequest) => actorFromRequest(req)?.id ?? null

const answersHook: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  const answer = decodeDocument('answers', doc)
  const previous = operation === 'create' ? null : decodeDocument('answers', previousDoc)
  const thread = answer.thread === null ? null : await findDocByID({ collection: 'threads', id: answer.thread, req })
  if (operation === 'create' && thread && answer.author !== null) {
    await follow({ collection: 'threads', id: thread.id, req, user: answer.author })
  }
  await queueNotificationEvents({ events: answerEvents({ actor: actorIdOf(req), doc: answer, previous, thread }), req })
}

const threadsHook: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  const thread = decodeDocument('threads', doc)
  if (operation === 'create') {
    if (thread.author !== null) await follow({ collection: 'threads', id: thread.id, req, user: thread.author })
    return
  }
  const events = contributionEvents({ actor: actorIdOf(req), collection: 'threads', doc: thread, previous: decodeDocument('threads', previousDoc) })
  await queueNotificationEvents({ events, req })
}

const tipsHook: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  if (operation === 'create') return
  const events = contributionEvents({
    actor: actorIdOf(req),
    collection: 'tips',
    doc: decodeDocument('tips', doc),
    previous: decodeDocument('tips', previousDoc),
  })
  await queueNotificationEvents({ events, req })
}

const proposalsHook: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  const proposal = decodeDocument('guide-proposals', doc)
  if (operation === 'create') {
    if (proposal.author !== null && proposal.guide !== null) {
      await follow({ collection: 'guides', id: proposal.guide, req, user: proposal.author })
    }
  }
  const previous = operation === 'create' ? null : decodeDocument('guide-proposals', previousDoc)
  await queueNotificationEvents({ events: proposalEvents({ doc: proposal, previous }), req })
}

const guidesHook: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  if (operation === 'create') return
  const events = guideEvents({ actor: actorIdOf(req), doc: decodeDocument('guides', doc), previous: decodeDocument('guides', previousDoc) })
  await queueNotificationEvents({ events, req })
}

const proceduresHook: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  if (operation === 'create') return
  const events = procedureEvents({
    actor: actorIdOf(req),
    doc: decodeDocument('procedures', doc),
    previous: decodeDocument('procedures', previousDoc),
  })
  await queueNotificationEvents({ events, req })
}

const hooksBySlug: Record<string, CollectionAfterChangeHook> = {
  answers: answersHook,
  'guide-proposals': proposalsHook,
  guides: guidesHook,
  procedures: proceduresHook,
  threads: threadsHook,
  tips: tipsHook,
}

/**
 * The collection with the hook that turns its writes into notification
 * events, last among its `afterChange` hooks, when it has one; otherwise
 * unchanged.
 */
export const withNotificationHooks = (collection: CollectionConfig): CollectionConfig => {
  const hook = hooksBySlug[collection.slug]
  if (!hook) return collection
  return {
    ...collection,
    hooks: { ...collection.hooks, afterChange: [...(collection.hooks?.afterChange ?? []), hook] },
  }
}
