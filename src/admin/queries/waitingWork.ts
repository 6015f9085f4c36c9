import type { PayloadRequest } from 'payload'

import { canModerate, canReviewContributions } from '../../policies/contributions.ts'
import { type Actor, actorFromRequest } from '../../policies/roles.ts'
import { findAwaitingValidation } from './awaitingValidation.ts'
import { countGuideEditsAwaitingReview } from './guideReviews.ts'
import { findModerationQueue } from './moderationQueue.ts'
import { findDocs } from '../../data/local.ts'

/** One line of the "waiting for you" block: how many, what, and where to handle it. */
export type WaitingEntry = {
  key: string
  count: number
  /** Already pluralised: "3 answers and tips awaiting validation". */
  label: string
  /** Admin path, relative to the admin route: `/awaiting-validation`. */
  path: string
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`

const contributionSlugs = [
  { many: 'questions', slug: 'threads' },
  { many: 'answers', slug: 'answers' },
  { many: 'tips', slug: 'tips' },
] as const

const citizenWork = async (req: PayloadRequest, actor: Actor): Promise<WaitingEntry[]> => {
  const counts = await Promise.all(
    contributionSlugs.flatMap(({ many, slug }) =>
      (['pending', 'hidden'] as const).map(async (visibility) => {
        const { totalDocs } = await req.payload.count({
          collection: slug,
          overrideAccess: true,
          req,
          where: { and: [{ author: { equals: actor.id } }, { visibility: { equals: visibility } }] },
        })
        return {
          count: totalDocs,
          key: `own-${slug}-${visibility}`,
          label: `${totalDocs} of your ${many} ${visibility === 'pending' ? 'awaiting moderation' : 'hidden by moderation'}`,
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
      label: `${drafts} of your guide edits awaiting review`,
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
      label: `${plural(awaiting.length, 'answer or tip', 'answers and tips')} awaiting validation`,
      path: '/awaiting-validation',
    },
    {
      count: queue.pending.length,
      key: 'pending',
      label: `${plural(queue.pending.length, 'contribution', 'contributions')} awaiting moderation`,
      path: '/moderation',
    },
    {
      count: guideEdits,
      key: 'guide-edits',
      label: `${plural(guideEdits, 'guide edit', 'guide edits')} awaiting review`,
      path: '/guide-reviews',
    },
  ]
  if (queue.canHandleReports) {
    entries.push({
      count: queue.reportGroups.length,
      key: 'reports',
      label: `${plural(queue.reportGroups.length, 'reported item', 'reported items')} to decide on`,
      path: '/moderation',
    })
    entries.push({
      count: wikiDrafts,
      key: 'wiki-drafts',
      label: `${plural(wikiDrafts, 'wiki page draft', 'wiki page drafts')} to publish`,
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
