import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import type { WikiPageDoc } from '../data/documents.ts'
import { ConflictError, InvalidInputError } from '../errors.ts'
import { slugify } from '../hooks/slugFromTitle.ts'
import { writeSystemFields } from '../hooks/systemWrites.ts'
import { idOf, isSameId, type ID } from '../utilities/ids.ts'
import { childrenOf, headingNode, lexicalRoot, plainTextToNodes } from '../utilities/lexical.ts'
import { createDoc, findDocByID, findFields, updateDoc } from '../data/local.ts'
import { canPromoteInto } from '../policies/contributions.ts'
import { requireContributor } from './actor.ts'
import { requireAgencyRights } from './agencyGuard.ts'
import { loadForUpdate } from './load.ts'

/** Longest wiki page title, in characters. */
export const maxWikiTitleLength = 200

/** A validated answer or tip, as the promotion needs it. */
export type PromotedSource = {
  kind: 'answer' | 'tip'
  id: ID
  body: string
  author: unknown
  validatedBy: unknown
  validatedAt: string
  procedure: unknown
  promotedTo: unknown
  /** The heading of the section made from the source. */
  heading: string
}

const sourceEntry = (source: PromotedSource) => ({
  answer: source.kind === 'answer' ? source.id : null,
  contributor: idOf(source.author),
  kind: source.kind,
  tip: source.kind === 'tip' ? source.id : null,
  validatedAt: source.validatedAt,
  validatedBy: idOf(source.validatedBy),
})

const creditedContributors = (existing: unknown, author: unknown): ID[] => {
  const ids = (Array.isArray(existing) ? existing : []).map(idOf).filter((id): id is ID => id !== null)
  const authorId = idOf(author)
  if (authorId !== null && !ids.some((id) => isSameId(id, authorId))) ids.push(authorId)
  return ids
}

const hasSource = (page: WikiPageDoc, source: PromotedSource): boolean =>
  page.sources.some(
    (entry) => entry.kind === source.kind && isSameId(source.kind === 'answer' ? entry.answer : entry.tip, source.id),
  )

/** Records on the answer or tip which page it was promoted into. */
const markPromoted = (req: PayloadRequest, source: PromotedSource, pageId: ID): Promise<void> =>
  writeSystemFields({
    collection: source.kind === 'answer' ? 'answers' : 'tips',
    data: { promotedTo: pageId },
    id: source.id,
    req,
  })

const uniqueSlug = async (req: PayloadRequest, title: string): Promise<string> => {
  const base = slugify(title) || 'page'
  const docs = await findFields({
    collection: 'wiki-pages',
    draft: true,
    req,
    schema: z.object({ slug: z.string() }),
    select: { slug: true },
    where: { slug: { like: base } },
  })
  const taken = new Set(docs.map((doc) => doc.slug))
  if (!taken.has(base)) return base
  let suffix = 2
  while (taken.has(`${base}-${suffix}`)) suffix += 1
  return `${base}-${suffix}`
}

/**
 * Turns validated content into official wiki material: a new draft page, or a
 * section appended to the draft of an existing page. Records provenance (one
 * `sources` entry) and credits the author. Promoting the same item again
 * changes nothing and returns its page. Editors publish the draft.
 */
export const promoteIntoWiki = async ({
  req,
  source,
  title,
  wikiPageId,
}: {
  req: PayloadRequest
  source: PromotedSource
  wikiPageId?: ID
  title?: string
}): Promise<{ wikiPage: WikiPageDoc; isCreated: boolean }> => {
  const promotedTo = idOf(source.promotedTo)
  if (wikiPageId !== undefined) {
    const page = await loadForUpdate({ collection: 'wiki-pages', draft: true, id: wikiPageId, req })
    // The page is another agency's work as much as the source is: both must be the agent's.
    await requireAgencyRights({
      actor: requireContributor(req),
      may: canPromoteInto,
      procedure: page.procedure,
      req,
      verb: 'promote into wiki pages',
    })
    if (hasSource(page, source)) return { isCreated: false, wikiPage: page }
    if (promotedTo !== null && !isSameId(promotedTo, page.id)) {
      throw new ConflictError(
        `This ${source.kind} was already promoted into another wiki page (id ${String(promotedTo)}).`,
      )
    }
    const wikiPage = await updateDoc({
      collection: 'wiki-pages',
      data: {
        body: lexicalRoot([...childrenOf(page.body), headingNode(source.heading), ...plainTextToNodes(source.body)]),
        contributors: creditedContributors(page.contributors, source.author),
        sources: [...page.sources, sourceEntry(source)],
      },
      draft: true,
      id: page.id,
      req,
    })
    await markPromoted(req, source, page.id)
    return { isCreated: false, wikiPage }
  }

  if (promotedTo !== null) {
    const existing = await findDocByID({ collection: 'wiki-pages', draft: true, id: promotedTo, req })
    if (existing) return { isCreated: false, wikiPage: existing }
  }

  const pageTitle = (title ?? source.heading).trim()
  if (pageTitle.length === 0 || pageTitle.length > maxWikiTitleLength) {
    throw new InvalidInputError(`The title must be 1 to ${maxWikiTitleLength} characters long.`, 'title')
  }
  const wikiPage = await createDoc({
    collection: 'wiki-pages',
    data: {
      _status: 'draft',
      body: lexicalRoot(plainTextToNodes(source.body)),
      contributors: creditedContributors([], source.author),
      procedure: idOf(source.procedure),
      slug: await uniqueSlug(req, pageTitle),
      sources: [sourceEntry(source)],
      title: pageTitle,
    },
    draft: true,
    req,
  })
  await markPromoted(req, source, wikiPage.id)
  return { isCreated: true, wikiPage }
}
