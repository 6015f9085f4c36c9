import type { PayloadRequest } from 'payload'

import { idOf, type ID } from '../../utilities/ids'
import { displayNames, nameIn } from './people'
import { excerpt } from './scope'

/** Where one promoted section of a wiki page comes from. */
export type ProvenanceEntry = {
  kind: 'answer' | 'tip'
  /** The promoted answer or tip; `excerpt` is null when it was deleted. */
  source: { collection: 'answers' | 'tips'; id: ID; excerpt: string | null } | null
  /** The question an answer replied to. */
  thread: { id: ID; title: string } | null
  contributor: string | null
  validatedBy: string | null
  validatedAt: string | null
}

/** The provenance of a wiki page and the people it credits. */
export type Provenance = {
  sources: ProvenanceEntry[]
  contributors: { id: ID; name: string }[]
}

const empty: Provenance = { contributors: [], sources: [] }

/**
 * The provenance of a wiki page's latest revision, with names resolved: each
 * source's kind, the answer or tip and its question, its author, who
 * validated it and when; and the credited contributors. Empty when the page
 * is unknown or not visible to the caller.
 */
export const loadProvenance = async ({ req, wikiPageId }: { req: PayloadRequest; wikiPageId: ID }): Promise<Provenance> => {
  const { docs } = await req.payload.find({
    collection: 'wiki-pages',
    depth: 0,
    draft: true,
    limit: 1,
    overrideAccess: false,
    pagination: false,
    req,
    user: req.user,
    where: { id: { equals: wikiPageId } },
  })
  const page = docs[0]
  if (!page) return empty
  const sources = page.sources ?? []
  const answerIds = sources.map((entry) => idOf(entry.answer)).filter((id): id is ID => id !== null)
  const tipIds = sources.map((entry) => idOf(entry.tip)).filter((id): id is ID => id !== null)
  const [answers, tips, names] = await Promise.all([
    answerIds.length === 0
      ? Promise.resolve([])
      : req.payload
          .find({
            collection: 'answers',
            depth: 0,
            limit: answerIds.length,
            overrideAccess: false,
            pagination: false,
            req,
            user: req.user,
            where: { id: { in: answerIds } },
          })
          .then((result) => result.docs),
    tipIds.length === 0
      ? Promise.resolve([])
      : req.payload
          .find({
            collection: 'tips',
            depth: 0,
            limit: tipIds.length,
            overrideAccess: false,
            pagination: false,
            req,
            user: req.user,
            where: { id: { in: tipIds } },
          })
          .then((result) => result.docs),
    displayNames({
      ids: [
        ...sources.flatMap((entry) => [entry.contributor, entry.validatedBy]),
        ...(page.contributors ?? []),
      ],
      req,
    }),
  ])
  const threadIds = answers.map((answer) => idOf(answer.thread)).filter((id): id is ID => id !== null)
  const threads =
    threadIds.length === 0
      ? []
      : (
          await req.payload.find({
            collection: 'threads',
            depth: 0,
            limit: threadIds.length,
            overrideAccess: false,
            pagination: false,
            req,
            select: { title: true },
            user: req.user,
            where: { id: { in: threadIds } },
          })
        ).docs
  const answersById = new Map(answers.map((answer) => [String(answer.id), answer]))
  const tipsById = new Map(tips.map((tip) => [String(tip.id), tip]))
  const threadTitles = new Map(threads.map((thread) => [String(thread.id), thread.title]))
  const contributors = (page.contributors ?? [])
    .map(idOf)
    .filter((id): id is ID => id !== null)
    .map((id) => ({ id, name: nameIn(names, id) ?? '' }))
  return {
    contributors,
    sources: sources.map((entry): ProvenanceEntry => {
      const sourceId = idOf(entry.kind === 'answer' ? entry.answer : entry.tip)
      const answer = sourceId === null ? undefined : answersById.get(sourceId)
      const tip = sourceId === null ? undefined : tipsById.get(sourceId)
      const threadId = idOf(answer?.thread)
      const body = entry.kind === 'answer' ? answer?.body : tip?.body
      return {
        contributor: nameIn(names, entry.contributor),
        kind: entry.kind,
        source:
          sourceId === null
            ? null
            : {
                collection: entry.kind === 'answer' ? 'answers' : 'tips',
                excerpt: body === undefined ? null : excerpt(body, 140),
                id: sourceId,
              },
        thread: threadId === null ? null : { id: threadId, title: threadTitles.get(threadId) ?? 'Question' },
        validatedAt: entry.validatedAt ?? null,
        validatedBy: nameIn(names, entry.validatedBy),
      }
    }),
  }
}
