import type { PayloadRequest, Where } from 'payload'

import { ForbiddenActionError } from '../../errors.ts'
import { canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { idOf, type ID } from '../../utilities/ids.ts'
import { entraideT } from '../../translations/i18n.ts'
import { displayNames, nameIn } from './people.ts'
import { procedureScope } from '../../data/procedureScope.ts'
import { excerpt, procedureTitles } from './scope.ts'
import { findDocs, findFields } from '../../data/local.ts'
import { idSchema } from '../../data/documents.ts'
import { z } from 'zod'

/** Score from which an unaccepted answer, or a tip, is worth an agent's look. */
export const defaultWellVotedScore = 3

/** Most items of each kind listed at once. */
const pageSize = 100

/** An answer or a tip that an agent could validate. */
export type AwaitingItem = {
  kind: 'answer' | 'tip'
  id: ID
  excerpt: string
  procedure: { id: ID; title: string } | null
  /** The question, for answers. */
  thread: { id: ID; title: string } | null
  author: string | null
  score: number
  isAccepted: boolean
  createdAt: string
}

const scoped = (where: Where[], scope: ID[] | null): Where =>
  scope === null ? { and: where } : { and: [...where, { procedure: { in: scope } }] }

/**
 * Published answers and tips not yet validated that deserve an agent's look:
 * answers accepted by the asker or well voted, and well-voted tips. Agents see
 * the procedures of their own agency only; editors and admins see all.
 * Accepted answers come first, then the best scores, then the oldest.
 */
export const findAwaitingValidation = async ({
  req,
  wellVotedScore = defaultWellVotedScore,
}: {
  req: PayloadRequest
  /** Score from which an item counts as well voted. */
  wellVotedScore?: number
}): Promise<AwaitingItem[]> => {
  const actor = actorFromRequest(req)
  if (!canReviewContributions(actor)) {
    throw new ForbiddenActionError('Only public agents, editors and admins validate answers and tips.')
  }
  const scope = await procedureScope({ actor, req })
  if (scope !== null && scope.length === 0) return []
  const open: Where[] = [{ validatedAt: { exists: false } }, { visibility: { equals: 'published' } }]
  const [answers, tips] = await Promise.all([
    findDocs({
      collection: 'answers',
      limit: pageSize,
      overrideAccess: false,
      req,
      sort: '-score',
      where: scoped(
        [...open, { or: [{ isAccepted: { equals: true } }, { score: { greater_than_equal: wellVotedScore } }] }],
        scope,
      ),
    }),
    findDocs({
      collection: 'tips',
      limit: pageSize,
      overrideAccess: false,
      req,
      sort: '-score',
      where: scoped([...open, { score: { greater_than_equal: wellVotedScore } }], scope),
    }),
  ])
  const threadIds = answers.docs.map((answer) => idOf(answer.thread)).filter((id): id is ID => id !== null)
  const [threads, names, titles] = await Promise.all([
    threadIds.length === 0
      ? Promise.resolve([])
      : findFields({
          collection: 'threads',
          req,
          schema: z.object({ id: idSchema, title: z.string() }),
          select: { title: true },
          where: { id: { in: threadIds } },
        }),
    displayNames({ ids: [...answers.docs, ...tips.docs].map((doc) => doc.author), req }),
    procedureTitles({ ids: [...answers.docs, ...tips.docs].map((doc) => doc.procedure), req }),
  ])
  const t = entraideT(req.i18n)
  const threadTitles = new Map(threads.map((thread) => [String(thread.id), thread.title]))
  const procedureOf = (value: unknown): AwaitingItem['procedure'] => {
    const id = idOf(value)
    return id === null ? null : { id, title: titles.get(String(id)) ?? t('entraide:unknownProcedure') }
  }
  const items: AwaitingItem[] = [
    ...answers.docs.map((answer): AwaitingItem => {
      const threadId = idOf(answer.thread)
      return {
        author: nameIn(names, answer.author),
        createdAt: answer.createdAt,
        excerpt: excerpt(answer.body),
        id: answer.id,
        isAccepted: answer.isAccepted === true,
        kind: 'answer',
        procedure: procedureOf(answer.procedure),
        score: answer.score,
        thread: threadId === null ? null : { id: threadId, title: threadTitles.get(String(threadId)) ?? t('entraide:untitledQuestion') },
      }
    }),
    ...tips.docs.map(
      (tip): AwaitingItem => ({
        author: nameIn(names, tip.author),
        createdAt: tip.createdAt,
        excerpt: excerpt(tip.body),
        id: tip.id,
        isAccepted: false,
        kind: 'tip',
        procedure: procedureOf(tip.procedure),
        score: tip.score,
        thread: null,
      }),
    ),
  ]
  return items.sort(
    (a, b) =>
      Number(b.isAccepted) - Number(a.isAccepted) || b.score - a.score || a.createdAt.localeCompare(b.createdAt),
  )
}
