import type { PayloadRequest } from 'payload'

import type { GuideDoc, GuideProposalDoc } from './documents.ts'
import { findDocByID } from './local.ts'
import { ConflictError, NotFoundError } from '../errors.ts'
import { guideLines, lexicalFromLines, mergeLines, type MergeConflict } from '../utilities/guideText.ts'
import type { ID } from '../utilities/ids.ts'

/** The request context key naming the person a published guide revision is attributed to. */
export const guideEditorKey = 'entraideGuideEditor'

/**
 * The guide as readers see it: its published record, read with system
 * rights. 404 when there is no such guide, 409 while it has never been
 * published (there is nothing yet to propose an edit of).
 */
export const loadPublishedGuide = async ({ guideId, req }: { req: PayloadRequest; guideId: ID }): Promise<GuideDoc> => {
  const guide = await findDocByID({ collection: 'guides', draft: false, id: guideId, req })
  if (!guide) throw new NotFoundError('guide', String(guideId))
  if (guide._status !== 'published')
    throw new ConflictError('This guide has not been published yet: there is no text to propose an edit of.')
  return guide
}

/** A title and a text, one block a line. */
export type GuideText = { title: string; lines: string[] }

/** The proposal's base, the published guide and the proposal, and the proposal re-applied onto the published text. */
export type GuideProposalComparison = {
  /** The published text is no longer the one the proposal started from. */
  isStale: boolean
  base: GuideText
  current: GuideText
  proposal: GuideText
  /** The proposal's changes re-applied onto the published text; `conflicts` lists where both changed the same place. */
  merged: GuideText & { conflicts: MergeConflict[] }
}

const splitText = (text: string | null): string[] => (text === null || text === '' ? [] : text.split('\n'))

/** Compares a proposal with the published guide (see `GuideProposalComparison`). */
export const compareWithPublished = (proposal: GuideProposalDoc, published: GuideDoc): GuideProposalComparison => {
  const base: GuideText = { lines: splitText(proposal.baseText), title: proposal.baseTitle ?? '' }
  const current: GuideText = { lines: guideLines(published.body), title: published.title }
  const proposed: GuideText = { lines: guideLines(proposal.body), title: proposal.title }
  const isStale = base.title !== current.title || base.lines.join('\n') !== current.lines.join('\n')
  const body = mergeLines(base.lines, current.lines, proposed.lines)
  const titleConflicts: MergeConflict[] = []
  let title = current.title
  if (current.title === base.title) title = proposed.title
  else if (proposed.title !== base.title && proposed.title !== current.title) {
    titleConflicts.push({ base: [base.title], current: [current.title], proposal: [proposed.title] })
  }
  return {
    base,
    current,
    isStale,
    merged: { conflicts: [...titleConflicts, ...body.conflicts], lines: body.lines, title },
    proposal: proposed,
  }
}

/** The Lexical value of merged lines, taking back the nodes of the published and proposed texts. */
export const mergedBody = (lines: readonly string[], proposal: GuideProposalDoc, published: GuideDoc): unknown =>
  lexicalFromLines(lines, [proposal.body, published.body])
