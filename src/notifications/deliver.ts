import type { PayloadRequest, TaskConfig } from 'payload'
import { z } from 'zod'

import { notificationsSlug } from '../collections/Notifications.ts'
import { inTransaction } from '../actions/transaction.ts'
import type { ResolvedOptions } from '../options.ts'
import { fillIn, notificationStrings } from '../translations/notifications.ts'
import { idKey, idOf, isRecord, type ID } from '../utilities/ids.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'
import { digestEmail, notificationEmail, type NotificationEmail } from './email.ts'
import { parseDigest, sectionLabel } from './digests.ts'
import type { NotificationEvent } from './events.ts'
import { followersPage, keysOf } from './follows.ts'
import {
  followableCollections,
  isDigestKind,
  notificationKinds,
  subjectCollections,
  type NotificationKind,
  type NotificationLanguage,
} from './kinds.ts'
import { preferencesOf } from './preferences.ts'
import { notificationQueue } from './runner.ts'
import { summarizeSubject, type SubjectSummary } from './subjects.ts'
import { absolute, siteUrlOf, unsubscribeUrlOf } from './links.ts'
import { holdForGroup } from './grouping.ts'

/** The task that turns one event into notifications, one per recipient. */
export const fanOutTaskSlug = 'entraide-notify'
/** The task that sends one notification's email. */
export const emailTaskSlug = 'entraide-notify-email'

const id = z.union([z.string().min(1), z.number().int().nonnegative()])

const eventSchema = z.object({
  actor: id.nullable(),
  exclude: z.array(id),
  followersOf: z.object({ collection: z.enum(followableCollections), id }).nullable(),
  key: z.string().min(1),
  kind: z.enum(notificationKinds),
  linkTo: z.object({ collection: z.literal('wiki-pages'), id }).nullable(),
  note: z.string().nullable(),
  subject: z.object({ collection: z.enum(subjectCollections), id }),
  to: z.array(id),
})

/** Reads a job's event back; null when it is not one. */
const parseEvent = (input: unknown): NotificationEvent | null => {
  const event = isRecord(input) ? eventSchema.safeParse(input.event) : null
  return event?.success ? event.data : null
}

/** Notifications created per transaction during a fan-out. */
const notificationsPerTransaction = 20

/** The longest pause between two transactions of a fan-out, in milliseconds. */
const pauseLimitMs = 50

/**
 * Lets other requests run: SQLite's driver holds the event loop during each
 * statement, and a request takes several turns of the loop (reading its body,
 * its own queries, writing its response). A timer, rather than
 * `setImmediate`, leaves the loop idle for a moment, so a request under way
 * gets through several of its turns before the next row rather than one.
 */
const yieldToOthers = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

type Delivery = { created: number; emails: number }

/**
 * Creates the notifications of one kind for some people, each in their own
 * language and by their own choice of channel, and queues an email for those
 * who chose email. A person already told of this event is skipped: running
 * the job again creates nothing twice.
 */
const deliverTo = async ({
  event,
  kind,
  recipients,
  req,
  summary,
}: {
  req: PayloadRequest
  event: NotificationEvent
  kind: NotificationKind
  recipients: readonly ID[]
  summary: SubjectSummary
}): Promise<Delivery> => {
  const count: Delivery = { created: 0, emails: 0 }
  if (recipients.length === 0) return count
  const options = optionsOf(req.payload)
  const preferences = await preferencesOf(req, recipients)
  const keys = recipients.map((recipient) => `${event.key}:${kind}:${String(recipient)}`)
  const { docs: existing } = await req.payload.find({
    collection: notificationsSlug,
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { eventKey: true },
    where: { eventKey: { in: keys } },
  })
  const done = new Set(existing.map((doc: unknown) => (isRecord(doc) ? String(doc.eventKey) : '')))
  const pending = recipients.flatMap((recipient, index) => {
    const eventKey = keys[index] ?? ''
    const chosen = preferences.get(idKey(recipient) ?? '')
    if (!chosen || done.has(eventKey) || chosen.channels[kind] === 'off') return []
    return [{ chosen, eventKey, recipient }]
  })
  for (let start = 0; start < pending.length; start += notificationsPerTransaction) {
    const chunk = pending.slice(start, start + notificationsPerTransaction)
    const startedAt = performance.now()
    // One transaction per chunk: a few commits for thousands of rows, and short enough
    // that other writers wait little. A chunk that fails (a parallel run created one of
    // its rows first) is rolled back whole and the job retried; the rows made are skipped.
    await inTransaction(req, async () => {
      for (const { chosen, eventKey, recipient } of chunk) {
        const strings = notificationStrings[chosen.language].kinds[kind]
        const isEmailed = chosen.channels[kind] === 'email' && options.notifications.isEmailEnabled
        // Written through the adapter: the delivery made every value itself, so Payload's
        // create (validation, hooks, reading the row back) would only slow a fan-out to thousands.
        const now = new Date().toISOString()
        const created: unknown = await req.payload.db.create({
          collection: notificationsSlug,
          data: {
            createdAt: now,
            isRead: false,
            updatedAt: now,
            body: fillIn(strings.body, { title: summary.title }),
            emailStatus: isEmailed ? 'pending' : 'none',
            eventKey,
            kind,
            link: summary.link,
            note: event.note,
            recipient,
            subjectCollection: event.subject.collection,
            subjectId: String(event.subject.id),
            title: strings.title,
          },
          req,
          // Read back only when the email job needs its id.
          returning: isEmailed,
        })
        count.created += 1
        const notification = isRecord(created) ? idOf(created.id) : null
        if (isEmailed && notification !== null) {
          await req.payload.jobs.queue({ input: { notification }, queue: notificationQueue, req, task: emailTaskSlug })
          count.emails += 1
        }
        // Between two rows too: other requests' reads do not wait for this transaction (its
        // writes wait for nobody's), so they run at once rather than after the whole chunk.
        await yieldToOthers()
      }
    })
    // Then as long a pause as the transaction took (at most 50 ms): a fan-out to thousands
    // takes about half of the process and the database, and what other people do keeps its pace.
    await new Promise((resolve) => setTimeout(resolve, Math.min(pauseLimitMs, performance.now() - startedAt)))
  }
  return count
}

/**
 * The fan-out task: the people told directly get the event's own kind; the
 * followers of its thread, guide or procedure, one page at a time, get
 * `followed-update`. Nobody is told twice, nor about their own doing.
 */
export const fanOutTask = (): TaskConfig<{ input: { event: NotificationEvent }; output: Delivery }> => ({
  handler: async ({ input, req }) => {
    const event = parseEvent(input)
    if (!event) {
      req.payload.logger.error({ input, msg: 'Entraide notifications: a job had an unreadable event; dropped.' })
      return { output: { created: 0, emails: 0 } }
    }
    const summary = await summarizeSubject(req, event)
    // The item was deleted before the job ran: there is nothing to point to.
    if (!summary) return { output: { created: 0, emails: 0 } }
    const actor = idKey(event.actor) ?? ''
    const direct = event.to.filter((user) => idKey(user) !== actor)
    const total = await deliverTo({ event, kind: event.kind, recipients: direct, req, summary })
    if (event.followersOf) {
      const told = keysOf([...event.exclude, ...event.to, ...(event.actor === null ? [] : [event.actor])])
      for (let afterId: ID | null = null, isFirst = true; isFirst || afterId !== null; isFirst = false) {
        const page = await followersPage({ ...event.followersOf, afterId, req })
        const recipients = page.users.filter((user) => !told.has(idKey(user) ?? ''))
        const count = await deliverTo({ event, kind: 'followed-update', recipients, req, summary })
        total.created += count.created
        total.emails += count.emails
        afterId = page.lastId
      }
    }
    return { output: total }
  },
  inputSchema: [{ name: 'event', required: true, type: 'json' }],
  label: 'Entraide: notify the people concerned by an event',
  // A failed run (the database busy, a chunk lost to a parallel run) starts again; what was created is skipped.
  retries: { attempts: 5, backoff: { delay: 1000, type: 'exponential' } },
  outputSchema: [
    { name: 'created', type: 'number' },
    { name: 'emails', type: 'number' },
  ],
  slug: fanOutTaskSlug,
})

const notificationSchema = z.object({
  id,
  recipient: z.unknown(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string().nullish(),
  note: z.string().nullish(),
  link: z.string().nullish(),
  emailStatus: z.string().nullish(),
})

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500)

/**
 * The email task: sends one notification's email through the host's email
 * adapter. A mail server failure throws, so the job is retried with
 * exponential backoff (`notifications.retry`); the last attempt records the
 * failure on the notification (`emailStatus: 'failed'`) instead. An email
 * already sent, or a kind unsubscribed since, sends nothing.
 */
/**
 * A digest's email, from the digest its job carries: the sections in the
 * recipient's language, with full addresses into the admin panel. Null when
 * the job carries none (the email is then the notification's text).
 */
const digestEmailOf = ({
  digest,
  kind,
  language,
  req,
  title,
  to,
  unsubscribeUrl,
}: {
  req: PayloadRequest
  digest: unknown
  kind: NotificationKind
  language: NotificationLanguage
  title: string
  to: string
  unsubscribeUrl: string
}): NotificationEmail | null => {
  const parsed = isDigestKind(kind) ? parseDigest(digest) : null
  if (!parsed) return null
  const admin = `${siteUrlOf(req)}${req.payload.config.routes.admin}`
  return digestEmail({
    adminLink: admin,
    kind,
    language,
    sections: parsed.sections.map((part) => ({
      items: part.items.map((item) => ({ link: `${admin}${item.path}`, title: item.title })),
      label: sectionLabel(language, part.key, part.count),
      link: `${admin}${part.path}`,
      more: Math.max(0, part.count - part.items.length),
    })),
    title,
    to,
    unsubscribeUrl,
  })
}

export const emailTask = (
  options: ResolvedOptions,
): TaskConfig<{ input: { notification: ID; digest?: unknown }; output: { status: string } }> => ({
  handler: async ({ input, job, req }) => {
    const notificationId = isRecord(input) ? idOf(input.notification) : null
    const found: unknown =
      notificationId === null
        ? null
        : await req.payload.findByID({ collection: notificationsSlug, depth: 0, disableErrors: true, id: notificationId, overrideAccess: true, req })
    const parsed = notificationSchema.safeParse(found)
    if (!parsed.success || parsed.data.emailStatus !== 'pending') return { output: { status: 'skipped' } }
    const notification = parsed.data
    const recipient = idOf(notification.recipient)
    const mark = async (data: Record<string, unknown>): Promise<void> => {
      await req.payload.update({ collection: notificationsSlug, data, depth: 0, id: notification.id, overrideAccess: true, req })
    }
    const user: unknown =
      recipient === null
        ? null
        : await req.payload.findByID({ collection: usersCollectionOf(req.payload), depth: 0, disableErrors: true, id: recipient, overrideAccess: true, req })
    const address = isRecord(user) && typeof user.email === 'string' ? user.email : null
    if (recipient === null || address === null) {
      await mark({ emailError: 'The recipient has no email address.', emailStatus: 'failed' })
      return { output: { status: 'failed' } }
    }
    const preferences = (await preferencesOf(req, [recipient])).get(idKey(recipient) ?? '')
    if (!preferences || preferences.channels[notification.kind] !== 'email') {
      await mark({ emailStatus: 'unsubscribed' })
      return { output: { status: 'unsubscribed' } }
    }
    const digest = isRecord(input) ? input.digest : null
    // Within the person's email window, the email waits for the window's grouped email instead.
    if (!isDigestKind(notification.kind) && (await holdForGroup({ notification: notification.id, recipient, req }))) {
      return { output: { status: 'grouped' } }
    }
    const unsubscribeUrl = unsubscribeUrlOf(req, recipient, [notification.kind])
    const email =
      digestEmailOf({
        digest,
        kind: notification.kind,
        language: preferences.language,
        req,
        title: notification.title,
        to: address,
        unsubscribeUrl,
      }) ??
      notificationEmail({
        body: notification.body ?? '',
        kind: notification.kind,
        language: preferences.language,
        link: absolute(req, notification.link ?? null),
        note: notification.note ?? null,
        title: notification.title,
        to: address,
        unsubscribeUrl,
      })
    try {
      await req.payload.sendEmail(email)
    } catch (error) {
      if (job.totalTried < options.notifications.retry.attempts) throw error
      await mark({ emailError: errorText(error), emailStatus: 'failed' })
      req.payload.logger.error({ err: error, msg: `Entraide notifications: the email of notification ${String(notification.id)} could not be sent; recorded as failed.` })
      return { output: { status: 'failed' } }
    }
    await mark({ emailError: null, emailSentAt: new Date().toISOString(), emailStatus: 'sent' })
    return { output: { status: 'sent' } }
  },
  inputSchema: [
    { name: 'notification', required: true, type: 'text' },
    // A digest's sections, for its email: they are not kept on the notification.
    { name: 'digest', type: 'json' },
  ],
  label: 'Entraide: email a notification',
  outputSchema: [{ name: 'status', type: 'text' }],
  retries: {
    attempts: options.notifications.retry.attempts,
    backoff: { delay: options.notifications.retry.delayMs, type: 'exponential' },
  },
  slug: emailTaskSlug,
})
