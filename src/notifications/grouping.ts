import type { PayloadRequest, TaskConfig } from 'payload'
import { z } from 'zod'

import { claimRow, inTransaction } from '../actions/transaction.ts'
import { notificationEmailGroupsSlug, notificationsSlug } from '../collections/Notifications.ts'
import type { ResolvedOptions } from '../options.ts'
import { idKey, idOf, isRecord, type ID } from '../utilities/ids.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'
import { groupedEmail, notificationEmail } from './email.ts'
import { isDuplicate } from './follows.ts'
import { digestKinds, notificationKinds, type NotificationKind } from './kinds.ts'
import { absolute, unsubscribeUrlOf } from './links.ts'
import { preferencesOf } from './preferences.ts'
import { notificationQueue } from './runner.ts'

/** The task that sends a person's grouped email at the end of their window. */
export const emailGroupTaskSlug = 'entraide-notify-email-group'

const id = z.union([z.string().min(1), z.number().int().nonnegative()])

const groupSchema = z.object({
  id,
  key: z.string(),
  recipient: z.unknown(),
  sendAt: z.string(),
  status: z.string(),
})
type Group = z.output<typeof groupSchema>

const memberSchema = z.object({
  id,
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string().nullish(),
  note: z.string().nullish(),
  link: z.string().nullish(),
})
type Member = z.output<typeof memberSchema>

const parsedGroup = (doc: unknown): Group | null => {
  const parsed = groupSchema.safeParse(doc)
  return parsed.success ? parsed.data : null
}

/** The person's group still waiting for its window's end, if any. */
const waitingGroupOf = async (req: PayloadRequest, recipient: ID): Promise<Group | null> => {
  const { docs } = await req.payload.find({
    collection: notificationEmailGroupsSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'sendAt',
    where: { and: [{ recipient: { equals: recipient } }, { status: { equals: 'waiting' } }] },
  })
  return parsedGroup(docs[0])
}

const timeOf = (value: unknown): number | null => {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isFinite(time) ? time : null
}

/**
 * When the person was last sent a notification email, alone or grouped (a
 * grouped email being sent counts from its window's end); the staff digests,
 * which are never grouped, aside.
 */
const lastEmailAt = async (req: PayloadRequest, recipient: ID): Promise<number | null> => {
  // One after the other: in a transaction, both queries share one connection.
  const sent = await req.payload.find({
    collection: notificationsSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    select: { emailSentAt: true },
    sort: '-emailSentAt',
    where: {
      and: [
        { recipient: { equals: recipient } },
        { emailSentAt: { exists: true } },
        { kind: { not_in: [...digestKinds] } },
      ],
    },
  })
  const sending = await req.payload.find({
    collection: notificationEmailGroupsSlug,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    pagination: false,
    req,
    sort: '-sendAt',
    where: { and: [{ recipient: { equals: recipient } }, { status: { equals: 'sending' } }] },
  })
  const first: unknown = sent.docs[0]
  const times = [isRecord(first) ? timeOf(first.emailSentAt) : null, timeOf(parsedGroup(sending.docs[0])?.sendAt)]
  return times.reduce<number | null>(
    (latest, time) => (time === null || (latest !== null && latest >= time) ? latest : time),
    null,
  )
}

const markGrouped = async (req: PayloadRequest, notification: ID, group: Group): Promise<void> => {
  await req.payload.update({
    collection: notificationsSlug,
    data: { emailGroup: group.key, emailStatus: 'grouped' },
    depth: 0,
    id: notification,
    overrideAccess: true,
    req,
  })
}

/** One decision, in one transaction: join the waiting group, open one, or neither (the email goes now). */
const tryHold = async (req: PayloadRequest, notification: ID, recipient: ID, windowMs: number): Promise<boolean> =>
  inTransaction(req, async () => {
    const waiting = await waitingGroupOf(req, recipient)
    if (waiting) {
      // The sending job claims the row before reading who is in it: joining waits for it, or comes first.
      await claimRow({ collection: notificationEmailGroupsSlug, id: waiting.id, req })
      const current = parsedGroup(
        await req.payload.findByID({
          collection: notificationEmailGroupsSlug,
          depth: 0,
          disableErrors: true,
          id: waiting.id,
          overrideAccess: true,
          req,
        }),
      )
      if (current?.status === 'waiting') {
        await markGrouped(req, notification, current)
        return true
      }
    }
    const last = await lastEmailAt(req, recipient)
    const now = Date.now()
    if (last === null || now >= last + windowMs) return false
    const sendAt = new Date(last + windowMs)
    const created: unknown = await req.payload.create({
      collection: notificationEmailGroupsSlug,
      // One row per person and window end: a second run deciding the same finds it taken.
      data: {
        key: `${String(recipient)}:${sendAt.toISOString()}`,
        recipient,
        sendAt: sendAt.toISOString(),
        status: 'waiting',
      },
      depth: 0,
      overrideAccess: true,
      req,
    })
    const group = parsedGroup(created)
    if (!group) throw new Error('Entraide notifications: a grouped email was made without its key.')
    await markGrouped(req, notification, group)
    await req.payload.jobs.queue({
      input: { group: group.id },
      queue: notificationQueue,
      req,
      task: emailGroupTaskSlug,
      waitUntil: sendAt,
    })
    return true
  })

/**
 * Whether a notification's email waits for the person's grouped email
 * (`notifications.emailWindowMs`): when a grouped email of theirs is waiting,
 * it joins it; when their last email went less than a window ago, it opens
 * the grouped email sent at that window's end; otherwise (or with a window of
 * 0) it goes now, alone. A notification waiting is `grouped`, with the key of
 * its grouped email in `emailGroup`.
 */
export const holdForGroup = async ({
  notification,
  recipient,
  req,
}: {
  req: PayloadRequest
  notification: ID
  recipient: ID
}): Promise<boolean> => {
  const windowMs = optionsOf(req.payload).notifications.emailWindowMs
  if (windowMs <= 0) return false
  try {
    return await tryHold(req, notification, recipient, windowMs)
  } catch (error) {
    // Another run opened this window's grouped email at the same moment: join it.
    if (!isDuplicate(error)) throw error
    return tryHold(req, notification, recipient, windowMs)
  }
}

const membersOf = async (req: PayloadRequest, group: Group): Promise<Member[]> => {
  const { docs } = await req.payload.find({
    collection: notificationsSlug,
    depth: 0,
    limit: 0,
    overrideAccess: true,
    pagination: false,
    req,
    sort: 'createdAt',
    where: { and: [{ emailGroup: { equals: group.key } }, { emailStatus: { equals: 'grouped' } }] },
  })
  return docs.flatMap((doc: unknown) => {
    const parsed = memberSchema.safeParse(doc)
    return parsed.success ? [parsed.data] : []
  })
}

/** Claims a grouped email for sending: null when it was sent (or settled) already, by this job or another. */
const claimGroup = async (req: PayloadRequest, groupId: ID): Promise<{ group: Group; members: Member[] } | null> =>
  inTransaction(req, async () => {
    await claimRow({ collection: notificationEmailGroupsSlug, id: groupId, req })
    const group = parsedGroup(
      await req.payload.findByID({
        collection: notificationEmailGroupsSlug,
        depth: 0,
        disableErrors: true,
        id: groupId,
        overrideAccess: true,
        req,
      }),
    )
    // `sending`: an earlier attempt of this job failed to send; it tries again.
    if (!group || (group.status !== 'waiting' && group.status !== 'sending')) return null
    if (group.status === 'waiting') {
      await req.payload.update({
        collection: notificationEmailGroupsSlug,
        data: { status: 'sending' },
        depth: 0,
        id: group.id,
        overrideAccess: true,
        req,
      })
    }
    return { group, members: await membersOf(req, group) }
  })

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 500)

/**
 * The task that sends a grouped email when its window ends: one email with
 * every notification that waited for it and whose kind the person still
 * takes by email (the others become `unsubscribed`), or that notification's
 * own email when only one is left. The grouped email is claimed first, so a
 * retry or a second node sends nothing twice; a mail server failure is
 * retried like any notification email, and the last attempt records the
 * failure on each notification and on the grouped email.
 */
export const emailGroupTask = (
  options: ResolvedOptions,
): TaskConfig<{ input: { group: ID }; output: { status: string; count: number } }> => ({
  handler: async ({ input, job, req }) => {
    const groupId = isRecord(input) ? idOf(input.group) : null
    const claimed = groupId === null ? null : await claimGroup(req, groupId)
    if (!claimed) return { output: { count: 0, status: 'skipped' } }
    const { group, members } = claimed
    const settle = async (
      status: 'sent' | 'failed' | 'empty',
      ids: ID[],
      data: Record<string, unknown>,
      groupData: Record<string, unknown> = {},
    ) => {
      await inTransaction(req, async () => {
        if (ids.length > 0) {
          await req.payload.update({
            collection: notificationsSlug,
            data,
            depth: 0,
            overrideAccess: true,
            req,
            select: { id: true },
            where: { and: [{ id: { in: ids } }, { emailGroup: { equals: group.key } }] },
          })
        }
        await req.payload.update({
          collection: notificationEmailGroupsSlug,
          data: { count: ids.length, status, ...groupData },
          depth: 0,
          id: group.id,
          overrideAccess: true,
          req,
        })
      })
    }
    const recipient = idOf(group.recipient)
    const user: unknown =
      recipient === null
        ? null
        : await req.payload.findByID({
            collection: usersCollectionOf(req.payload),
            depth: 0,
            disableErrors: true,
            id: recipient,
            overrideAccess: true,
            req,
          })
    const address = isRecord(user) && typeof user.email === 'string' ? user.email : null
    const memberIds = members.map((member) => member.id)
    if (recipient === null || address === null) {
      const error = 'The recipient has no email address.'
      await settle('failed', memberIds, { emailError: error, emailStatus: 'failed' }, { error })
      return { output: { count: 0, status: 'failed' } }
    }
    const preferences = (await preferencesOf(req, [recipient])).get(idKey(recipient) ?? '')
    const isEmailed = (kind: NotificationKind): boolean => preferences?.channels[kind] === 'email'
    const kept = members.filter((member) => isEmailed(member.kind))
    const dropped = members.filter((member) => !isEmailed(member.kind)).map((member) => member.id)
    if (dropped.length > 0) {
      await req.payload.update({
        collection: notificationsSlug,
        data: { emailStatus: 'unsubscribed' },
        depth: 0,
        overrideAccess: true,
        req,
        select: { id: true },
        where: { id: { in: dropped } },
      })
    }
    const [only] = kept
    if (!preferences || !only) {
      await settle('empty', [], {})
      return { output: { count: 0, status: 'empty' } }
    }
    const { language } = preferences
    const items = kept.map((member) => ({
      body: member.body ?? '',
      kind: member.kind,
      link: absolute(req, member.link ?? null),
      note: member.note ?? null,
      title: member.title,
    }))
    const kinds = [...new Set(kept.map((member) => member.kind))]
    const email =
      kept.length === 1
        ? notificationEmail({
            body: only.body ?? '',
            kind: only.kind,
            language,
            link: absolute(req, only.link ?? null),
            note: only.note ?? null,
            title: only.title,
            to: address,
            unsubscribeUrl: unsubscribeUrlOf(req, recipient, [only.kind]),
          })
        : groupedEmail({
            items,
            language,
            to: address,
            unsubscribeUrl: unsubscribeUrlOf(req, recipient, kinds),
            unsubscribeUrlOfKind: (kind) => unsubscribeUrlOf(req, recipient, [kind]),
          })
    const keptIds = kept.map((member) => member.id)
    try {
      await req.payload.sendEmail(email)
    } catch (error) {
      if (job.totalTried < options.notifications.retry.attempts) throw error
      const text = errorText(error)
      await settle('failed', keptIds, { emailError: text, emailStatus: 'failed' }, { error: text })
      req.payload.logger.error({
        err: error,
        msg: `Entraide notifications: the grouped email ${String(group.id)} could not be sent; recorded as failed.`,
      })
      return { output: { count: 0, status: 'failed' } }
    }
    const sentAt = new Date().toISOString()
    await settle(
      'sent',
      keptIds,
      { emailError: null, emailSentAt: sentAt, emailStatus: 'sent' },
      { error: null, sentAt },
    )
    return { output: { count: keptIds.length, status: 'sent' } }
  },
  inputSchema: [{ name: 'group', required: true, type: 'text' }],
  label: 'Entraide: send a person’s grouped notification email',
  outputSchema: [
    { name: 'status', type: 'text' },
    { name: 'count', type: 'number' },
  ],
  retries: {
    attempts: options.notifications.retry.attempts,
    backoff: { delay: options.notifications.retry.delayMs, type: 'exponential' },
  },
  slug: emailGroupTaskSlug,
})
