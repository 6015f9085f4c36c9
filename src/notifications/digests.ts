import type { JobsConfig, JsonObject, PayloadRequest, TaskConfig, TypeWithID, Where } from 'payload'
import { createLocalReq } from 'payload'
import { z } from 'zod'

import { findAwaitingValidation } from '../admin/queries/awaitingValidation.ts'
import { findGuideEditsAwaitingReview } from '../admin/queries/guideReviews.ts'
import { findModerationQueue } from '../admin/queries/moderationQueue.ts'
import { excerpt } from '../admin/queries/scope.ts'
import { inTransaction } from '../actions/transaction.ts'
import { notificationsSlug } from '../collections/Notifications.ts'
import { findDocs } from '../data/local.ts'
import { procedureScope } from '../data/procedureScope.ts'
import { loadReverifyQueue } from '../data/reverifyQueue.ts'
import type { ResolvedOptions } from '../options.ts'
import { agencyScopeOf, canModerate } from '../policies/contributions.ts'
import { actorOf, layoutOfRequest, roles, type Actor, type Role } from '../policies/roles.ts'
import { fillIn, notificationStrings } from '../translations/notifications.ts'
import { idKey, idOf, isRecord, type ID } from '../utilities/ids.ts'
import { optionsOf, usersCollectionOf } from '../utilities/pluginOptions.ts'
import { withBackstopCron } from '../utilities/queueRunner.ts'
import { emailTaskSlug } from './deliver.ts'
import type { DigestKind, NotificationLanguage } from './kinds.ts'
import { preferencesOf } from './preferences.ts'
import { notificationQueue, requestNotificationRun } from './runner.ts'

/** The jobs queue of the staff digests: `payload.jobs.run({ queue: digestQueue })` runs it. */
export const digestQueue = 'entraide-digests'

/** The slug of the task that sends the day's digests. */
export const digestTaskSlug = 'entraide-send-digests'

/** What a section of a digest counts. */
export const digestSections = [
  'unanswered-questions',
  'to-validate',
  'guide-proposals',
  'guide-edits',
  'to-reverify',
  'wiki-drafts',
  'reports',
] as const
export type DigestSection = (typeof digestSections)[number]

/** Most items a section lists; its count says how many wait in all. */
const itemsPerSection = 5

/** Most questions read to tell which have no answer yet. */
const questionsRead = 200

/** Staff accounts read per page. */
const staffPerPage = 100

const path = z.string()

/**
 * A digest as the email task receives it: what waits, in no language, with
 * admin paths (relative to the admin route). Titles are those of the items
 * themselves; nobody's name or address is in it.
 */
const digestSchema = z.object({
  sections: z.array(
    z.object({
      key: z.enum(digestSections),
      count: z.number().int().positive(),
      path,
      items: z.array(z.object({ title: z.string(), path })),
    }),
  ),
})
export type Digest = z.output<typeof digestSchema>
type Section = Digest['sections'][number]

/** Reads a digest back from a job's input; null when it is not one. */
export const parseDigest = (value: unknown): Digest | null => {
  const parsed = digestSchema.safeParse(value)
  return parsed.success ? parsed.data : null
}

const section = (key: DigestSection, count: number, sectionPath: string, items: Section['items']): Section[] =>
  count > 0 ? [{ count, items: items.slice(0, itemsPerSection), key, path: sectionPath }] : []

const itemPath = (collection: string, id: ID): string => `/collections/${collection}/${encodeURIComponent(String(id))}`

const scoped = (where: Where[], scope: ID[] | null): Where =>
  scope === null ? { and: where } : { and: [...where, { procedure: { in: scope } }] }

/** Published questions of the agency still open that no published answer replies to, oldest first. */
const unansweredQuestions = async (req: PayloadRequest, scope: ID[]): Promise<Section[]> => {
  const { docs: open } = await findDocs({
    collection: 'threads',
    limit: questionsRead,
    overrideAccess: false,
    req,
    sort: 'createdAt',
    where: scoped([{ status: { equals: 'open' } }, { visibility: { equals: 'published' } }], scope),
  })
  if (open.length === 0) return []
  const { docs: answers } = await findDocs({
    collection: 'answers',
    limit: 0,
    overrideAccess: false,
    pagination: false,
    req,
    where: { and: [{ thread: { in: open.map((thread) => thread.id) } }, { visibility: { equals: 'published' } }] },
  })
  const answered = new Set(answers.map((answer) => idKey(answer.thread)))
  const unanswered = open.filter((thread) => !answered.has(idKey(thread.id)))
  return section(
    'unanswered-questions',
    unanswered.length,
    '/collections/threads?where[status][equals]=open',
    unanswered.map((thread) => ({ path: itemPath('threads', thread.id), title: thread.title })),
  )
}

/** Citizens' guide proposals waiting for a reviewer of the agency. */
const proposalsToReview = async (req: PayloadRequest, scope: ID[]): Promise<Section[]> => {
  const { docs, totalDocs } = await findDocs({
    collection: 'guide-proposals',
    limit: itemsPerSection,
    overrideAccess: false,
    req,
    sort: 'createdAt',
    where: scoped([{ status: { equals: 'pending' } }], scope),
  })
  return section(
    'guide-proposals',
    totalDocs,
    '/collections/guide-proposals?where[status][equals]=pending',
    docs.map((proposal) => ({ path: itemPath('guide-proposals', proposal.id), title: proposal.title })),
  )
}

const guideEdits = async (req: PayloadRequest): Promise<Section[]> => {
  const edits = await findGuideEditsAwaitingReview({ req })
  return section(
    'guide-edits',
    edits.length,
    '/guide-reviews',
    edits.map((edit) => ({ path: itemPath('guides', edit.guideId), title: edit.title })),
  )
}

/** What waits in an agent's agency, through the same queries and rules as the admin panel's views. */
const agencyDigest = async (req: PayloadRequest, actor: Actor): Promise<Digest> => {
  const scope = (await procedureScope({ actor, req })) ?? []
  if (scope.length === 0) return { sections: [] }
  const [unanswered, awaiting, proposals, edits, reverify] = await Promise.all([
    unansweredQuestions(req, scope),
    findAwaitingValidation({ req }),
    proposalsToReview(req, scope),
    guideEdits(req),
    loadReverifyQueue({ actor, agency: null, req }),
  ])
  const reverifyCount = Object.values(reverify.totals).reduce((sum, count) => sum + count, 0)
  return {
    sections: [
      ...unanswered,
      ...section(
        'to-validate',
        awaiting.length,
        '/awaiting-validation',
        awaiting.map((item) => ({
          path: itemPath(item.kind === 'answer' ? 'answers' : 'tips', item.id),
          title: item.thread?.title ?? item.excerpt,
        })),
      ),
      ...proposals,
      ...edits,
      ...section(
        'to-reverify',
        reverifyCount,
        '',
        reverify.items.map((item) => ({ path: itemPath(item.collection, item.id), title: excerpt(item.title, 120) })),
      ),
    ],
  }
}

/** The drafts editors publish and the open reports they decide on. */
const editorDigest = async (req: PayloadRequest): Promise<Digest> => {
  const [wikiDrafts, edits, queue] = await Promise.all([
    req.payload.findVersions({
      collection: 'wiki-pages',
      depth: 0,
      limit: itemsPerSection,
      overrideAccess: false,
      req,
      sort: 'updatedAt',
      user: req.user,
      where: { and: [{ latest: { equals: true } }, { 'version._status': { equals: 'draft' } }] },
    }),
    guideEdits(req),
    findModerationQueue({ req }),
  ])
  const wikiItems = wikiDrafts.docs.flatMap((doc) => {
    const version: unknown = doc.version
    const page = idOf(doc.parent)
    if (page === null || !isRecord(version)) return []
    return [{ path: itemPath('wiki-pages', page), title: typeof version.title === 'string' ? version.title : '' }]
  })
  return {
    sections: [
      ...section(
        'wiki-drafts',
        wikiDrafts.totalDocs,
        '/collections/wiki-pages?where[_status][equals]=draft',
        wikiItems,
      ),
      ...edits,
      ...section(
        'reports',
        queue.reportGroups.length,
        '/moderation',
        queue.reportGroups.map((group) => ({ path: itemPath(group.collection, group.id), title: group.label ?? '' })),
      ),
    ],
  }
}

/** Which digest a person gets: agents of an agency theirs, editors and admins theirs; others none. */
const digestKindOf = (actor: Actor): DigestKind | null => {
  if (actor.isSuspended) return null
  if (canModerate(actor)) return 'editor-digest'
  return agencyScopeOf(actor).kind === 'agency' ? 'agency-digest' : null
}

/** The staff accounts, as a `where` on the host's role field (its own values when they are mapped); null when no value maps to staff. */
const staffWhere = (req: PayloadRequest): Where | null => {
  const layout = layoutOfRequest(req)
  const staff: readonly Role[] = roles.filter((role) => role !== 'citizen')
  const values =
    layout.roleValues === null
      ? [...staff]
      : Object.entries(layout.roleValues)
          .filter(([, role]) => staff.includes(role))
          .map(([value]) => value)
  return values.length === 0 ? null : { [layout.role]: { in: values } }
}

/** The in-app text of a digest: its counts on one line. */
const digestBody = (digest: Digest, language: NotificationLanguage): string => {
  const strings = notificationStrings[language].digest
  return digest.sections.map((part) => sectionLabel(language, part.key, part.count)).join(strings.separator)
}

/** "3 questions without an answer", in one language, singular or plural. */
export const sectionLabel = (language: NotificationLanguage, key: DigestSection, count: number): string => {
  const forms = notificationStrings[language].digest.sections[key]
  return fillIn(count === 1 ? forms.one : forms.other, { count: String(count) })
}

/** The day a digest is for, in UTC: one digest per person and day whatever the time zone of the host. */
const dayOf = (date: Date): string => date.toISOString().slice(0, 10)

type Sent = { digests: number; emails: number }

/**
 * One person's digest of the day: nothing when nothing waits, when they turned
 * the kind off, or when today's was already made (the unique key per person,
 * kind and day); otherwise the in-app notification and, when they chose
 * email, the email job carrying the digest.
 */
const sendDigest = async ({
  day,
  req,
  user,
}: {
  req: PayloadRequest
  user: JsonObject & TypeWithID
  day: string
}): Promise<Sent> => {
  const none: Sent = { digests: 0, emails: 0 }
  const layout = layoutOfRequest(req)
  const actor = actorOf(user, layout)
  const kind = actor ? digestKindOf(actor) : null
  if (!actor || !kind) return none
  const eventKey = `digest:${kind}:${String(actor.id)}:${day}`
  const preferences = (await preferencesOf(req, [actor.id])).get(idKey(actor.id) ?? '')
  const channel = preferences?.channels[kind] ?? 'off'
  if (!preferences || channel === 'off') return none
  if (await isMade(req, eventKey)) return none
  // The person's own view: the admin's queries with their rights, in the job's transaction.
  const asUser = await createLocalReq(
    { req: { transactionID: req.transactionID }, user: { ...user, collection: usersCollectionOf(req.payload) } },
    req.payload,
  )
  const digest = kind === 'agency-digest' ? await agencyDigest(asUser, actor) : await editorDigest(asUser)
  if (digest.sections.length === 0) return none
  const options = optionsOf(req.payload)
  const isEmailed = channel === 'email' && options.notifications.isEmailEnabled
  const strings = notificationStrings[preferences.language].kinds[kind]
  const data = {
    body: digestBody(digest, preferences.language),
    emailStatus: isEmailed ? 'pending' : 'none',
    eventKey,
    isRead: false,
    kind,
    link: req.payload.config.routes.admin,
    recipient: actor.id,
    subjectCollection: 'digests',
    subjectId: day,
    title: strings.title,
  }
  try {
    // The notification and its email job together: a digest recorded is a digest sent.
    return await inTransaction(req, async () => {
      const created: unknown = await req.payload.create({
        collection: notificationsSlug,
        data,
        depth: 0,
        overrideAccess: true,
        req,
      })
      const notification = isRecord(created) ? idOf(created.id) : null
      if (!isEmailed || notification === null) return { digests: 1, emails: 0 }
      await req.payload.jobs.queue({
        input: { digest, notification },
        queue: notificationQueue,
        req,
        task: emailTaskSlug,
      })
      return { digests: 1, emails: 1 }
    })
  } catch (error) {
    // Another run (a second node, a retry) made today's digest first: its unique key refused this one.
    if (await isMade(req, eventKey)) return none
    throw error
  }
}

const isMade = async (req: PayloadRequest, eventKey: string): Promise<boolean> => {
  const { totalDocs } = await req.payload.count({
    collection: notificationsSlug,
    overrideAccess: true,
    req,
    where: { eventKey: { equals: eventKey } },
  })
  return totalDocs > 0
}

/** Sends every staff member's digest of the day, a page of accounts at a time. */
export const sendDigests = async ({ now = new Date(), req }: { req: PayloadRequest; now?: Date }): Promise<Sent> => {
  const day = dayOf(now)
  const total: Sent = { digests: 0, emails: 0 }
  const where = staffWhere(req)
  if (where === null) return total
  for (let page = 1, hasNextPage = true; hasNextPage; page += 1) {
    const found = await req.payload.find({
      collection: usersCollectionOf(req.payload),
      depth: 0,
      limit: staffPerPage,
      overrideAccess: true,
      page,
      req,
      sort: 'id',
      where,
    })
    for (const user of found.docs) {
      const sent = await sendDigest({ day, req, user })
      total.digests += sent.digests
      total.emails += sent.emails
    }
    hasNextPage = found.hasNextPage
  }
  return total
}

const digestTask = (options: ResolvedOptions): TaskConfig<{ input: Record<string, never>; output: Sent }> => {
  const { cron, isEnabled } = options.notifications.digests
  return {
    handler: async ({ req }) => {
      if (!isEnabled) return { output: { digests: 0, emails: 0 } }
      const sent = await sendDigests({ req })
      // The emails wait on the notification queue; in 'auto' mode it runs once this job has committed.
      if (sent.emails > 0 && options.notifications.runJobs === 'auto') requestNotificationRun(req.payload)
      return { output: sent }
    },
    label: 'Entraide: send the staff their daily digest',
    outputSchema: [
      { name: 'digests', type: 'number' },
      { name: 'emails', type: 'number' },
    ],
    // A run that failed half-way starts again: the digests made are skipped by their key.
    retries: 2,
    ...(isEnabled ? { schedule: [{ cron, queue: digestQueue }] } : {}),
    slug: digestTaskSlug,
  }
}

/**
 * The host's jobs config with the digest task, scheduled by
 * `notifications.digests.cron`, and a run of its queue then ('auto' mode).
 * With digests off the task stays, unscheduled and doing nothing, so that
 * the jobs' task names, and so the database schema, do not move.
 */
export const withDigestJobs = (jobs: JobsConfig, options: ResolvedOptions): JobsConfig => {
  const tasks = [...(jobs.tasks ?? []), digestTask(options)]
  if (!options.notifications.digests.isEnabled) return { ...jobs, tasks }
  const autoRun = withBackstopCron(jobs.autoRun, {
    cron: options.notifications.digests.cron,
    mode: options.notifications.runJobs,
    queue: digestQueue,
  })
  return { ...jobs, autoRun, tasks }
}
