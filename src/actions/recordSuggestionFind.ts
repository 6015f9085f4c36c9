import type { PayloadRequest } from 'payload'

import { suggestionFindsSlug } from '../collections/SuggestionFinds.ts'
import { InvalidInputError, NotFoundError } from '../errors.ts'
import { normalizeSearchQuery } from '../search/queryLog.ts'
import { parseIdFor, type ID } from '../utilities/ids.ts'
import { findVisible } from './load.ts'

/** The collections whose items the widget suggests to someone asking a question, by their search index prefix. */
const suggestedCollections = { threads: 'question', 'wiki-pages': 'wiki page' } as const
type SuggestedCollection = keyof typeof suggestedCollections

const maxTitleLength = 200
const bodyFields = ['document', 'title'] as const
const documentPattern = /^(threads|wiki-pages)-(.{1,100})$/

const isSuggestedCollection = (value: string | undefined): value is SuggestedCollection =>
  value === 'threads' || value === 'wiki-pages'

/** A chosen suggestion, checked: the item's collection and id, and the title that was being typed. */
export type SuggestionFindInput = { collection: SuggestedCollection; rawId: string; title: string }

/**
 * Reads `{ "document": "threads-<id>" | "wiki-pages-<id>", "title": string }`:
 * the search index id of the chosen suggestion (as search hits name it) and
 * the question title being typed (1 to 200 characters).
 * @throws InvalidInputError (400) naming the field and what it accepts.
 */
export const parseSuggestionFind = (body: Record<string, unknown>): SuggestionFindInput => {
  for (const field of Object.keys(body)) {
    if (!bodyFields.some((known) => known === field)) {
      throw new InvalidInputError(`Unknown field "${field}"; send ${bodyFields.join(' and ')}.`, field)
    }
  }
  const { document, title } = body
  const match = typeof document === 'string' ? documentPattern.exec(document) : null
  const collection = match?.[1]
  const rawId = match?.[2]
  if (!isSuggestedCollection(collection) || rawId === undefined) {
    throw new InvalidInputError(
      '"document" must be the search id of a question or an official page, as search hits give it: "threads-<id>" or "wiki-pages-<id>".',
      'document',
    )
  }
  if (typeof title !== 'string' || title.trim() === '') {
    throw new InvalidInputError('"title" is required: the question title being typed when the suggestion was chosen.', 'title')
  }
  if (title.length > maxTitleLength) {
    throw new InvalidInputError(`"title" is longer than ${maxTitleLength} characters.`, 'title')
  }
  return { collection, rawId, title }
}

/**
 * Records that someone typing a question chose an existing question or
 * official page instead: the item (which the caller must be able to see), its
 * procedure, and the title typed in the form search queries are kept in
 * (personal identifiers replaced by their kind). Nothing about who chose it.
 * @throws NotFoundError (404) when there is no such item the caller may see.
 */
export const recordSuggestionFind = async ({
  input,
  req,
}: {
  req: PayloadRequest
  input: SuggestionFindInput
}): Promise<{ target: string; procedure: ID | null }> => {
  const what = suggestedCollections[input.collection]
  const id = parseIdFor(req.payload, input.collection, input.rawId)
  if (id === null) throw new NotFoundError(what, input.rawId)
  const item = await findVisible({ collection: input.collection, id, req })
  if (!item) throw new NotFoundError(what, input.rawId)
  const target = `${input.collection}-${String(item.id)}`
  await req.payload.create({
    collection: suggestionFindsSlug,
    data: { procedure: item.procedure, target, title: normalizeSearchQuery(input.title) || '-' },
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { procedure: item.procedure, target }
}
