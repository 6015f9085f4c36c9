import type { AnswerDoc, GuideDoc, ProcedureDoc, ThreadDoc, TipDoc, WikiPageDoc } from '../data/documents.ts'
import { isPublic } from '../policies/visibility.ts'
import { idOf, type ID } from '../utilities/ids.ts'
import { lexicalToPlainText } from './text.ts'
import type { KnowledgeDocument, KnowledgeProcedure, KnowledgeType } from './types.ts'

/**
 * The collections whose public items become documents of the knowledge index.
 * Answers are not among them: they are searched through their thread.
 */
export const knowledgeCollections = ['procedures', 'guides', 'wiki-pages', 'tips', 'threads'] as const

export type KnowledgeCollection = (typeof knowledgeCollections)[number]

const typeOfCollection: Record<KnowledgeCollection, KnowledgeType> = {
  guides: 'guide',
  procedures: 'procedure',
  threads: 'thread',
  tips: 'tip',
  'wiki-pages': 'wiki',
}

/** Whether `value` names a collection of the knowledge index. */
export const isKnowledgeCollection = (value: unknown): value is KnowledgeCollection =>
  knowledgeCollections.some((collection) => collection === value)

/** The index id of an item: `<collection>-<id>`, e.g. `guides-0192…`. */
export const knowledgeDocumentId = (collection: KnowledgeCollection, id: ID): string => `${collection}-${String(id)}`

/**
 * The procedure an item is about, as the index embeds it: its public title
 * and slug, and the slug of its agency.
 */
export type ProcedureContext = KnowledgeProcedure & { id: ID; agency: string | null }

/** How public URLs of items are built on the host website. */
export type KnowledgeUrls = {
  /** The `procedureUrl` option. */
  procedureUrl: (slug: string) => string
  /** The `search.wikiPageUrl` option, for pages not attached to a procedure. */
  wikiPageUrl: (page: { id: ID; slug: string }) => string | null
}

// The fields the mapping reads, and nothing else: authors, emails, moderation
// notes and validators never reach it, so they cannot reach the index.
export type ProcedureRecord = Pick<
  ProcedureDoc,
  'id' | 'title' | 'slug' | 'summary' | 'steps' | 'requiredDocuments' | 'cost' | 'delay' | 'updatedAt'
>
export type GuideRecord = Pick<
  GuideDoc,
  'id' | 'title' | 'body' | 'procedure' | 'verifiedAt' | 'needsReview' | 'score' | 'updatedAt' | '_status'
>
export type WikiPageRecord = Pick<WikiPageDoc, 'id' | 'title' | 'slug' | 'body' | 'procedure' | 'updatedAt' | '_status'>
// `needsReview`: a validation waiting for re-verification does not count as one.
export type TipRecord = Pick<TipDoc, 'id' | 'body' | 'procedure' | 'visibility' | 'validatedAt' | 'score' | 'updatedAt'> &
  Partial<Pick<TipDoc, 'needsReview'>>
export type ThreadRecord = Pick<
  ThreadDoc,
  'id' | 'title' | 'body' | 'procedure' | 'visibility' | 'acceptedAnswer' | 'score' | 'updatedAt'
>
export type AnswerRecord = Pick<AnswerDoc, 'id' | 'body' | 'visibility' | 'isAccepted' | 'validatedAt' | 'updatedAt'> &
  Partial<Pick<AnswerDoc, 'needsReview'>>

const epochMs = (value: string | null | undefined): number => {
  const parsed = typeof value === 'string' ? Date.parse(value) : Number.NaN
  return Number.isFinite(parsed) ? parsed : 0
}

const scoreOf = (value: number | null | undefined): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0

const joinBlocks = (blocks: readonly (string | null | undefined)[]): string =>
  blocks
    .map((block) => (typeof block === 'string' ? block.trim() : ''))
    .filter((block) => block.length > 0)
    .join('\n\n')

const titleLength = 90

/**
 * A short title for an item that has none (a tip): its first line, cut at a
 * word boundary with an ellipsis.
 */
export const excerpt = (text: string, maxLength = titleLength): string => {
  const firstLine = text.trim().split('\n')[0]?.trim() ?? ''
  if (firstLine.length <= maxLength) return firstLine
  const cut = firstLine.slice(0, maxLength)
  const lastSpace = cut.lastIndexOf(' ')
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.!?-]+$/, '')}…`
}

const base = (
  collection: KnowledgeCollection,
  id: ID,
  procedure: ProcedureContext | null,
): Pick<KnowledgeDocument, 'id' | 'type' | 'procedure' | 'agency'> => ({
  agency: procedure?.agency ?? null,
  id: knowledgeDocumentId(collection, id),
  procedure: procedure ? { id: procedure.id, slug: procedure.slug, title: procedure.title } : null,
  type: typeOfCollection[collection],
})

/**
 * The procedure as readers see it on its page: summary, steps, required
 * documents, cost and delay. Procedures are official and always public.
 */
export const procedureDocument = ({
  agency,
  procedure,
  urls,
}: {
  procedure: ProcedureRecord
  /** The slug of the procedure's agency. */
  agency: string | null
  urls: KnowledgeUrls
}): KnowledgeDocument => {
  const context: ProcedureContext = {
    agency,
    id: procedure.id,
    slug: procedure.slug,
    title: procedure.title,
  }
  const steps = (procedure.steps ?? []).map((step, index) =>
    joinBlocks([`${index + 1}. ${step.title}`, step.description]),
  )
  const documents = (procedure.requiredDocuments ?? []).map((entry) => `- ${entry.document}`).join('\n')
  return {
    ...base('procedures', procedure.id, context),
    isOfficial: true,
    isValidated: false,
    score: 0,
    text: joinBlocks([
      procedure.summary,
      ...steps,
      documents,
      procedure.cost ? `Coût : ${procedure.cost}` : null,
      procedure.delay ? `Délai : ${procedure.delay}` : null,
    ]),
    title: procedure.title,
    updatedAt: epochMs(procedure.updatedAt),
    url: urls.procedureUrl(procedure.slug),
  }
}

/**
 * The published version of a guide; null for a guide never published or
 * unpublished. Give it the main record (`draft: false`), which holds the
 * published version even while an edit waits for review. A verification
 * counts while the guide has not changed since.
 */
export const guideDocument = ({
  guide,
  procedure,
  urls,
}: {
  guide: GuideRecord
  procedure: ProcedureContext | null
  urls: KnowledgeUrls
}): KnowledgeDocument | null => {
  if (guide._status !== 'published' || !procedure) return null
  return {
    ...base('guides', guide.id, procedure),
    isOfficial: false,
    isValidated: Boolean(guide.verifiedAt) && guide.needsReview !== true,
    score: scoreOf(guide.score),
    text: lexicalToPlainText(guide.body),
    title: guide.title,
    updatedAt: epochMs(guide.updatedAt),
    url: `${urls.procedureUrl(procedure.slug)}#entraide-guide`,
  }
}

/** A published official wiki page; null for drafts. */
export const wikiPageDocument = ({
  page,
  procedure,
  urls,
}: {
  page: WikiPageRecord
  procedure: ProcedureContext | null
  urls: KnowledgeUrls
}): KnowledgeDocument | null => {
  if (page._status !== 'published') return null
  const url = procedure
    ? `${urls.procedureUrl(procedure.slug)}#entraide-wiki-${page.id}`
    : (urls.wikiPageUrl({ id: page.id, slug: page.slug }) ?? '')
  return {
    ...base('wiki-pages', page.id, procedure),
    isOfficial: true,
    isValidated: false,
    score: 0,
    text: lexicalToPlainText(page.body),
    title: page.title,
    updatedAt: epochMs(page.updatedAt),
    url,
  }
}

/** A published tip, titled by its first words; null when pending or hidden. */
export const tipDocument = ({
  procedure,
  tip,
  urls,
}: {
  tip: TipRecord
  procedure: ProcedureContext | null
  urls: KnowledgeUrls
}): KnowledgeDocument | null => {
  if (!isPublic(tip) || !procedure) return null
  const text = tip.body.trim()
  return {
    ...base('tips', tip.id, procedure),
    isOfficial: false,
    isValidated: Boolean(tip.validatedAt) && tip.needsReview !== true,
    score: scoreOf(tip.score),
    text,
    title: excerpt(text),
    updatedAt: epochMs(tip.updatedAt),
    url: `${urls.procedureUrl(procedure.slug)}#entraide-tip-${tip.id}`,
  }
}

/**
 * A published question with the text of its accepted answer and of its
 * validated answers (published ones only), so that a reader's words match
 * the answer as well as the question; null when pending or hidden. Validated
 * when one of those answers is.
 */
export const threadDocument = ({
  answers,
  procedure,
  thread,
  urls,
}: {
  thread: ThreadRecord
  /** The thread's answers; others are ignored, so any superset will do. */
  answers: readonly AnswerRecord[]
  procedure: ProcedureContext | null
  urls: KnowledgeUrls
}): KnowledgeDocument | null => {
  if (!isPublic(thread) || !procedure) return null
  const acceptedId = idOf(thread.acceptedAnswer)
  const included = answers.filter(
    (answer) =>
      isPublic(answer) && (answer.isAccepted === true || answer.id === acceptedId || Boolean(answer.validatedAt)),
  )
  // The accepted answer first, then validated ones by age, so the text reads as the page does.
  const ordered = [...included].sort((left, right) => {
    const leftAccepted = left.isAccepted === true || left.id === acceptedId
    const rightAccepted = right.isAccepted === true || right.id === acceptedId
    if (leftAccepted !== rightAccepted) return leftAccepted ? -1 : 1
    return epochMs(left.updatedAt) - epochMs(right.updatedAt)
  })
  return {
    ...base('threads', thread.id, procedure),
    isOfficial: false,
    isValidated: included.some((answer) => Boolean(answer.validatedAt) && answer.needsReview !== true),
    score: scoreOf(thread.score),
    text: joinBlocks([thread.body, ...ordered.map((answer) => answer.body)]),
    title: thread.title,
    updatedAt: Math.max(epochMs(thread.updatedAt), ...included.map((answer) => epochMs(answer.updatedAt))),
    url: `${urls.procedureUrl(procedure.slug)}#entraide-thread-${thread.id}`,
  }
}
