import type { PayloadRequest, Where } from 'payload'
import { z } from 'zod'

import { ForbiddenActionError } from '../errors.ts'
import { reverifiedCollections, type ReverifiedCollection } from '../fields/reverification.ts'
import { agencyScopeOf } from '../policies/contributions.ts'
import type { Actor } from '../policies/roles.ts'
import { idKey, isSameId, type ID } from '../utilities/ids.ts'
import type { ReviewReason } from './documents.ts'
import { findDocs, findFields } from './local.ts'
import { storedChanges, type ProcedureChange } from './procedureChanges.ts'

/** One item waiting for re-verification, as the queue lists it. */
export type ReverifyQueueItem = {
  collection: ReverifiedCollection
  id: ID
  /** A guide's or a page's title; the beginning of an answer's or a tip's text. */
  title: string
  procedure: { id: ID; title: string; slug: string } | null
  reason: ReviewReason | null
  changes: ProcedureChange[]
  flaggedAt: string | null
}

/** Most items listed per collection; `totals` says how many wait in all. */
const perCollection = 100

const excerpt = (text: string): string => (text.length > 140 ? `${text.slice(0, 139).trimEnd()}…` : text)

const procedureRow = z.object({ id: z.union([z.string(), z.number()]), title: z.string(), slug: z.string() })

/**
 * The guides, wiki pages, answers and tips waiting for re-verification that
 * the actor may re-verify, oldest first: an agent sees their agency's
 * procedures only, an editor every agency (or the one asked for); a wiki
 * page attached to no procedure is for editors only. 403 for anyone else,
 * and for an agent asking for another agency.
 */
export const loadReverifyQueue = async ({
  actor,
  agency,
  req,
}: {
  req: PayloadRequest
  actor: Actor
  agency: ID | null
}): Promise<{ items: ReverifyQueueItem[]; totals: Record<ReverifiedCollection, number> }> => {
  const scope = agencyScopeOf(actor)
  if (scope.kind === 'none') {
    throw new ForbiddenActionError('Only public agents of an agency, editors and admins have a queue of items to re-verify.')
  }
  if (scope.kind === 'agency' && agency !== null && !isSameId(agency, scope.agency)) {
    throw new ForbiddenActionError('As an agent you can only see the items to re-verify of your own agency.')
  }
  const wanted = scope.kind === 'agency' ? scope.agency : agency
  const procedures = await findFields({
    collection: 'procedures',
    req,
    schema: procedureRow,
    select: { slug: true, title: true },
    where: wanted === null ? undefined : { agency: { equals: wanted } },
  })
  const byKey = new Map(procedures.map((procedure) => [String(procedure.id), procedure]))
  const ofScope: Where | null =
    wanted === null ? null : { procedure: { in: procedures.map((procedure) => procedure.id) } }
  const waiting: Where = { needsReview: { equals: true } }
  const totals: Record<ReverifiedCollection, number> = { answers: 0, guides: 0, tips: 0, 'wiki-pages': 0 }
  const items: ReverifyQueueItem[] = []
  if (wanted !== null && procedures.length === 0) return { items, totals }
  for (const collection of reverifiedCollections) {
    const { docs, totalDocs } = await findDocs({
      collection,
      limit: perCollection,
      req,
      sort: 'reviewFlaggedAt',
      where: ofScope === null ? waiting : { and: [waiting, ofScope] },
    })
    totals[collection] = totalDocs
    for (const doc of docs) {
      const key = idKey(doc.procedure)
      const procedure = key === null ? undefined : byKey.get(key)
      items.push({
        changes: storedChanges(doc.reviewChanges),
        collection,
        flaggedAt: doc.reviewFlaggedAt,
        id: doc.id,
        procedure: procedure ? { id: procedure.id, slug: procedure.slug, title: procedure.title } : null,
        reason: doc.reviewReason,
        title: 'title' in doc ? doc.title : excerpt(doc.body),
      })
    }
  }
  items.sort((a, b) => (a.flaggedAt ?? '').localeCompare(b.flaggedAt ?? ''))
  return { items, totals }
}
