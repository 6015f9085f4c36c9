import type { PayloadRequest, Where } from 'payload'

import { z } from 'zod'

import { idSchema, type ReportDoc } from '../../data/documents.ts'
import { ForbiddenActionError } from '../../errors.ts'
import { canModerate, canPublishPending, canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { distinctIds, idKey, idOf, type ID } from '../../utilities/ids.ts'
import { accountsWithStanding } from '../../data/standing.ts'
import { vouchedFor, type ReportableContribution } from '../../data/vouched.ts'
import { displayNames, nameIn } from './people.ts'
import { procedureScope } from '../../data/procedureScope.ts'
import { excerpt, procedureTitles } from './scope.ts'
import { findDocs, findFields } from '../../data/local.ts'

/** Collections whose items wait for moderation. */
export type ModeratedSlug = 'threads' | 'answers' | 'tips'

/** Collections that can be reported. */
export type ReportedSlug = ModeratedSlug | 'guides'

/** Most open reports and pending items read at once. */
const pageSize = 200

/** One report in a group. */
export type ReportSummary = {
  id: ID
  reason: ReportDoc['reason']
  note: string | null
  reporter: string | null
  createdAt: string
}

/** The open reports on one item, with what the item is. */
export type ReportGroup = {
  /** `collection:id` of the reported item. */
  targetKey: string
  collection: ReportedSlug
  id: ID
  /** The item's title or the start of its text; null when the item is gone. */
  label: string | null
  visibility: string | null
  moderationNote: string | null
  /** Oldest first. */
  reports: ReportSummary[]
  /** How many reports give each reason. */
  reasons: Partial<Record<ReportDoc['reason'], number>>
  /** The item carries an agent's word (validated, promoted): reports never hide it, an editor decides, first. */
  isVouchedFor: boolean
  /** How many of the reporters have standing (only they count towards hiding an item automatically). */
  reportersWithStanding: number
}

/** A contribution held for moderation before it is shown. */
export type PendingItem = {
  collection: ModeratedSlug
  id: ID
  label: string
  procedure: string | null
  author: string | null
  createdAt: string
  /** The signed-in person may publish it (agents: procedures of their agency). */
  canPublish: boolean
}

/** What waits in the moderation queue for the signed-in person. */
export type ModerationQueue = {
  /** Editors and admins handle reports; agents only publish pending items. */
  canHandleReports: boolean
  reportGroups: ReportGroup[]
  pending: PendingItem[]
}

type TargetDoc = { id: ID; label: string; visibility: string | null; moderationNote: string | null }

const labelOf = (doc: Record<string, unknown>): string =>
  typeof doc.title === 'string' && doc.title.length > 0 ? doc.title : excerpt(doc.body, 120)

const loadTargets = async (
  req: PayloadRequest,
  collection: ReportedSlug,
  ids: ID[],
): Promise<Map<string, TargetDoc>> => {
  const found = new Map<string, TargetDoc>()
  if (ids.length === 0) return found
  const { docs } = await findDocs({
    collection,
    draft: collection === 'guides',
    limit: ids.length,
    overrideAccess: false,
    pagination: false,
    req,
    where: { id: { in: ids } },
  })
  for (const doc of docs) {
    const record: Record<string, unknown> = { ...doc }
    found.set(String(doc.id), {
      id: doc.id,
      label: labelOf(record),
      moderationNote: typeof record.moderationNote === 'string' ? record.moderationNote : null,
      visibility: typeof record.visibility === 'string' ? record.visibility : null,
    })
  }
  return found
}

const reportedSlugs: readonly ReportedSlug[] = ['threads', 'answers', 'tips', 'guides']
const isReportedSlug = (value: string): value is ReportedSlug => reportedSlugs.some((slug) => slug === value)

const findReportGroups = async (req: PayloadRequest): Promise<ReportGroup[]> => {
  const { docs: reports } = await findDocs({
    collection: 'reports',
    limit: pageSize,
    overrideAccess: false,
    req,
    sort: 'createdAt',
    where: { status: { equals: 'open' } },
  })
  const groups = new Map<string, { collection: ReportedSlug; id: ID; reports: ReportDoc[] }>()
  for (const report of reports) {
    const collection = report.target.relationTo
    const id = idOf(report.target.value)
    if (id === null || !isReportedSlug(collection)) continue
    const key = `${collection}:${id}`
    const group = groups.get(key) ?? { collection, id, reports: [] }
    group.reports.push(report)
    groups.set(key, group)
  }
  const idsBySlug = (slug: ReportedSlug): ID[] =>
    [...groups.values()].filter((group) => group.collection === slug).map((group) => group.id)
  const [targets, names, vouched, withStanding] = await Promise.all([
    Promise.all(reportedSlugs.map(async (slug) => [slug, await loadTargets(req, slug, idsBySlug(slug))] as const)),
    displayNames({ ids: reports.map((report) => report.reporter), req }),
    Promise.all(
      contributionSlugs.map(
        async (slug) => [slug, await vouchedFor({ collection: slug, ids: idsBySlug(slug), req })] as const,
      ),
    ),
    accountsWithStanding({ ids: reports.map((report) => report.reporter), req }),
  ])
  const targetsBySlug = new Map(targets)
  const vouchedBySlug = new Map<ReportedSlug, Set<string>>(vouched)
  return [...groups.entries()]
    .map(([targetKey, group]): ReportGroup => {
      const target = targetsBySlug.get(group.collection)?.get(String(group.id)) ?? null
      const reasons: ReportGroup['reasons'] = {}
      for (const report of group.reports) reasons[report.reason] = (reasons[report.reason] ?? 0) + 1
      return {
        collection: group.collection,
        id: group.id,
        isVouchedFor: vouchedBySlug.get(group.collection)?.has(String(group.id)) ?? false,
        label: target?.label ?? null,
        moderationNote: target?.moderationNote ?? null,
        reasons,
        reportersWithStanding: new Set(
          group.reports
            .map((report) => idKey(report.reporter))
            .filter((key): key is string => key !== null && withStanding.has(key)),
        ).size,
        reports: group.reports.map((report) => ({
          createdAt: report.createdAt,
          id: report.id,
          note: report.note ?? null,
          reason: report.reason,
          reporter: nameIn(names, report.reporter),
        })),
        targetKey,
        visibility: target?.visibility ?? null,
      }
    })
    .sort(
      (a, b) =>
        Number(b.isVouchedFor) - Number(a.isVouchedFor) ||
        b.reports.length - a.reports.length ||
        groupStart(a).localeCompare(groupStart(b)),
    )
}

const contributionSlugs: readonly ReportableContribution[] = ['threads', 'answers', 'tips']

const groupStart = (group: ReportGroup): string => group.reports[0]?.createdAt ?? ''

const moderatedSlugs: readonly ModeratedSlug[] = ['threads', 'answers', 'tips']

/**
 * The moderation queue of the signed-in person: open reports grouped by the
 * reported item, items carrying an agent's word first, then the most
 * reported (editors and admins), and contributions
 * held as pending, oldest first (agents see those of their agency's
 * procedures).
 */
export const findModerationQueue = async ({ req }: { req: PayloadRequest }): Promise<ModerationQueue> => {
  const actor = actorFromRequest(req)
  if (!canReviewContributions(actor)) {
    throw new ForbiddenActionError('Only public agents, editors and admins see the moderation queue.')
  }
  const canHandleReports = canModerate(actor)
  const scope = await procedureScope({ actor, req })
  const pendingWhere: Where =
    scope === null
      ? { visibility: { equals: 'pending' } }
      : { and: [{ visibility: { equals: 'pending' } }, { procedure: { in: scope } }] }
  const [reportGroups, pendingLists] = await Promise.all([
    canHandleReports ? findReportGroups(req) : Promise.resolve([]),
    scope !== null && scope.length === 0
      ? Promise.resolve([])
      : Promise.all(
          moderatedSlugs.map(async (collection) => {
            const { docs } = await findDocs({
              collection,
              limit: pageSize,
              overrideAccess: false,
              req,
              sort: 'createdAt',
              where: pendingWhere,
            })
            return docs.map((doc) => ({ collection, doc: { ...doc } }))
          }),
        ),
  ])
  const pendingDocs = pendingLists.flat()
  const [names, titles, agencies] = await Promise.all([
    displayNames({ ids: pendingDocs.map(({ doc }) => doc.author), req }),
    procedureTitles({ ids: pendingDocs.map(({ doc }) => doc.procedure), req }),
    procedureAgencies(
      req,
      pendingDocs.map(({ doc }) => doc.procedure),
    ),
  ])
  const pending = pendingDocs
    .map(({ collection, doc }): PendingItem => {
      const procedureId = idOf(doc.procedure)
      return {
        author: nameIn(names, doc.author),
        canPublish: canPublishPending(actor, procedureId === null ? null : (agencies.get(String(procedureId)) ?? null)),
        collection,
        createdAt: doc.createdAt,
        id: doc.id,
        label: labelOf(doc),
        procedure: procedureId === null ? null : (titles.get(String(procedureId)) ?? null),
      }
    })
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  return { canHandleReports, pending, reportGroups }
}

const procedureAgencies = async (req: PayloadRequest, ids: unknown[]): Promise<Map<string, ID | null>> => {
  const wanted = distinctIds(ids)
  const agencies = new Map<string, ID | null>()
  if (wanted.length === 0) return agencies
  const docs = await findFields({
    collection: 'procedures',
    req,
    schema: z.object({ agency: idSchema.nullish(), id: idSchema }),
    select: { agency: true },
    where: { id: { in: wanted } },
  })
  for (const doc of docs) agencies.set(String(doc.id), doc.agency ?? null)
  return agencies
}
