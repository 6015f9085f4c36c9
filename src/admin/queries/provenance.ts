import type { PayloadRequest } from 'payload'

import { z } from 'zod'

import { idSchema } from '../../data/documents.ts'
import { findAllDocs, findFields } from '../../data/local.ts'
import { findVisible } from '../../actions/load.ts'
import { distinctIds, idOf, type ID } from '../../utilities/ids.ts'
import { entraideT } from '../../translations/i18n.ts'
import { displayNames, nameIn } from './people.ts'
import { excerpt } from './scope.ts'

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
  const page = await findVisible({ collection: 'wiki-pages', draft: true, id: wikiPageId, req })
  if (!page) return empty
  const { sources } = page
  const answerIds = distinctIds(sources.map((entry) => entry.answer))
  const tipIds = distinctIds(sources.map((entry) => entry.tip))
  const [answers, tips, names] = await Promise.all([
    answerIds.length === 0
      ? Promise.resolve([])
      : findAllDocs({ collection: 'answers', overrideAccess: false, req, where: { id: { in: answerIds } } }),
    tipIds.length === 0
      ? Promise.resolve([])
      : findAllDocs({ collection: 'tips', overrideAccess: false, req, where: { id: { in: tipIds } } }),
    displayNames({
      ids: [
        ...sources.flatMap((entry) => [entry.contributor, entry.validatedBy]),
        ...page.contributors,
      ],
      req,
    }),
  ])
  const threadIds = distinctIds(answers.map((answer) => answer.thread))
  const threads =
    threadIds.length === 0
      ? []
      : await findFields({
          collection: 'threads',
          overrideAccess: false,
          req,
          schema: z.object({ id: idSchema, title: z.string() }),
          select: { title: true },
          where: { id: { in: threadIds } },
        })
  const answersById = new Map(answers.map((answer) => [String(answer.id), answer]))
  const tipsById = new Map(tips.map((tip) => [String(tip.id), tip]))
  const threadTitles = new Map(threads.map((thread) => [String(thread.id), thread.title]))
  const untitled = entraideT(req.i18n)('entraide:untitledQuestion')
  const contributors = page.contributors.map((id) => ({ id, name: nameIn(names, id) ?? '' }))
  return {
    contributors,
    sources: sources.map((entry): ProvenanceEntry => {
      const sourceId = idOf(entry.kind === 'answer' ? entry.answer : entry.tip)
      const answer = sourceId === null ? undefined : answersById.get(String(sourceId))
      const tip = sourceId === null ? undefined : tipsById.get(String(sourceId))
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
        thread: threadId === null ? null : { id: threadId, title: threadTitles.get(String(threadId)) ?? untitled },
        validatedAt: entry.validatedAt,
        validatedBy: nameIn(names, entry.validatedBy),
      }
    }),
  }
}
