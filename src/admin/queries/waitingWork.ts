import type { PayloadRequest } from 'payload'

import { canModerate, canReviewContributions } from '../../policies/contributions.ts'
import { type Actor, actorFromRequest } from '../../policies/roles.ts'
import { findAwaitingValidation } from './awaitingValidation.ts'
import { countGuideEditsAwaitingReview } from './guideReviews.ts'
import { findModerationQueue } from './moderationQueue.ts'
import { findDocs } from '../../data/local.ts'

/** What a line of the "waiting for you" block counts. */
export type WaitingKey =
  | `own-${(typeof contributionSlugs)[number]}-${'pending' | 'hidden'}`
  | 'own-guide-drafts'
  | 'awaiting-validation'
  | 'pending'
  | 'guide-edits'
  | 'reports'
  | 'wiki-drafts'

/** One line of the "waiting for you" block: what it counts, how many, and where to handle it. */
export type WaitingEntry = {
  key: WaitingKey
  count: number
  /** Admin path, relative to the admin route: `/awaiting-validation`. */
  path: string
}

const contributionSlugs = ['threads', 'answers', 'tips'] as const

const citizenWork = async (req: PayloadRequest, actor: Actor): Promise<WaitingEntry[]> => {
  const counts = await Promise.all(
    contributionSlugs.flatMap((slug) =>
      (['pending', 'hidden'] as const).map(async (visibility): Promise<WaitingEntry> => {
        const { totalDocs } = await req.payload.count({
          collection: slug,
          overrideAccess: true,
          req,
          where: { and: [{ author: { equals: actor.id } }, { visibility: { equals: visibility } }] },
        })
        return {
          count: totalDocs,
          key: `own-${slug}-${visibility}`,
          path: `/collections/${slug}?where[visibility][equals]=${visibility}`,
        }
      }),
    ),
  )
  // Guide drafts live in the versions table: `find` with `draft` reads the latest revisions.
  const { totalDocs: drafts } = await findDocs({
    collection: 'guides',
    draft: true,
    limit: 1,
    overrideAccess: true,
    req,
    where: { and: [{ lastEditedBy: { equals: actor.id } }, { _status: { equals: 'draft' } }] },
  })
  return [
    ...counts,
    {
      count: drafts,
      key: 'own-guide-drafts',
      path: '/collections/guides',
    },
  ]
}

const reviewerWork = async (req: PayloadRequest, actor: Actor): Promise<WaitingEntry[]> => {
  const [awaiting, queue, guideEdits, wikiDrafts] = await Promise.all([
    findAwaitingValidation({ req }),
    findModerationQueue({ req }),
    countGuideEditsAwaitingReview({ req }),
    canModerate(actor)
      ? req.payload
          .findVersions({
            collection: 'wiki-pages',
            depth: 0,
            limit: 1,
            overrideAccess: false,
            req,
            user: req.user,
            where: { and: [{ latest: { equals: true } }, { 'version._status': { equals: 'draft' } }] },
          })
          .then((result) => result.totalDocs)
      : Promise.resolve(0),
  ])
  const entries: WaitingEntry[] = [
    {
      count: awaiting.length,
      key: 'awaiting-validation',
      path: '/awaiting-validation',
    },
    {
      count: queue.pending.length,
      key: 'pending',
      path: '/moderation',
    },
    {
      count: guideEdits,
      key: 'guide-edits',
      path: '/guide-reviews',
    },
  ]
  if (queue.canHandleReports) {
    entries.push({
      count: queue.reportGroups.length,
      key: 'reports',
      path: '/moderation',
    })
    entries.push({
      count: wikiDrafts,
      key: 'wiki-drafts',
      path: '/collections/wiki-pages?where[_status][equals]=draft',
    })
  }
  return entries
}

/**
 * What waits for the signed-in person, by role: for citizens their own
 * contributions held or hidden by moderation and their guide edits awaiting
 * review; for agents the answers and tips to validate, pending contributions
 * and guide edits to review; editors and admins also get reports and wiki
 * drafts to publish. Null for anonymous visitors.
 */
export const summarizeWaitingWork = async ({ req }: { req: PayloadRequest }): Promise<WaitingEntry[] | null> => {
  const actor = actorFromRequest(req)
  if (!actor) return null
  return canReviewContributions(actor) ? reviewerWork(req, actor) : citizenWork(req, actor)
}
