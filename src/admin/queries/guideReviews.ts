import type { PayloadRequest, Where } from 'payload'

import { procedureScope } from '../../data/procedureScope.ts'

import { ForbiddenActionError } from '../../errors.ts'
import { canReviewContributions } from '../../policies/contributions.ts'
import { actorFromRequest } from '../../policies/roles.ts'
import { lexicalToPlainText } from '../../search/text.ts'
import { idOf, isRecord, type ID } from '../../utilities/ids.ts'
import { diffText, type DiffLine } from '../textDiff.ts'
import { displayNames, nameIn } from './people.ts'
import { procedureTitles } from './scope.ts'

/** Most draft revisions read per guide to find who edited since the published version. */
const revisionsRead = 50

/** A guide whose latest revision is a draft waiting for a reviewer. */
export type GuideEditForReview = {
  guideId: ID
  title: string
  procedure: string | null
  /** The latest draft revision (Payload version id). */
  draftVersionId: ID
  editedAt: string
  /** Who wrote the draft revisions since the published version, most recent first. */
  editors: string[]
  /** The published revision compared against; null when the guide was never published. */
  publishedVersionId: ID | null
  publishedAt: string | null
  titleChange: { from: string; to: string } | null
  /** Plain-text diff of the body, published → draft. */
  diff: DiffLine[]
}

type VersionDoc = { id: ID; updatedAt: string; version: Record<string, unknown> }

const toVersion = (doc: { id: unknown; updatedAt: string; version: unknown }): VersionDoc | null =>
  isRecord(doc.version) ? { id: String(doc.id), updatedAt: doc.updatedAt, version: doc.version } : null

/** The revisions of one guide newest first, up to and including the last published one. */
const revisionsSincePublished = async (
  req: PayloadRequest,
  guideId: ID,
): Promise<{ drafts: VersionDoc[]; published: VersionDoc | null }> => {
  const { docs } = await req.payload.findVersions({
    collection: 'guides',
    depth: 0,
    limit: revisionsRead,
    overrideAccess: false,
    req,
    sort: '-updatedAt',
    user: req.user,
    where: { parent: { equals: guideId } },
  })
  const drafts: VersionDoc[] = []
  for (const doc of docs) {
    const version = toVersion(doc)
    if (!version) continue
    if (version.version._status === 'published') return { drafts, published: version }
    drafts.push(version)
  }
  return { drafts, published: null }
}

/**
 * The latest draft revisions the signed-in person may publish or reject
 * (`canReviewGuideEdit`): all for editors and admins, those of their agency's
 * procedures for an agent; null when there are none.
 */
const reviewableDrafts = async (req: PayloadRequest): Promise<Where | null> => {
  const actor = actorFromRequest(req)
  const waiting: Where[] = [{ latest: { equals: true } }, { 'version._status': { equals: 'draft' } }]
  const scope = await procedureScope({ actor, req })
  if (scope === null) return { and: waiting }
  if (scope.length === 0) return null
  return { and: [...waiting, { 'version.procedure': { in: scope } }] }
}

/**
 * Guides whose latest revision is a draft newer than the published version —
 * edits waiting for an agent or editor — with who edited, when, and a
 * plain-text diff against the published version. Oldest waiting first. An
 * agent sees the guides of their agency's procedures only.
 */
export const findGuideEditsAwaitingReview = async ({
  req,
}: {
  req: PayloadRequest
}): Promise<GuideEditForReview[]> => {
  if (!canReviewContributions(actorFromRequest(req))) {
    throw new ForbiddenActionError('Only public agents, editors and admins review guide edits.')
  }
  const where = await reviewableDrafts(req)
  if (where === null) return []
  const { docs: latestDrafts } = await req.payload.findVersions({
    collection: 'guides',
    depth: 0,
    limit: 100,
    overrideAccess: false,
    req,
    sort: 'updatedAt',
    user: req.user,
    where,
  })
  const reviews = await Promise.all(
    latestDrafts.map(async (doc) => {
      const latest = toVersion(doc)
      const guideId = idOf(doc.parent)
      if (!latest || guideId === null) return null
      const { drafts, published } = await revisionsSincePublished(req, guideId)
      return { drafts: drafts.length > 0 ? drafts : [latest], guideId, latest, published }
    }),
  )
  const found = reviews.filter((review) => review !== null)
  const [names, titles] = await Promise.all([
    displayNames({ ids: found.flatMap((review) => review.drafts.map((draft) => draft.version.lastEditedBy)), req }),
    procedureTitles({ ids: found.map((review) => review.latest.version.procedure), req }),
  ])
  return found.map(({ drafts, guideId, latest, published }): GuideEditForReview => {
    const draftTitle = String(latest.version.title ?? '')
    const publishedTitle = published ? String(published.version.title ?? '') : null
    const procedureId = idOf(latest.version.procedure)
    const editors = drafts
      .map((draft) => nameIn(names, draft.version.lastEditedBy))
      .filter((name): name is string => name !== null)
    return {
      diff: diffText(lexicalToPlainText(published?.version.body), lexicalToPlainText(latest.version.body)),
      draftVersionId: latest.id,
      editedAt: latest.updatedAt,
      editors: [...new Set(editors)],
      guideId,
      procedure: procedureId === null ? null : (titles.get(String(procedureId)) ?? null),
      publishedAt: published?.updatedAt ?? null,
      publishedVersionId: published?.id ?? null,
      title: draftTitle,
      titleChange: publishedTitle !== null && publishedTitle !== draftTitle ? { from: publishedTitle, to: draftTitle } : null,
    }
  })
}

/** How many guides have an edit waiting for review (for the dashboard). */
export const countGuideEditsAwaitingReview = async ({ req }: { req: PayloadRequest }): Promise<number> => {
  const where = await reviewableDrafts(req)
  if (where === null) return 0
  const { totalDocs } = await req.payload.findVersions({
    collection: 'guides',
    depth: 0,
    limit: 1,
    overrideAccess: false,
    req,
    user: req.user,
    where,
  })
  return totalDocs
}
